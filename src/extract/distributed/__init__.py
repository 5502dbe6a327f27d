"""Running `extract` on a Ray cluster (the `ray` extra): `extract run --engine ray` and
`process_dataset` for users who have a Ray Data pipeline of their own.

Each actor loads the pipeline once (one torch thread) and takes batches of documents;
a bad document becomes an error row, never a failed task; Ray retries the batches of a
lost actor on another one, and the driver writes each document once, in input order.
"""
from __future__ import annotations

from .dataset import process_dataset

__all__ = ["process_dataset"]
