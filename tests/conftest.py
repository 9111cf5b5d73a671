"""Shared test helpers: a fully-stated baseline case per route, and a one-line way to decide it."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from traslado.case import case_from_mapping
from traslado.decide.evaluate import evaluate
from traslado.decide.results import InstrumentResult
from traslado.knowledge.store import load_kb

BASE: dict[str, Any] = {
    "request_date": "2026-03-01",
    "person": {"resident_in_sentencing_state": False, "minor": False, "incapable": False},
    "sentence": {
        "kind": "imprisonment",
        "indeterminate": False,
        "end_date": "2028-09-01",
        "final": True,
        "collateral_attack_pending": False,
    },
    "offence": {
        "dual_criminality": True,
        "political": False,
        "connected_with_political": False,
        "purely_military": False,
    },
    "consent": {"person": True, "in_writing": True, "sentencing_state": True, "administering_state": True},
    "financial": {"obligations_imposed": True, "obligations_settled": True, "insolvency_proven": False},
    "exceptional_agreement": False,
    "prior_refusal": False,
    "reciprocity": True,
}

ROUTES = {"coe-cets-112": ("ES", "MX"), "mx-pe-2002": ("MX", "PE"), "mx-sv-1993": ("MX", "SV")}


def baseline(instrument: str) -> dict[str, Any]:
    """A case that meets every requirement of the instrument."""
    sentencing, administering = ROUTES[instrument]
    case = copy.deepcopy(BASE)
    case.update(sentencing_state=sentencing, administering_state=administering)
    case["person"]["nationalities"] = [administering]
    return case


def with_(case: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Set dotted paths: with_(case, **{"sentence.final": False}); None deletes (unknown)."""
    case = copy.deepcopy(case)
    for path, value in changes.items():
        *heads, last = path.split(".")
        node = case
        for head in heads:
            node = node.setdefault(head, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return case


def decide(instrument: str, case: dict[str, Any]) -> InstrumentResult:
    result = evaluate(case_from_mapping(case, "<test>"), [instrument])
    (only,) = result.results
    return only


def status(result: InstrumentResult, requirement: str) -> str:
    (req,) = [r for r in result.requirements if r.id == requirement]
    return req.status


def failed_labels(result: InstrumentResult) -> list[str]:
    return sorted(r.citation.label for r in result.with_status("failed"))


@pytest.fixture(scope="session")
def kb():
    return load_kb()
