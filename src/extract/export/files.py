"""CSV, XLSX and Parquet exports: one file (or sheet) per table, the same rows as the database.

CSV: UTF-8 with a byte-order mark (Excel then reads Latvian letters), and every text
cell that a spreadsheet would take for a formula (it starts with = + - @, a tab or a
carriage return) or that starts with an apostrophe gets an apostrophe in front:
`unescape_cell` takes it away again. XLSX: text cells are written as text, never as
formulas; a cell is cut at Excel's 32,767 characters and a sheet at 1,048,576 rows,
and every cut is listed on a sheet `_cuts` (and returned). Parquet: typed columns.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .build import Tables
from .tables import TABLES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
XLSX_MAX_CELL_CHARS = 32_767
XLSX_MAX_ROWS = 1_048_576            # the header is one of them
CUTS_SHEET = "_cuts"
Progress = Optional[Callable[[int, int], None]]


@dataclass
class Cut:
    table: str
    row: int          # 1-based data row (the header not counted); 0 for a sheet cut
    column: str
    what: str

    def line(self) -> str:
        return f"{self.table} row {self.row} {self.column}: {self.what}" if self.row else f"{self.table}: {self.what}"


def escape_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + (ESCAPE,)):
        return ESCAPE + value
    return value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith(ESCAPE) else value


def _tick(progress: Progress, n: int) -> None:
    if progress:
        progress(n, len(TABLES))


def export_csv(tables: Tables, folder: Path, progress: Progress = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (name, spec) in enumerate(TABLES.items(), 1):
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(spec.columns)
            for row in tables.rows(name):
                w.writerow(["" if row[c] is None else escape_cell(row[c]) for c in spec.columns])
        paths.append(path)
        _tick(progress, n)
    return paths


def _xlsx_value(table: str, row_no: int, column: str, value: Any, cuts: list[Cut]) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    cleaned = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if cleaned != value:
        cuts.append(Cut(table, row_no, column, "control characters Excel cannot hold replaced by U+FFFD"))
    if len(cleaned) > XLSX_MAX_CELL_CHARS:
        cuts.append(Cut(table, row_no, column, f"cut from {len(cleaned):,} to {XLSX_MAX_CELL_CHARS:,} characters"))
        cleaned = cleaned[:XLSX_MAX_CELL_CHARS]
    return cleaned


def _text_cell(ws, value: Any):
    """The value itself, or for text that openpyxl would store as a formula (it starts with =), a text cell."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def export_xlsx(tables: Tables, path: Path, progress: Progress = None) -> list[Cut]:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    cuts: list[Cut] = []
    for n, (name, spec) in enumerate(TABLES.items(), 1):
        ws = wb.create_sheet(name)
        ws.append(list(spec.columns))
        rows = tables.rows(name)
        if len(rows) > XLSX_MAX_ROWS - 1:
            cuts.append(Cut(name, 0, "", f"{len(rows):,} rows cut to {XLSX_MAX_ROWS - 1:,} (Excel's limit)"))
            rows = rows[:XLSX_MAX_ROWS - 1]
        for i, row in enumerate(rows, 1):
            ws.append([_text_cell(ws, _xlsx_value(name, i, c, row[c], cuts)) for c in spec.columns])
        _tick(progress, n)
    ws = wb.create_sheet(CUTS_SHEET)
    ws.append(["table", "row", "column", "what was cut"])
    for c in cuts:
        ws.append([c.table, c.row or None, c.column or None, c.what])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return cuts


def export_parquet(tables: Tables, folder: Path, progress: Progress = None) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (name, spec) in enumerate(TABLES.items(), 1):
        schema = pa.schema([(c, arrow_types[t]) for c, t in spec.columns.items()])
        table = pa.Table.from_pylist(tables.rows(name), schema=schema)
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        paths.append(path)
        _tick(progress, n)
    return paths
