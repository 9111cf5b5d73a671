"""The bounds a case file is held to, so that a hostile or broken file is refused at once.

A real case is a few hundred bytes, three levels deep, with short strings and small numbers; these
bounds are far above that and far below what could exhaust memory or time.
"""

MAX_FILE_BYTES = 1 << 20  # one case file or test file; one batch record (a JSON Lines line)
MAX_DEPTH = 20  # mappings and lists nested in one another
MAX_ALIASES = 100  # YAML aliases (*name) in one document
MAX_NODES = 100_000  # values in one document, aliases counted as what they expand to
MAX_STRING = 10_000  # characters in one string (a key or a value)
MAX_INT_DIGITS = 15  # digits of an integer (a month count, an id)
MIN_YEAR, MAX_YEAR = 1000, 8999  # dates: far beyond any sentence, far from the calendar's edges (1, 9999)
MAX_MONTHS = 12 * 10_000  # sentence.remaining_months below ten thousand years: no overflow in date arithmetic


def describe() -> str:
    """The limits in words, for messages and documentation."""
    return (
        f"{MAX_FILE_BYTES // 1024} KiB per file, {MAX_DEPTH} levels of nesting, {MAX_ALIASES} aliases, "
        f"{MAX_NODES} values, {MAX_STRING} characters per string, {MAX_INT_DIGITS} digits per integer"
    )
