"""Commands about one case: check, whatif, routes."""

from __future__ import annotations

import click
from traslado.cli.common import (
    check_output_path,
    fail,
    json_text,
    kb_with_readings,
    load_or_fail,
    reading_options,
    terminal_style,
    terminal_width,
    write_output,
)


@click.command()
@click.argument("case_file", metavar="CASE", type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Evaluate only this instrument (repeatable)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of labels and quotes; a translation is shown beside the authentic text.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="PATH=VALUE",
    help="A hypothetical change to the case, without editing the file (repeatable; null = unknown).",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Also the titles, the full source records and the KB's notes on them."
)
@reading_options
@click.option(
    "--readings-diff",
    is_flag=True,
    help="Show every contested reading whose alternatives change a decision for this case, side by side.",
)
def check(
    case_file: str,
    instruments: tuple[str, ...],
    fmt: str,
    lang: str,
    output: str | None,
    overrides: tuple[str, ...],
    verbose: bool,
    reading_pairs: tuple[str, ...],
    profile: str | None,
    readings_diff: bool,
) -> None:
    """Decide CASE (a YAML or JSON file) under each instrument and explain why.

    \b
    Examples:
      traslado check examples/mx-pe-eligible.yaml
      traslado check examples/cets-es-mx-blocked.yaml --instrument coe-cets-112 --lang es
      traslado check case.json --format json
      traslado check examples/mx-pe-blocked-six-months.yaml --set sentence.end_date=2026-09-02
      traslado check examples/cets-es-mx-blocked.yaml --format html -o report.html
      traslado check examples/lnep-appeal-available.yaml -i mx-lnep-54 --reading lnep_firme=final_judgment
      traslado check examples/lnep-appeal-available.yaml -i mx-lnep-54 --readings-diff
    """
    from traslado.decide.evaluate import UnknownInstrument, evaluate

    if output:
        check_output_path(output)
    case = load_or_fail(case_file, overrides)
    kb = kb_with_readings(reading_pairs, profile)
    if readings_diff:
        return _readings_diff(case, list(instruments) or None, kb, fmt, lang, output)
    try:
        result = evaluate(case, list(instruments) or None, kb, lang)
    except UnknownInstrument as error:
        fail(str(error))
    if fmt == "json":
        from traslado.decide.receipt import receipt
        from traslado.render.json_result import case_json

        stamp = receipt(kb, case, list(instruments) or None, overrides=list(overrides))
        text = json_text(case_json(result, kb, stamp)) + "\n"
    elif fmt == "markdown":
        from traslado.render.markdown import render_case

        text = render_case(kb, result, lang, verbose=verbose)
    elif fmt == "html":
        from traslado.render.html.case_report import render_case_report

        text = render_case_report(kb, result, case, lang)
    else:
        from traslado.render.text import render_case

        style, width = (click.style, 100) if output else (terminal_style(), terminal_width())
        text = render_case(kb, result, lang, style, verbose=verbose, width=width)
    _emit(text, output)


def _emit(text: str, output: str | None) -> None:
    if output:
        write_output(output, click.unstyle(text))
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


def _readings_diff(case, instruments, kb, fmt: str, lang: str, output: str | None) -> None:
    """check --readings-diff: does the case turn on an interpretation?"""
    from traslado.decide.evaluate import UnknownInstrument
    from traslado.decide.readings_diff import readings_diff
    from traslado.render import readings as render

    try:
        diffs = readings_diff(case, instruments, kb, lang)
    except UnknownInstrument as error:
        fail(str(error))
    if fmt == "json":
        from traslado.decide.receipt import receipt

        data = {**render.diff_json(case.id, diffs), "receipt": receipt(kb, case, instruments)}
        text = json_text(data) + "\n"
    else:
        lines = render.diff_lines(kb, case.id, diffs, lang, markdown=fmt == "markdown", width=terminal_width())
        text = "\n".join(lines) + "\n"
    _emit(text, output)


@click.command()
@click.argument("case_file", metavar="CASE", type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Only this instrument (repeatable)."
)
@click.option("--max-changes", type=click.IntRange(min=1), default=None, help="Propose at most N changes.")
@click.option("--all-facts", is_flag=True, help="Also change facts nobody can act on (nationality, offence, sentence).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--set", "overrides", multiple=True, metavar="PATH=VALUE", help="A hypothetical fact (repeatable).")
@reading_options
def whatif(
    case_file: str,
    instruments: tuple[str, ...],
    max_changes: int | None,
    all_facts: bool,
    fmt: str,
    lang: str,
    overrides: tuple[str, ...],
    reading_pairs: tuple[str, ...],
    profile: str | None,
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
    from traslado.decide.evaluate import UnknownInstrument, evaluate
    from traslado.decide.whatif import what_if

    case = load_or_fail(case_file, overrides)
    kb = kb_with_readings(reading_pairs, profile)
    try:
        checked = evaluate(case, list(instruments) or None, kb, lang).results
    except UnknownInstrument as error:
        fail(str(error))
    targets = [r.instrument for r in checked if r.decision not in ("eligible", "not_applicable", "replaced")]
    plans = [what_if(case, t, kb, all_facts=all_facts, max_changes=max_changes, lang=lang) for t in targets]
    from traslado.render import plans as render

    if fmt == "json":
        from traslado.render.json_result import hypothetical_json

        data = {"case": case.id, "eligible": [r.instrument for r in checked if r.decision == "eligible"]}
        data["plans"] = [render.whatif_json(p) for p in plans]
        data["hypothetical"] = hypothetical_json(case.hypothetical)
        from traslado.decide.receipt import receipt

        data["receipt"] = receipt(kb, case, list(instruments) or None, overrides=list(overrides))
        click.echo(json_text(data))
        return
    from traslado.render.i18n import text as words

    markdown = fmt == "markdown"
    click.echo(
        words(lang, "plans.whatif_heading_markdown", case=case.id) + "\n"
        if markdown
        else words(lang, "plans.whatif_heading", case=case.id)
    )
    from traslado.render.text import chosen_readings_lines, hypothetical_lines

    chosen = chosen_readings_lines(kb, lang, None if markdown else terminal_width())
    for line in hypothetical_lines(case.hypothetical, lang, terminal_width()) + chosen:
        click.echo(f"> {line.strip()}" if markdown else line)
    eligible = [kb.short_name(r.instrument, lang) for r in checked if r.decision == "eligible"]
    if eligible:
        click.echo(words(lang, "plans.already_eligible", names=", ".join(eligible)) + "\n")
    if not plans:
        click.echo(words(lang, "plans.nothing_open"))
    width = terminal_width()
    for plan in plans:
        lines = render.whatif_markdown(kb, plan, lang) if markdown else render.whatif_text(kb, plan, lang, width) + [""]
        click.echo("\n".join(lines))


@click.command()
@click.argument("case_file", metavar="CASE", type=click.Path(dir_okay=False))
@click.option(
    "--instrument", "-i", "instruments", multiple=True, metavar="ID", help="Consider this instrument (repeatable)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--set", "overrides", multiple=True, metavar="PATH=VALUE", help="A hypothetical fact (repeatable).")
@reading_options
def routes(
    case_file: str,
    instruments: tuple[str, ...],
    fmt: str,
    lang: str,
    overrides: tuple[str, ...],
    reading_pairs: tuple[str, ...],
    profile: str | None,
) -> None:
    """Rank the instruments the transfer could go under.

    Eligible first, then undetermined, then blocked with the fewest actionable changes, then blocked
    for good, then instruments that bind but are not encoded. Domestic law that conditions every
    transfer to or from a state (18 U.S.C. § 4100) is counted on every route.

    \b
    Examples:
      traslado routes examples/mx-us-seed-route.yaml
      traslado routes examples/mx-pe-blocked-fines.yaml --format json
    """
    from traslado.decide.evaluate import UnknownInstrument
    from traslado.decide.routes import rank
    from traslado.render import plans as render

    case = load_or_fail(case_file, overrides)
    kb = kb_with_readings(reading_pairs, profile)
    try:
        ranked = rank(case, list(instruments) or None, kb, lang)
    except UnknownInstrument as error:
        fail(str(error))
    if fmt == "json":
        from traslado.decide.receipt import receipt
        from traslado.render.json_result import hypothetical_json

        data = {**render.routes_json(ranked), "hypothetical": hypothetical_json(case.hypothetical)}
        data["receipt"] = receipt(kb, case, list(instruments) or None, overrides=list(overrides))
        click.echo(json_text(data))
    else:
        from traslado.render.text import chosen_readings_lines, hypothetical_lines

        lines = render.routes_text(kb, ranked, lang, terminal_width())
        width = terminal_width()
        lines[1:1] = hypothetical_lines(case.hypothetical, lang, width) + chosen_readings_lines(kb, lang, width)
        click.echo("\n".join(lines))
