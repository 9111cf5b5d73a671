"""Commands about the rules and texts: compare, rules, query, export, coverage, show, instruments."""

from __future__ import annotations

import json

import click
from traslado.cli.common import (
    LANGS,
    check_output_path,
    fail,
    kb_with_readings,
    reading_options,
    terminal_width,
    write_output,
)


@click.command()
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
@reading_options
def compare(
    instruments: tuple[str, ...],
    topics: tuple[str, ...],
    only_differences: bool,
    lang: str,
    fmt: str,
    output: str | None,
    reading_pairs: tuple[str, ...],
    profile: str | None,
) -> None:
    """Compare instruments side by side: requirements and provisions, with citations.

    Generated from the rules `check` applies, never written by hand. Rows are requirement kinds and
    provision topics; each cell is the rule in a few words with the articles it rests on.

    \b
    Examples:
      traslado compare
      traslado compare coe-cets-112 mx-pe-2002 --topic remaining_term --topic enforcement_mode
      traslado compare --only-differences --format html -o comparison.html
      traslado compare mx-lnep-54 coe-cets-112 --profile strict
    """
    from traslado.render import comparison as table
    from traslado.render import readings as contested
    from traslado.research.compare import compare as build

    if output:
        check_output_path(output)
    kb = kb_with_readings(reading_pairs, profile)
    unknown = [i for i in instruments if i not in kb.instruments]
    if unknown:
        fail(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    known_topics = set(kb.data["concepts"])
    bad = [t for t in topics if t not in known_topics]
    if bad:
        fail(f"unknown topic {', '.join(bad)}: see `traslado rules --help` for the requirement kinds and topics")
    comparison = build(kb, list(instruments) or None, list(topics) or None, only_differences, lang)
    if fmt == "json":
        from traslado.decide.receipt import receipt

        data = {
            **table.as_json(kb, comparison),
            "readings": contested.compare_json(kb, comparison.instruments),
            "receipt": receipt(kb, None, list(instruments) or None),
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = table.as_csv(kb, comparison)
    elif fmt == "markdown":
        text = table.as_markdown(kb, comparison)
        text += "\n" + "\n".join(contested.compare_lines(kb, comparison.instruments, lang, markdown=True)) + "\n"
    elif fmt == "html":
        text = table.as_html(kb, comparison)
    else:
        text = table.as_rich(kb, comparison, terminal_width())
        text += "\n".join(contested.compare_lines(kb, comparison.instruments, lang, width=terminal_width())) + "\n"
    if output:
        write_output(output, text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@click.command()
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
    from traslado.knowledge.store import load_kb
    from traslado.render.rules import rules_text
    from traslado.research.rules import find_rules, rules_json

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
        click.echo(rules_text(kb, found, lang, terminal_width()) or "No rule matches.")


@click.command()
@click.argument("sparql", metavar="SPARQL_OR_FILE")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=600),
    default=10.0,
    show_default=True,
    help="Stop the query after this many seconds.",
)
def query(sparql: str, fmt: str, timeout: float) -> None:
    """Run a SPARQL query over the whole knowledge graph (texts, parties, rules, provisions).

    SELECT and ASK only, on Oxigraph, at most 100,000 rows. The project's prefixes (tr:, eli:,
    inst:, country:, skos:, dcterms:, ...) are declared for you; a PREFIX of your own overrides
    them. SERVICE, SPARQL Update, FROM/FROM NAMED and GRAPH are refused.

    \b
    Examples:
      traslado query docs/queries/fines-settled.rq
      traslado query 'SELECT ?i WHERE { ?i a tr:Instrument }' --format csv
    """
    from traslado.research.sparql import QueryError, run_query

    text = _query_text(sparql)
    try:
        columns, rows = run_query(text, timeout=timeout)
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
        from traslado.render.query_table import query_table

        click.echo(query_table(columns, rows, terminal_width(limit=200, default=120)), nl=False)


_QUERY_FILE_LIMIT = 1 << 20


def _query_text(argument: str) -> str:
    """The query: the file the argument names, or the argument itself. A name that looks like a file
    (no spaces or braces; a .rq/.sparql suffix or a folder in it) must be one."""
    import os

    looks_like_path = not any(c.isspace() or c in "{}" for c in argument) and (
        argument.endswith((".rq", ".sparql")) or os.sep in argument
    )
    if not os.path.exists(argument):
        if looks_like_path:
            fail(f"{argument}: no such file (expected a SPARQL query, or a file holding one)")
        return argument
    if not os.path.isfile(argument):
        fail(f"{argument}: not a regular file (expected a file holding a SPARQL query)")
    if os.path.getsize(argument) > _QUERY_FILE_LIMIT:
        fail(f"{argument}: larger than 1 MiB; a SPARQL query file is expected")
    try:
        with open(argument, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as error:
        fail(f"{argument}: not UTF-8 text ({error.reason} at byte {error.start})")
    except OSError as error:
        fail(f"{argument}: cannot be read ({error.strerror})")
    return ""


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["turtle", "json-ld", "n-triples"]), default="turtle", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file (default: stdout)."
)
def export(fmt: str, output: str | None) -> None:
    """Export the whole knowledge graph, rules included, for a triple store or SPARQL endpoint.

    The same bytes on every run: N-Triples sorted, Turtle and JSON-LD (with its @context) written
    with the project's prefixes. docs/linked-data.md describes the identifiers.

    \b
    Examples:
      traslado export -o traslado.ttl
      traslado export --format n-triples -o traslado.nt
    """
    from traslado.research.graph_cache import exported_ntriples

    if output:
        check_output_path(output)
    data = exported_ntriples()
    if fmt == "turtle":
        from traslado.research.export import turtle

        data = turtle(data)
    elif fmt == "json-ld":
        from traslado.research.export import json_ld

        data = json_ld(data)
    if output:
        write_output(output, data)
        click.echo(f"wrote {output}")
    else:
        click.echo(data, nl=False)


@click.command(name="coverage")
@click.option("--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def coverage_command(instruments: tuple[str, ...], fmt: str) -> None:
    """Say, per instrument, which articles are encoded and why the others are not.

    \b
    Example:
      traslado coverage -i mx-pe-2002
    """
    from collections import Counter

    from traslado.knowledge.store import load_kb
    from traslado.research.coverage import coverage

    kb = load_kb()
    unknown = [i for i in instruments if i not in kb.instruments]
    if unknown:
        fail(f"unknown instrument {', '.join(unknown)}: expected one of {', '.join(kb.instruments)}")
    rows = [r for r in coverage(kb) if not instruments or r.instrument in instruments]
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
            elif r.detail:  # encoded from the paragraphs held; the rest named
                click.echo(f"  {r.label}: encoded in part: {r.detail}")


@click.command()
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

    from traslado.knowledge.store import load_kb
    from traslado.research.provisions import NoSuchProvision, find

    kb = load_kb()
    try:
        provisions = find(kb, instrument, article, paragraph, item)
    except NoSuchProvision as error:
        fail(str(error))
    inst = kb.instrument(instrument)
    held = sorted({code for p in provisions for code in p.text})
    lang = lang or next(iter(inst["authentic"] + held), "en")
    if not any(lang in p.text or lang in p.heading for p in provisions):
        part = kb.part(provisions[0].citation) if provisions else None
        why = f" ({part['not_encoded_reason']})" if part and part.get("not_encoded_reason") and not held else ""
        fail(f"{instrument} has no {lang} text for this provision; languages held: {', '.join(held) or 'none'}{why}")
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
        elif not provision.text and (part := kb.part(provision.citation)) and part.get("not_encoded_reason"):
            reason = part["not_encoded_reason"]
            click.echo(textwrap.fill(reason, 100, initial_indent=indent + "  ", subsequent_indent=indent + "  "))
        for note in provision.notes:
            click.echo(
                textwrap.fill("Note: " + note, 100, initial_indent=indent + "  ", subsequent_indent=indent + "    ")
            )


@click.command()
@click.option("--between", nargs=2, metavar="STATE STATE", help="Only what binds these two states (ISO codes).")
@click.option("--on", "on_date", metavar="DATE", help="The date to check (YYYY-MM-DD; default today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="With --between: the full source records and the KB's notes.")
def instruments(between: tuple[str, str] | None, on_date: str | None, fmt: str, verbose: bool) -> None:
    """List the instruments in the knowledge base with titles and dates.

    With --between, say for each instrument whether it binds the two states on the date, and why,
    with the source of every party fact.

    \b
    Examples:
      traslado instruments
      traslado instruments --between MX US --on 2026-03-01
    """
    from traslado.knowledge.store import load_kb

    kb = load_kb()
    if between:
        _instruments_between(kb, between, on_date, fmt, verbose)
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
            (f"signed {row['place']}, {row['signed']}" if row["place"] else f"dated {row['signed']}")
            if row["signed"]
            else None,
            f"in force {row['in_force']}" if row["in_force"] else "entry into force: not in the sources",
            f"UNTS {row['unts']}" if row["unts"] else None,
            row["series"],
            "authentic: " + ", ".join(row["authentic"]),
        ]
        click.echo("  " + "; ".join(f for f in facts if f))


def _instruments_between(kb, states: tuple[str, str], on_date: str | None, fmt: str, verbose: bool = False) -> None:
    from datetime import date

    from traslado.case import CaseError, case_from_mapping
    from traslado.decide.evaluate import evaluate

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
        from traslado.render.json_result import applicability_json

        rows = [{"instrument": r.instrument, **applicability_json(r.applicability)} for r in results]
        click.echo(json.dumps({"states": list(states), "on": data["request_date"], "instruments": rows}, indent=2))
        return
    click.echo(click.style(f"Instruments between {states[0]} and {states[1]} on {data['request_date']}", bold=True))
    words = {
        "binds": "BINDS",
        "does_not_bind": "does not bind",
        "unknown": "UNKNOWN (see why below)",
        "replaced": "REPLACED between these states",
    }
    order = ("binds", "unknown", "replaced", "does_not_bind")
    for result in sorted(results, key=lambda r: order.index(r.applicability.status)):
        click.echo(f"{result.instrument}  {kb.short_name(result.instrument)}: {words[result.applicability.status]}")
        from traslado.render.text import reason_lines

        for line in reason_lines(kb, result.applicability, "en", terminal_width(), verbose):
            click.echo(line)
