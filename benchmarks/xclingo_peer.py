"""The peer for figure (e): xclingo explaining the CETS 112 conditions of the benchmark cases.

xclingo pins its own clingo release, so it lives in its own environment and `run.py` starts this
script with that interpreter (`--xclingo-python`). Cases arrive as JSON Lines on stdin (the benchmark's
own generated cases, each with the months left as run.py counts them); it prints one JSON object:
cases explained, seconds, and one sample explanation.

The program below states the same conditions as `plain_python_cets` in run.py (Art. 1(a), 3(1)(a)-(f),
3(2)), each rule labelled with its article for xclingo's trace. Case values reach the program as clingo
symbols printed by clingo itself (quoted and escaped), never as raw text.
"""

from __future__ import annotations

import json
import sys
import time

import clingo
from xclingo import XclingoControl

PROGRAM = """
covered(imprisonment). covered(security_measure).
condition(sentence_kind; nationality; final_judgment; remaining_term; consent_person; dual_criminality;
          consent_states).

%!trace_rule {"Art. 1(a): a sentence of kind % is a sentence within the Convention", K}.
met(sentence_kind) :- sentence_kind(K), covered(K).
%!trace_rule {"Art. 1(a): a sentence of kind % is not a sentence within the Convention", K}.
fails(sentence_kind) :- sentence_kind(K), not covered(K).

%!trace_rule {"Art. 3(1)(a): a national of the administering State %", S}.
met(nationality) :- administering(S), national(S).
%!trace_rule {"Art. 3(1)(a): not a national of the administering State %", S}.
fails(nationality) :- administering(S), not national(S).

%!trace_rule {"Art. 3(1)(b): the judgment is final"}.
met(final_judgment) :- value(final, true).
%!trace_rule {"Art. 3(1)(b): the judgment is not final"}.
fails(final_judgment) :- value(final, false).

%!trace_rule {"Art. 3(1)(c): % months left, at least six", M}.
met(remaining_term) :- remaining(M), M >= 6.
%!trace_rule {"Art. 3(2): the states agreed to a transfer with less than six months left"}.
met(remaining_term) :- value(exceptional_agreement, true).
%!trace_rule {"Art. 3(1)(c): only % months left", M}.
fails(remaining_term) :- remaining(M), M < 6, not value(exceptional_agreement, true).

%!trace_rule {"Art. 3(1)(d): the sentenced person consents"}.
met(consent_person) :- value(consent_person, true).
%!trace_rule {"Art. 3(1)(d): the sentenced person does not consent"}.
fails(consent_person) :- value(consent_person, false).

%!trace_rule {"Art. 3(1)(e): the acts are an offence in the administering State"}.
met(dual_criminality) :- value(dual_criminality, true).
%!trace_rule {"Art. 3(1)(e): the acts are no offence in the administering State"}.
fails(dual_criminality) :- value(dual_criminality, false).

%!trace_rule {"Art. 3(1)(f): both States agree"}.
met(consent_states) :- value(consent_sentencing, true), value(consent_administering, true).
%!trace_rule {"Art. 3(1)(f): a State does not agree"}.
fails(consent_states) :- value(consent_sentencing, false).
fails(consent_states) :- value(consent_administering, false).

%!trace_rule {"blocked: % fails", C}.
decision(blocked) :- fails(C).
%!trace_rule {"undetermined: % is not established", C}.
decision(undetermined) :- condition(C), not met(C), not decision(blocked).
%!trace_rule {"eligible: every condition is met"}.
decision(eligible) :- not decision(blocked), not decision(undetermined).
%!show_trace {decision(D)}.
"""


def facts(case: dict, months: int) -> str:
    """The case as clingo facts, every value a Symbol printed by clingo; months left as run.py counts them."""
    from_json = {True: clingo.Function("true"), False: clingo.Function("false")}
    atoms = [
        clingo.Function("sentence_kind", [clingo.Function(case["sentence"]["kind"])]),
        clingo.Function("administering", [clingo.String(case["administering_state"])]),
        *(clingo.Function("national", [clingo.String(n)]) for n in case["person"]["nationalities"]),
    ]
    atoms.append(clingo.Function("remaining", [clingo.Number(months)]))
    values = {
        "final": case["sentence"].get("final"),
        "consent_person": case["consent"].get("person"),
        "dual_criminality": case["offence"].get("dual_criminality"),
        "consent_sentencing": case["consent"].get("sentencing_state"),
        "consent_administering": case["consent"].get("administering_state"),
        "exceptional_agreement": case.get("exceptional_agreement"),
    }
    for name, value in values.items():
        if value is not None:
            atoms.append(clingo.Function("value", [clingo.Function(name), from_json[value]]))
    return "".join(f"{atom}.\n" for atom in atoms)


def explain(case: dict, months: int) -> str:
    control = XclingoControl(["1"], n_explanations="1")
    control.add("base", [], PROGRAM + facts(case, months))
    control.ground([("base", [])])
    trees = []
    for model in control.solve():
        for graph in model.explain_model():
            trees.extend(graph.explain(atom).ascii_tree() for atom in graph.show_trace)
    return "\n".join(trees)


def main() -> None:
    items = [json.loads(line) for line in sys.stdin if line.strip()]
    begin = time.perf_counter()
    explanations = [explain(item["case"], item["remaining_months"]) for item in items]
    seconds = time.perf_counter() - begin
    print(json.dumps({"cases": len(items), "seconds": seconds, "sample": explanations[0] if items else ""}))


if __name__ == "__main__":
    main()
