"""The report in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by selenium.

Loads the index and a document page from file:// (offline), checks the highlighted mentions in the
DOM, that the `<script>` in a document's text did not run, that the page's own script and style ran
under its Content-Security-Policy, and saves screenshots to build/test-artifacts/.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from export_fixture import REPO, SCRIPT_DOC, read_records
from extract.cli import app

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "build" / "test-artifacts"
WINDOW = "1280,1500"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason="no /usr/bin/chromium or /usr/bin/chromedriver: install Debian's chromium and chromium-driver "
           "(`make test` does: apt-get install -y chromium chromium-driver)")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--disable-gpu", f"--window-size={WINDOW}", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")        # Chromium refuses to run as root inside its sandbox
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)   # no driver download
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(export_corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-site")
    res = CliRunner().invoke(app, ["report", str(export_corpus.v11), "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


def screenshot(browser, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    assert browser.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def test_index_loads_and_links_to_the_documents(browser, site: Path, export_corpus) -> None:
    browser.get((site / "index.html").as_uri())
    assert browser.title.startswith("Documents")
    rows = browser.find_elements("css selector", "table#documents tr")
    assert len(rows) == 1 + len(read_records(export_corpus.v11))
    assert len(browser.find_elements("css selector", "figure svg.chart")) == 3
    screenshot(browser, "report-index.png")
    browser.find_element("link text", SCRIPT_DOC).click()
    assert browser.current_url.endswith(f"/docs/{SCRIPT_DOC}.html")


def test_document_page_highlights_every_mention_and_runs_no_document_script(browser, site: Path,
                                                                           export_corpus) -> None:
    rec = next(r for r in read_records(export_corpus.v11) if r["doc_id"] == SCRIPT_DOC)
    browser.get((site / "docs" / f"{SCRIPT_DOC}.html").as_uri())
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.title == f"{SCRIPT_DOC} · out-v11" and "pwned" not in browser.title
    text = browser.find_element("id", "text").text
    assert '<script>window.pwned = true; document.title = "pwned";</script>' in text

    marks = browser.find_elements("css selector", "#text mark.mention:not(.cont)")
    n = sum(len(rec[k]) for k in ("project_codes", "dates", "emails", "phones", "urls", "amounts"))
    n += sum(len(e["mentions"]) for k in ("persons", "places", "organizations", "projects") for e in rec[k])
    assert len(marks) == n
    for m in marks:
        assert m.get_attribute("data-kind") in m.get_attribute("class").split()
        assert m.get_attribute("title")
    person = browser.find_element("css selector", "#text mark.persons")
    assert person.text == "Ilze Bērziņa" and person.get_attribute("title") == "persons: Ilze Bērziņa"
    # the page's own style and script ran under its Content-Security-Policy
    assert person.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(browser, "report-document.png")
    browser.find_element("css selector", 'input[data-toggle="persons"]').click()
    assert "hide-persons" in browser.find_element("tag name", "body").get_attribute("class")
    assert person.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
