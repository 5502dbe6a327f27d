"""Analyst outputs of an output folder: SQLite, CSV, XLSX, Parquet and Label Studio tasks (docs/outputs.md)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import orjson

from ..writing import atomic_write_bytes
from .build import build_tables
from .source import BadRecord, NoRecords, load_corpus

FORMATS = ("sqlite", "csv", "xlsx", "parquet", "label-studio")
DEFAULT_TARGETS = {"sqlite": "corpus.sqlite", "csv": "corpus-csv", "xlsx": "corpus.xlsx",
                   "parquet": "corpus-parquet", "label-studio": "tasks.json"}
# progress(what, done, total)
StageProgress = Optional[Callable[[str, int, int], None]]

__all__ = ["FORMATS", "DEFAULT_TARGETS", "export", "NoRecords", "BadRecord", "BadTarget"]
FOLDER_FORMATS = {"csv", "parquet"}


SQLITE_HEADER = b"SQLite format 3\0"


def _header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER))


class BadTarget(ValueError):
    """`--to` names something the format cannot write to (a folder for a file, a file that is no database)."""


def check_target(fmt: str, to: Path) -> None:
    if fmt in FOLDER_FORMATS and to.exists() and not to.is_dir():
        raise BadTarget(f"{to} is a file; --format {fmt} writes a folder of files")
    if fmt not in FOLDER_FORMATS and to.is_dir():
        raise BadTarget(f"{to} is a folder; --format {fmt} writes one file")
    if fmt == "sqlite" and to.is_file() and to.stat().st_size and _header(to) != SQLITE_HEADER:
        raise BadTarget(f"{to} exists and is not a SQLite database; choose another --to")


def _stage(progress: StageProgress, what: str):
    return (lambda done, total: progress(what, done, total)) if progress else None


def _label_studio(corpus, to: Path) -> str:
    from .labelstudio import label_config, records_tasks

    tasks = records_tasks(corpus.records)
    atomic_write_bytes(to, orjson.dumps(tasks, option=orjson.OPT_INDENT_2))
    config = to.with_name(to.stem + ".label-config.xml")
    atomic_write_bytes(config, label_config().encode("utf-8"))
    return f"{len(tasks)} Label Studio tasks written to {to} (labeling interface: {config})"


def export(out_dir: Path, fmt: str, to: Path, rebuild: bool = False, progress: StageProgress = None) -> list[str]:
    """Export the records of `out_dir` as `fmt` to `to`; returns the lines to tell the user."""
    check_target(fmt, to)
    corpus = load_corpus(out_dir)
    if fmt == "label-studio":
        return [_label_studio(corpus, to)]
    tables = build_tables(corpus, _stage(progress, "reading records"))
    if fmt == "sqlite":
        from .sqlite import export_sqlite

        return [export_sqlite(tables, to, rebuild=rebuild, progress=_stage(progress, "writing database")).line()
                + f" ({to})"]
    from . import files

    if fmt == "xlsx":
        tmp = to.with_name(f".{to.name}.tmp")
        cuts = files.export_xlsx(tables, tmp, _stage(progress, "writing sheets"))
        tmp.replace(to)
        lines = [f"workbook written to {to}"]
        return lines + [f"cut: {c.line()}" for c in cuts]
    writer = {"csv": files.export_csv, "parquet": files.export_parquet}[fmt]
    paths = writer(tables, to, _stage(progress, "writing tables"))
    return [f"{len(paths)} {fmt} files written to {to}"]
