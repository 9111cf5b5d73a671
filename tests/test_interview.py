"""`traslado interview`: only the facts that can still change a decision, the most decisive first, each
in plain words with the articles it settles; the answer so far after each; the completed case at the
end. In a terminal (checked through tmux) and from piped input; `--next --format json` for programs."""

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from traslado.case import case_from_mapping, load_case_file
from traslado.case.schema import BY_PATH, FIELDS, Field
from traslado.cli.main import main
from traslado.decide import interview as module
from traslado.decide.evaluate import evaluate
from traslado.decide.interview import answered, candidate_paths, interview
from traslado.render import i18n

ROOT = Path(__file__).resolve().parent.parent
UNDETERMINED = str(ROOT / "examples" / "mx-pe-undetermined.yaml")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_only_facts_that_can_change_a_decision_are_asked(kb):
    case = load_case_file(UNDETERMINED)
    state = interview(case, ["mx-pe-2002"], kb)
    # The engine names these three as what the undetermined answer waits on (Art. III(3), III(7)).
    assert {q.path for q in state.questions} == {
        "sentence.final",
        "consent.sentencing_state",
        "consent.administering_state",
    }
    # Every fact asked changes the decision under some value, checked with the engine.
    for question in state.questions:
        decisions = {
            evaluate(answered(case, question.path, v), ["mx-pe-2002"], kb).results[0].decision for v in (True, False)
        }
        assert decisions != {"undetermined"}, question.path
    # Unknown facts that no rule of the instrument reads are never asked.
    assert not case.known("sentence.expulsion_order") and "sentence.expulsion_order" not in {
        q.path for q in state.questions
    }


def test_once_blocked_nothing_is_left_to_ask(kb):
    case = answered(load_case_file(UNDETERMINED), "sentence.final", False)
    assert interview(case, ["mx-pe-2002"], kb).questions == []


def test_the_most_decisive_question_comes_first(kb):
    """Consent of the person (CETS 112 Art. 3(1)(d), Mexico–Peru Art. III(5), Mexico–El Salvador Art. 5(6))
    settles three instruments; a purely military offence only the two that exclude it."""
    data = yaml.safe_load((ROOT / "examples" / "mx-pe-eligible.yaml").read_text())
    data["consent"].pop("person")
    data["offence"].pop("purely_military")
    case = case_from_mapping(data, "decisive")
    order = [q.path for q in interview(case, ["coe-cets-112", "mx-pe-2002", "mx-sv-1993"], kb).questions]
    assert order.index("consent.person") < order.index("offence.purely_military")
    first = interview(case, ["coe-cets-112", "mx-pe-2002", "mx-sv-1993"], kb).next
    assert {s.citation.instrument for s in first.settles} == {"coe-cets-112", "mx-pe-2002", "mx-sv-1993"}


def test_the_facts_asked_come_from_the_case_table(monkeypatch):
    empty = case_from_mapping({}, "empty")
    asked = candidate_paths(empty, set())
    assert set(asked) <= set(BY_PATH) and "id" not in asked
    # Of two ways of stating the time left, the end date is asked; months only once it is skipped.
    assert "sentence.end_date" in asked and "sentence.remaining_months" not in asked
    assert "sentence.remaining_months" in candidate_paths(empty, {"sentence.end_date"})
    extra = Field("person.new_fact", "bool", "a fact another part of the project adds to the table")
    monkeypatch.setattr(module, "FIELDS", (*FIELDS, extra))
    assert "person.new_fact" in candidate_paths(empty, set())


def test_every_fact_has_a_question_in_plain_words_in_every_language():
    for field in FIELDS:
        if field.type in module.ASKED_TYPES:
            for lang in i18n.languages():
                assert i18n.has(f"question.{field.path}"), field.path
                assert i18n.text(lang, f"question.{field.path}").endswith("?"), (lang, field.path)


def test_next_question_as_json_without_prompting():
    out = run("interview", UNDETERMINED, "-i", "mx-pe-2002", "--next", "--format", "json")
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert data["fact"] in ("sentence.final", "consent.sentencing_state", "consent.administering_state")
    assert data["type"] == "bool" and data["allowed"] == [True, False] and data["done"] is False
    assert data["question"].endswith("?") and data["questions_left"] == 3
    labels = {s["label"] for s in data["settles"]}
    assert len(labels & {"Mexico–Peru Agreement Art. III(3)", "Mexico–Peru Agreement Art. III(7)"}) == 1
    assert all(s["quote"]["es"] for s in data["settles"])
    assert data["decisions_if"]["false"] == {"mx-pe-2002": "blocked"}
    finished = run(
        "interview", str(ROOT / "examples" / "mx-pe-eligible.yaml"), "-i", "mx-pe-2002", "--next", "--format", "json"
    )
    assert json.loads(finished.output) == {"case": "mx-pe-eligible", "fact": None, "done": True, "questions_left": 0}


def test_next_question_as_text_in_spanish():
    out = run("interview", UNDETERMINED, "-i", "mx-pe-2002", "--next", "--lang", "es")
    assert out.exit_code == 0 and "Pregunta 1: ¿" in out.output and "Resuelve:" in out.output
    assert "[es, auténtico]" in " ".join(out.output.split())


def test_piped_answers_complete_the_case(tmp_path):
    target = tmp_path / "case.yaml"
    out = run("interview", UNDETERMINED, "-i", "mx-pe-2002", "-o", str(target), input="maybe\nyes\nyes\nyes\n")
    assert out.exit_code == 0, out.output
    text = out.output
    assert "Question 1:" in text and "Not an answer to this question" in text  # "maybe" is asked again
    assert "The answer so far:" in text and "Mexico–Peru Agreement (mx-pe-2002): ELIGIBLE" in text
    assert "No fact left that could change a decision." in text
    case = load_case_file(target)
    assert case.get("sentence.final") is True and case.get("consent.sentencing_state") is True
    assert evaluate(case, ["mx-pe-2002"]).results[0].decision == "eligible"


def test_a_skipped_question_is_not_asked_again_and_end_of_input_keeps_the_answers(tmp_path):
    target = tmp_path / "case.yaml"
    out = run("interview", UNDETERMINED, "-i", "mx-pe-2002", "-o", str(target), input="\n")
    assert out.exit_code == 0 and out.output.count("Question 1:") == 1 and "Question 2:" in out.output
    assert "No more answers" in out.output
    assert load_case_file(target).facts == load_case_file(UNDETERMINED).facts


def test_without_o_the_case_goes_to_stdout_and_the_dialogue_to_stderr():
    done = subprocess.run(
        [sys.executable, "-m", "traslado", "interview", UNDETERMINED, "-i", "mx-pe-2002"],
        input="no\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert yaml.safe_load(done.stdout)["sentence"]["final"] is False
    assert "Question 1:" in done.stderr and "BLOCKED" in done.stderr


def test_a_bad_answer_names_the_problem_and_asks_again(tmp_path):
    # Sentenced in Mexico, the request made in 2026: the first question is where the sentence would be
    # served (it decides which instruments apply). (From nothing it is no longer the first: without the
    # request date no dated non-party conclusion holds, so the states alone decide less.)
    start = tmp_path / "start.yaml"
    start.write_text("request_date: 2026-03-01\nsentencing_state: MX\n", encoding="utf-8")
    out = run("interview", str(start), "-o", str(tmp_path / "c.yaml"), input="Peru\nPE\n")
    assert "Question 1: In which state would the person serve the sentence?" in out.output
    assert "unknown state code" in out.output and out.output.count("Question 1:") == 1
    assert load_case_file(tmp_path / "c.yaml").get("administering_state") == "PE"
    out = run("interview", "-i", "mx-pe-2002", "-o", str(tmp_path / "d.yaml"), input="prison\nimprisonment\n")
    assert "Question 1: What kind of sentence is it?" in out.output
    assert "Not an answer to this question: one of imprisonment" in out.output
    assert load_case_file(tmp_path / "d.yaml").get("sentence.kind") == "imprisonment"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _wait_for(session: str, text: str, timeout: float = 30.0) -> str:
    end = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < end:
        screen = _tmux("capture-pane", "-p", "-t", session, "-S", "-200")
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared on the screen:\n{screen}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed: the terminal run cannot be driven")
def test_in_a_real_terminal_through_tmux(tmp_path):
    """The interview in a terminal (a tmux pane of 100 columns): rich prompts, typed answers."""
    session = f"traslado-interview-{int(time.time() * 1000)}"
    target = tmp_path / "case.yaml"
    command = f"{sys.executable} -m traslado interview {UNDETERMINED} -i mx-pe-2002 -o {target}; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "50", command)
    try:
        _wait_for(session, "Question 1:")
        _tmux("send-keys", "-t", session, "yes", "Enter")
        _wait_for(session, "Question 2:")
        _tmux("send-keys", "-t", session, "yes", "Enter")
        _wait_for(session, "Question 3:")
        _tmux("send-keys", "-t", session, "yes", "Enter")
        screen = _wait_for(session, "wrote")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert "It settles:" in screen and "Mexico–Peru Agreement (mx-pe-2002): ELIGIBLE" in screen
    assert max(len(line) for line in screen.splitlines()) <= 100
    assert evaluate(load_case_file(target), ["mx-pe-2002"]).results[0].decision == "eligible"
