"""The span and document model of the entity stage, and the one definition of each test
the rules share (in capitals, overlap, sentence start, line break, abbreviation, ...)."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .. import declension
from .features import stem
from .words import HOLIDAY_FORMS, NAME_CONNECTORS, PLANETS, QUOTES, SENT_OPENERS, forms_of

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon
    from .naming import Naming
    from .registry import Chain

Token = tuple[str, int, int]  # (form, start, end)

# a one-word "person" or "place" this common in lower case (Zipf, wordfreq) is a common noun
WF_MIN = 3.5
# every name has a vowel (Gbps, Mbps: units)
NAME_VOWELS = frozenset(declension.VOWELS | set("yáéíóúäöüåæø"))
# how many words around a token decide whether it stands in a line written in capitals
CAPITALS_REACH = 6
_ROMAN = re.compile(r"[IVXLC]+")
INITIAL = re.compile(r"[A-ZĀČĒĢĪĶĻŅŠŪŽ]\.")
# a code, not a body's name: `LV01-KA121-SCH-000123962` (`TV3`, `TEC-2` are names)
CODE_SHAPE = re.compile(r"(?=.*\d)[A-Z0-9]+(?:[-/.][A-Z0-9]+){2,}")
# a web or e-mail address (a capitalised bare domain is a name: `LSM.lv`, `"Firmas.lv"`)
ADDRESS = re.compile(r"(?i:https?://|www\.)\S|[^\s@]+@[^\s@]+\.\w|[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:lv|lt|ee|eu|com|org|net)(?:/|$)")

PERSONS, PLACES, ORGS = "persons", "places", "organizations"


@dataclass
class Span:
    """An entity mention being built: its kind, character offsets, words and token range."""
    kind: str           # persons / places / organizations
    start: int          # char offsets
    end: int
    words: list[str]
    ti: int = 0         # token index of the first word in the whole text
    tj: int = 0         # token index after the last word

    def relabel(self, kind: str) -> "Span":
        """The same words as another kind of entity."""
        return Span(kind, self.start, self.end, self.words, self.ti, self.tj)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class Doc:
    """One document as the rules see it: text, tokens, lexicons, naming and the active chain."""
    text: str
    tokens: list[Token]
    lex: "Lexicon"
    naming: "Naming"
    chain: "Chain"
    scratch: dict = field(default_factory=dict)  # what one rule leaves for a later one of its group

    def on(self, rule_id: str) -> bool:
        return self.chain.on(rule_id)

    def span(self, kind: str, ti: int, tj: int, words: list[str] | None = None) -> Span:
        """A span over tokens ti..tj-1 (their forms as words unless given)."""
        if words is None:
            words = [t[0] for t in self.tokens[ti:tj]]
        return Span(kind, self.tokens[ti][1], self.tokens[tj - 1][2], words, ti, tj)

    def line_break(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds a line break."""
        return "\n" in self.text[start:end]

    def sentence_start(self, k: int) -> bool:
        """Token k opens a sentence, a quotation or a line (a capital there says nothing)."""
        toks = self.tokens
        return k == 0 or toks[k - 1][0] in SENT_OPENERS or "\n" in self.text[toks[k - 1][2]:toks[k][1]]

    def covered(self, spans: Iterable[Span]) -> set[int]:
        return {k for sp in spans for k in range(sp.ti, sp.tj)}


def nfc(form: str) -> str:
    return form if form.isascii() else unicodedata.normalize("NFC", form)


def in_text_order(spans: Iterable[Span]) -> list[Span]:
    return sorted(spans, key=lambda sp: (sp.start, sp.end))


def in_capitals(tokens, k: int, around: int = CAPITALS_REACH) -> bool:
    """Whether the words around token k are written in capitals (a headline: `DIDZIS OZOLS`)."""
    words = [t[0] for t in tokens[max(0, k - around):k + around + 1] if len(t[0]) > 3 and t[0].isalpha()]
    return bool(words) and sum(w.isupper() for w in words) * 2 >= len(words)


def is_abbreviation(word: str) -> bool:
    """Two or three capital letters (`AES`, `ST`), not a Roman numeral."""
    return 2 <= len(word) <= 3 and word.isalpha() and word.isupper() and not _ROMAN.fullmatch(word)


def can_be_genitive(word: str) -> bool:
    """Whether a word of a name can be in the genitive case (`Jāņa`, `Ivanova`, `Ozoliņas`,
    `J.`): a school named after a person takes the name in the genitive, so a name that is
    plainly nominative (`Liene`, `Bērziņš`, `Kalns`) does not start an organisation's name."""
    w = word.lower()
    if w.endswith(".") or not w[-1:].isalpha():
        return True
    return not (w.endswith(("e", "š")) or (w.endswith("s") and not w.endswith(("as", "es", "us"))))


def name_part(word: str) -> bool:
    """A word that can be inside a foreign institution's name: capitalised, a number or
    ordinal (`21.`), or a small connecting word."""
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in NAME_CONNECTORS


def capitalised_word(w: str) -> bool:
    """A capital and lower-case letters only (`Liepiņa`, not `LIEPIŅA`, `Nr.5`)."""
    return w[:1].isupper() and w[1:].islower()


def name_key(w: str) -> str | None:
    """The stem a capitalised word (not in capitals, over three letters) is matched by across
    a document (Federika / Federikai); None for other words."""
    return stem(w.lower()) if len(w) > 3 and w[:1].isupper() and not w.isupper() else None


def never_a_person(w: str) -> bool:
    """A planet or a plural form of a saint's holiday (Marsu, Jāņu): whatever the tagger or the
    document's other names say."""
    return w in HOLIDAY_FORMS or w in forms_of(PLANETS)


def unmatched_opening(tokens, ti: int, tj: int) -> bool:
    """Whether the quote mark at token `ti` opens a quotation that tokens[ti:tj] do not close:
    marks glued to the next token open, marks glued to the previous one close."""
    depth = 0
    for k in range(ti, tj):
        if tokens[k][0] not in QUOTES:
            continue
        glued_before = k > 0 and tokens[k - 1][2] == tokens[k][1]
        glued_after = k + 1 < len(tokens) and tokens[k + 1][1] == tokens[k][2]
        if glued_after and not glued_before:
            depth += 1
        elif glued_before and not glued_after and depth > 0:
            depth -= 1
            if depth == 0 and k > ti:
                return False  # the first mark's quotation closes inside
        else:
            return False  # a mark of unknown direction: leave the span as it was
    return depth > 0


class Containment:
    """Whether a token range lies within one of some ranges: the ranges sorted by start, with
    the furthest end reached by any range starting at or before each (a bisect per query
    instead of a scan of every range)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        rs = sorted(ranges)
        self.starts = [a for a, _b in rs]
        self.reach: list[int] = []
        far = -1
        for _a, b in rs:
            far = max(far, b)
            self.reach.append(far)

    def __call__(self, ti: int, tj: int) -> bool:
        k = bisect_right(self.starts, ti)
        return k > 0 and self.reach[k - 1] >= tj
