"""What the linking rules read: the record's text and mentions (normalised offsets), and the
projects being built (`Draft`)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..lexicons import HERE as LEXICON_DIR
from ..records import AmountValue, DateValue, DocumentRecord, ProjectLink

QUOTED = regex.compile(r'"([^"\n]{2,240}?)"')


@dataclass(frozen=True)
class Spot:
    """A mention of an entity: where, and the entity's name (and, for places, its country/kind)."""

    start: int
    end: int
    name: str
    country: Optional[str] = None
    kind: Optional[str] = None


@dataclass
class Doc:
    record: DocumentRecord
    text: str
    sentences: list[tuple[int, int]]
    orgs: list[Spot]
    persons: list[Spot]
    places: list[Spot]
    roles: dict[str, Optional[str]]
    quotes: list[tuple[int, int]]  # the content of each "..." (without the quotes)
    _starts: list[int] = field(default_factory=list, repr=False)
    _matches: dict = field(default_factory=dict, repr=False)

    def matches(self, pattern: "regex.Pattern[str]") -> list[tuple[int, int]]:
        """The (start, end) of every match of `pattern` in the text, found once per document:
        the link rules ask for each project, and a long text has many."""
        if pattern not in self._matches:
            self._matches[pattern] = [m.span() for m in pattern.finditer(self.text)]
        return self._matches[pattern]

    @classmethod
    def of(cls, record: DocumentRecord) -> "Doc":
        text = record.text
        sents = _joined(text, sorted((s.start, s.end) for s in record.sentences)) or [(0, len(text))]

        def spots(items, place: bool = False) -> list[Spot]:
            found = [Spot(m.start, m.end, it.name, getattr(it, "country", None) if place else None,
                          getattr(it, "kind", None) if place else None) for it in items for m in it.mentions]
            return sorted(found, key=lambda s: (s.start, s.end))

        quotes = [(m.start(1), m.end(1)) for m in QUOTED.finditer(text)]
        codes = [(pc.start, pc.end) for pc in record.project_codes]
        orgs = [o for o in (_off_code(o, codes) for o in spots(record.organizations)) if o is not None]
        return cls(record, text, sents, orgs, spots(record.persons),
                   spots(record.places, place=True), {p.name: p.role for p in record.persons}, quotes)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        if len(self._starts) != len(self.sentences):
            self._starts = [s for s, _ in self.sentences]
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return self.sentences[0]
        s, e = self.sentences[i]
        return (s, e) if pos < e or i == len(self.sentences) - 1 else (s, max(e, pos + 1))

    def within(self, spots: list[Spot], start: int, end: int) -> list[Spot]:
        """The spots (sorted by start) that lie inside [start, end)."""
        i = bisect_left(spots, start, key=lambda s: s.start)
        out = []
        while i < len(spots) and spots[i].start < end:
            if spots[i].end <= end:
                out.append(spots[i])
            i += 1
        return out

    def inside_org(self, start: int, end: int) -> bool:
        return any(o.start <= start and end <= o.end for o in self.orgs)


def _joined(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences as the linking rules read them: a break after an ordinal number before a word in
    lower case (`Talsu 2. | vidusskola sadarbojas`), or inside a line after a word or quote with no
    end mark (`projektā "X" | Talsu skola sadarbojas`), is no sentence end."""
    out: list[tuple[int, int]] = []
    for s, e in sents:
        prev = text[out[-1][0]:out[-1][1]] if out else ""
        ordinal = regex.search(r"\d\.\s*$", prev) and regex.match(r"\s*\p{Ll}", text[s:e])
        unended = prev and "\n" not in text[out[-1][1]:s] and not regex.search(r"[.!?…:;]['\")\]]*\s*$", prev)
        if ordinal or unended:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


_CODE_WORDS = regex.compile(r"^(?:[\w.]*\d[\w.]*(?:[-/][\w.]+){2,}\s+)+")  # LV01-KA121-SCH-000123456


def _off_code(o: Spot, codes: list[tuple[int, int]]) -> Optional[Spot]:
    """An organisation whose mention runs into a project code (`...000123456 Cēsu Valsts ģimnāzija`)
    without the code's words (in every mention of it: its name has them); a name with no letters
    left is dropped."""
    for a, b in codes:
        if o.start < b and a < o.end:
            o = Spot(max(o.start, b), o.end, o.name)
    o = Spot(o.start, o.end, _CODE_WORDS.sub("", o.name), o.country, o.kind)
    return o if o.end > o.start and len(regex.sub(r"\W", "", o.name)) >= 2 else None


@dataclass
class Draft:
    """A project being built: its identifying mentions and what the linking rules tied to it."""

    code: Optional[str] = None
    scheme: Optional[str] = None
    titles: list[tuple[int, int]] = field(default_factory=list)  # spans of its title mentions
    alt_titles: list[str] = field(default_factory=list)
    code_spans: list[tuple[int, int]] = field(default_factory=list)
    best_titles: list[tuple[int, int]] = field(default_factory=list)  # next to the code; the Latvian of two
    groups: list[tuple[int, int]] = field(default_factory=list)  # "( ... code ... )" around its code
    lead: Optional[str] = None
    organizations: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    period: Optional[DateValue] = None
    amount: Optional[AmountValue] = None
    links: list[ProjectLink] = field(default_factory=list)

    def anchors(self) -> list[tuple[int, int]]:
        return sorted(self.titles + self.code_spans)

    def title_texts(self, text: str) -> list[str]:
        return [text[s:e] for s, e in self.titles]

    def word_keys(self, text: str) -> set[str]:
        return {word_key(t) for t in self.title_texts(text) + self.alt_titles if word_key(t)}

    def names(self, text: str) -> set[str]:
        return {name_key(t) for t in self.title_texts(text) + self.alt_titles if name_key(t)}

    def link(self, field_name: str, value: object, rule: str) -> bool:
        """Set (or add to) a field; False when it held that value already (or a single value)."""
        if field_name in ("organizations", "persons", "countries", "alt_titles"):
            values = getattr(self, field_name)
            if value in values:
                return False
            values.append(value)
        else:
            if getattr(self, field_name) is not None:
                return False
            setattr(self, field_name, value)
        shown = value if isinstance(value, str) else (value.model_dump_json() if hasattr(value, "model_dump_json") else str(value))
        self.links.append(ProjectLink(field=field_name, value=shown, rule=rule))
        return True


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """The head nouns of organisation names (`skola`, `centrs`, `pašvaldība` ...), lexicons/org_heads.txt."""
    lines = (LEXICON_DIR / "org_heads.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def has_org_head(name: str) -> bool:
    """A name built on an organisation noun (`Viduskurzemes pamatskola-attīstības centrs`)."""
    return any(w in org_heads() for w in regex.split(r"[\s-]+", name.casefold()))


_NAME_DROP = regex.compile(r"[\"'“”„‟«»‘’‚,]")


def name_key(s: str) -> str:
    """A title as projects are merged by it: case, quotes and spacing ignored."""
    return regex.sub(r"\s+", " ", _NAME_DROP.sub("", s)).strip().casefold()


def word_key(s: str) -> str:
    """Only the letters and digits of a name, case ignored: `"EkoSkola"` = `Ekoskola`."""
    return regex.sub(r"\W+", "", s).casefold()
