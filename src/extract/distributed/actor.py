"""The Ray actors: one loaded pipeline each, fed batches of documents by Ray Data.

Two kinds of batch: files (`path`, `doc_id` columns; read, processed and serialised
exactly as a worker of the local runner does, by the same functions) and texts (`text`
and optional `doc_id`, `doc_date` columns; for `process_dataset`). A document that
cannot be read or processed comes back as a row with `error` set: one bad document
never fails a task, so Ray's retries are only spent on lost actors.
"""
from __future__ import annotations

import math
import os
import resource
from pathlib import Path
from typing import Any, Optional

# Ray Data batches as dicts of column -> array; built from lists here.
Batch = dict[str, Any]

ACTOR_TORCH_THREADS = 1  # one core per actor, as one core per local worker (runner.worker_torch_threads)


def _column(batch: Batch, name: str, n: int) -> list:
    """A column as a Python list, None for a missing value (an all-null column reaches a numpy
    batch as NaN floats) and for a column the batch lacks."""
    values = batch.get(name)
    if values is None:
        return [None] * n
    return [_value(v) for v in list(values)]


def _value(v: Any) -> Any:
    v = v.item() if hasattr(v, "item") else v
    return None if isinstance(v, float) and math.isnan(v) else v


def _worker_stats(n: int) -> Batch:
    """This actor's pid and peak RSS (KiB) on every row: how the engine tells actors apart
    (tests kill one) and reports memory per actor."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"worker_pid": [os.getpid()] * n, "worker_maxrss_kb": [rss] * n}


class FileActor:
    """Reads and processes the files of a run: what a local worker's chunk does."""

    def __init__(self, sentence_model: str, entities: bool, max_bytes: int):
        from ..runner import _init_worker

        _init_worker(sentence_model, entities, ACTOR_TORCH_THREADS)
        self.max_bytes = max_bytes

    def __call__(self, batch: Batch) -> Batch:
        from ..runner import Task, _process_chunk

        n = len(batch["doc_id"])
        tasks = [Task(Path(p), d, s, dd) for p, d, s, dd in zip(_column(batch, "path", n), _column(batch, "doc_id", n),
                                                               _column(batch, "source", n),
                                                               _column(batch, "doc_date", n))]
        results = _process_chunk(tasks, self.max_bytes)
        out: Batch = {
            "doc_id": [r.doc_id for r in results],
            "record_json": [r.record_json for r in results],
            "line_json": [r.line_json for r in results],
            "sha256": [r.sha256 for r in results],
            "error": [r.error for r in results],
            "warnings": [list(r.warnings) for r in results],
        }
        out.update(_worker_stats(n))
        return out


class TextActor:
    """Processes texts (`process_dataset`): one record JSON or one error per row."""

    def __init__(self, sentence_model: str, entities: bool, doc_date: Optional[str]):
        from ..runner import _init_worker, _WORKER

        _init_worker(sentence_model, entities, ACTOR_TORCH_THREADS)
        self.pipeline = _WORKER["pipeline"]
        self.doc_date = doc_date

    def __call__(self, batch: Batch) -> Batch:
        from ..pipeline import document_from_text

        texts = [str(t) for t in _column(batch, "text", len(batch["text"]))]
        ids = [str(d) if d else text_doc_id(t) for d, t in zip(_column(batch, "doc_id", len(texts)), texts)]
        dates = [d or self.doc_date for d in _column(batch, "doc_date", len(texts))]
        records: list = [None] * len(texts)
        errors: list = [None] * len(texts)
        docs, where = [], []
        for i, (text, doc_id, doc_date) in enumerate(zip(texts, ids, dates)):
            try:
                docs.append(document_from_text(text, doc_id, doc_date))
                where.append(i)
            except (UnicodeError, ValueError) as exc:  # e.g. a lone surrogate: no document, an error row
                errors[i] = f"bad input: {type(exc).__name__}: {exc}"
        for i, rec, error in zip(where, *self._process(docs)):
            records[i], errors[i] = rec, error
        out: Batch = {"doc_id": ids, "record": records, "error": errors}
        out.update(_worker_stats(len(texts)))
        return out

    def _process(self, docs: list) -> tuple[list, list]:
        """Records (compact JSON) and errors of `docs`: the batch at once; if it fails, document by document, so that only the bad one errs."""
        if not docs:
            return [], []
        try:
            return _serialised(self.pipeline.process(docs))
        except Exception:  # noqa: BLE001 - retried one by one below
            records, errors = [], []
            for doc in docs:
                try:
                    (rec,), (error,) = _serialised(self.pipeline.process([doc]))
                except Exception as exc:  # noqa: BLE001 - this row's error, not the task's
                    rec, error = None, f"internal error: {type(exc).__name__}: {exc}"
                records.append(rec)
                errors.append(error)
            return records, errors


def text_doc_id(text: str) -> str:
    """A row without a `doc_id`: `doc-` and the start of its text's SHA-1, the same on every run."""
    import hashlib

    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _serialised(records: list) -> tuple[list, list]:
    """Compact record JSON per record, or the error that refused it (offsets that do not hold)."""
    from ..writing import OffsetError, check_offsets, record_files_bytes

    out, errors = [], []
    for rec in records:
        try:
            check_offsets(rec)
        except OffsetError as exc:
            out.append(None)
            errors.append(f"refused record: {exc}")
            continue
        out.append(record_files_bytes(rec)[1].decode("utf-8"))
        errors.append(None)
    return out, errors
