"""Decoding, HTML extraction, input discovery and bad input."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract.inputs import InputFile, assign_doc_ids, find_inputs
from extract.reading import Document, ReadError, decode, read_document

LATVIAN = "Rēzeknes pamatskolā ģimnāzisti šogad ķēra žurkas, čaklie ļaudis ņēma ūdeni.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (LATVIAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + LATVIAN.encode("utf-8"), "utf-8-sig"),
        (LATVIAN.encode("cp1257"), "cp1257"),
        (LATVIAN.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + LATVIAN.encode("utf-16-be"), "utf-16"),
        (b"\x00\x00\xfe\xff" + LATVIAN.encode("utf-32-be"), "utf-32"),
        (LATVIAN.encode("utf-32"), "utf-32"),
    ],
)
def test_decode(data: bytes, encoding: str) -> None:
    text, enc, _ = decode(data)
    assert enc == encoding
    assert text == LATVIAN
    assert data.decode(enc) == text  # the scorer decodes with the recorded encoding


def test_iso8859_13_decodes_to_latvian() -> None:
    text, enc, _ = decode(LATVIAN.encode("iso8859_13"))
    assert text == LATVIAN
    assert enc in ("iso8859_13", "cp1257")  # identical for these letters


def write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "whitespace"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("broken.txt", "Ēka un māja ir ļoti skaistas ".encode() * 3 + b"\xff\xfe\xc3(\x80\x81" * 4, "broken UTF-8"),
    ],
)
def test_bad_input_is_an_error_value(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    got = read_document(write(tmp_path, name, data), "x")
    assert isinstance(got, ReadError)
    assert reason in got.error


def test_too_large(tmp_path: Path) -> None:
    got = read_document(write(tmp_path, "big.txt", b"a" * 2000), "x", max_bytes=1000)
    assert isinstance(got, ReadError) and "too large" in got.error


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable(tmp_path: Path) -> None:
    p = write(tmp_path, "secret.txt", LATVIAN.encode())
    p.chmod(0)
    got = read_document(p, "x")
    assert isinstance(got, ReadError) and "cannot read" in got.error


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    html = """<html><head><title>Skolēni Drēzdenē</title>
    <meta property="article:published_time" content="2024-03-05T10:00:00+02:00"></head>
    <body><nav><a href="/">Sākums</a> | <a href="/zinas">Ziņas</a></nav>
    <article><h1>Skolēni Drēzdenē</h1><p>Šā gada 4. martā Ogres tehnikuma audzēkņi devās uz Drēzdeni, kur trīs nedēļas
    strādāja viesnīcās un apguva vācu valodu.</p><p>Prakse notika Erasmus+ projektā, ko finansē Eiropas Savienība.</p></article>
    <footer>© Ogres novada pašvaldība</footer><script>alert(1)</script></body></html>"""
    got = read_document(write(tmp_path, "page.html", html.encode()), "page")
    assert isinstance(got, Document)
    assert got.text.startswith("Skolēni Drēzdenē\n\n")
    assert "Ogres tehnikuma audzēkņi" in got.text
    assert "\n\nPrakse notika" in got.text
    assert "alert" not in got.text and "Sākums" not in got.text
    assert got.doc_date == "2024-03-05"


def test_sidecar_and_explicit_doc_date(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", LATVIAN.encode())
    (tmp_path / "a.txt.meta.json").write_text('{"doc_date": "2023-09-01"}')
    got = read_document(p, "a")
    assert isinstance(got, Document) and got.doc_date == "2023-09-01"
    got = read_document(p, "a", doc_date="2024-01-02")
    assert isinstance(got, Document) and got.doc_date == "2024-01-02"


def test_find_inputs_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "a/1.md", "a/x.json", "c.html", "a/.hidden.txt", "d.HTM"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    files, errors = find_inputs([tmp_path])
    assert [f.path.relative_to(tmp_path).as_posix() for f in files] == ["a/1.md", "b/2.txt", "c.html", "d.HTM"]
    assert errors == []


def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    files, errors = find_inputs([tmp_path])
    assert [f.path.name for f in files] == ["a.txt"]
    assert any("symlink loop" in e.error for e in errors)


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    files, errors = find_inputs([tmp_path / "nope"])
    assert files == [] and "no such" in errors[0].error


def test_same_stem_in_different_folders_gets_distinct_stable_ids(tmp_path: Path) -> None:
    files = [InputFile(tmp_path / rel, tmp_path) for rel in ("a/x.txt", "b/x.txt", "y.txt")]
    ids = assign_doc_ids(files)
    assert ids[files[2].path] == "y"
    assert ids[files[0].path] != ids[files[1].path] and ids[files[0].path].startswith("x-")
    assert assign_doc_ids(list(reversed(files))) == ids
