"""One record per batch item, in one of two forms, and what the summary counts of it.

- full (`--full`): the `check` JSON of the case with its index and source, every requirement with
  its quote and label, the case's facts, applicability and declarations;
- screening (the default): per instrument the decision, and per requirement its id, status, citation
  (a reference into the header) and the missing facts. Quotes, labels and citations are written once,
  in the header record that opens the output (header_record), so a record is a few hundred bytes.

A bad case becomes its own error record; it never stops or loses the others. A chunk of cases is
decided in one grounding (traslado.decide.evaluate.evaluate_many); records of cases with the same
facts are rendered once (bounded memo)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from traslado.batch.reading import Item, parsed
from traslado.case import Case, CaseError, Problem, case_from_mapping, load_case_file
from traslado.case.printable import escape_json_controls
from traslado.decide.memo import BoundedMemo
from traslado.decide.supersession import ATOMS as SUPERSESSION_ATOMS

SCREENING_FORMAT = "traslado-batch-screening"
FULL_FORMAT = "traslado-batch-full"
SCREENING_VERSION = 2  # 2: one header record with the run's receipt beside the table
# What only --full reads: the facts each requirement looked at, and the states' declarations.
SCREENING_HIDES = frozenset({("looked_at", 3), ("declared", 2)})
_MEMO_LIMIT = 5_000  # instruments' screening and not-applicable full results: a few hundred bytes to a few kB each
_FULL_MEMO_LIMIT = 2_000  # full records: about 16 kB each
_HANDLE_LIMIT = 50_000  # facts about one shown atom (its handle): a few dozen bytes each


def dumps(record: Any) -> bytes:
    """JSON bytes, by orjson (about ten times json.dumps on a full record); json for what it refuses."""
    import orjson

    try:
        out = orjson.dumps(record)
    except (TypeError, orjson.JSONEncodeError):
        out = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    if out.isascii():
        return out
    # C1 controls and bidirectional overrides as \u escapes, as `check` writes them (safe on a terminal)
    return escape_json_controls(out.decode("utf-8")).encode("utf-8")


def ref(citation: Any) -> str:
    """A citation as the screening record names it: 'instrument#eid' (a key of the header's citations)."""
    if isinstance(citation, dict):
        return f"{citation['instrument']}#{citation['eid']}"
    return f"{citation.instrument}#{citation.eid}"


def header_record(
    kb: Any, instruments: list[str] | None, lang: str = "en", full: bool = False, receipt: dict | None = None
) -> dict[str, Any]:
    """The one header record of a JSON Lines output: the receipt of the run (what every record rests
    on) and, for screening records, what they refer to: every article, paragraph and item of every
    instrument of the KB (a record may cite another instrument's, as ETS 167 cites CETS 112), with its
    label and quote, and every concept's label. --full records carry their own, so only the receipt."""
    from traslado.knowledge.citation import Citation

    if full:
        return {"header": True, "format": FULL_FORMAT, "version": SCREENING_VERSION, "receipt": receipt}
    chosen = list(instruments) if instruments else list(kb.instruments)
    citations: dict[str, Any] = {}
    for ident, inst in kb.instruments.items():
        prefix = inst.get("article_prefix", "Art.")
        for part in inst["parts"].values():
            if part["article"] is None:
                continue
            citation = Citation(ident, part["article"], part["paragraph"], part["item"], prefix)
            label, quote = kb.cite_label(citation, lang), kb.quote(citation)
            citations[ref(citation)] = {**citation.to_json(), "label": label, "quote": quote}
    return {
        "header": True,
        "format": SCREENING_FORMAT,
        "version": SCREENING_VERSION,
        "lang": lang,
        "instruments": {
            i: {"short_name": kb.short_name(i, lang), "authentic_languages": kb.instrument(i)["authentic"]}
            for i in chosen
        },
        "labels": {notation: kb.concept_label(notation, lang) for notation in sorted(kb.data["concepts"])},
        "citations": dict(sorted(citations.items())),
        "receipt": receipt,
    }


def screening_results(full_results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The screening form of the `check` JSON's results."""
    out = []
    for r in full_results:
        out.append(
            {
                "instrument": r["instrument"],
                "decision": r["decision"],
                "applicability": r["applicability"]["status"],
                "requirements": [
                    {
                        "id": q["id"],
                        "status": q["status"],
                        "citation": ref(q["citation"]),
                        "missing_facts": q["missing_facts"],
                        "also_cited": [ref(c) for c in q["also_cited"]],
                        "exceptions": [
                            {"condition": e["condition"], "applied": e["applied"], "citation": ref(e["citation"])}
                            for e in q["exceptions"]
                        ],
                        **({"counted_from": q["counted_from"]} if "counted_from" in q else {}),
                        "missing_texts": q["missing_texts"],
                    }
                    for q in r["requirements"]
                ],
                "considerations": [{"id": n["id"], "citation": ref(n["citation"])} for n in r["considerations"]],
                "effects": [{"id": n["id"], "citation": ref(n["citation"])} for n in r["effects"]],
                "failed": [ref(c) for c in r["failed"]],
                "missing_facts": r["missing_facts"],
                "missing_texts": r["missing_texts"],
                "conditional": r["conditional"],
                "conditional_reason": r["conditional_reason"],
            }
        )
    return out


def _case_of(item: Item) -> Case:
    item = parsed(item)
    if item.path:
        return load_case_file(item.path)
    if item.error:
        raise CaseError(item.source, [Problem("", item.error)])
    return case_from_mapping(item.data, item.source, default_id=item.default_id)


def error_record(item: Item, error: Exception) -> dict[str, Any]:
    """The record of a case that could not be evaluated, saying why (never a traceback)."""
    data = parsed(item).data if item.line is not None else item.data
    case_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    if isinstance(error, CaseError):
        detail: dict[str, Any] = {"source": error.source, "problems": error.to_json()}
    else:
        detail = {"message": str(error) or type(error).__name__}
    return {"index": item.index, "source": item.source, "case": case_id or item.default_id, "error": detail}


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _memo_key(case: Case) -> tuple:
    facts = tuple(sorted((path, _freeze(value)) for path, value in case.facts.items()))
    hypothetical = tuple(sorted((p, tuple(sorted(c.items(), key=str))) for p, c in case.hypothetical.items()))
    return facts, hypothetical


@dataclass
class Renderer:
    """Turns a chunk of items into rendered records (JSON lines or CSV rows) and their tallies."""

    instruments: list[str] | None
    full: bool = False
    fmt: str = "jsonl"
    memo: BoundedMemo = field(default_factory=lambda: BoundedMemo(_FULL_MEMO_LIMIT))  # facts -> (body, tally)
    readings: dict[str, str] | None = None  # the contested readings chosen (--reading, --profile)

    def chunk(self, items: list[Item]) -> list[tuple[bytes, tuple]]:
        from traslado.decide.evaluate import evaluate, solve_many
        from traslado.knowledge.readings import with_readings
        from traslado.knowledge.store import load_kb

        kb = with_readings(load_kb(), self.readings or {})
        cases: list[Case | None] = []
        done: dict[int, dict[str, Any]] = {}
        for n, item in enumerate(items):
            try:
                cases.append(_case_of(item))
            except Exception as error:  # noqa: BLE001 (any fault in one case is that case's record)
                cases.append(None)
                done[n] = error_record(item, error)
        if not self.full:
            return self._screen(items, cases, done, kb)
        results: dict[int, tuple[bytes, tuple]] = {}  # each case's (body, tally), remembered or rendered
        todo = []
        for n, case in enumerate(cases):
            found = self.memo.recall(self._key(case)) if case is not None else None
            if found is not None:  # taken now: the memo may forget it before the chunk is written
                results[n] = found
            elif case is not None:
                todo.append((n, case))
        chosen = set(self.instruments or kb.instruments)
        try:
            shown = solve_many(kb, [c for _, c in todo], self.instruments) if todo else []
        except Exception:  # noqa: BLE001 (one bad case must not lose the chunk: decide one by one)
            shown = None
        for position, (n, case) in enumerate(todo):
            try:  # one result at a time: a chunk's full results at once would hold hundreds of MiB
                if shown is None:
                    results[n] = self._remember(case, evaluate(case, self.instruments, kb), kb)
                else:
                    results[n] = self.memo.put(self._key(case), _full_body(kb, case, shown[position], chosen))
            except Exception as error:  # noqa: BLE001
                done[n] = error_record(items[n], error)
        out = []
        for n, (item, case) in enumerate(zip(items, cases, strict=True)):
            if n in done:
                out.append(self._error(done[n]))
                continue
            out.append(self._case_line(item, case, *results[n]))
        return out

    def _case_line(self, item: Item, case: Case, body: bytes, tally: tuple) -> tuple[bytes, tuple]:
        """The record: index, source and case, then the body (results and hypothetical); tally is
        what the summary counts of it (Summary.tally of the record, composed from its results')."""
        prefix = dumps({"index": item.index, "source": item.source, "case": case.id})[:-1]
        line = prefix + b"," + body[1:]
        if self.fmt == "csv":
            import orjson

            record = orjson.loads(line)
            return csv_bytes(csv_rows(record)), Summary.tally(record)
        return line + b"\n", tally

    def _error(self, record: dict[str, Any]) -> tuple[bytes, tuple]:
        return self._render(record), Summary.tally(record)

    def _screen(self, items: list[Item], cases: list[Case | None], done: dict, kb: Any) -> list[tuple[bytes, tuple]]:
        """Screening records from memoised fragments: an instrument's screening result depends only on
        the shown atoms about it, so each distinct set of them is rendered once (bounded memo)."""
        from traslado.decide.evaluate import solve_many

        todo = [(n, c) for n, c in enumerate(cases) if c is not None]
        try:
            shown = solve_many(kb, [c for _, c in todo], self.instruments, SCREENING_HIDES) if todo else []
        except Exception:  # noqa: BLE001 (one bad case must not lose the chunk: decide one by one)
            shown = None
        chosen = set(self.instruments or kb.instruments)
        out: dict[int, tuple[bytes, tuple]] = {}
        for position, (n, case) in enumerate(todo):
            try:
                alone = shown is None  # the chunk failed as a whole: this case on its own
                atoms = solve_many(kb, [case], self.instruments, SCREENING_HIDES)[0] if alone else shown[position]
                out[n] = self._case_line(items[n], case, *self._screening_body(kb, case, atoms, chosen))
            except Exception as error:  # noqa: BLE001
                done[n] = error_record(items[n], error)
        return [self._error(done[n]) if n in done else out[n] for n in range(len(items))]

    def _screening_body(self, kb: Any, case: Case, atoms: list[Any], chosen: set[str]) -> tuple[bytes, tuple]:
        from traslado.render.json_result import hypothetical_json

        buckets: dict[str, list[Any]] = {}
        for atom in atoms:
            instrument = _INSTRUMENT_OF.get(atom._rep)
            if instrument is None:
                instrument = _instrument_of(atom)
            buckets.setdefault(instrument, []).append(atom)
        fragments = []
        for instrument in buckets:
            if instrument not in chosen:
                continue
            bucket = buckets[instrument]
            key = (instrument, frozenset(a._rep for a in bucket), kb.choices)
            found = _FRAGMENTS.recall(key) or _FRAGMENTS.put(key, _fragment(kb, case, bucket))
            if found[1]:
                fragments.append((found[0], instrument, found[1], found[2]))
        fragments.sort(key=lambda f: f[:3])  # the engine's one order of results
        hypothetical = dumps(hypothetical_json(case.hypothetical))
        body = b'{"results":[' + b",".join(f[2] for f in fragments) + b'],"hypothetical":' + hypothetical + b"}"
        return body, (False, tuple(part for f in fragments for part in f[3]))

    def _key(self, case: Case) -> tuple:
        return _memo_key(case)

    def _remember(self, case: Case, result: Any, kb: Any) -> tuple[bytes, tuple]:
        """The record's body after index, source and case, and its tally: the same for every case
        with these facts (the full path's fallback, one case at a time)."""
        from traslado.render.json_result import case_json

        data = case_json(result, kb)
        del data["case"]
        return self.memo.put(self._key(case), (dumps(data), Summary.tally(data)))

    def _render(self, record: dict[str, Any]) -> bytes:
        if self.fmt == "csv":
            return csv_bytes(csv_rows(record))
        return dumps(record) + b"\n"


_INSTRUMENT_OF = BoundedMemo(_HANDLE_LIMIT)  # a shown atom's handle -> the instrument it is about
# (instrument, its shown atoms, readings) -> (order group, results' screening JSON, their tallies)
_FRAGMENTS = BoundedMemo(_MEMO_LIMIT)


def _instrument_of(atom: Any) -> str:
    """Every atom the rules show is about one instrument, named by its first argument."""
    from clingo import SymbolType

    first = atom.arguments[0] if atom.arguments else None
    if first is None or first.type != SymbolType.String:
        raise ValueError(f"a shown atom names no instrument first: {atom}")
    return _INSTRUMENT_OF.put(atom._rep, first.string)


def _fragment(kb: Any, case: Case, bucket: list[Any]) -> tuple[int, bytes, tuple]:
    """One instrument's screening result from its shown atoms, read as `check` reads them (so the
    screening record says what the full record says), with its place in the engine's order of
    results (traslado.decide.model.result_group: binding, conditional, replaced, ...)."""
    from traslado.decide.model import read_results, result_group
    from traslado.render.json_result import instrument_json

    results = read_results(kb, case, bucket, "en")
    group = min((result_group(x) for x in results), default=0)
    screened = screening_results([instrument_json(x, kb) for x in results])
    return group, b",".join(dumps(r) for r in screened), tuple(Summary.result_tally(r) for r in screened)


_FULL_FRAGMENTS = BoundedMemo(_MEMO_LIMIT)  # not-applicable instruments' full results: (group, JSON, tally)


def _full_body(kb: Any, case: Case, atoms: list[Any], chosen: set[str]) -> tuple[bytes, tuple]:
    """The full record's body, byte for byte as `check` writes it (traslado.render.json_result.case_json
    without the case id). An instrument that does not bind the two states says the same for every case
    with the same states, request date and shown atoms, so its result is rendered once (bounded memo);
    the others are read from the atoms about them. Every instrument is read with the atoms that speak
    across instruments (_ACROSS: which others bind, the Framework Decision's replacement of others).
    With the body, its tally (what the summary counts of it)."""
    from traslado.decide.model import read_results, result_group
    from traslado.render.json_result import hypothetical_json, instrument_json

    buckets: dict[str, list[Any]] = {}
    across: list[Any] = []
    for atom in atoms:
        if _across(atom):
            across.append(atom)
            continue
        instrument = _INSTRUMENT_OF.get(atom._rep)
        if instrument is None:
            instrument = _instrument_of(atom)
        buckets.setdefault(instrument, []).append(atom)
    context = (
        kb.choices,
        frozenset(a._rep for a in across),
        case.get("sentencing_state"),
        case.get("administering_state"),
        case.known("sentencing_state"),
        case.known("administering_state"),
        case.known("request_date"),
    )
    fragments: list[tuple[int, str, bytes, tuple]] = []
    unread: list[Any] = []
    keys: dict[str, tuple] = {}
    for instrument, bucket in buckets.items():
        if instrument not in chosen:
            continue
        key = keys[instrument] = (instrument, frozenset(a._rep for a in bucket), context)
        found = _FULL_FRAGMENTS.recall(key)
        if found is None:
            unread.extend(bucket)
        else:
            fragments.append((found[0], instrument, found[1], found[2]))
    if unread:
        results = [r for r in read_results(kb, case, unread + across, "en") if r.instrument in keys]
        if case.known("sentence.end_date"):
            from traslado.decide.deadlines import latest_request_date

            for result in results:
                result.latest_request_date = latest_request_date(kb, case, result)
        for result in results:
            data = instrument_json(result, kb)
            found = (result_group(result), dumps(data), Summary.result_tally(data))
            if result.decision == "not_applicable":
                _FULL_FRAGMENTS.put(keys[result.instrument], found)
            fragments.append((found[0], result.instrument, found[1], found[2]))
    fragments.sort(key=lambda f: f[:3])  # the engine's one order of results
    body = b",".join(f[2] for f in fragments)
    hypothetical = dumps(hypothetical_json(case.hypothetical))
    return b'{"results":[' + body + b'],"hypothetical":' + hypothetical + b"}", (False, tuple(f[3] for f in fragments))


# Shown atoms that an instrument's result reads although they are about others: binds/1 (a
# requirement's facts name the other instruments that bind) and the replacement's atoms
# (traslado.decide.supersession.Supersession.read).
_ACROSS_NAMES = frozenset({"binds"}) | SUPERSESSION_ATOMS
_ACROSS = BoundedMemo(_HANDLE_LIMIT)


def _across(atom: Any) -> bool:
    found = _ACROSS.get(atom._rep)
    if found is None:
        found = _ACROSS.put(atom._rep, atom.name in _ACROSS_NAMES)
    return found


def _eid(citation: Any) -> str:
    return citation["eid"] if isinstance(citation, dict) else citation.split("#", 1)[1]


@dataclass
class Summary:
    cases: int = 0
    rejected: int = 0
    by_instrument: dict[str, Counter] = field(default_factory=dict)
    blocking: Counter = field(default_factory=Counter)
    receipt: dict[str, Any] | None = None  # what every record of the run rests on

    @staticmethod
    def tally(record: dict[str, Any]) -> tuple:
        """What the summary counts of one record (full or screening): rejected or not; each
        instrument's decision and the articles that blocked it."""
        if "error" in record:
            return (True, ())
        return (False, tuple(Summary.result_tally(r) for r in record["results"]))

    @staticmethod
    def result_tally(result: dict[str, Any]) -> tuple:
        """What the summary counts of one instrument's result: its decision and what blocked it."""
        return (result["instrument"], result["decision"], tuple(_eid(c) for c in result["failed"]))

    def add(self, record: dict[str, Any]) -> None:
        self.add_tally(self.tally(record))

    def add_tally(self, tally: tuple) -> None:
        rejected, results = tally
        self.cases += 1
        if rejected:
            self.rejected += 1
            return
        for instrument, decision, failed in results:
            self.by_instrument.setdefault(instrument, Counter())[decision] += 1
            for eid in failed:
                self.blocking[(instrument, eid)] += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "evaluated": self.cases - self.rejected,
            "rejected": self.rejected,
            "by_instrument": {i: dict(c) for i, c in sorted(self.by_instrument.items())},
            "blocking_articles": [{"instrument": i, "eid": e, "count": n} for (i, e), n in self.blocking.most_common()],
            "receipt": self.receipt,
        }


CSV_COLUMNS = ["index", "case", "instrument", "decision", "failed", "missing_facts", "error"]


def csv_rows(record: dict[str, Any]) -> list[list[str]]:
    """Flat rows for CSV output: one per instrument, or one carrying the error."""
    if "error" in record:
        problems = record["error"].get("problems") or [{"field": "", "message": record["error"].get("message", "")}]
        text = "; ".join(f"{p['field']}: {p['message']}" if p["field"] else p["message"] for p in problems)
        return [[str(record["index"]), record["case"], "", "rejected", "", "", text]]
    return [
        [
            str(record["index"]),
            record["case"],
            r["instrument"],
            r["decision"],
            " ".join(_eid(c) for c in r["failed"]),
            " ".join(r["missing_facts"]),
            "",
        ]
        for r in record["results"]
    ]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made text (OWASP's advice: a leading apostrophe)."""
    return "'" + cell if cell.startswith(_FORMULA) else cell


def csv_bytes(rows: list[list[str]]) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([[neutralise(c) for c in row] for row in rows])
    return buffer.getvalue().encode("utf-8")
