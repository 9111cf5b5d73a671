"""traslado: decide and explain the transfer of a sentenced person under the encoded instruments.

Exit codes: 0 the command did its job; 2 bad input (an unreadable or invalid case, an unknown
instrument or provision), with a message naming the file and field.
"""

from __future__ import annotations

import json
import sys

import click

LANGS = click.Choice(["en", "es", "fr"])


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: traslado check examples/mx-pe-eligible.yaml",
)
@click.version_option(package_name="traslado")
def main() -> None:
    """Decide and explain the transfer of a sentenced person, article by article."""


@main.command()
@click.argument("case_file", metavar="CASE", type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Evaluate only this instrument (repeatable)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of labels and quotes; a translation is shown beside the authentic text.",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="PATH=VALUE",
    help="A hypothetical change to the case, without editing the file (repeatable; null = unknown).",
)
def check(case_file: str, instruments: tuple[str, ...], fmt: str, lang: str, overrides: tuple[str, ...]) -> None:
    """Decide CASE (a YAML or JSON file) under each instrument and explain why.

    \b
    Examples:
      traslado check examples/mx-pe-eligible.yaml
      traslado check examples/cets-es-mx-blocked.yaml --instrument coe-cets-112 --lang es
      traslado check case.json --format json
      traslado check examples/mx-pe-blocked-six-months.yaml --set sentence.end_date=2026-09-02
    """
    from engine.case import CaseError, load_case_file
    from engine.kb import load_kb
    from engine.solve import UnknownInstrument, evaluate

    try:
        case = load_case_file(case_file, overrides)
    except CaseError as error:
        fail(str(error))
    kb = load_kb()
    try:
        result = evaluate(case, list(instruments) or None, kb, lang)
    except UnknownInstrument as error:
        fail(str(error))
    if fmt == "json":
        from engine.render.jsonout import case_json

        click.echo(json.dumps(case_json(result, kb), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from engine.render.markdown import render_case

        click.echo(render_case(kb, result, lang), nl=False)
    else:
        from engine.render.text import render_case

        click.echo(render_case(kb, result, lang, click.style), nl=False)


@main.command()
@click.argument("instrument")
@click.argument("article")
@click.argument("paragraph", required=False)
@click.argument("item", required=False)
@click.option("--lang", type=LANGS, default=None, help="Language (default: the authentic one).")
def show(instrument: str, article: str, paragraph: str | None, item: str | None, lang: str | None) -> None:
    """Print the text of an article, paragraph or item with its citation label.

    \b
    Examples:
      traslado show mx-pe-2002 III 2
      traslado show coe-cets-112 3 1 c --lang es
      traslado show mx-sv-1993 5
    """
    import textwrap

    from engine.kb import load_kb
    from engine.provisions import NoSuchProvision, find

    kb = load_kb()
    try:
        provisions = find(kb, instrument, article, paragraph, item)
    except NoSuchProvision as error:
        fail(str(error))
    inst = kb.instrument(instrument)
    held = sorted({code for p in provisions for code in p.text})
    lang = lang or next(iter(inst["authentic"] + held), "en")
    if not any(lang in p.text or lang in p.heading for p in provisions):
        fail(f"{instrument} has no {lang} text for this provision; languages held: {', '.join(held)}")
    if lang in inst["authentic"]:
        status = "authentic"
    elif inst["authentic"]:
        status = "translation; authentic: " + ", ".join(inst["authentic"])
    else:
        status = "authentic languages not in the sources held"
    for provision in provisions:
        indent = "  " * provision.depth
        label = kb.cite_label(provision.citation, lang)
        heading = provision.heading.get(lang)
        click.echo(
            click.style(f"{indent}{label}" + (f": {heading}" if heading else "") + f" [{lang}, {status}]", bold=True)
        )
        text = provision.text.get(lang)
        if text:
            click.echo(textwrap.fill(text, 100, initial_indent=indent + "  ", subsequent_indent=indent + "  "))
        for note in provision.notes:
            click.echo(
                textwrap.fill("Note: " + note, 100, initial_indent=indent + "  ", subsequent_indent=indent + "    ")
            )


@main.command()
@click.option("--between", nargs=2, metavar="STATE STATE", help="Only what binds these two states (ISO codes).")
@click.option("--on", "on_date", metavar="DATE", help="The date to check (YYYY-MM-DD; default today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def instruments(between: tuple[str, str] | None, on_date: str | None, fmt: str) -> None:
    """List the instruments in the knowledge base with titles and dates.

    With --between, say for each instrument whether it binds the two states on the date, and why,
    with the source of every party fact.

    \b
    Examples:
      traslado instruments
      traslado instruments --between MX US --on 2026-03-01
    """
    from engine.kb import load_kb

    kb = load_kb()
    if between:
        _instruments_between(kb, between, on_date, fmt)
        return
    rows = [
        {
            "id": ident,
            "short_name": kb.short_name(ident),
            "title": inst["title"].get("en") or next(iter(inst["title"].values()), ""),
            "signed": inst["signed"],
            "place": inst["place"].get("en"),
            "in_force": inst["in_force"],
            "unts": inst["unts"],
            "series": inst["series"],
            "authentic": inst["authentic"],
        }
        for ident, inst in kb.instruments.items()
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(click.style(f"{row['id']}  {row['short_name']}", bold=True))
        click.echo(f"  {row['title']}")
        facts = [
            f"signed {row['place']}, {row['signed']}" if row["signed"] else None,
            f"in force {row['in_force']}" if row["in_force"] else "entry into force: not in the sources",
            f"UNTS {row['unts']}" if row["unts"] else None,
            row["series"],
            "authentic: " + ", ".join(row["authentic"]),
        ]
        click.echo("  " + "; ".join(f for f in facts if f))


def _instruments_between(kb, states: tuple[str, str], on_date: str | None, fmt: str) -> None:
    from datetime import date

    from engine.case import CaseError, case_from_mapping
    from engine.solve import evaluate

    data = {
        "id": f"{states[0]}-{states[1]}",
        "sentencing_state": states[0],
        "administering_state": states[1],
        "request_date": on_date or date.today().isoformat(),
    }
    try:
        pair = case_from_mapping(data, "--between/--on")
    except CaseError as error:
        fail(str(error))
    results = evaluate(pair, None, kb).results
    if fmt == "json":
        from engine.render.jsonout import applicability_json

        rows = [{"instrument": r.instrument, **applicability_json(r.applicability)} for r in results]
        click.echo(json.dumps({"states": list(states), "on": data["request_date"], "instruments": rows}, indent=2))
        return
    click.echo(click.style(f"Instruments between {states[0]} and {states[1]} on {data['request_date']}", bold=True))
    words = {"binds": "BINDS", "does_not_bind": "does not bind", "unknown": "UNKNOWN (party data incomplete)"}
    for result in sorted(results, key=lambda r: ("binds", "unknown", "does_not_bind").index(r.applicability.status)):
        click.echo(f"{result.instrument}  {kb.short_name(result.instrument)}: {words[result.applicability.status]}")
        for reason in result.applicability.reasons:
            click.echo(f"    - {reason.text} (source: {reason.source})")


if __name__ == "__main__":
    main()
