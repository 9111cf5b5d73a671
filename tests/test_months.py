"""Calendar months: the unit the treaties count the remaining term in."""

from datetime import date

from traslado.case.months import Remaining, add_months, remaining_between, remaining_from_months


def test_exactly_six_calendar_months():
    assert remaining_between(date(2026, 3, 1), date(2026, 9, 1)) == Remaining(6, 0)


def test_six_months_and_a_day():
    assert remaining_between(date(2026, 3, 1), date(2026, 9, 2)) == Remaining(6, 1)


def test_one_day_short_of_six_months():
    left = remaining_between(date(2026, 3, 1), date(2026, 8, 31))
    assert left.months == 5 and left.extra_days == 30


def test_month_end_clamps_to_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert remaining_between(date(2026, 8, 31), date(2027, 2, 28)) == Remaining(6, 0)


def test_sentence_already_over_leaves_nothing():
    assert remaining_between(date(2026, 3, 1), date(2026, 1, 1)) == Remaining(0, 0)


def test_remaining_months_given_directly():
    assert remaining_from_months(6) == Remaining(6, 0)
    assert remaining_from_months(6.5).beyond


def test_days_in_month_follows_the_gregorian_calendar():
    """1900 was not a leap year, 2000 was, 2028 will be (the engine counts months without the
    calendar module, which would import locale at every start)."""
    import calendar

    from traslado.case.months import days_in_month

    assert [days_in_month(y, m) for y, m in ((1900, 2), (2000, 2), (2028, 2), (2026, 4))] == [28, 29, 29, 30]
    years = [*range(1000, 9000, 7), 1600, 1700, 2100, 2400]
    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in years for m in range(1, 13))
