"""`extract report`: the static site's pages, escaping, highlighting (overlaps included) and charts."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from export_fixture import SCRIPT_DOC, read_records
from extract.cli import app
from extract.report.charts import bar_chart, stacked_columns
from extract.report.highlight import Span, highlight
from extract.report.site import page_name

runner = CliRunner()


@pytest.fixture(scope="module")
def site(export_corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "report"
    res = runner.invoke(app, ["report", str(export_corpus.v11), "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


class Marks(HTMLParser):
    """The <mark> elements of a page, the text inside #text, and whether any <script> has a body of document text."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.marks.append(dict(attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def parse(path: Path) -> Marks:
    p = Marks()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_index_lists_documents_projects_and_charts(site: Path, export_corpus) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for rec in read_records(export_corpus.v11):
        assert f'href="docs/{page_name(rec["doc_id"])}"' in html
    assert "Prasmes bez robežām" in html and "Est-Lat198" in html
    assert html.count("<svg") == 3 and 'id="chart-partner-countries"' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<link" not in html       # offline: nothing loaded from elsewhere


def test_every_mention_is_an_element_of_its_kind(site: Path, export_corpus) -> None:
    for rec in read_records(export_corpus.v11):
        page = parse(site / "docs" / page_name(rec["doc_id"]))
        first = [m for m in page.marks if "cont" not in m["class"].split()]
        n = sum(len(rec[k]) for k in ("project_codes", "dates", "emails", "phones", "urls", "amounts"))
        n += sum(len(e["mentions"]) for k in ("persons", "places", "organizations", "projects") for e in rec[k])
        assert len(first) == n == len({m["data-mention"] for m in page.marks}), rec["doc_id"]
        for m in first:
            kind = m["data-kind"]
            assert m["class"].split() == ["mention", kind] and m["title"].strip()


def test_document_text_is_escaped(site: Path) -> None:
    html = (site / "docs" / f"{SCRIPT_DOC}.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned = true;" in html
    assert "<script>window.pwned" not in html
    assert all("pwned" not in s for s in parse(site / "docs" / f"{SCRIPT_DOC}.html").scripts)


def test_content_security_policy_allows_only_the_inline_style_and_script(site: Path) -> None:
    html = (site / "docs" / f"{SCRIPT_DOC}.html").read_text(encoding="utf-8")
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "'sha256-" in csp


def spans(*items) -> list[Span]:
    return [Span(str(i), kind, s, e, f"{kind} {i}") for i, (kind, s, e) in enumerate(items)]


def test_nested_mentions_nest() -> None:
    html = highlight("Liepājas Valsts tehnikums", spans(("organizations", 0, 25), ("places", 0, 8)))
    assert html == ('<mark class="mention organizations" data-kind="organizations" data-mention="0" '
                    'title="organizations 0"><mark class="mention places" data-kind="places" data-mention="1" '
                    'title="places 1">Liepājas</mark> Valsts tehnikums</mark>')


def test_crossing_mentions_are_split_and_keep_their_id() -> None:
    html = str(highlight("abcdef", spans(("dates", 0, 4), ("persons", 2, 6))))
    assert re.sub(r' (data-kind|title)="[^"]*"', "", html) == (
        '<mark class="mention dates" data-mention="0">ab<mark class="mention persons" data-mention="1">cd</mark>'
        '</mark><mark class="mention persons cont" data-mention="1">ef</mark>')


def test_highlight_escapes_text_and_titles() -> None:
    html = str(highlight('<b>"x"</b>', [Span("1", "persons", 3, 6, 'a"><script>')]))
    assert "<b>" not in html and "<script>" not in html and "&lt;b&gt;" in html


def test_charts_are_svg_with_escaped_labels() -> None:
    svg = str(bar_chart("t", [("<ES>", 3), ("LV", 1)]))
    assert svg.startswith("<svg") and "&lt;ES&gt;" in svg and "<ES>" not in svg
    cols = str(stacked_columns("t", ["2022", "2023"], {"erasmus+": {"2022": 1, "2023": 2}, "interreg": {"2023": 1}}))
    assert cols.count("<rect") == 3 + 2 and ">3</text>" in cols


def test_page_names_are_safe() -> None:
    assert page_name("01_liepaja_erasmus") == "01_liepaja_erasmus.html"
    odd = page_name("Rīga ziņas/..")
    assert re.fullmatch(r"[A-Za-z0-9_-]+-[0-9a-f]{10}\.html", odd)


def test_a_second_report_removes_pages_of_documents_that_are_gone(export_corpus, tmp_path: Path) -> None:
    site = tmp_path / "r"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "gone.html").write_text("old", encoding="utf-8")
    res = runner.invoke(app, ["report", str(export_corpus.v10), "-o", str(site)], catch_exceptions=False)
    assert res.exit_code == 0 and "1 stale pages removed" in res.output
    assert not (site / "docs" / "gone.html").exists()
    assert "No projects" in (site / "index.html").read_text(encoding="utf-8")   # schema 1.0 records
