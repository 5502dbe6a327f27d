"""The per-document chain: normalise → sentences → rules → entities (less page furniture) → typed record.

Extractors see the normalised text; the record is built in normalised offsets and
mapped back to the original once, at the end (`mapping.map_to_original`, which checks the
map itself), after which every mention satisfies `record.text[start:end] == mention.text`.
A long text is processed in bounded windows (windows.py), each mapped back and shifted.
"""
from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

from . import PIPELINE_VERSION, __version__
from .furniture import drop_furniture_mentions, find_furniture
from .normalise import normalise
from .reading import Document
from .records import (
    AmountMention,
    AmountValue,
    ContactMention,
    DateMention,
    DateValue,
    DocumentFailure,
    DocumentRecord,
    ProjectCode,
    Provenance,
    RecordWarning,
    Source,
    Span,
)
from .mapping import map_to_original
from .projects import build_projects, retitle
from .resolve import resolve
from .rules import RuleMatch, RuleSet, default_ruleset
from .rules.engine import RuleTimeout
from .sentences import TRIM_AFTER_CHARS, release_freed_memory
from .windows import WINDOW_CHARS, split_windows

PACKAGE_DIR = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


# what of the package never changes a record: caches of compiled code
_NOT_HASHED = ("__pycache__",)
_NOT_HASHED_SUFFIXES = (".pyc", ".pyo")


def package_files() -> list[Path]:
    """Every code and data file of the extract package (by glob), in a fixed order."""
    return sorted(p for p in PACKAGE_DIR.rglob("*")
                  if p.is_file() and not any(part in _NOT_HASHED for part in p.relative_to(PACKAGE_DIR).parts)
                  and not p.name.endswith(_NOT_HASHED_SUFFIXES))


@lru_cache(maxsize=None)
def pipeline_fingerprint(sentence_model: str = "bundled", entities: bool = True) -> str:
    """Changes whenever a code or data file of the package (rules, lexicons, models, the
    entity chain), the active entity chain and profile, or an option changes (for incremental runs)."""
    from .sentences import QUANTIZE_DEFAULT

    h = hashlib.sha256(f"{__version__}|{PIPELINE_VERSION}|{sentence_model}|{entities}|"
                       f"q={QUANTIZE_DEFAULT}".encode())
    for p in package_files():
        h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(p.read_bytes())
    if entities:
        from .entities import Chain

        chain = Chain.load()
        h.update(f"chain={chain.fingerprint()}|profile={chain.profile}".encode())
    if sentence_model != "bundled":  # the bundled model is hashed with models/ above
        from .sentences import model_path

        path = model_path(sentence_model)
        st = path.stat()
        h.update(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


class Pipeline:
    """Loads models once; `process()` turns documents into validated records.

    Each document is processed on its own, so its record never depends on the documents
    processed with it (see sentences.py), and a text longer than `window_chars` is processed
    in windows (windows.py) whose records are joined, with a `windowed` warning."""

    def __init__(self, sentence_model: str = "bundled", entities: bool = True, ruleset: Optional[RuleSet] = None,
                 window_chars: Optional[int] = None):
        from .sentences import SentenceSplitter

        self.sentence_model = sentence_model
        self.splitter = SentenceSplitter(sentence_model)
        self.ruleset = ruleset or default_ruleset()
        self.window_chars = window_chars or WINDOW_CHARS
        self.recognizer = None
        if entities:
            from .entities import get_recognizer

            self.recognizer = get_recognizer()
        self.version = pipeline_fingerprint(sentence_model, entities)

    def process(self, docs: Sequence[Document]) -> list[DocumentRecord]:
        """One record per document; raises on the first document that fails (`process_one`)."""
        return [self.process_one(d) for d in docs]

    def process_one(self, doc: Document) -> DocumentRecord:
        text, warnings = replace_unencodable(doc.text)
        windows = split_windows(text, self.window_chars)
        record = DocumentRecord(doc_id=doc.doc_id, source=doc.source, doc_date=doc.doc_date, text=text,
                                pipeline_version=self.version)
        if len(windows) > 1:
            warnings.append(RecordWarning(
                code="windowed", message=f"{len(text):,} characters processed in {len(windows)} windows of at most "
                f"{self.window_chars:,} (cut at: {', '.join(sorted({k for _a, _b, k in windows}))}); a sentence, "
                "an entity or a rule's context crossing a cut is seen in parts"))
        for start, end, _kind in windows:
            part = self._window_record(doc, text[start:end], start, len(windows) > 1, warnings)
            _join(record, part)
            if len(windows) > 1:  # stanza's freed buffers back to the system after each window
                release_freed_memory(TRIM_AFTER_CHARS)
        record.warnings = warnings
        return record

    def _window_record(self, doc: Document, original: str, shift: int, windowed: bool,
                       warnings: list[RecordWarning]) -> DocumentRecord:
        """The record of one window (the whole text when it is short), mapped back to the
        original and shifted by the window's start `shift`."""
        aligned = normalise(original)
        text = aligned.text
        sentences = self.splitter.split([text])[0]
        timeouts: list[RuleTimeout] = []
        matches = resolve(self.ruleset.find(text, doc.doc_date, timeouts))
        part = DocumentRecord(doc_id=doc.doc_id, source=doc.source, doc_date=doc.doc_date, text=text,
                              sentences=[Span(start=s, end=e) for s, e in sentences])
        for m in matches:
            _add_match(part, m)
        if self.recognizer is not None:
            found = self.recognizer.recognize(text, sentences)
            furniture = find_furniture(text)
            part.persons = drop_furniture_mentions(found.persons, furniture)
            part.places = drop_furniture_mentions(found.places, furniture)
            part.organizations = drop_furniture_mentions(found.organizations, furniture)
            from .entities import attach_contacts

            attach_contacts(part.persons, part.emails, part.phones, text)
        part.projects = build_projects(part)
        where = dict(start=shift, end=shift + len(original)) if windowed else {}
        for t in timeouts:
            warnings.append(RecordWarning(
                code="rule-timeout", message=f"rule {t.rule} pattern {t.pattern} ran past {t.seconds:g} s and was "
                "skipped: this record may miss its mentions", **where))
        map_to_original(part, aligned, shift)
        retitle(part)
        return part


_UNENCODABLE = re.compile(r"[\ud800-\udfff]+")  # lone surrogates: no UTF-8 (and no JSON) can hold them
MAX_POSITIONED_WARNINGS = 20  # replaced runs reported one by one; the rest counted in one more warning


def replace_unencodable(text: str) -> tuple[str, list[RecordWarning]]:
    """`text` with each lone surrogate replaced by U+FFFD (same length: offsets stay), and a
    `replaced-characters` warning per run (the first `MAX_POSITIONED_WARNINGS`, then a count)."""
    runs = [m.span() for m in _UNENCODABLE.finditer(text)]
    if not runs:
        return text, []
    warnings = [RecordWarning(code="replaced-characters", start=a, end=b,
                              message=f"{b - a} lone surrogate(s) replaced by U+FFFD")
                for a, b in runs[:MAX_POSITIONED_WARNINGS]]
    if len(runs) > MAX_POSITIONED_WARNINGS:
        rest = sum(b - a for a, b in runs[MAX_POSITIONED_WARNINGS:])
        warnings.append(RecordWarning(code="replaced-characters",
                                      message=f"{rest} more lone surrogate(s) in {len(runs) - MAX_POSITIONED_WARNINGS} "
                                              "more runs replaced by U+FFFD"))
    return _UNENCODABLE.sub(lambda m: "\ufffd" * len(m.group()), text), warnings


def _join(record: DocumentRecord, part: DocumentRecord) -> None:
    """Add a window's record (already in the whole text's offsets) to the document's record;
    an entity named alike in several windows is one entity with the mentions of all."""
    for name in ("sentences", "project_codes", "dates", "emails", "phones", "urls", "amounts", "projects"):
        getattr(record, name).extend(getattr(part, name))
    for name in ("persons", "places", "organizations"):
        items = getattr(record, name)
        earlier: dict[str, object] = {}  # of the windows before: a window's own items stay as it made them
        for item in items:
            earlier.setdefault(item.name, item)
        for item in getattr(part, name):
            same = earlier.get(item.name)
            if same is None:
                items.append(item)
                continue
            same.mentions.extend(item.mentions)
            for field_name in ("role", "email", "phone", "country", "kind", "abbreviation"):
                if getattr(same, field_name, None) is None and getattr(item, field_name, None) is not None:
                    setattr(same, field_name, getattr(item, field_name))


def _add_match(record: DocumentRecord, m: RuleMatch) -> None:
    prov = Provenance(rule=m.rule, pattern=m.pattern)
    base = dict(text=m.text, start=m.start, end=m.end, provenance=prov)
    if m.kind == "project_code":
        record.project_codes.append(ProjectCode(code=m.payload["code"], scheme=m.payload["scheme"],
                                                parts=m.payload.get("parts", {}), **base))
    elif m.kind == "date":
        resolved = m.payload.get("resolved")
        record.dates.append(DateMention(value=DateValue(**m.payload["value"]),
                                        resolved=DateValue(**resolved) if resolved else None, **base))
    elif m.kind == "amount":
        record.amounts.append(AmountMention(value=AmountValue(**m.payload["value"]), **base))
    elif m.kind in ("email", "url", "phone"):
        getattr(record, m.kind + "s").append(ContactMention(value=m.payload["value"], **base))
    else:  # pragma: no cover - schema.Kind limits the kinds
        raise ValueError(f"unknown kind {m.kind}")


def document_from_text(text: str, doc_id: str, doc_date: Optional[str] = None) -> Document:
    data = text.encode("utf-8", "surrogatepass")  # the text as given; lone surrogates are replaced later
    source = Source(path=f"<{doc_id}>", sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), encoding="utf-8")
    return Document(doc_id=doc_id, path=Path(source.path), text=text, source=source, doc_date=doc_date)


_DEFAULT: dict[tuple[str, bool], Pipeline] = {}


def get_pipeline(sentence_model: str = "bundled", entities: bool = True) -> Pipeline:
    """The process-wide pipeline for these options (models load once)."""
    key = (sentence_model, entities)
    if key not in _DEFAULT:
        _DEFAULT[key] = Pipeline(sentence_model, entities)
    return _DEFAULT[key]


def process(texts: Iterable[str], doc_date: Optional[str] = None, batch_size: int = 32,
            sentence_model: str = "bundled") -> list[DocumentRecord | DocumentFailure]:
    """Python API: run the pipeline over plain texts, one result per text, in order (doc_id
    `doc-<n>`): a `DocumentRecord`, or a `DocumentFailure` (`.ok` is False, `.error` says why)
    for a text that an internal error left without a record; the other texts still get theirs.
    A record never depends on the other texts of the call; `batch_size` is kept for callers
    of earlier versions and changes nothing."""
    del batch_size
    pipe = get_pipeline(sentence_model)
    out: list[DocumentRecord | DocumentFailure] = []
    for i, t in enumerate(texts):
        doc_id = f"doc-{i}"
        try:
            out.append(pipe.process_one(document_from_text(t, doc_id, doc_date)))
        except Exception as exc:  # noqa: BLE001 - reported in the result, the other texts go on
            log.warning("%s: no record: %s: %s", doc_id, type(exc).__name__, exc)
            out.append(DocumentFailure(doc_id=doc_id, error=f"internal error: {type(exc).__name__}: {exc}"))
    return out
