"""Speed of `traslado check`, printed, not asserted: cold start against the floor of importing clingo,
and in-process time per case across all instruments with full explanations.

    python benchmarks/run.py [--cases N] [--starts N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.case import case_from_mapping  # noqa: E402
from engine.case_schema import SENTENCE_KINDS  # noqa: E402
from engine.kb import load_kb  # noqa: E402
from engine.solve import evaluate  # noqa: E402

STATES = ["MX", "PE", "SV", "ES", "US", "DE", "CO"]


def random_case(rng: random.Random, n: int) -> dict:
    """A valid case with every fact drawn at random, some left unknown."""

    def maybe_bool() -> bool | None:
        return rng.choice([True, True, True, False, None])

    sentencing, administering = rng.sample(STATES, 2)
    end = f"{rng.randint(2026, 2031)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": f"bench-{n}",
        "request_date": "2026-03-01",
        "sentencing_state": sentencing,
        "administering_state": administering,
        "person": {
            "nationalities": [rng.choice([administering, sentencing])],
            "minor": maybe_bool(),
            "incapable": maybe_bool(),
            "resident_in_sentencing_state": maybe_bool(),
        },
        "sentence": {"kind": rng.choice(SENTENCE_KINDS), "end_date": end, "final": maybe_bool()},
        "offence": {"dual_criminality": maybe_bool(), "political": maybe_bool(), "purely_military": maybe_bool()},
        "consent": {
            "person": maybe_bool(),
            "in_writing": maybe_bool(),
            "sentencing_state": maybe_bool(),
            "administering_state": maybe_bool(),
        },
        "financial": {"obligations_settled": maybe_bool()},
        "exceptional_agreement": maybe_bool(),
    }


def wall(command: list[str], starts: int) -> float:
    times = []
    for _ in range(starts):
        begin = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1983)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = [case_from_mapping(random_case(rng, n), "<bench>") for n in range(args.cases)]
    kb = load_kb()  # warms the compiled-KB cache

    example = ROOT / "examples" / "mx-pe-eligible.yaml"
    floor = wall([sys.executable, "-c", "import clingo"], args.starts)
    cold = wall([sys.executable, "-m", "cli.main", "check", str(example)], args.starts)
    print(f"cold check, median of {args.starts} process starts: {cold * 1000:.0f} ms")
    print(f"floor (python -c 'import clingo'):              {floor * 1000:.0f} ms  ratio {cold / floor:.1f}x")

    begin = time.perf_counter()
    decisions: dict[str, int] = {}
    for case in cases:
        for result in evaluate(case, None, kb).results:
            decisions[result.decision] = decisions.get(result.decision, 0) + 1
    per_case = (time.perf_counter() - begin) / len(cases)
    print(
        f"in process, all {len(kb.instruments)} instruments with explanations: {per_case * 1000:.2f} ms per case "
        f"({1 / per_case:.0f} cases/s on one core, {len(cases)} cases, seed {args.seed})"
    )
    print("decisions:", ", ".join(f"{k} {v}" for k, v in sorted(decisions.items())))


if __name__ == "__main__":
    main()
