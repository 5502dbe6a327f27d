"""The SQLite export (sqlite-utils): create the tables once, then bring them up to date in one transaction.

A document whose record fingerprint is unchanged is left alone; a changed one has its
rows replaced; one no longer in the folder loses its rows. The project tables are
compared row by row. Either the whole update is committed or nothing is.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import sqlite_utils

from .build import Tables
from .tables import DOCUMENT_TABLES, PROJECT_TABLES, TABLES, Row

LAYOUT_VERSION = "1"          # bump when TABLES change: a database of another layout is rebuilt
META_TABLE = "_export_meta"
INSERT_BATCH = 500
FTS_TOKENIZER = "unicode61 remove_diacritics 2"   # `skola` finds `skolā`, `Liepaja` finds `Liepāja`


@dataclass
class SyncSummary:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False

    def line(self) -> str:
        how = "built" if self.rebuilt else "updated"
        return (f"database {how}: documents added {self.added}, changed {self.changed}, "
                f"removed {self.removed}, unchanged {self.unchanged}")


def _layout(db: sqlite_utils.Database) -> Optional[str]:
    if not db[META_TABLE].exists():
        return None
    row = next(db.query(f"select value from {META_TABLE} where key = 'layout'"), None)
    return row["value"] if row else None


def _create(db: sqlite_utils.Database) -> None:
    """(Re)create every table of this layout, dropping those of an older export first."""
    if db["documents"].exists() and db["documents_fts"].exists():
        db["documents"].disable_fts()
    for name in [*reversed(TABLES), META_TABLE]:
        db[name].drop(ignore=True)
    for spec in TABLES.values():
        db[spec.name].create(spec.columns, pk=spec.pk[0] if len(spec.pk) == 1 else spec.pk,
                             foreign_keys=list(spec.foreign_keys), not_null=set(spec.pk))
        for cols in spec.indexes:
            db[spec.name].create_index(list(cols), if_not_exists=True)
    db["documents"].enable_fts(["text"], fts_version="FTS5", create_triggers=True, tokenize=FTS_TOKENIZER)
    db[META_TABLE].insert_all([{"key": "layout", "value": LAYOUT_VERSION}], pk="key")


def _key(spec_name: str, row: Row) -> tuple:
    return tuple(row[c] for c in TABLES[spec_name].pk)


def _delete_keys(db: sqlite_utils.Database, table: str, keys: list[tuple]) -> None:
    where = " and ".join(f"[{c}] = ?" for c in TABLES[table].pk)
    for key in keys:
        db.execute(f"delete from [{table}] where {where}", key)


def _project_changes(db: sqlite_utils.Database, tables: Tables) -> dict[str, tuple[list[tuple], list[Row]]]:
    """Per project table: the keys to delete and the rows to upsert."""
    changes = {}
    for table in PROJECT_TABLES:
        want = {_key(table, r): r for r in tables.rows(table)}
        have = {_key(table, r): r for r in db[table].rows}
        gone = [k for k in have if k not in want]
        upsert = [r for k, r in want.items() if have.get(k) != r]
        changes[table] = (gone, upsert)
    return changes


def _replace_documents(db: sqlite_utils.Database, tables: Tables, stale: list[str], fresh: list[str],
                       progress: Optional[Callable[[int, int], None]]) -> None:
    """Delete the rows of stale and fresh documents, then insert the fresh ones' rows, table by table."""
    children = [t for t in DOCUMENT_TABLES if t != "documents"]
    for table, doc_ids in [*((t, stale + fresh) for t in reversed(children)), ("documents", stale)]:
        db.execute(f"delete from [{table}] where doc_id in (select value from json_each(?))", [json.dumps(doc_ids)])
    batches = {t: [r for d in fresh for r in tables.by_doc[d][t]] for t in DOCUMENT_TABLES}
    total, done = sum(len(rows) for rows in batches.values()), 0
    for table, rows in batches.items():
        if table == "documents":
            db[table].upsert_all(rows, pk="doc_id", batch_size=INSERT_BATCH)   # a changed document keeps its rowid
        elif rows:
            db[table].insert_all(rows, batch_size=INSERT_BATCH)
        done += len(rows)
        if progress:
            progress(done, total)


def export_sqlite(tables: Tables, path: Path, rebuild: bool = False,
                  progress: Optional[Callable[[int, int], None]] = None) -> SyncSummary:
    """Create or update the database at `path` from `tables`, in one transaction."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    summary = SyncSummary()
    try:
        with db.atomic():
            if rebuild or _layout(db) != LAYOUT_VERSION:
                _create(db)
                summary.rebuilt = True
            have = {r["doc_id"]: r["record_sha256"] for r in db.query("select doc_id, record_sha256 from documents")}
            stale = sorted(set(have) - set(tables.by_doc))
            fresh = [d for d in tables.by_doc if have.get(d) != tables.fingerprint(d)]
            summary.added = sum(d not in have for d in fresh)
            summary.changed, summary.removed = len(fresh) - summary.added, len(stale)
            summary.unchanged = len(tables.by_doc) - len(fresh)
            changes = _project_changes(db, tables)
            for table in reversed(PROJECT_TABLES):
                _delete_keys(db, table, changes[table][0])
            _replace_documents(db, tables, stale, fresh, progress)
            for table in PROJECT_TABLES:
                if changes[table][1]:
                    db[table].upsert_all(changes[table][1], pk=TABLES[table].pk)
    finally:
        db.close()
    return summary
