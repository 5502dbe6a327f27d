"""The per-document chain: normalise → sentences → rules → entities (less page furniture) → typed record.

Extractors see the normalised text; the record is built in normalised offsets and
mapped back to the original once, at the end (`_to_original`), after which every
mention satisfies `record.text[start:end] == mention.text`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
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
    DocumentRecord,
    Mention,
    ProjectCode,
    Provenance,
    Source,
    Span,
)
from .projects import build_projects, retitle
from .resolve import resolve
from .rules import RuleMatch, RuleSet, default_ruleset
from .textmap import AlignedText

PACKAGE_DIR = Path(__file__).resolve().parent


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
    from .sentences import quantize_enabled

    h = hashlib.sha256(f"{__version__}|{PIPELINE_VERSION}|{sentence_model}|{entities}|"
                       f"q={quantize_enabled()}".encode())
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


@dataclass
class Prepared:
    doc: Document
    aligned: AlignedText


class Pipeline:
    """Loads models once; `process()` turns documents into validated records."""

    def __init__(self, sentence_model: str = "bundled", entities: bool = True, ruleset: Optional[RuleSet] = None):
        from .sentences import SentenceSplitter

        self.sentence_model = sentence_model
        self.splitter = SentenceSplitter(sentence_model)
        self.ruleset = ruleset or default_ruleset()
        self.recognizer = None
        if entities:
            from .entities import get_recognizer

            self.recognizer = get_recognizer()
        self.version = pipeline_fingerprint(sentence_model, entities)

    def process(self, docs: Sequence[Document]) -> list[DocumentRecord]:
        prepared = [Prepared(d, normalise(d.text)) for d in docs]
        all_sentences = self.splitter.split([p.aligned.text for p in prepared])
        return [self._record(p, sents) for p, sents in zip(prepared, all_sentences)]

    def _record(self, p: Prepared, sentences: list[tuple[int, int]]) -> DocumentRecord:
        text = p.aligned.text
        matches = resolve(self.ruleset.find(text, p.doc.doc_date))
        record = DocumentRecord(
            doc_id=p.doc.doc_id,
            source=p.doc.source,
            doc_date=p.doc.doc_date,
            text=text,
            sentences=[Span(start=s, end=e) for s, e in sentences],
            pipeline_version=self.version,
        )
        for m in matches:
            _add_match(record, m)
        if self.recognizer is not None:
            found = self.recognizer.recognize(text, sentences)
            furniture = find_furniture(text)
            record.persons = drop_furniture_mentions(found.persons, furniture)
            record.places = drop_furniture_mentions(found.places, furniture)
            record.organizations = drop_furniture_mentions(found.organizations, furniture)
            from .entities import attach_contacts

            attach_contacts(record.persons, record.emails, record.phones, text)
        record.projects = build_projects(record)
        record = _to_original(record, p.aligned)
        retitle(record)
        return record


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


def _to_original(record: DocumentRecord, aligned: AlignedText) -> DocumentRecord:
    original = aligned.original
    to_original = aligned.to_original

    def remap(m: Mention | Span) -> None:
        # written into the model's __dict__, where pydantic keeps field values: what its
        # __setattr__ does for these fields (no assignment validation; they are set already),
        # without its checks per call, for the hundred or so mentions and sentences of a record
        d = m.__dict__
        d["start"], d["end"] = to_original(d["start"], d["end"])
        if isinstance(m, Mention):
            d["text"] = original[d["start"]:d["end"]]

    for _kind, m in record.iter_mentions():
        remap(m)
    for s in record.sentences:
        remap(s)
    record.text = original
    return record


def document_from_text(text: str, doc_id: str, doc_date: Optional[str] = None) -> Document:
    data = text.encode("utf-8")
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
            sentence_model: str = "bundled") -> list[DocumentRecord]:
    """Python API: run the pipeline over plain texts, returning one record per text (doc_id `doc-<n>`)."""
    pipe = get_pipeline(sentence_model)
    out: list[DocumentRecord] = []
    batch: list[Document] = []
    for i, t in enumerate(texts):
        batch.append(document_from_text(t, f"doc-{i}", doc_date))
        if len(batch) >= batch_size:
            out.extend(pipe.process(batch))
            batch = []
    if batch:
        out.extend(pipe.process(batch))
    return out
