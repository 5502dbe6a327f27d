"""`extract export --to corpus.sqlite`: tables, keys, full-text search, the analyst's joins, incremental updates."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from export_fixture import read_records, write_records
from extract.cli import app
from extract.export import sqlite as sqlite_export
from extract.export.build import build_tables
from extract.export.source import load_corpus
from extract.export.tables import TABLES

runner = CliRunner()

SCHOOLS_WITH_SPAIN_IN_2023 = """
select distinct po.organization
from projects p
join project_countries pc on pc.project_id = p.id and pc.country = 'ES'
join project_organizations po on po.project_id = p.id and po.is_school = 1
where coalesce(p.year_start, p.code_year) <= 2023
  and coalesce(p.year_end, p.year_start, p.code_year) >= 2023
order by 1
"""


def export(out_dir: Path, db: Path, *more: str):
    res = runner.invoke(app, ["export", str(out_dir), "--to", str(db), *more], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res


def table_rows(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {name: con.execute(f"select {', '.join(f'[{c}]' for c in spec.columns)} from [{name}] "
                                  f"order by {', '.join(f'[{c}]' for c in spec.pk)}").fetchall()
                for name, spec in TABLES.items()}
    finally:
        con.close()


def query(db: Path, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def db_v10(export_corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "corpus.sqlite"
    export(export_corpus.v10, db)
    return db


@pytest.fixture(scope="module")
def db_v11(export_corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "corpus.sqlite"
    export(export_corpus.v11, db)
    return db


def test_every_table_with_its_keys_indexes_and_text_index(db_v10: Path) -> None:
    con = sqlite3.connect(db_v10)
    names = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    assert set(TABLES) | {"documents_fts"} <= names
    assert {r[2] for r in con.execute("pragma foreign_key_list(mentions)")} == {"documents"}
    assert {r[2] for r in con.execute("pragma foreign_key_list(project_documents)")} == {"documents", "projects"}
    assert any("doc_id" in r[1] for r in con.execute("pragma index_list(mentions)"))
    assert con.execute("pragma foreign_key_check").fetchall() == []
    hits = con.execute("select d.doc_id from documents_fts f join documents d on d.rowid = f.rowid "
                       "where documents_fts match 'Spanija' order by 1").fetchall()
    assert ("01_liepaja_erasmus",) in hits and ("08_ogre_spanija",) in hits
    con.close()


def test_rows_are_the_records(export_corpus, db_v10: Path) -> None:
    records = {r["doc_id"]: r for r in read_records(export_corpus.v10)}
    rows = table_rows(db_v10)
    assert [r[0] for r in rows["documents"]] == sorted(records)
    texts = dict(query(db_v10, "select doc_id, text from documents"))
    n_mentions = 0
    for doc_id, rec in records.items():
        assert texts[doc_id] == rec["text"]
        n_mentions += sum(len(rec.get(k, [])) for k in ("project_codes", "dates", "emails", "phones", "urls", "amounts"))
        n_mentions += sum(len(e["mentions"]) for k in ("persons", "places", "organizations", "projects")
                          for e in rec.get(k, []))
    assert len(rows["mentions"]) == n_mentions
    for doc_id, start, end, text in query(db_v10, "select doc_id, start, [end], text from mentions"):
        assert texts[doc_id][start:end] == text
    assert rows["amounts"] == [] and rows["projects"] == []      # schema 1.0 records have none


def test_documents_places_organisations_join(export_corpus, db_v10: Path) -> None:
    rows = query(db_v10, """
        select distinct o.name from documents d
        join places p on p.doc_id = d.doc_id and p.country = 'ES'
        join organizations o on o.doc_id = d.doc_id order by 1""")
    expected = sorted({o["name"] for r in read_records(export_corpus.v10)
                       if any(p["country"] == "ES" for p in r["places"]) for o in r["organizations"]})
    assert [r[0] for r in rows] == expected
    assert "Liepājas Valsts tehnikums" in expected and "Ogres tehnikums" in expected


def test_schools_that_worked_with_partners_in_spain_in_2023(db_v11: Path) -> None:
    assert query(db_v11, SCHOOLS_WITH_SPAIN_IN_2023) == [("Liepājas Valsts tehnikums",), ("Ogres tehnikums",)]


def test_projects_from_records_and_projects_jsonl(db_v11: Path) -> None:
    # coded in 08, title only in 09: one project, two documents
    assert query(db_v11, "select doc_id from project_documents where project_id = ? order by 1",
                 "2022-1-LV01-KA122-VET-000077001") == [("08_ogre_spanija",), ("09_tukums_skripts",)]
    # PT is said only in projects.jsonl
    assert query(db_v11, "select country from project_countries where project_id = ? order by 1",
                 "2023-1-LV01-KA121-VET-000123456") == [("ES",), ("PT",)]
    assert query(db_v11, "select amount, currency, amount_number from amounts where doc_id = '03_valmiera_interreg'") \
        == [("245000", "EUR", 245000.0)]
    [(entity,)] = query(db_v11, "select distinct entity_id from mentions where kind = 'projects' "
                                "and doc_id = '09_tukums_skripts' and text = 'Prasmes bez robežām'")
    assert entity == "2022-1-LV01-KA122-VET-000077001"


def test_projects_without_projects_jsonl(export_corpus, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(export_corpus.v11, out)
    (out / "projects.jsonl").unlink()
    export(out, tmp_path / "c.sqlite")
    assert query(tmp_path / "c.sqlite", "select country from project_countries where project_id = ?",
                 "2023-1-LV01-KA121-VET-000123456") == [("ES",)]
    assert query(tmp_path / "c.sqlite", SCHOOLS_WITH_SPAIN_IN_2023) == [("Liepājas Valsts tehnikums",),
                                                                         ("Ogres tehnikums",)]


def _change_and_delete(out: Path) -> None:
    records = read_records(out)
    changed = next(r for r in records if r["doc_id"] == "08_ogre_spanija")
    changed["persons"] = changed["persons"][:0]
    changed["projects"][0]["countries"] = ["ES", "PT"]
    records = [r for r in records if r["doc_id"] != "09_tukums_skripts"]
    (out / "09_tukums_skripts.json").unlink()
    write_records(out, records)
    lines = [json.loads(line) for line in (out / "projects.jsonl").read_text(encoding="utf-8").splitlines()]
    for p in lines:
        p["doc_ids"] = [d for d in p["doc_ids"] if d != "09_tukums_skripts"]
    (out / "projects.jsonl").write_text("".join(json.dumps(p) + "\n" for p in lines), encoding="utf-8")


def test_reexport_after_a_change_and_a_deletion_equals_a_fresh_export(export_corpus, tmp_path: Path) -> None:
    out, db, fresh = tmp_path / "out", tmp_path / "kept.sqlite", tmp_path / "fresh.sqlite"
    shutil.copytree(export_corpus.v11, out)
    export(out, db)
    _change_and_delete(out)
    res = export(out, db)
    assert "added 0, changed 1, removed 1, unchanged 7" in res.output
    export(out, fresh)
    assert table_rows(db) == table_rows(fresh)
    assert query(db, "select count(*) from documents_fts where documents_fts match 'pwned'") == [(0,)]
    assert query(db, "pragma foreign_key_check") == []


def test_an_update_that_fails_changes_nothing(export_corpus, tmp_path: Path, monkeypatch) -> None:
    out, db = tmp_path / "out", tmp_path / "c.sqlite"
    shutil.copytree(export_corpus.v11, out)
    export(out, db)
    before = table_rows(db)
    _change_and_delete(out)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sqlite_export, "_replace_documents", broken)
    with pytest.raises(RuntimeError):
        sqlite_export.export_sqlite(build_tables(load_corpus(out)), db)
    assert table_rows(db) == before


def test_a_database_of_another_layout_is_rebuilt(export_corpus, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    export(export_corpus.v10, db)
    con = sqlite3.connect(db)
    con.execute("update _export_meta set value = 'old' where key = 'layout'")
    con.commit()
    con.close()
    assert "database built" in export(export_corpus.v10, db).output
    assert "database built" in export(export_corpus.v10, db, "--rebuild").output


def test_a_folder_without_records_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "errors.jsonl").write_text("", encoding="utf-8")
    for args in (["export", str(tmp_path)], ["export", str(tmp_path / "nowhere"), "--format", "csv"],
                 ["report", str(tmp_path), "-o", str(tmp_path / "site")]):
        res = runner.invoke(app, args)
        assert res.exit_code == 2, res.output
        assert res.output.count("\n") == 1 and res.output.startswith("error: ")
    assert not (tmp_path / "site").exists()


def test_a_target_the_format_cannot_write_is_a_one_line_error(export_corpus, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    for fmt, to in (("sqlite", "notes.txt"), ("sqlite", "folder"), ("csv", "notes.txt"), ("xlsx", "folder")):
        res = runner.invoke(app, ["export", str(export_corpus.v10), "--format", fmt, "--to", str(tmp_path / to)])
        assert res.exit_code == 2 and res.output.startswith("error: ") and res.output.count("\n") == 1, res.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a database"


def test_exports_report_their_progress(export_corpus, tmp_path: Path) -> None:
    from extract.export import export as export_api

    seen: dict[str, tuple[int, int]] = {}
    export_api(export_corpus.v10, "sqlite", tmp_path / "c.sqlite",
               progress=lambda what, done, total: seen.__setitem__(what, (done, total)))
    rows = sum(len(table_rows(tmp_path / "c.sqlite")[t]) for t in ("documents", "project_codes", "dates", "persons",
                                                                    "places", "organizations", "amounts", "mentions"))
    assert seen == {"reading records": (9, 9), "writing database": (rows, rows)}


def test_reexport_after_a_real_incremental_run(tmp_path: Path) -> None:
    from export_fixture import FIXTURES, REPO

    raw, out, db, fresh = tmp_path / "raw", tmp_path / "out", tmp_path / "kept.sqlite", tmp_path / "fresh.sqlite"
    raw.mkdir()
    for src in (REPO / "data" / "raw" / "01_liepaja_erasmus.txt", REPO / "data" / "raw" / "03_valmiera_interreg.txt",
                FIXTURES / "raw" / "08_ogre_spanija.txt"):
        shutil.copy(src, raw / src.name)

    def run() -> str:
        res = runner.invoke(app, ["run", str(raw), "-o", str(out), "--jobs", "1"], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        return res.output

    run()
    export(out, db)
    changed = raw / "03_valmiera_interreg.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKontaktpersona Anna Liepa, anna.liepa@valmiera.lv\n",
                       encoding="utf-8")
    (raw / "08_ogre_spanija.txt").unlink()
    assert "skipped 1" in run()
    assert "added 0, changed 1, removed 1, unchanged 1" in export(out, db).output
    export(out, fresh)
    assert table_rows(db) == table_rows(fresh)
    assert query(db, "select doc_id from documents order by 1") == [("01_liepaja_erasmus",), ("03_valmiera_interreg",)]
    assert query(db, "select value from mentions where kind = 'emails' and doc_id = '03_valmiera_interreg'") \
        == [("anna.liepa@valmiera.lv",)]
    search = ("select d.doc_id from documents_fts f join documents d on d.rowid = f.rowid "
              "where documents_fts match ? order by 1")
    for word, docs in (("Kontaktpersona", [("03_valmiera_interreg",)]), ("Ogres", []),
                       ("Spānija", [("01_liepaja_erasmus",)])):
        assert query(db, search, word) == query(fresh, search, word) == docs, word
