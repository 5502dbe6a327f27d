"""`process_dataset`: `extract` as a step of a user's own Ray Data pipeline."""
from __future__ import annotations

from typing import Optional

from .cluster import import_ray

DEFAULT_BATCH_SIZE = 8


def process_dataset(ds, *, actors: int = 1, batch_size: int = DEFAULT_BATCH_SIZE, sentence_model: str = "bundled",
                    entities: bool = True, doc_date: Optional[str] = None):
    """Turn a Ray Dataset of texts into a Dataset of records.

    Input columns: `text` (required), `doc_id` and `doc_date` (optional; a missing `doc_id`
    becomes `doc-` plus the start of the text's SHA-1, a missing `doc_date` the `doc_date`
    argument). Output columns: `doc_id`, `record` (the record as compact JSON, as a line of
    `records.jsonl`, or null), `error` (why there is no record, or null), `worker_pid` and
    `worker_maxrss_kb` (the actor that did it). Each of `actors` actors loads the pipeline
    once and uses one CPU; the call is lazy, like any Ray Data transformation.
    """
    ray = import_ray()
    from .actor import TextActor

    return ds.map_batches(
        TextActor,
        batch_size=batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
        fn_constructor_kwargs={"sentence_model": sentence_model, "entities": entities, "doc_date": doc_date},
    )
