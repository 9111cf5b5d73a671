"""Which instruments bind the two states on the request date, each answer with its source."""

import json

import pytest
from click.testing import CliRunner
from conftest import baseline, with_
from traslado.case import case_from_mapping
from traslado.cli.main import main
from traslado.decide.evaluate import evaluate


def results(case):
    return {r.instrument: r for r in evaluate(case_from_mapping(case, "<test>")).results}


def test_only_the_treaty_between_the_two_states_applies():
    found = results(baseline("mx-pe-2002"))
    assert found["mx-pe-2002"].decision == "eligible"
    assert found["mx-pe-2002"].applicability.status == "binds"
    assert found["mx-sv-1993"].decision == "not_applicable"
    reason = found["mx-sv-1993"].applicability.reasons[0]
    assert (reason.state, reason.kind) == ("PE", "not_party")


def cets(case):
    return results(case)["coe-cets-112"]


def peru(day):
    """Mexico to Peru, every condition met, the request made on day."""
    return with_(baseline("mx-pe-2002"), request_date=day, **{"sentence.end_date": f"{int(day[:4]) + 3}-01-01"})


# Peru: the Dutch Senate's summary of bill 33.486 (2013) says Peru would not agree to the Convention, so
# it had deposited no instrument by 1 January 2013 (tr:nonPartyAsOf). Art. 19(2): "the Convention shall
# enter into force on the first day of the month following the expiration of a period of three months
# after the date of deposit of the instrument of accession": deposited on 2 January 2013, the three months
# expire on 2 April, and the first day of the following month is 1 May 2013.
def test_peru_is_not_a_cets_party_for_a_request_made_on_30_april_2013_and_the_answer_says_who_says_so():
    found = cets(peru("2013-04-30"))
    assert (found.decision, found.applicability.status) == ("not_applicable", "does_not_bind")
    (reason,) = found.applicability.reasons
    assert (reason.state, reason.kind) == ("PE", "not_party")
    assert "33.486" in reason.source


def test_from_1_may_2013_an_accession_after_the_senate_statement_could_bind_peru_so_it_is_unknown():
    found = cets(peru("2013-05-01"))
    assert (found.decision, found.applicability.status, found.conditional) == ("undetermined", "unknown", True)
    (reason,) = found.applicability.reasons
    assert (reason.state, reason.kind, reason.key) == ("PE", "unknown", "applicability.non_party_lapsed")
    assert dict(reason.params) == {
        "state": "PE",
        "as_of": "2013-01-01",
        "from": "2013-05-01",
        "rule": "Art. 19(2)",
        "chart": "coe-cets-112-chart",
    }


def test_a_2026_request_to_peru_leaves_cets_undetermined_and_names_the_council_of_europe_chart():
    from traslado.knowledge.store import load_kb
    from traslado.render.sources import reason_text

    found = cets(peru("2026-03-01"))
    assert (found.decision, found.applicability.status) == ("undetermined", "unknown")
    (reason,) = found.applicability.reasons
    text = reason_text(load_kb(), reason, "en")
    assert text == (
        "PE was not a party on 2013-01-01 but could be bound from 2013-05-01 (Art. 19(2)); to settle it: "
        "Council of Europe, chart of signatures and ratifications of Treaty 112 (CETS 112)"
    )
    chart = reason.documents[-1]
    assert chart.address == "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=112"
    # Its conditions are all met: if Peru has acceded, CETS 112 is a route (the bilateral agreement is
    # not the only one to look at).
    assert {r.status for r in found.requirements} == {"met"}


# El Salvador and Colombia: the Verdragenbank excerpt (no date; its latest date is Brazil's entry into
# force, 01-10-2023, which by Art. 19(2) follows a deposit made on or after 1 June 2023: tr:partyListAsOf
# and tr:nonPartyAsOf 2023-06-01). Deposited on 2 June 2023, an accession takes effect on 1 October 2023.
@pytest.mark.parametrize("state", ["SV", "CO"])
def test_el_salvador_and_colombia_are_not_cets_parties_for_a_request_made_on_30_september_2023(state):
    case = with_(baseline("coe-cets-112"), sentencing_state=state, request_date="2023-09-30")
    found = cets(case)
    assert (found.decision, found.applicability.status) == ("not_applicable", "does_not_bind")
    assert [(r.state, r.kind) for r in found.applicability.reasons] == [(state, "not_party")]


@pytest.mark.parametrize("state, kind", [("SV", "named"), ("CO", "in_range")])
def test_from_1_october_2023_el_salvador_and_colombia_are_unknown_and_the_chart_is_named(state, kind):
    for day in ("2023-10-01", "2026-03-01"):
        case = with_(baseline("coe-cets-112"), sentencing_state=state, request_date=day)
        found = cets(case)
        assert (found.decision, found.applicability.status, found.conditional) == ("undetermined", "unknown", True)
        (reason,) = found.applicability.reasons
        assert reason.key == "applicability.non_party_lapsed"
        params = dict(reason.params)
        assert (params["as_of"], params["from"], params["chart"]) == ("2023-06-01", "2023-10-01", "coe-cets-112-chart")
        assert "inview.nl" in reason.source or "Verdragenbank" in reason.source


def test_listed_parties_keep_their_entry_into_force_for_any_later_request():
    # Mexico (01-11-2007) and Spain (1985) on requests long after the lists were drawn up: still bound.
    for day in ("2026-03-01", "2040-01-01"):
        case = with_(baseline("coe-cets-112"), request_date=day, **{"sentence.end_date": "2045-01-01"})
        assert cets(case).applicability.status == "binds"


@pytest.mark.parametrize(
    "deposit, in_force",
    [  # Tractatenblad 2014, 165 (kb/sources/coe-cets-112.parties.md, section B): accession (T) and entry into force
        ("2001-05-11", "2001-09-01"),  # Armenia
        ("2002-09-05", "2003-01-01"),  # Australia
        ("1991-11-12", "1992-03-01"),  # Bahamas
        ("1998-07-30", "1998-11-01"),  # Chile
        ("1998-04-14", "1998-08-01"),  # Costa Rica
        ("2005-07-12", "2005-11-01"),  # Ecuador
        ("1997-10-21", "1998-02-01"),  # Georgia
        ("2009-03-09", "2009-07-01"),  # Honduras
        ("1997-09-24", "1998-01-01"),  # Israel
        ("1985-05-13", "1985-09-01"),  # Canada (ratification, Art. 18(3))
        # Bolivia's row (02-03-04, in force 01-06-04) is left out: a deposit on 2 March 2004 gives 1 July 2004
        # by the words of Art. 19(2), and no reading of them gives 1 June (the Trb. column is "Ratificatie",
        # which may not be the date of deposit). Every other accession in section B follows the words.
    ],
)
def test_the_engine_counts_art_19_2_as_the_tractatenblad_records_it(deposit, in_force):
    from datetime import date, timedelta

    from traslado.knowledge.asp_facts import first_binding_day

    day_before = date.fromisoformat(deposit) - timedelta(days=1)
    assert first_binding_day(day_before, 3) == date.fromisoformat(in_force)


def test_three_months_from_30_november_expire_at_the_end_of_february():
    from datetime import date

    from traslado.knowledge.asp_facts import first_binding_day

    assert first_binding_day(date(2023, 11, 29), 3) == date(2024, 3, 1)  # deposit 30 Nov: expires 29 Feb
    assert first_binding_day(date(2023, 11, 30), 3) == date(2024, 4, 1)  # deposit 1 Dec: expires 1 Mar
    assert first_binding_day(date(2024, 3, 5), None) == date(2024, 3, 6)  # no entry-into-force rule held


def test_the_verdragenbank_date_is_the_earliest_deposit_that_gives_brazils_entry_into_force():
    # tr:partyListAsOf 2023-06-01: a deposit that day gives Brazil's 01-10-2023; one a day earlier does not.
    from datetime import date

    from traslado.knowledge.asp_facts import first_binding_day
    from traslado.knowledge.store import load_kb

    kb = load_kb()
    inst = kb.instrument("coe-cets-112")
    as_of = date.fromisoformat(inst["party_range"]["as_of"])
    brazil = date.fromisoformat(inst["parties"]["BR"]["from"])
    assert first_binding_day(as_of - timedelta_days(1), 3) == brazil
    assert first_binding_day(as_of - timedelta_days(2), 3) < brazil
    assert inst["non_parties"]["SV"]["as_of"] == inst["party_range"]["as_of"]


def timedelta_days(n):
    from datetime import timedelta

    return timedelta(days=n)


def test_before_entry_into_force_the_treaty_does_not_bind():
    case = with_(baseline("mx-pe-2002"), request_date="2004-01-03", **{"sentence.end_date": "2008-01-01"})
    found = results(case)["mx-pe-2002"]
    assert found.decision == "not_applicable"
    assert {r.kind for r in found.applicability.reasons} == {"not_yet_in_force"}


def test_on_the_day_of_entry_into_force_it_binds():
    case = with_(baseline("mx-pe-2002"), request_date="2004-01-04", **{"sentence.end_date": "2008-01-01"})
    assert results(case)["mx-pe-2002"].applicability.status == "binds"


@pytest.mark.parametrize("day, status", [("2007-10-31", "does_not_bind"), ("2007-11-01", "binds")])
def test_cets_for_mexico_from_1_november_2007(day, status):
    case = with_(baseline("coe-cets-112"), request_date=day, **{"sentence.end_date": "2012-01-01"})
    assert results(case)["coe-cets-112"].applicability.status == status


def test_a_state_beyond_the_range_a_partial_list_covers_is_unknown_not_a_non_party():
    # Norway is not in the CETS 112 excerpt, which is complete only through "Montenegro" (the KB holds
    # no Dutch name for Norway to place it, and "Noorwegen" would sort after the end anyway).
    case = with_(baseline("coe-cets-112"), sentencing_state="NO")
    found = results(case)["coe-cets-112"]
    assert found.applicability.status == "unknown"
    assert found.decision == "undetermined"
    assert found.conditional is True
    assert [r.state for r in found.applicability.reasons] == ["NO"]


def test_a_state_inside_the_range_and_absent_is_not_a_party_with_the_list_as_source():
    # Colombia ("Colombia", between "Chili" and "Costa Rica" in the Dutch list) is absent from a list
    # complete through "Montenegro": not a party, for a request made before the list's conclusion lapses.
    case = with_(baseline("coe-cets-112"), sentencing_state="CO", request_date="2023-09-30")
    found = results(case)["coe-cets-112"]
    assert found.applicability.status == "does_not_bind"
    assert found.decision == "not_applicable"
    (reason,) = found.applicability.reasons
    assert (reason.state, reason.kind, reason.key) == ("CO", "not_party", "applicability.not_party_in_range")
    assert dict(reason.params) == {"state": "CO", "name": "Colombia", "through": "Montenegro"}
    assert "inview.nl" in reason.source
    assert "trb-1999-209" in reason.note


def test_unknown_request_date_leaves_applicability_unknown():
    case = with_(
        baseline("mx-sv-1993"), request_date=None, **{"sentence.end_date": None, "sentence.remaining_months": 12}
    )
    assert results(case)["mx-sv-1993"].applicability.status == "unknown"


def test_naming_an_instrument_evaluates_it_even_where_it_does_not_bind():
    case = case_from_mapping(baseline("mx-pe-2002"), "<test>")
    (only,) = evaluate(case, ["mx-sv-1993"]).results
    assert only.applicability.status == "does_not_bind"
    assert only.decision in {"eligible", "blocked", "undetermined"}


def test_instruments_between_mx_and_us():
    out = CliRunner().invoke(main, ["instruments", "--between", "MX", "US", "--on", "2026-03-01", "--format", "json"])
    assert out.exit_code == 0
    rows = {r["instrument"]: r for r in json.loads(out.output)["instruments"]}
    assert rows["coe-cets-112"]["status"] == "binds"
    assert any("2007-11-01" in r["text"] for r in rows["coe-cets-112"]["reasons"])
    assert rows["mx-pe-2002"]["status"] == "does_not_bind"


def test_instruments_between_rejects_a_bad_code():
    out = CliRunner().invoke(main, ["instruments", "--between", "MX", "XX"])
    assert out.exit_code == 2 and "unknown state code" in out.output


def test_check_json_carries_applicability():
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "mx-pe-eligible.yaml"
    data = json.loads(CliRunner().invoke(main, ["check", str(example), "--format", "json"]).output)
    decisions = {r["instrument"]: (r["decision"], r["applicability"]["status"]) for r in data["results"]}
    assert decisions["mx-pe-2002"] == ("eligible", "binds")
    assert decisions["coe-cets-112"] == ("undetermined", "unknown")  # Peru's non-party date has lapsed
    assert decisions["mx-sv-1993"] == ("not_applicable", "does_not_bind")
    assert decisions["mx-lnep-54"] == ("not_applicable", "does_not_bind")  # a treaty binds MX and PE


def test_a_non_binding_instrument_reports_no_requirements():
    found = results(baseline("mx-pe-2002"))["mx-sv-1993"]
    assert found.decision == "not_applicable"
    assert found.requirements == [] and found.considerations == []


def test_declarations_of_either_state_are_shown_with_their_source():
    case = with_(baseline("coe-cets-112"))  # ES -> MX
    found = results(case)["coe-cets-112"]
    ids = [d.id for d in found.declarations]
    assert {"ES-3-3", "ES-3-4", "MX-3-4"} <= set(ids)
    spain = next(d for d in found.declarations if d.id == "ES-3-3")
    assert spain.concerns.label == "Art. 3(3)" and "BOE-A-1985-10554" in spain.source


def test_mexicos_art_3_4_declaration_quotes_every_item_the_source_holds():
    # kb/sources/coe-cets-112.parties.md section D holds items (a), (b), (c) and the start of (d).
    found = results(with_(baseline("coe-cets-112")))["coe-cets-112"]
    mexico = next(d for d in found.declarations if d.id == "MX-3-4")
    text = mexico.text["es"]
    for item in (
        "a) los que nazcan en territorio",
        "b) los que nazcan en el extranjero, hijos de padres mexicanos nacidos",
        "c) los que nazcan en el extranjero, hijos de padres mexicanos por naturalización",
        "d) los que nazcan a bordo de embarcaciones o aeronaves",
    ):
        assert item in text


def test_albania_counts_stateless_permanent_residents_as_nationals():
    case = with_(baseline("coe-cets-112"), administering_state="AL", **{"person.nationalities": []})
    from conftest import decide, status

    assert status(decide("coe-cets-112", case), "nationality") == "unknown"
    resident = with_(case, **{"person.permanent_resident_in_administering_state": True})
    assert status(decide("coe-cets-112", resident), "nationality") == "met"
    not_resident = with_(case, **{"person.permanent_resident_in_administering_state": False})
    assert status(decide("coe-cets-112", not_resident), "nationality") == "failed"


def test_a_stateless_person_fails_nationality_elsewhere():
    from conftest import decide, status

    # To Spain, whose Art. 3(4) declaration (held whole) counts Spanish nationals only.
    case = with_(
        baseline("coe-cets-112"), sentencing_state="MX", administering_state="ES", **{"person.nationalities": []}
    )
    assert status(decide("coe-cets-112", case), "nationality") == "failed"
    # To Mexico, whose declaration is held only in part: unknown, never failed on the text not held.
    to_mexico = with_(baseline("coe-cets-112"), **{"person.nationalities": []})
    assert status(decide("coe-cets-112", to_mexico), "nationality") == "unknown"


def between(a, b, day):
    out = CliRunner().invoke(main, ["instruments", "--between", a, b, "--on", day, "--format", "json"])
    assert out.exit_code == 0, out.output
    return {r["instrument"]: r["status"] for r in json.loads(out.output)["instruments"]}


BINDS, NOT, UNKNOWN = "binds", "does_not_bind", "unknown"


@pytest.mark.parametrize(
    "a, b, day, expected",
    [
        # Mexico–United States: CETS 112 from 1 November 2007 for Mexico; the 1976 treaty from 1977;
        # US law on every transfer; LNEP Art. 54 only without a treaty.
        (
            "MX",
            "US",
            "2026-03-01",
            {
                "coe-cets-112": BINDS,
                "us-mx-1976": BINDS,
                "oas-1993": BINDS,
                "us-usc-4100": BINDS,
                "mx-lnep-54": NOT,
                "mx-pe-2002": NOT,
            },
        ),
        ("MX", "US", "2007-10-31", {"coe-cets-112": NOT, "us-mx-1976": BINDS, "oas-1993": BINDS}),
        ("MX", "US", "2005-01-01", {"coe-cets-112": NOT, "us-mx-1976": BINDS, "oas-1993": UNKNOWN}),
        ("MX", "US", "1977-11-29", {"us-mx-1976": NOT}),
        # Mexico–Peru: the bilateral agreement from 4 January 2004; Peru was in neither CETS (2013) nor the
        # OAS Convention (the chart, 5 March 2024) on the dates their sources are known for; later, unknown.
        (
            "MX",
            "PE",
            "2026-03-01",
            {"mx-pe-2002": BINDS, "coe-cets-112": UNKNOWN, "oas-1993": UNKNOWN, "mx-lnep-54": NOT, "us-usc-4100": NOT},
        ),
        ("MX", "PE", "2013-04-30", {"mx-pe-2002": BINDS, "coe-cets-112": NOT, "oas-1993": NOT}),
        ("MX", "PE", "2024-03-05", {"coe-cets-112": UNKNOWN, "oas-1993": NOT}),
        ("MX", "PE", "2024-03-06", {"coe-cets-112": UNKNOWN, "oas-1993": UNKNOWN}),
        ("PE", "MX", "2004-01-03", {"mx-pe-2002": NOT, "mx-lnep-54": NOT}),  # LNEP not yet enacted
        # Mexico–El Salvador: the 1993 treaty from 13 February 1995; El Salvador not in the CETS list, which
        # is as of 1 June 2023 at the earliest: not a party before 1 October 2023, unknown after.
        (
            "MX",
            "SV",
            "2026-03-01",
            {"mx-sv-1993": BINDS, "coe-cets-112": UNKNOWN, "oas-1993": UNKNOWN, "mx-lnep-54": NOT},
        ),
        ("MX", "SV", "2023-09-30", {"mx-sv-1993": BINDS, "coe-cets-112": NOT}),
        ("SV", "MX", "1995-02-12", {"mx-sv-1993": NOT}),
        # Spain–Mexico: CETS 112 only once in force for Mexico.
        ("ES", "MX", "2026-03-01", {"coe-cets-112": BINDS, "coe-ets-167": NOT, "mx-lnep-54": NOT}),
        ("ES", "MX", "2007-10-31", {"coe-cets-112": NOT}),
        # Mexico–Colombia: Colombia sorts inside the range the CETS list covers and is absent from it, and
        # the OAS chart lists it with no action: while both conclusions hold, no treaty binds, so LNEP Art. 54
        # (reciprocity) is the route; once either has lapsed, a treaty may bind and LNEP's application is unknown.
        ("MX", "CO", "2023-09-30", {"coe-cets-112": NOT, "oas-1993": NOT, "mx-lnep-54": BINDS}),
        ("MX", "CO", "2026-03-01", {"coe-cets-112": UNKNOWN, "oas-1993": UNKNOWN, "mx-lnep-54": UNKNOWN}),
        # Mexico–Norway: Norway is beyond the covered range: CETS 112 may bind, so LNEP's applicability is unknown.
        ("MX", "NO", "2026-03-01", {"coe-cets-112": UNKNOWN, "mx-lnep-54": UNKNOWN}),
    ],
)
def test_which_instruments_bind_a_pair_on_a_date(a, b, day, expected):
    found = between(a, b, day)
    assert {k: found[k] for k in expected} == expected


def oas_reasons(sentencing, administering):
    case = with_(
        baseline("mx-pe-2002"),
        sentencing_state=sentencing,
        administering_state=administering,
        **{"person.nationalities": [administering]},
    )
    found = results(case)["oas-1993"]
    return found.applicability.status, {r.state: r for r in found.applicability.reasons}


def test_a_party_listed_without_a_date_is_said_to_be_listed_not_missing_from_the_sources():
    # OAS chart excerpt: Argentina deposited in 2014, but no source gives the date it is bound from.
    from traslado.knowledge.store import load_kb
    from traslado.render.sources import reason_text

    status, reasons = oas_reasons("AR", "MX")
    assert status == "unknown"
    argentina = reasons["AR"]
    assert argentina.key == "applicability.listed_party_undated"
    assert "oas-1993.partial.md" in argentina.source
    kb = load_kb()
    assert reason_text(kb, argentina, "en") == "a source lists AR as a party, without the date from which it is bound"
    assert reason_text(kb, argentina, "es") == (
        "una fuente incluye a AR entre las partes, sin la fecha desde la que está obligado"
    )
    assert "not in the sources held" not in reason_text(kb, argentina, "en")


def test_a_state_not_in_the_partial_party_list_is_still_not_in_the_sources_held():
    status, reasons = oas_reasons("MX", "FR")
    assert status == "unknown"
    assert reasons["FR"].key == "applicability.unknown_party"
    assert reasons["FR"].text == "whether FR is a party is not in the sources held"


def test_the_dating_rule_quotes_art_19_2_verbatim_where_it_is_encoded():
    # kb/common.lp (the rule) and the CETS 112 party file (the data) quote the paragraph they rest on.
    import re
    from pathlib import Path

    from traslado.knowledge.store import load_kb

    kb = load_kb()
    inst = kb.instrument("coe-cets-112")
    assert (inst["accession"]["months"], inst["accession"]["provision"]) == (3, "art_19__para_2")
    words = " ".join(inst["parts"]["art_19__para_2"]["text"]["en"].split())
    source = " ".join((kb.root / "sources" / "coe-cets-112.en.txt").read_text(encoding="utf-8").split())
    assert words in source
    for path in (kb.root / "common.lp", kb.root / "instruments" / "coe-cets-112" / "parties.ttl"):
        comments = " ".join(
            re.sub(r"^\s*[%#]\s?", "", line) for line in Path(path).read_text(encoding="utf-8").splitlines()
        )
        assert words in " ".join(comments.replace('"', " ").split()).replace(" .", "."), path
