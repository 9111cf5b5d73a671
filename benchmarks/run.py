"""Traslado benchmarks, printed in one run (figures, not assertions):

(a) cold `traslado --version` and `traslado check` wall time, median of repeated process starts, against
    `python -c "import clingo"`
(b) in-process time per case, all instruments, with full explanations (the `check` JSON): the per-case path
(c) `traslado batch` throughput and peak memory, screening records and --full, one worker and --workers, on
    cases generated into a file first (batch refuses a pipe), records counted as they come out; ratios
    against (b) in the same run
(d) the same conditions in a plain-Python function: the reference ceiling, without explanations
(e) xclingo explaining the same cases (CETS 112 conditions, benchmarks/xclingo_peer.py), where installed,
    against Traslado on CETS 112 alone
(f) cold `traslado query` on each example query of docs/queries (the export cached, as after the first
    run), median of repeated process starts, against the same floor as (a)
(g) with --memory only (it is long: 20 to 30 minutes for a million cases): peak memory of a screening
    batch, one worker, at each size, against the smallest (issue 17's target: within 10%)

  python benchmarks/run.py [--sizes 10000,100000] [--workers 2] [--starts 15] [--seed 1983]
                            [--xclingo-python /tmp/xvenv/bin/python]
  python benchmarks/run.py --memory 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import traslado
import traslado.cli
from traslado.case import case_from_mapping
from traslado.case.months import remaining_between
from traslado.case.schema import SENTENCE_KINDS
from traslado.decide.evaluate import evaluate
from traslado.knowledge.store import load_kb
from traslado.render.json_result import case_json

ROOT = Path(__file__).resolve().parent.parent

STATES = ["MX", "PE", "SV", "ES", "US", "DE", "CO"]


def random_case(rng: random.Random, n: int) -> dict:
    """A valid case with every fact drawn at random, some left unknown."""

    def maybe() -> bool | None:
        return rng.choice([True, True, True, False, None])

    sentencing, administering = rng.sample(STATES, 2)
    year = rng.randint(2026, 2031)  # the sentence ends after the request date (2026-03-01): else a bad case
    end = f"{year}-{rng.randint(4 if year == 2026 else 1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": f"bench-{n}",
        "request_date": "2026-03-01",
        "sentencing_state": sentencing,
        "administering_state": administering,
        "person": {
            "nationalities": [rng.choice([administering, sentencing])],
            "minor": maybe(),
            "incapable": maybe(),
            "resident_in_sentencing_state": maybe(),
        },
        "sentence": {"kind": rng.choice(SENTENCE_KINDS), "end_date": end, "final": maybe()},
        "offence": {"dual_criminality": maybe(), "political": maybe(), "purely_military": maybe()},
        "consent": {
            "person": maybe(),
            "in_writing": maybe(),
            "sentencing_state": maybe(),
            "administering_state": maybe(),
        },
        "financial": {"obligations_settled": maybe()},
        "exceptional_agreement": maybe(),
    }


def median_wall(command: list[str], starts: int) -> float:
    times = []
    for _ in range(starts):
        begin = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def plain_python_cets(case: dict) -> str:
    """CETS 112 Art. 1(a) and 3(1)(a)-(f), 3(2) as a plain function: decision only, no explanation."""
    person, sentence, consent = case["person"], case["sentence"], case["consent"]
    from datetime import date

    checks = [
        sentence["kind"] in ("imprisonment", "security_measure"),
        case["administering_state"] in person["nationalities"],
        sentence.get("final"),
        remaining_between(date.fromisoformat(case["request_date"]), date.fromisoformat(sentence["end_date"])).months
        >= 6
        or case.get("exceptional_agreement") is True,
        consent.get("person"),
        case["offence"].get("dual_criminality"),
        consent.get("sentencing_state") and consent.get("administering_state"),
    ]
    if any(c is False for c in checks):
        return "blocked"
    return "undetermined" if any(c is None for c in checks) else "eligible"


def emit(n: int, seed: int) -> None:
    """Write n generated cases as JSON Lines on stdout, one in 400 malformed (for the batch)."""
    rng = random.Random(seed)
    out = sys.stdout
    for i in range(n):
        if i % 400 == 399:
            out.write('{"sentence": {"end_dte": "2027-01-01"}}\n' if i % 800 == 399 else "{not json\n")
        else:
            out.write(json.dumps(random_case(rng, i)) + "\n")


_PEAK = (
    "import resource, sys; from traslado.cli.main import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(max(own, kids), file=sys.stderr)\n"
)


def batch_run(size: int, seed: int, workers: int, full: bool) -> tuple[float, float, int]:
    """Wall time, peak resident memory (MiB) of the batch process and its workers, records written
    (the header record, with the run's receipt and the screening table, left out). The cases are
    generated into a file first (batch refuses a pipe as input: it could block); the records are
    counted as they come."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases.jsonl"
        with cases.open("w") as handle:
            subprocess.run(
                [sys.executable, __file__, "--emit", str(size), "--seed", str(seed)], stdout=handle, check=True
            )
        command = [sys.executable, "-c", _PEAK, "batch", str(cases), "-q", "--workers", str(workers)]
        begin = time.perf_counter()
        batch = subprocess.Popen(
            command + (["--full"] if full else []), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
        )
        records = sum(1 for line in batch.stdout if not line.startswith(b'{"header"'))
        _, err = batch.communicate()
        wall = time.perf_counter() - begin
    peak_kib = int(err.decode().strip().splitlines()[-1])
    return wall, peak_kib / 1024, records


def memory_figure(sizes: list[int], seed: int) -> None:
    """(g): the same batch as (c), screening on one worker, at growing sizes (the cases drawn afresh
    for each size, the output counted as it comes and never kept)."""
    peaks = []
    for size in sizes:
        wall, peak, records = batch_run(size, seed + size, 1, False)
        peaks.append(peak)
        print(
            f"(g) batch screening {size:>8} cases, 1 worker: {wall:7.1f} s, {size / wall:6.0f} cases/s,"
            f" peak memory {peak:.0f} MiB ({peak / peaks[0] - 1:+.1%} against {sizes[0]}), {records} records",
            flush=True,
        )
    print(f"(g) peak memory from {sizes[0]} to {sizes[-1]} cases: {max(peaks) / peaks[0] - 1:+.1%}; target: within 10%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="cases for (b), (d) and (e)")
    parser.add_argument("--sizes", default="10000,100000", help="batch sizes for (c); 1000000 for the memory figure")
    parser.add_argument("--emit", type=int, help=argparse.SUPPRESS)  # internal: generate cases on stdout
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--starts", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1983)
    parser.add_argument("--xclingo-python", help="an interpreter with xclingo installed, for (e)")
    parser.add_argument("--memory", help="batch sizes for (g) alone, e.g. 10000,100000,1000000")
    args = parser.parse_args()
    if args.emit is not None:
        emit(args.emit, args.seed)
        return
    if args.memory:
        memory_figure([int(s) for s in args.memory.split(",") if s], args.seed)
        return

    rng = random.Random(args.seed)
    raw = [random_case(rng, n) for n in range(args.cases)]
    cases = [case_from_mapping(r, "<bench>") for r in raw]
    kb = load_kb()
    evaluate(cases[0], None, kb)  # warm: compiled KB cache, grounded solver

    print(f"Traslado benchmark, seed {args.seed}, {len(kb.instruments)} instruments, {os.cpu_count()} cores")
    example = ROOT / "examples" / "mx-pe-eligible.yaml"
    # Bytecode as an installed package has it (an editable install under PYTHONDONTWRITEBYTECODE never
    # writes it, and every start would then compile the engine from source).
    packages = {str(Path(m.__file__).resolve().parent) for m in (traslado, traslado.cli)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sorted(packages)], check=True, capture_output=True)
    floor = median_wall([sys.executable, "-c", "import clingo"], args.starts)
    version = median_wall([sys.executable, "-m", "traslado", "--version"], args.starts)
    cold = median_wall([sys.executable, "-m", "traslado", "check", str(example)], args.starts)
    print(
        f"(a) cold, median of {args.starts} starts: --version {version * 1000:.0f} ms ({version / floor:.1f}x),"
        f" check {cold * 1000:.0f} ms ({cold / floor:.1f}x); floor (import clingo) {floor * 1000:.0f} ms;"
        " target: check within 2x the floor"
    )

    begin = time.perf_counter()
    for case in cases:
        case_json(evaluate(case, None, kb), kb)
    engine_s = (time.perf_counter() - begin) / len(cases)
    print(
        f"(b) in process, all instruments, full explanations: {engine_s * 1000:.2f} ms per case"
        f" ({1 / engine_s:.0f} cases/s on one core, {len(cases)} cases)"
    )

    for size in (int(s) for s in args.sizes.split(",") if s):
        for full in (False, True):
            for workers in sorted({1, args.workers}):
                wall, peak, records = batch_run(size, args.seed + size, workers, full)
                per_core = size / wall / workers
                print(
                    f"(c) batch {'full     ' if full else 'screening'} {size:>7} cases, {workers} worker(s):"
                    f" {wall:7.1f} s, {size / wall:6.0f} cases/s ({per_core:.0f} per core,"
                    f" {per_core * engine_s:.1f}x the per-case path), peak memory {peak:.0f} MiB, {records} records"
                )

    cets_only = cases[: min(len(cases), 500)]
    begin = time.perf_counter()
    for case in cets_only:
        case_json(evaluate(case, ["coe-cets-112"], kb), kb)
    cets_s = (time.perf_counter() - begin) / len(cets_only)
    begin = time.perf_counter()
    for r in raw:
        plain_python_cets(r) if r["person"]["nationalities"] else None
    plain_s = (time.perf_counter() - begin) / len(raw)
    print(
        f"(d) plain Python, CETS 112 conditions only, no explanation: {plain_s * 1e6:.1f} µs per case;"
        f" Traslado is {engine_s / plain_s:.0f}x slower for {len(kb.instruments)} instruments with explanations,"
        f" {cets_s / plain_s:.0f}x on CETS 112 alone ({cets_s * 1000:.2f} ms per case)"
    )

    python = args.xclingo_python or os.environ.get("XCLINGO_PYTHON") or _xclingo_here()
    if not python:
        print(
            "(e) xclingo: not installed, so not measured. It pins its own clingo release: install it in its own"
            " environment (python -m venv /tmp/xvenv && /tmp/xvenv/bin/pip install xclingo) and pass"
            " --xclingo-python /tmp/xvenv/bin/python"
        )
    else:
        peer = xclingo_run(python, raw[: min(len(raw), 500)])
        xclingo_s = peer["seconds"] / peer["cases"]
        print(
            f"(e) xclingo, CETS 112 conditions with traced explanations: {xclingo_s * 1000:.2f} ms per case"
            f" ({peer['cases']} cases); Traslado on CETS 112 alone, full explanations: {cets_s * 1000:.2f} ms"
            f" per case; xclingo/Traslado {xclingo_s / cets_s:.1f}x"
        )

    queries = sorted((ROOT / "docs" / "queries").glob("*.rq"))
    subprocess.run([sys.executable, "-m", "traslado", "query", str(queries[0])], check=True, capture_output=True)
    walls = {q.name: median_wall([sys.executable, "-m", "traslado", "query", str(q)], args.starts) for q in queries}
    slowest = max(walls.values())
    print(
        f"(f) cold query, median of {args.starts} starts per example query: "
        + ", ".join(f"{name} {wall * 1000:.0f} ms" for name, wall in walls.items())
        + f"; floor (import clingo) {floor * 1000:.0f} ms; slowest/floor {slowest / floor:.1f}x"
    )


def _xclingo_here() -> str | None:
    try:
        import xclingo  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def xclingo_run(python: str, raw: list[dict]) -> dict:
    """Run benchmarks/xclingo_peer.py under the interpreter that has xclingo."""
    from datetime import date

    lines = []
    for case in raw:
        months = remaining_between(
            date.fromisoformat(case["request_date"]), date.fromisoformat(case["sentence"]["end_date"])
        ).months
        lines.append(json.dumps({"case": case, "remaining_months": months}))
    done = subprocess.run(
        [python, str(ROOT / "benchmarks" / "xclingo_peer.py")],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


if __name__ == "__main__":
    main()
