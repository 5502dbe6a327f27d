"""Value building for Latvian calendar expressions (rules `date-*`, validator `date`).

Convention: a date rule's pattern names the parts it found with these groups
(any of them may be absent or unmatched; the regex package lets one name appear
in several alternatives):

    y1, m1, d1   year, month, day of the start (or only) point
    y2, m2, d2   year, month, day of the end point of a range
    rel          a relative year word before the start point (`šā gada`, `š.g.`,
                 `pagājušā gada`, `nākamā gada`, `šogad`, `pērn`...)
    rel2         the same before the end point (`no šā gada ... līdz nākamā gada ...`)
    anaph        a year word that points back to a year named earlier (`tā paša gada`):
                 the value keeps XXXX and no `resolved` is given
    half         `1.`/`I`/`pirmajā`... or `2.`/`II`/`otrajā`... before `pusgads`: months 1-6 or 7-12
    quarter      the same for `ceturksnis` (1-4, I-IV, pirmajā ... ceturtajā): its three months
    adj          matched when the two points must be neighbours (`18. un 19.maijā`,
                 `2022./2023.`): the range is kept only if the end is the day, month
                 or year right after the start (`5. un 19. maijā` is two dates, not a range)

Years are four digits (an end year may have two: `2000./01.`; a start year with two,
`14.02.20`, is read as 20YY); months are a number (1-12) or any form listed in
lexicons/months.yaml; days are 1-31. A range is any match with an end part.

Values follow the output contract (shared/ANNOTATION.md): ISO 8601 with the
precision the text gives, `XXXX` for a year the text does not write (a relative
word does not write it either), `start == end` for a single point. Inside a range
the points share what one of them leaves out: `No 12. līdz 14.jūnijam` gives the
start its month, `2023. gada 28. novembrī – 1. decembrī` gives the end its year;
when the end point then falls before the start, the shared year moves by one
(`2023. gada 28. decembrī – 3. janvārī` → 2023-12-28..2024-01-03).

With a `doc_date`, the payload also has `resolved`: the same value with every
`XXXX` filled from the document's year, moved by the relative word (pagājušā
gada → year - 1, nākamā gada → year + 1).

Matches that are not real dates are rejected here: a day the month does not
have, a month outside 1-12, a year outside 1900-2099, a range that ends before
it starts or a year range of more than 50 years.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Optional

import regex

from ...lexicons import month_forms
from . import MatchContext, Payload, validator

MIN_YEAR, MAX_YEAR = 1900, 2099
MAX_YEAR_SPAN = 50
TWO_DIGIT_CENTURY = 2000  # `14.02.20` is 2020: the pages this reads were written after 2000

# relative year words (lower case, spaces and dots dropped) → offset from the document's year
_REL_OFFSETS = {
    "šāgada": 0, "šīgada": 0, "šogada": 0, "šajāgadā": 0, "šāg": 0, "šg": 0, "šogad": 0,
    "tekošāgada": 0, "kārtējāgada": 0,
    "pagājušāgada": -1, "pagājušajāgadā": -1, "iepriekšējāgada": -1, "pērn": -1, "pērnāgada": -1, "pērnajāgadā": -1,
    "aizpērn": -2, "aizpagājušāgada": -2,
    "nākamāgada": 1, "nākošāgada": 1, "nākamajāgadā": 1, "nākošajāgadā": 1, "nākamgad": 1, "nākošgad": 1,
}


_SPACES_DOTS = regex.compile(r"[\s.]+")


def rel_offset(word: Optional[str]) -> Optional[int]:
    """Offset in years of a relative year word, or None when there is none."""
    if not word:
        return None
    key = _SPACES_DOTS.sub("", word.lower())
    if key not in _REL_OFFSETS:
        raise ValueError(f"unknown relative year word {word!r}")
    return _REL_OFFSETS[key]


@dataclass
class Point:
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None

    def empty(self) -> bool:
        return self.year is None and self.month is None and self.day is None

    def iso(self, year: Optional[int] = None) -> str:
        y = self.year if self.year is not None else year
        out = f"{y:04d}" if y is not None else "XXXX"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out

    def key(self) -> tuple[int, int]:
        return (self.month or 0, self.day or 0)


def _group(m: "regex.Match[str]", name: str) -> Optional[str]:
    if name not in m.re.groupindex:
        return None
    value = m.group(name)
    return value if value else None


def _month(raw: Optional[str]) -> Optional[int]:
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    return month_forms().get(raw.lower().rstrip("."), -1)


def _year(raw: Optional[str], n: str) -> Optional[int]:
    """A written year; a two-digit start year (`14.02.20`) is in TWO_DIGIT_CENTURY (a two-digit
    end year is read against the start's, in build)."""
    if raw is None:
        return None
    if n == "1" and len(raw) == 2:
        return TWO_DIGIT_CENTURY + int(raw)
    return int(raw)


def _point(m: "regex.Match[str]", n: str) -> Point:
    y, mo, d = _group(m, f"y{n}"), _group(m, f"m{n}"), _group(m, f"d{n}")
    return Point(_year(y, n), _month(mo), int(d) if d else None)


def _valid(p: Point) -> bool:
    if p.year is not None and not MIN_YEAR <= p.year <= MAX_YEAR:
        return False
    if p.month is not None and not 1 <= p.month <= 12:
        return False
    if p.day is not None:
        if p.month is None:
            return False
        last = calendar.monthrange(p.year if p.year is not None else 2000, p.month)[1]
        if not 1 <= p.day <= last:
            return False
    return p.year is not None or p.month is not None


def _next(a: Point, b: Point) -> bool:
    """Whether `b` is the day, month or year right after `a` (years unknown: same or next)."""
    if a.day is not None and b.day is not None:
        if a.month == b.month:
            return b.day == a.day + 1 and a.year == b.year
        last = calendar.monthrange(a.year if a.year is not None else 2001, a.month or 1)[1]
        return a.day == last and b.day == 1 and (b.month - a.month) % 12 == 1
    if a.month is not None and b.month is not None and a.day is None and b.day is None:
        return (b.month - a.month) % 12 == 1
    if a.month is None and b.month is None and a.year is not None and b.year is not None:
        return b.year == a.year + 1
    return False


def build(start: Point, end: Optional[Point], rel: Optional[int], rel2: Optional[int],
          doc_date: Optional[str], adjacent: bool = False, anaphoric: bool = False) -> Optional[Payload]:
    """The payload for a point or range, or None when it is no real date."""
    if end is None or end.empty():
        end, rel2 = Point(start.year, start.month, start.day), rel
        single = True
    else:
        single = False
        # a two-digit end year (`2000./01.`) is in the start's century, or the next one
        if end.year is not None and end.year < 100 and start.year is not None:
            end.year += start.year // 100 * 100
            if end.year < start.year:
                end.year += 100
        # a day borrows the other point's month
        if start.day is not None and start.month is None:
            start.month = end.month
        if end.day is not None and end.month is None:
            end.month = start.month
        if rel2 is None and end.year is None:
            rel2 = rel
        if rel is None and start.year is None:
            rel = rel2
    if not _valid(start) or not _valid(end):
        return None
    # the shift between the two points' years when only one (or none) is written
    shift = 0
    if not single and start.month is not None and end.month is not None and end.key() < start.key():
        shift = 1
    if not single:
        if start.year is not None and end.year is None and rel2 == rel:
            end.year = start.year + shift
        elif end.year is not None and start.year is None and rel2 == rel:
            start.year = end.year - shift
        if start.year is not None and end.year is not None:
            if end.year < start.year or (end.year == start.year and end.key() < start.key()):
                return None
            if end.year - start.year > MAX_YEAR_SPAN:
                return None
        if not _valid(start) or not _valid(end):
            return None
        if adjacent and not _next(start, end):
            return None
    payload: Payload = {"value": {"start": start.iso(), "end": end.iso()}}
    if doc_date and not (anaphoric and (start.year is None or end.year is None)):
        doc_year = int(doc_date[:4])
        y1 = doc_year + (rel or 0)
        y2 = doc_year + (rel2 if rel2 is not None else (rel or 0))
        if start.year is None and end.year is None and rel2 == rel:
            y2 = y1 + shift
        payload["resolved"] = {"start": start.iso(y1), "end": end.iso(y2)}
    return payload


_ORDINALS = {"1": 1, "i": 1, "pirm": 1, "2": 2, "ii": 2, "otr": 2, "3": 3, "iii": 3, "treš": 3,
             "4": 4, "iv": 4, "ceturt": 4}


def _year_part(raw: Optional[str], parts: int) -> Optional[tuple[int, int]]:
    """(first month, last month) of the n-th half (parts=2) or quarter (parts=4) of a year."""
    if raw is None:
        return None
    key = raw.lower().rstrip(".")
    n = _ORDINALS.get(key) or next((v for k, v in _ORDINALS.items() if len(k) > 2 and key.startswith(k)), None)
    if n is None or n > parts:
        return None
    size = 12 // parts
    return (n - 1) * size + 1, n * size


@validator("date")
def date(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    start, end = _point(m, "1"), _point(m, "2")
    part = _year_part(_group(m, "half"), 2) or _year_part(_group(m, "quarter"), 4)
    if part is not None:
        start, end = Point(start.year, part[0]), Point(start.year, part[1])
    return build(start, None if end.empty() else end, rel_offset(_group(m, "rel")), rel_offset(_group(m, "rel2")),
                 ctx.doc_date, adjacent="adj" in m.re.groupindex and m.group("adj") is not None,
                 anaphoric=_group(m, "anaph") is not None)
