"""A case: its format (schema), reading a file, validating it, and the calendar arithmetic of time left."""

from traslado.case.model import Case, CaseError, Problem
from traslado.case.reading import load_case_file, parse_text
from traslado.case.validation import case_from_mapping

__all__ = ["Case", "CaseError", "Problem", "case_from_mapping", "load_case_file", "parse_text"]
