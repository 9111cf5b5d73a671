"""The date by which to act: the last request date on which the minimum remaining term is still met.

"More than six months" (Mexico–Peru Art. III(2): "superior a seis (6) meses") and "at least six
months" (CETS 112 Art. 3(1)(c)) give different dates for the same end date: one day apart mid-month,
more at the end of a month, where adding months clamps to the month's last day. Each date is checked
against the engine itself: the requirement is met on it and failed the day after.
"""

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from traslado.case import case_from_mapping
from traslado.cli.main import main
from traslado.decide.deadlines import last_start
from traslado.decide.evaluate import evaluate
from traslado.knowledge.rulebase import load_rulebase
from traslado.knowledge.store import KnowledgeBase, _compiled, load_kb

CASES = Path(__file__).resolve().parent / "cases"
BASE = {
    "mx-pe-2002": "mx-pe_baseline-eligible.yaml",
    "coe-cets-112": "cets_baseline-eligible.yaml",
    "mx-sv-1993": "mx-sv_baseline-eligible.yaml",
}

# (end of the sentence, last request date for "at least 6 months", for "more than 6 months")
BOUNDARIES = [
    (date(2026, 9, 1), date(2026, 3, 1), date(2026, 2, 28)),  # mid-year: one day apart
    (date(2026, 9, 15), date(2026, 3, 15), date(2026, 3, 14)),
    (date(2026, 2, 28), date(2025, 8, 31), date(2025, 8, 27)),  # 31 August + 6 months is 28 February
    (date(2028, 2, 29), date(2027, 8, 31), date(2027, 8, 28)),  # leap year: 29 February
    (date(2024, 8, 31), date(2024, 2, 29), date(2024, 2, 29)),  # from 29 February a leap year reaches 29 August
    (date(2025, 8, 31), date(2025, 2, 28), date(2025, 2, 28)),
    (date(2027, 3, 31), date(2026, 9, 30), date(2026, 9, 30)),  # 30 September + 6 months is 30 March
    (date(2027, 1, 1), date(2026, 7, 1), date(2026, 6, 30)),  # across a year
]


@pytest.mark.parametrize("end, at_least, more_than", BOUNDARIES, ids=[str(b[0]) for b in BOUNDARIES])
def test_last_start_at_month_ends_and_in_leap_years(end, at_least, more_than):
    assert last_start(end, 6, "at_least") == at_least
    assert last_start(end, 6, "more_than") == more_than


def _case(instrument: str, request: date, end: date):
    """The instrument's eligible baseline, with the date its term counts from (the request date unless
    its rules say counts_from) and the end of the sentence set."""
    spec = yaml.safe_load((CASES / BASE[instrument]).read_text(encoding="utf-8"))
    data = spec["case"]
    head, _, tail = load_rulebase(load_kb()).term_counted_from(instrument).partition(".")
    if tail:
        data.setdefault(head, {})[tail] = request.isoformat()
    else:
        data[head] = request.isoformat()
    # The request date moves with it: an end of sentence before the request date is refused by validation.
    data["request_date"] = request.isoformat()
    data["sentence"]["end_date"] = end.isoformat()
    data["sentence"].pop("remaining_months", None)
    return case_from_mapping(data, "deadline", default_id="deadline")


def _remaining_term(instrument: str, request: date, end: date):
    (result,) = evaluate(_case(instrument, request, end), [instrument]).results
    (req,) = [r for r in result.requirements if r.id == "remaining_term"]
    return result, req.status


@pytest.mark.parametrize("instrument", sorted(BASE))
@pytest.mark.parametrize("end", [b[0] for b in BOUNDARIES], ids=[str(b[0]) for b in BOUNDARIES])
def test_the_engine_meets_the_term_on_the_date_and_fails_it_the_day_after(instrument, end):
    some_request = end - timedelta(days=400)
    result, _ = _remaining_term(instrument, some_request, end)
    deadline = result.latest_request_date
    assert deadline is not None and deadline.end_date == end and deadline.passed is False
    assert _remaining_term(instrument, deadline.latest, end)[1] == "met"
    after, status = _remaining_term(instrument, deadline.latest + timedelta(days=1), end)
    assert status == "failed"
    assert after.latest_request_date.passed is True


def test_more_than_and_at_least_differ_by_one_day_for_the_same_end_date():
    end = date(2026, 9, 1)
    (mxpe,) = evaluate(_case("mx-pe-2002", date(2026, 1, 5), end), ["mx-pe-2002"]).results
    (cets,) = evaluate(_case("coe-cets-112", date(2026, 1, 5), end), ["coe-cets-112"]).results
    assert (mxpe.latest_request_date.latest, mxpe.latest_request_date.comparison) == (date(2026, 2, 28), "more_than")
    assert (cets.latest_request_date.latest, cets.latest_request_date.comparison) == (date(2026, 3, 1), "at_least")
    assert mxpe.latest_request_date.citation.label == "Art. III(2)"
    assert cets.latest_request_date.citation.label == "Art. 3(1)(c)"
    # CETS 112 Art. 3(2): the Parties may agree to a transfer with less time left.
    assert [c.label for c in cets.latest_request_date.exceptions] == ["Art. 3(2)"]


def test_no_date_without_an_end_date_or_for_an_indeterminate_sentence():
    case = _case("coe-cets-112", date(2026, 3, 1), date(2027, 1, 1))
    months = case_from_mapping({**case.to_mapping(), "sentence": {"remaining_months": 10}}, "m")
    assert evaluate(months, ["coe-cets-112"]).results[0].latest_request_date is None
    life = case_from_mapping({**case.to_mapping(), "sentence": {"indeterminate": True, "kind": "imprisonment"}}, "l")
    assert evaluate(life, ["coe-cets-112"]).results[0].latest_request_date is None


def run(*args):
    return CliRunner().invoke(main, list(args))


EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "mx-pe-blocked-six-months.yaml")


def test_json_carries_the_date_with_its_citation():
    data = json.loads(run("check", EXAMPLE, "-i", "mx-pe-2002", "--format", "json").output)
    assert data["results"][0]["latest_request_date"] == {
        "date": "2026-02-28",
        "counts_from": "request.made_date",
        "citation": {
            "instrument": "mx-pe-2002",
            "article": "III",
            "paragraph": "2",
            "item": None,
            "eid": "art_III__para_2",
        },
        "months": 6,
        "comparison": "more_than",
        "end_date": "2026-09-01",
        "exceptions": [],
        "passed": True,
    }


def test_text_says_it_in_one_line():
    lines = run("check", EXAMPLE, "-i", "mx-pe-2002").output.splitlines()
    (i,) = [n for n, x in enumerate(lines) if "Request to be made by" in x]
    line = " ".join(x.strip() for x in lines[i : i + 2])
    assert line == "Request to be made by 2026-02-28 (Art. III(2): more than 6 months left before 2026-09-01), now past"
    es = run("check", EXAMPLE, "-i", "mx-pe-2002", "--lang", "es").output
    assert "Efectuar la solicitud a más tardar el 2026-02-28" in es


def _copy_kb(tmp_path, monkeypatch, edit) -> KnowledgeBase:
    root = tmp_path / "kb"
    shutil.copytree(load_kb().root, root)
    edit(root)
    monkeypatch.setenv("TRASLADO_CACHE", str(tmp_path / "cache"))
    return KnowledgeBase(root=root, data=_compiled(root))


def test_the_date_field_an_instrument_counts_from_is_read_from_its_rules(tmp_path, monkeypatch):
    """counts_from(I, "<case path>") in rules.lp names the date the term is counted from; absent, the
    request date. The answer says which date it is."""
    rules = load_rulebase(load_kb())
    assert rules.term_counted_from("mx-pe-2002") == "request.made_date"  # III(2) "al momento de efectuarse"
    assert rules.term_counted_from("coe-cets-112") == "request.received_date"  # 3(1)(c) "receipt"

    def remove(root):
        path = root / "instruments" / "mx-pe-2002" / "rules.lp"
        path.write_text(path.read_text().replace('counts_from(mxpe, "request.made_date").', ""))

    copy = _copy_kb(tmp_path, monkeypatch, remove)
    assert load_rulebase(copy).term_counted_from("mx-pe-2002") == "request_date"
    (result,) = evaluate(_case("mx-pe-2002", date(2026, 1, 5), date(2026, 9, 1)), ["mx-pe-2002"], copy).results
    assert result.latest_request_date.counts_from == "request_date"
    from traslado.render.text import deadline_text

    assert deadline_text(copy, result.latest_request_date, "mx-pe-2002", "en").startswith(
        "Request by 2026-02-28 (Art. III(2)"
    )


def test_routes_order_by_the_date_when_other_things_are_equal(tmp_path, monkeypatch):
    """Two routes both eligible with nothing to change: the one that stays open longer comes first."""
    from traslado.decide.routes import rank

    case = _case("coe-cets-112", date(2026, 3, 1), date(2026, 9, 15))
    case = case_from_mapping(
        {**case.to_mapping(), "person": {**case.to_mapping()["person"], "fled_to_administering_state": True}},
        "fled",
    )
    both = ["coe-cets-112", "coe-ets-167"]
    first = [r.instrument for r in rank(case, both).routes]
    assert first[:2] == ["coe-cets-112", "coe-ets-167"]  # the same date: by id

    def stricter(root):  # CETS 112 would ask for more than six months: its date comes a day earlier
        rules = root / "instruments" / "coe-cets-112" / "rules.lp"
        rules.write_text(rules.read_text().replace("min_term(cets, 6, at_least).", "min_term(cets, 6, more_than)."))

    copy = _copy_kb(tmp_path, monkeypatch, stricter)
    ranked = rank(case, both, copy).routes
    assert [r.group for r in ranked[:2]] == ["eligible", "eligible"]
    assert [(r.instrument, r.deadline.latest) for r in ranked[:2]] == [
        ("coe-ets-167", date(2026, 3, 15)),
        ("coe-cets-112", date(2026, 3, 14)),
    ]
