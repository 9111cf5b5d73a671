"""The batch's memos are bounded and change nothing: the same records with a memo of three entries
as with the default, and each record's tally (what the summary counts) is what the record says."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import orjson
import pytest
from traslado.batch import records
from traslado.batch.reading import Item
from traslado.batch.records import Renderer, Summary
from traslado.decide.memo import BoundedMemo

sys.path.insert(0, str(Path(__file__).parent))
from random_cases import near_eligible, random_mapping  # noqa: E402


def test_a_full_memo_forgets_its_oldest_entry_first():
    memo = BoundedMemo(3)
    for key in "abcd":
        memo.put(key, key.upper())
    assert list(memo.items()) == [("b", "B"), ("c", "C"), ("d", "D")]
    assert memo.put("e", "E") == "E" and list(memo) == ["c", "d", "e"]
    memo.limit = 0  # a memo of nothing remembers nothing, and still answers
    assert memo.put("f", "F") == "F" and len(memo) == 0


@pytest.fixture(scope="module")
def items():
    rng = random.Random(29)
    rows = [near_eligible(rng, n) if n % 2 else random_mapping(rng, n) for n in range(120)]
    rows += rows[:40]  # cases seen before: their records come from the memos
    for row in rows[::9]:  # 18 U.S.C. § 4100: an instrument's result names the others that bind
        row.update(sentencing_state="US", administering_state="MX")
    out = [Item(index=n, source=f"<memo {n}>", default_id=f"memo-{n}", data=row) for n, row in enumerate(rows)]
    out.insert(5, Item(index=999, source="<bad>", default_id="bad", data={"sentence": {"end_dte": "2027-01-01"}}))
    return out


@pytest.mark.parametrize("full", [False, True], ids=["screening", "full"])
def test_each_record_is_counted_as_it_reads(items, full):
    lines = Renderer(None, full).chunk(items)
    assert len(lines) == len(items)
    for line, tally in lines:
        assert tally == Summary.tally(orjson.loads(line))


@pytest.mark.parametrize("full", [False, True], ids=["screening", "full"])
def test_memos_of_three_entries_give_the_same_records(items, full, monkeypatch):
    want = Renderer(None, full).chunk(items)
    memos = [records._FRAGMENTS, records._FULL_FRAGMENTS, records._INSTRUMENT_OF, records._ACROSS]
    for memo in memos:
        monkeypatch.setattr(memo, "limit", 3)
        memo.clear()
    renderer = Renderer(None, full)
    renderer.memo.limit = 3
    got = renderer.chunk(items) + renderer.chunk(items)
    assert got == want + want
    assert all(len(memo) <= 3 for memo in [*memos, renderer.memo])


def test_what_is_recalled_is_forgotten_last():
    memo = BoundedMemo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.recall("a") == 1 and memo.recall("z") is None
    memo.put("c", 3)
    assert list(memo) == ["a", "c"]


def test_the_command_line_grounds_the_chunks_the_docs_name():
    """docs/batch.md: 200 cases per grounding by default (the command once kept 500: more memory), and
    a worker process replaced after the number of cases the docs give."""
    from traslado.batch.runner import CHUNK
    from traslado.cli.batch_command import batch

    docs = (Path(__file__).resolve().parent.parent / "docs" / "batch.md").read_text()
    default = next(p.default for p in batch.params if p.name == "chunk_size")
    assert default == CHUNK == 200 and "`--chunk-size`, default 200 cases per grounding" in docs
    from traslado.batch.runner import RECYCLE

    assert RECYCLE == 10_000 and "10,000 cases (`traslado.batch.runner.RECYCLE`)" in docs


def _decided_by(items):
    """A chunk's 'records': the process that decided each case (the pool pickles this by name)."""
    import os

    return [(f"{item.index}:{os.getpid()}".encode(), ()) for item in items]


@pytest.mark.parametrize("workers", [1, 2])
def test_worker_processes_are_replaced_after_their_share_of_cases(workers):
    """clingo never frees a symbol: a process is replaced after `recycle` cases (each, with N workers),
    so memory cannot grow with the run. Records stay in input order, none lost, none twice."""
    import os

    from traslado.batch.runner import _decided

    chunks = ([Item(n, f"in:{n}", f"case-{n}")] for n in range(12))  # one case a chunk
    out = [record.decode() for chunk in _decided(chunks, _decided_by, workers, recycle=3) for record, _ in chunk]
    assert [int(r.split(":")[0]) for r in out] == list(range(12))
    pids = [int(r.split(":")[1]) for r in out]
    assert os.getpid() not in pids  # one worker too decides in a process of its own
    share = 3 * workers
    for start in range(0, 12, share):
        later = set(pids[start + share :])
        assert not set(pids[start : start + share]) & later  # a process replaced is never handed more
