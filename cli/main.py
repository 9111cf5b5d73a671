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
    from engine.kb import load_kb
    from engine.solve import UnknownInstrument, evaluate

    case = _load_or_fail(case_file, overrides)
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


def _load_or_fail(case_file: str, overrides: tuple[str, ...] = ()):
    from engine.case import CaseError, load_case_file

    try:
        return load_case_file(case_file, overrides)
    except CaseError as error:
        fail(str(error))


@main.command()
@click.argument("case_file", metavar="CASE", type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument (repeatable)."
)
@click.option("--max-changes", type=click.IntRange(min=1), default=None, help="Propose at most N changes.")
@click.option("--all-facts", is_flag=True, help="Also change facts nobody can act on (nationality, offence, sentence).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--set", "overrides", multiple=True, metavar="PATH=VALUE", help="A hypothetical fact (repeatable).")
def whatif(
    case_file: str,
    instruments: tuple[str, ...],
    max_changes: int | None,
    all_facts: bool,
    fmt: str,
    lang: str,
    overrides: tuple[str, ...],
) -> None:
    """What would have to change for each instrument that is not eligible.

    The smallest sets of changes, found by optimisation over the rules `check` applies, each change
    with the article it satisfies. Only facts the person or the states can act on are changed (consent,
    payment, renouncing an appeal, the states' agreement), unless --all-facts; unknown facts may be
    established either way. A block no allowed change can lift is reported with its article.

    \b
    Examples:
      traslado whatif examples/mx-pe-blocked-fines.yaml
      traslado whatif examples/mx-pe-undetermined.yaml -i mx-pe-2002 --format json
      traslado whatif examples/cets-es-mx-blocked.yaml --all-facts
    """
    from engine.kb import load_kb
    from engine.solve import UnknownInstrument, evaluate
    from engine.whatif import what_if

    case = _load_or_fail(case_file, overrides)
    kb = load_kb()
    try:
        checked = evaluate(case, list(instruments) or None, kb, lang).results
    except UnknownInstrument as error:
        fail(str(error))
    targets = [r.instrument for r in checked if r.decision not in ("eligible", "not_applicable")]
    plans = [what_if(case, t, kb, all_facts=all_facts, max_changes=max_changes, lang=lang) for t in targets]
    from engine.render import plans as render

    if fmt == "json":
        data = {"case": case.id, "eligible": [r.instrument for r in checked if r.decision == "eligible"]}
        data["plans"] = [render.whatif_json(p) for p in plans]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    markdown = fmt == "markdown"
    click.echo(
        f"# What would change the answer: case `{case.id}`\n"
        if markdown
        else f"What would change the answer: case {case.id}"
    )
    eligible = [kb.short_name(r.instrument, lang) for r in checked if r.decision == "eligible"]
    if eligible:
        click.echo(f"Already eligible: {', '.join(eligible)}\n")
    if not plans:
        click.echo("No instrument that applies is blocked or undetermined.")
    for plan in plans:
        lines = render.whatif_markdown(kb, plan, lang) if markdown else render.whatif_text(kb, plan, lang) + [""]
        click.echo("\n".join(lines))


@main.command()
@click.argument("case_file", metavar="CASE", type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Consider this instrument (repeatable)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--set", "overrides", multiple=True, metavar="PATH=VALUE", help="A hypothetical fact (repeatable).")
def routes(case_file: str, instruments: tuple[str, ...], fmt: str, lang: str, overrides: tuple[str, ...]) -> None:
    """Rank the instruments the transfer could go under.

    Eligible first, then undetermined, then blocked with the fewest actionable changes, then blocked
    for good, then instruments that bind but are not encoded. Domestic law that conditions every
    transfer to or from a state (18 U.S.C. § 4100) is counted on every route.

    \b
    Examples:
      traslado routes examples/mx-us-seed-route.yaml
      traslado routes examples/mx-pe-blocked-fines.yaml --format json
    """
    from engine.kb import load_kb
    from engine.render import plans as render
    from engine.routes import rank
    from engine.solve import UnknownInstrument

    case = _load_or_fail(case_file, overrides)
    kb = load_kb()
    try:
        ranked = rank(case, list(instruments) or None, kb, lang)
    except UnknownInstrument as error:
        fail(str(error))
    if fmt == "json":
        click.echo(json.dumps(render.routes_json(ranked), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render.routes_text(kb, ranked, lang)))


@main.command()
@click.argument("instruments", nargs=-1, metavar="[ID]...")
@click.option(
    "--topic", "topics", multiple=True, metavar="TOPIC", help="A requirement kind or provision topic (repeatable)."
)
@click.option("--only-differences", is_flag=True, help="Drop rows where every instrument says the same.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "csv", "json", "html"]), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
def compare(
    instruments: tuple[str, ...],
    topics: tuple[str, ...],
    only_differences: bool,
    lang: str,
    fmt: str,
    output: str | None,
) -> None:
    """Compare instruments side by side: requirements and provisions, with citations.

    Generated from the rules `check` applies, never written by hand. Rows are requirement kinds and
    provision topics; each cell is the rule in a few words with the articles it rests on.

    \b
    Examples:
      traslado compare
      traslado compare coe-cets-112 mx-pe-2002 --topic remaining_term --topic enforcement_mode
      traslado compare --only-differences --format html -o comparison.html
    """
    from engine.compare import compare as build
    from engine.kb import load_kb
    from engine.render import table

    kb = load_kb()
    unknown = [i for i in instruments if i not in kb.instruments]
    if unknown:
        fail(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    known_topics = set(kb.data["concepts"])
    bad = [t for t in topics if t not in known_topics]
    if bad:
        fail(f"unknown topic {', '.join(bad)}: see `traslado rules --help` for the requirement kinds and topics")
    comparison = build(kb, list(instruments) or None, list(topics) or None, only_differences, lang)
    if fmt == "json":
        text = json.dumps(table.as_json(kb, comparison), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = table.as_csv(kb, comparison)
    elif fmt == "markdown":
        text = table.as_markdown(kb, comparison)
    elif fmt == "html":
        text = table.as_html(kb, comparison)
    else:
        text = table.as_rich(kb, comparison)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command()
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument (repeatable)."
)
@click.option("--requirement", "requirements", multiple=True, metavar="KIND", help="Only this requirement kind.")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC", help="Only this provision topic.")
@click.option("--search", metavar="TEXT", help="Words to find in the quoted texts (any language) and labels.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(instruments, requirements, topics, search, lang, fmt) -> None:
    """List the rules (requirements, provisions, considerations) with citations and quotes.

    \b
    Examples:
      traslado rules --requirement financial_obligations
      traslado rules --topic enforcement_mode
      traslado rules --search consentimiento --instrument mx-pe-2002
    """
    from engine.kb import load_kb
    from engine.ruleview import find_rules, rules_json, rules_text

    kb = load_kb()
    unknown = [i for i in instruments if i not in kb.instruments]
    if unknown:
        fail(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    bad = [k for k in (*requirements, *topics) if k not in kb.data["concepts"]]
    if bad:
        fail(f"unknown requirement kind or topic {', '.join(bad)}")
    found = find_rules(kb, list(instruments), list(requirements), list(topics), search)
    if fmt == "json":
        click.echo(json.dumps(rules_json(kb, found, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(rules_text(kb, found, lang) or "No rule matches.")


@main.command()
@click.argument("sparql", metavar="SPARQL_OR_FILE")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def query(sparql: str, fmt: str) -> None:
    """Run a SPARQL query over the whole knowledge graph (texts, parties, rules, provisions).

    \b
    Examples:
      traslado query docs/queries/fines-settled.rq
      traslado query 'SELECT ?i WHERE { ?i a <https://w3id.org/traslado/vocab#Instrument> }' --format csv
    """
    import os

    from engine.kb import load_kb
    from engine.sparql import QueryError, run_query

    text = sparql
    if os.path.isfile(sparql):
        with open(sparql, encoding="utf-8") as handle:
            text = handle.read()
    try:
        columns, rows = run_query(load_kb(), text)
    except QueryError as error:
        fail(str(error))
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
    else:
        from engine.render.table import query_table

        click.echo(query_table(columns, rows), nl=False)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["turtle", "json-ld", "n-triples"]), default="turtle", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file (default: stdout)."
)
def export(fmt: str, output: str | None) -> None:
    """Export the whole knowledge graph, rules included, for a triple store or SPARQL endpoint.

    \b
    Examples:
      traslado export -o traslado.ttl
      traslado export --format n-triples -o traslado.nt
    """
    from engine.graph import knowledge_graph
    from engine.kb import load_kb

    data = knowledge_graph(load_kb()).serialize(format={"n-triples": "nt"}.get(fmt, fmt))
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(data)
        click.echo(f"wrote {output}")
    else:
        click.echo(data, nl=False)


@main.command(name="coverage")
@click.option("--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def coverage_command(instruments: tuple[str, ...], fmt: str) -> None:
    """Say, per instrument, which articles are encoded and why the others are not.

    \b
    Example:
      traslado coverage -i mx-pe-2002
    """
    from collections import Counter

    from engine.coverage import coverage
    from engine.kb import load_kb

    rows = [r for r in coverage(load_kb()) if not instruments or r.instrument in instruments]
    if fmt == "json":
        click.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return
    for ident in dict.fromkeys(r.instrument for r in rows):
        mine = [r for r in rows if r.instrument == ident]
        counts = Counter(r.status for r in mine)
        click.echo(
            click.style(f"{ident}: " + ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()), bold=True)
        )
        for r in mine:
            if r.status != "encoded":
                click.echo(f"  {r.label}: {r.status.replace('_', ' ')}: {r.detail}")


@main.command()
@click.argument("source", metavar="INPUT", type=click.Path(exists=True))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write records here (default: stdout)."
)
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument (repeatable)."
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option(
    "--summary", "summary_file", type=click.Path(dir_okay=False, writable=True), help="Write the summary as JSON."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table.")
def batch(source, output, instruments, workers, fmt, summary_file, quiet) -> None:
    """Evaluate many cases: a JSON Lines file, a CSV with dotted columns, or a folder of case files.

    One record per case, in input order: the same JSON as `check`, or the errors that rejected it.
    A bad case never stops or loses the others. Exit 0 if every case was evaluated, 1 if any was
    rejected, 2 if the input itself could not be read.

    \b
    Examples:
      traslado batch cases.jsonl -o results.jsonl --workers 2
      traslado batch prisoners.csv --format csv -o screening.csv
      traslado batch examples/ --instrument coe-cets-112
    """
    import sys
    from pathlib import Path

    from engine.batchrun import run_batch

    try:
        summary = run_batch(Path(source), output, list(instruments) or None, workers, fmt, quiet)
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{source}: cannot read the input: {error}")
    if summary_file:
        with open(summary_file, "w", encoding="utf-8") as handle:
            json.dump(summary.to_json(), handle, indent=2)
    if not quiet:
        from engine.batchrun import print_summary

        print_summary(summary)
    sys.exit(1 if summary.rejected else 0)


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
