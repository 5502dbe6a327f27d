"""`extract run --engine ray`: the local runner's run, with the documents processed by Ray actors.

The driver does what the local runner does around the processing (inputs, doc_ids, the
incremental key, writing, errors); only the pipeline runs on the actors. Rows go out as a
Ray Dataset of (path, doc_id) and come back in input order (`preserve_order`), streamed,
so the driver writes each document once and its memory does not grow with the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from .cluster import import_ray, quiet_data_context

DEFAULT_BATCH_SIZE = 8  # documents per actor call: stanza batches them, as a local worker's chunk


@dataclass
class RayOptions:
    address: Optional[str] = None  # None: a local Ray on this machine; "auto" or "ray://HOST:10001"
    actors: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE


@dataclass
class ActorStats:
    """What the actors said about themselves: pid -> peak RSS (KiB)."""

    maxrss_kb: dict[int, int] = field(default_factory=dict)

    def update(self, pid: int, rss_kb: int) -> None:
        self.maxrss_kb[pid] = max(rss_kb, self.maxrss_kb.get(pid, 0))


def file_rows(tasks: list, ray_opts: RayOptions, opts) -> Iterator[dict]:
    """Process the files of `tasks` (the runner's `Task`s) on actors; yield one result row per
    task, in the tasks' order."""
    ray = import_ray()
    from .actor import FileActor

    quiet_data_context()
    items = [{"path": str(t.path), "doc_id": t.doc_id, "source": t.source, "doc_date": t.doc_date} for t in tasks]
    if not items:
        return
    batch_size = max(1, min(ray_opts.batch_size, -(-len(items) // ray_opts.actors)))
    blocks = -(-len(items) // batch_size)
    ds = ray.data.from_items(items, override_num_blocks=blocks).map_batches(
        FileActor,
        batch_size=batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=ray_opts.actors),
        num_cpus=1,
        fn_constructor_kwargs={"sentence_model": opts.sentence_model, "entities": opts.entities,
                               "max_bytes": opts.max_bytes},
    )
    yield from ds.iter_rows()


def ray_results(todo: list, opts, ray_opts: RayOptions, stats: Optional[ActorStats] = None,
                on_row: Optional[Callable[[dict], None]] = None) -> Iterator[object]:
    """The runner's outcomes of `todo` (its `Task`s to process), one `Result` per task, in order."""
    from ..runner import Result

    for task, row in zip(todo, file_rows(todo, ray_opts, opts), strict=True):
        if row["doc_id"] != task.doc_id:  # pragma: no cover - preserve_order guarantees it
            raise RuntimeError(f"Ray returned {row['doc_id']!r} where {task.doc_id!r} was due")
        if stats is not None:
            stats.update(int(row["worker_pid"]), int(row["worker_maxrss_kb"]))
        if on_row is not None:
            on_row(row)
        yield Result(task.doc_id, Path(task.path), record_json=_bytes(row["record_json"]),
                     line_json=_bytes(row["line_json"]), sha256=row["sha256"], error=row["error"],
                     warnings=[str(w) for w in row["warnings"]])


def _bytes(value) -> Optional[bytes]:
    if value is None:
        return None
    return bytes(value)
