"""`extract report`: an index page (documents, projects, charts) and one page per document, as static files.

The pages load nothing from elsewhere: CSS, the one small script and the SVG charts are
inline, and a Content-Security-Policy allows only those (by hash). All text goes
through jinja2's autoescaping, so a document containing `<script>` shows it.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path
from typing import Callable, Optional

import jinja2
from markupsafe import Markup

from .. import __version__
from ..export.build import Tables, build_tables
from ..export.source import load_corpus
from ..export.tables import MENTION_KINDS, amount_text
from .charts import bar_chart, stacked_columns
from .highlight import Span, highlight
from .sections import document_sections

KIND_LABELS = {"project_codes": "project codes", "dates": "dates", "persons": "persons", "places": "places",
               "organizations": "organisations", "emails": "e-mails", "phones": "phones", "urls": "URLs",
               "amounts": "amounts", "projects": "projects"}
DOCS_FOLDER = "docs"
MAX_BARS = 15
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]+")
Progress = Optional[Callable[[str, int, int], None]]


def page_name(doc_id: str) -> str:
    if SAFE_NAME.fullmatch(doc_id) and not doc_id.startswith("."):
        return f"{doc_id}.html"
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:10]
    return f"{re.sub(r'[^A-Za-z0-9_-]+', '_', doc_id)[:60]}-{digest}.html"


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("extract.report", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _assets() -> dict[str, object]:
    folder = files("extract.report") / "templates"
    style, script = (folder / "style.css").read_text("utf-8"), (folder / "toggle.js").read_text("utf-8")
    return {"style": Markup(style), "script": Markup(script),
            "style_hash": _csp_hash(style), "script_hash": _csp_hash(script)}


def _project_year(p: dict) -> Optional[int]:
    return p["year_start"] or p["code_year"]


def _charts(tables: Tables) -> list[dict]:
    projects = tables.rows("projects")
    dated = [p for p in projects if _project_year(p)]
    years = [str(y) for y in sorted({_project_year(p) for p in dated})]
    series: dict[str, dict[str, int]] = defaultdict(Counter)
    for p in dated:
        series[p["scheme"] or "unknown"][str(_project_year(p))] += 1
    countries = Counter(r["country"] for r in tables.rows("project_countries")).most_common(MAX_BARS)
    place_docs = Counter(c for c, _ in {(r["country"], r["doc_id"]) for r in tables.rows("places") if r["country"]})
    undated = len(projects) - len(dated)
    return [
        {"id": "projects-per-year", "caption": "Projects per year and scheme",
         "svg": stacked_columns("Projects per year and scheme", years, dict(sorted(series.items()))) if dated else None,
         "empty": "No project with a known year.",
         "note": f"{undated} project(s) without a year are not shown." if undated else ""},
        {"id": "partner-countries", "caption": "Partner countries (projects per country)",
         "svg": bar_chart("Partner countries", countries) if countries else None,
         "empty": "No project names its partners' countries.", "note": ""},
        {"id": "place-countries", "caption": "Documents mentioning a place, by country",
         "svg": bar_chart("Documents mentioning a place, by country", place_docs.most_common(MAX_BARS))
         if place_docs else None, "empty": "No place with a known country.", "note": ""},
    ]


def _project_rows(tables: Tables, href: dict[str, str]) -> list[dict]:
    links = defaultdict(lambda: defaultdict(list))
    for table, column in (("project_organizations", "organization"), ("project_countries", "country"),
                          ("project_documents", "doc_id")):
        for r in tables.rows(table):
            links[r["project_id"]][table].append(r[column])
    out = []
    for p in tables.rows("projects"):
        ln = links[p["id"]]
        dated = p["period_start"] or p["period_end"]
        period = f"{p['period_start'] or '?'} – {p['period_end'] or '?'}" if dated else ""
        out.append({**p, "organizations": ln["project_organizations"], "countries": ln["project_countries"],
                    "period": period, "amount": amount_text(p["amount"], p["currency"]) or "",
                    "documents": [{"doc_id": d, "href": f"{DOCS_FOLDER}/{href[d]}"} for d in ln["project_documents"]]})
    return out


def _spans(tables: Tables, doc_id: str) -> list[Span]:
    return [Span(m["id"], m["kind"], m["start"], m["end"], f"{KIND_LABELS[m['kind']]}: {m['value'] or m['text']}")
            for m in tables.by_doc[doc_id]["mentions"]]


def build_site(out_dir: Path, target: Path, progress: Progress = None) -> str:
    """Write the site for the records of `out_dir` into `target`; returns a line saying what was written."""
    corpus = load_corpus(out_dir)
    tables = build_tables(corpus)
    env, assets = _environment(), _assets()
    kinds = [{"id": k, "label": KIND_LABELS[k]} for k in MENTION_KINDS]
    href = {r.doc_id: page_name(r.doc_id) for r in corpus.records}
    counts = {r.doc_id: {k: len(getattr(r, k)) for k in MENTION_KINDS} for r in corpus.records}
    common = {**assets, "corpus_name": out_dir.resolve().name, "kinds": kinds, "version": __version__}
    docs = [{**tables.by_doc[r.doc_id]["documents"][0], "href": f"{DOCS_FOLDER}/{href[r.doc_id]}",
             "counts": counts[r.doc_id]} for r in corpus.records]
    index = env.get_template("index.html").render(
        **common, root="", documents=docs, out_dir=str(out_dir), charts=_charts(tables),
        projects=_project_rows(tables, href), total_mentions=len(tables.rows("mentions")),
        schema_versions=sorted({r.schema_version or "?" for r in corpus.records}))
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html").write_text(index, encoding="utf-8")
    page = env.get_template("document.html")
    pages = target / DOCS_FOLDER
    pages.mkdir(exist_ok=True)
    for n, rec in enumerate(corpus.records):
        prev = {"doc_id": corpus.records[n - 1].doc_id, "href": href[corpus.records[n - 1].doc_id]} if n else None
        nxt = corpus.records[n + 1] if n + 1 < len(corpus.records) else None
        html = page.render(**common, root="../", doc=docs[n], counts=counts[rec.doc_id], prev=prev,
                           next={"doc_id": nxt.doc_id, "href": href[nxt.doc_id]} if nxt else None,
                           text=highlight(rec.text, _spans(tables, rec.doc_id)), sections=document_sections(rec))
        (pages / href[rec.doc_id]).write_text(html, encoding="utf-8")   # a page, not data: no fsync per page
        if progress:
            progress("writing pages", n + 1, len(corpus.records))
    stale = [p for p in pages.glob("*.html") if p.name not in set(href.values())]
    for p in stale:
        p.unlink()
    return (f"report written to {target / 'index.html'}: {len(corpus.records)} document pages"
            + (f", {len(stale)} stale pages removed" if stale else ""))
