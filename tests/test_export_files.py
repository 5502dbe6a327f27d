"""CSV, XLSX and Parquet exports read back with the csv module, openpyxl and pyarrow: the database's rows."""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.export import files
from extract.export.build import Tables
from extract.export.tables import TABLES

runner = CliRunner()


def export(out_dir: Path, fmt: str, to: Path) -> str:
    res = runner.invoke(app, ["export", str(out_dir), "--format", fmt, "--to", str(to)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def exported(export_corpus, tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("files")
    for fmt, to in (("sqlite", "c.sqlite"), ("csv", "csv"), ("xlsx", "c.xlsx"), ("parquet", "parquet")):
        export(export_corpus.v11, fmt, base / to)
    return base


def db_rows(base: Path) -> dict[str, list[dict]]:
    con = sqlite3.connect(base / "c.sqlite")
    con.row_factory = sqlite3.Row
    out = {}
    for name, spec in TABLES.items():
        cols = ", ".join(f"[{c}]" for c in spec.columns)
        order = ", ".join(f"[{c}]" for c in spec.pk)
        out[name] = [dict(r) for r in con.execute(f"select {cols} from [{name}] order by {order}")]
    con.close()
    return out


def test_csv_reads_back_as_the_database_rows(exported: Path) -> None:
    for name, rows in db_rows(exported).items():
        raw = (exported / "csv" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        with (exported / "csv" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
            back = list(csv.DictReader(fh))
        want = [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
        assert [{k: files.unescape_cell(v) for k, v in r.items()} for r in back] == want, name
    assert rows_with(exported, "persons", "Marta Zariņa")


def rows_with(base: Path, table: str, text: str) -> list[str]:
    return [line for line in (base / "csv" / f"{table}.csv").read_text(encoding="utf-8-sig").splitlines()
            if text in line]


def test_csv_cells_that_would_be_formulas_are_neutralised() -> None:
    for value, written in [("=1+1", "'=1+1"), ("+371 2", "'+371 2"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
                           ("\tx", "'\tx"), ("\rx", "'\rx"), ("'quoted", "''quoted"), ("Rīga", "Rīga"), (7, 7)]:
        assert files.escape_cell(value) == written
        if isinstance(value, str):
            assert files.unescape_cell(written) == value


def test_phone_numbers_start_with_plus_and_are_neutralised_in_csv(exported: Path) -> None:
    phones = [line for line in rows_with(exported, "mentions", "/phones/")]
    assert phones and all(",'+371" in line for line in phones)


def test_xlsx_reads_back_as_the_database_rows(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported / "c.xlsx", read_only=True)
    for name, rows in db_rows(exported).items():
        sheet = list(wb[name].iter_rows(values_only=True))
        assert list(sheet[0]) == list(TABLES[name].columns)
        width = len(sheet[0])       # read-only sheets leave out a row's empty cells at its end
        assert [dict(zip(sheet[0], r + (None,) * (width - len(r)))) for r in sheet[1:]] == rows, name
    assert list(wb[files.CUTS_SHEET].iter_rows(values_only=True)) == [("table", "row", "column", "what was cut")]


def test_parquet_reads_back_as_the_database_rows(exported: Path) -> None:
    for name, rows in db_rows(exported).items():
        table = pq.read_table(exported / "parquet" / f"{name}.parquet")
        assert table.column_names == list(TABLES[name].columns)
        assert table.to_pylist() == rows, name


def _tables(rows: list[dict]) -> Tables:
    return Tables(by_doc={}, corpus={"documents": rows, **{n: [] for n in TABLES if n != "documents"}})


def test_xlsx_cuts_long_cells_and_long_sheets_and_says_so(tmp_path: Path, monkeypatch) -> None:
    doc = {c: None for c in TABLES["documents"].columns}
    long_text = "ā" * (files.XLSX_MAX_CELL_CHARS + 10)
    rows = [{**doc, "doc_id": f"d{i}", "text": long_text if i == 0 else "=1+1\x01"} for i in range(4)]
    monkeypatch.setattr(files, "XLSX_MAX_ROWS", 4)       # the header and three rows
    cuts = files.export_xlsx(_tables(rows), tmp_path / "c.xlsx")
    assert [c.line() for c in cuts] == [
        "documents: 4 rows cut to 3 (Excel's limit)",
        "documents row 1 text: cut from 32,777 to 32,767 characters",
        "documents row 2 text: control characters Excel cannot hold replaced by U+FFFD",
        "documents row 3 text: control characters Excel cannot hold replaced by U+FFFD"]
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    sheet = wb["documents"]
    assert sheet.max_row == 4
    assert len(sheet["J2"].value) == files.XLSX_MAX_CELL_CHARS and sheet["J3"].value == "=1+1\ufffd"
    assert sheet["J3"].data_type == "s"                   # text, not a formula
    assert [r[3] for r in wb[files.CUTS_SHEET].iter_rows(min_row=2, values_only=True)] == [c.what for c in cuts]
