"""All tables of a corpus, built once and shared by every format (SQLite, CSV, XLSX, Parquet, the report)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from .projects import merge_projects, project_rows
from .source import Corpus
from .tables import DOCUMENT_TABLES, TABLES, Row, document_rows

Progress = Optional[Callable[[int, int], None]]


@dataclass
class Tables:
    by_doc: dict[str, dict[str, list[Row]]]    # doc_id -> per-document table -> its rows
    corpus: dict[str, list[Row]]               # the project tables

    def rows(self, table: str) -> list[Row]:
        """Every row of a table, in primary-key order."""
        if table in self.corpus:
            rows = list(self.corpus[table])
        else:
            rows = [r for doc in self.by_doc.values() for r in doc[table]]
        pk = TABLES[table].pk
        return sorted(rows, key=lambda r: tuple(r[c] for c in pk))

    def fingerprint(self, doc_id: str) -> str:
        return self.by_doc[doc_id]["documents"][0]["record_sha256"]


def build_tables(corpus: Corpus, progress: Progress = None) -> Tables:
    merged = merge_projects(corpus.records, corpus.projects)
    by_doc: dict[str, dict[str, list[Row]]] = {}
    total = len(corpus.records)
    for n, rec in enumerate(corpus.records, 1):
        by_doc[rec.doc_id] = document_rows(rec, merged.ids_by_doc[rec.doc_id])
        if progress:
            progress(n, total)
    assert set(DOCUMENT_TABLES) <= set(next(iter(by_doc.values())))
    return Tables(by_doc, project_rows(merged, corpus.records))
