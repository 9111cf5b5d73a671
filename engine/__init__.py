"""Traslado: a knowledge base and rule engine for the international transfer of sentenced persons.

The package is organised by job, and imports run one way, from the command line down to the KB:

    cli/        the command line (thin: parse, call the engine, render)
    render/     explaining: text, Markdown, JSON and tables from typed results; they decide nothing
    research/   questions about the rules: compare, show, rules, coverage, SPARQL, the RDF export
    batch/      screening many cases
    decide/     deciding a case: facts as clingo symbols, solving, reading the model into results
    case/       a case: its format, reading and validating a file, months remaining
    knowledge/  the knowledge base: where it lives, compiling its RDF, the rules as data, integrity
    kb/         the knowledge base itself (package data: RDF, ASP and source texts)
"""


def __getattr__(name: str) -> str:
    """`traslado.__version__`, read from the installed distribution only when asked (start-up stays light)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("traslado")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0+unknown"
