"""Calendar-month arithmetic for the remaining term of a sentence.

Treaties count the time left in months ("at least six months", "superior a seis meses"). A month is
a calendar month: from 1 March to 1 September is exactly six months; to 2 September is six months
and one day. Adding a month to 31 January lands on the last day of February.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The days of the month (the Gregorian leap rule, as calendar.monthrange has it, without importing
    calendar and locale at every start)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS[month - 1]


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the end of a shorter month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, days_in_month(year, month))
    return date(year, month, day)


@dataclass(frozen=True)
class Remaining:
    """Whole calendar months left, and whether some days remain beyond them."""

    months: int
    extra_days: int

    @property
    def beyond(self) -> bool:
        return self.extra_days > 0

    def describe(self) -> str:
        text = f"{self.months} month{'s' if self.months != 1 else ''}"
        if self.extra_days:
            text += f" and {self.extra_days} day{'s' if self.extra_days != 1 else ''}"
        return text


def remaining_between(request: date, end: date) -> Remaining:
    """Calendar months from the request date to the end of the sentence (none if already over)."""
    if end <= request:
        return Remaining(0, 0)
    months = (end.year - request.year) * 12 + (end.month - request.month)
    while months > 0 and add_months(request, months) > end:
        months -= 1
    return Remaining(months, (end - add_months(request, months)).days)


def remaining_from_months(value: float) -> Remaining:
    """`remaining_months` given directly: a fraction counts as days beyond the whole months."""
    whole = int(value)
    return Remaining(whole, 1 if value > whole else 0)
