"""The recogniser: tokenise -> tag (CRF) -> rule chain -> items."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..records import Organization, Person, Place
from . import items
from . import lexicon as lexmod
from .crf import CRFModel
from .fasttagger import FastTagger
from .naming import Naming
from .registry import Chain, run_chain
from .spans import Doc
from .tagging import tag_spans

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "ner.crfsuite"
# attributes of a model trained with document features (ner/features.py DocStats)
DOC_FEATURES = ("d_afterfn", "d_lower", "d_capmid")


@dataclass
class EntityResult:
    persons: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


class EntityRecognizer:
    """People, places and organisations of a text, named in the nominative (see the package)."""

    def __init__(self, model_path: Path | str = MODEL_PATH, chain: Chain | None = None):
        self.lex = lexmod.get()
        self.model = CRFModel(model_path)
        self.tagger = FastTagger(self.model, self.lex)
        self.chain = chain or Chain.load()
        # models trained with document features carry them in their attribute list
        self.doc_features = any(a in self.model.attr_id for a in DOC_FEATURES)
        self.naming = Naming(self.lex)

    def tag_spans(self, text: str, sentences: list[tuple[int, int]] | None = None):
        """The tagger's raw spans (before the chain) and the tokens."""
        return tag_spans(self, text, sentences, self.chain)

    def document(self, text: str, sentences: list[tuple[int, int]] | None = None):
        """The tagged spans after the chain, and the document the rules saw."""
        spans, tokens = self.tag_spans(text, sentences)
        doc = Doc(text, tokens, self.lex, self.naming, self.chain)
        return run_chain(spans, doc), doc

    def recognize(self, text: str, sentences: list[tuple[int, int]] | None = None) -> EntityResult:
        spans, doc = self.document(text, sentences)
        res = EntityResult()
        res.organizations = items.organizations([s for s in spans if s.kind == "organizations"], doc)
        res.persons = items.persons([s for s in spans if s.kind == "persons"], doc)
        res.places = items.places([s for s in spans if s.kind == "places"], doc)
        return res


_CACHE: dict[tuple[str, Chain | None], EntityRecognizer] = {}


def get_recognizer(model_path: Path | str = MODEL_PATH, chain: Chain | None = None) -> EntityRecognizer:
    """The recogniser of a model and chain, loaded once per process."""
    key = (str(model_path), chain)
    if key not in _CACHE:
        _CACHE[key] = EntityRecognizer(model_path, chain)
    return _CACHE[key]


def recognize(text: str, sentences: list[tuple[int, int]] | None = None) -> EntityResult:
    return get_recognizer().recognize(text, sentences)
