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

__all__ = ["FORMATS", "DEFAULT_TARGETS", "export", "NoRecords", "BadRecord"]


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
