"""Rules that find a project's name: a quoted title next to its code, a title after a word for
"project", a labelled title, a list of project names; and the other names given with it.

Each unit returns `TitleHit`s; build.py turns them into projects. Offsets index the record's
normalised text, where every kind of double quote is `"`.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

import regex

from .context import Doc
from .cues import cue, source
from .links import programme_named
from .registry import link_rule

MAX_GAP_BEFORE_CODE = 40  # `"Title" (līgums Nr. CODE)`: the words between a title and its code
MAX_GAP_AFTER_CODE = 6  # `Nr. CODE "Title"`
MAX_WORDS_AFTER_PROJECT_WORD = 3  # `Erasmus+ partnerības projekts "Title"`: project word ... title
MAX_HEADING_TITLE = 250
MAX_LIST_ITEM_WORDS = 5
MAX_PROGRAMME_WORDS = 3  # a quoted name this short that names a programme is the programme

_GAP_BEFORE = regex.compile(r"^[\s,;:(/-]*(?:(?:\w+\.?\s*){0,2}(?:nr\.?|numurs|id\.\s*nr\.?|kods)\s*:?\s*)?$",
                            regex.IGNORECASE)
_GAP_AFTER = regex.compile(r'^[\s,:;)/-]*$')
_ALT_GROUP = regex.compile(r'\s*\(\s*("?)([^()\d"]{2,200}?(?:\([^()\d"]{2,40}\))?)\1\s*\)')
_SLASH_ALT = regex.compile(r'\s*/\s*([^,.;\n"/()]{2,80}?)(?=\s*[,.;\n(]|$)')
_INNER_SPLIT = regex.compile(r"\s*\(\s*|\s*\)\s*|\s*/\s+|\s+/\s*")
_TRIM = " \t\n,.;:-–/("
_CAPS_RUN = regex.compile(r"[\p{Lu}\d][\p{Lu}\d'’!?-]*(?:\s+[\p{Lu}\d][\p{Lu}\d'’!?-]*)+")
_COORDINATED = regex.compile(r"\s*(?:\([^()\n]{0,120}\)\s*)?(?:,|un|and|vai)\s*")
_BULLET = regex.compile(r"^\s*(?:[•·▪◦*-]|\d{1,2}[.)])\s+(.+?)\s*$")


@dataclass
class TitleHit:
    rule: str
    title: Optional[tuple[int, int]] = None
    code: Optional[str] = None
    code_span: Optional[tuple[int, int]] = None
    group: Optional[tuple[int, int]] = None
    alts: list[str] = field(default_factory=list)
    near_code: bool = False  # found next to its code: the best title of a project


def trimmed(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ")":
        if text[end - 1] == ")" and "(" in text[start:end - 1]:
            break
        end -= 1
    return (start, end) if end - start >= 2 and regex.search(r"\w", text[start:end]) else None


def split_names(text: str, start: int, end: int) -> tuple[Optional[tuple[int, int]], list[str]]:
    """`TITLE (ALT / ACRONYM` inside one pair of quotes -> the title's span and the other names."""
    parts = [(m.start(), m.end()) for m in _INNER_SPLIT.finditer(text, start, end)]
    if not parts:
        return trimmed(text, start, end), []
    pieces, pos = [], start
    for a, b in parts:
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, end))
    spans = [t for t in (trimmed(text, a, b) for a, b in pieces) if t]
    if not spans:
        return None, []
    return spans[0], [text[a:b] for a, b in spans[1:]]


def alternatives_after(doc: Doc, end: int) -> list[str]:
    """Other names right after a title: `"X" ("Y")`, `"X" (English name (ACR))`, `"X"/Y`, `"X" jeb "Y"`."""
    text, out = doc.text, []
    pos = end + 1 if end < len(text) and text[end] == '"' else end
    while True:
        m = _ALT_GROUP.match(text, pos)
        if not m:
            break
        inner = m.group(2)
        out += [p for p in (x.strip(" ,") for x in regex.split(r"[()]", inner)) if len(p) >= 2]
        pos = m.end()
    m = _SLASH_ALT.match(text, pos)
    if m:
        out.append(m.group(1).strip())
    m = regex.match(r'\s+(?:' + source("alias_join") + r')\s+"([^"\n]{2,200})"', text[pos:], regex.IGNORECASE)
    if m:
        out.append(m.group(1).strip())
    return out


def quote_containing(doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
    return next(((a, b) for a, b in doc.quotes if a <= start and end <= b), None)


def _title_from_quote(doc: Doc, q: tuple[int, int], code_span: Optional[tuple[int, int]] = None
                      ) -> tuple[Optional[tuple[int, int]], list[str]]:
    a, b = q
    if code_span and a <= code_span[0] and code_span[1] <= b:  # "LLI-296 Title", "Title. Projekta numurs CODE."
        before = regex.sub(r"(?i)(?:projekta\s+)?(?:numurs|nr\.?)\s*$", "", doc.text[a:code_span[0]]).rstrip()
        before_end = a + len(before)
        left, right = trimmed(doc.text, a, before_end), trimmed(doc.text, code_span[1], b)
        if left:
            title, alts = split_names(doc.text, *left)
            return title, alts + ([doc.text[right[0]:right[1]]] if right and len(doc.text[right[0]:right[1]]) > 3 else [])
        return split_names(doc.text, *right) if right else (None, [])
    title, alts = split_names(doc.text, a, b)
    return title, alts + alternatives_after(doc, b)


GROUP_REACH = 2000  # characters a bracket group may reach from its code on a line (no line of real pages is longer)


def _group_around(doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """The `( ... )` on the same line that holds a code, if any (within `GROUP_REACH`)."""
    text = doc.text
    line_start = max(text.rfind("\n", max(0, start - GROUP_REACH), start) + 1, start - GROUP_REACH)
    line_end = text.find("\n", end, end + GROUP_REACH)
    line_end = min(len(text), end + GROUP_REACH) if line_end < 0 else line_end
    depth, open_at = 0, None
    for i in range(start - 1, line_start - 1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                open_at = i
                break
            depth -= 1
    if open_at is None:
        return None
    close = text.find(")", end, line_end)
    return (open_at, close + 1) if close >= 0 else None


@link_rule("title-next-to-code", "title")
def title_next_to_code(doc: Doc) -> list[TitleHit]:
    """A code and the quoted title written next to it: `projekts Nr. CODE "Title"`, `"Title" (Nr. CODE)`,
    `"Title" (koordinatore X, CODE, School)`, `"CODE Title"`, and a heading line `CODE, Title (ACR)`.

    Evidence: Latvian project pages print the number and the name together, in either order,
    the number often in brackets after the name, with `Nr.`, `līgums Nr.` or `projekta numurs`."""
    hits = []
    for pc in doc.record.project_codes:
        span = (pc.start, pc.end)
        hit = TitleHit("title-next-to-code", near_code=True, code=pc.code, code_span=span, group=_group_around(doc, *span))
        inside = quote_containing(doc, *span)
        if inside:
            hit.title, hit.alts = _title_from_quote(doc, inside, span)
        else:
            hit.title, hit.alts = _adjacent_title(doc, span, hit.group)
        if hit.title is None:
            hit.title, hit.alts = _heading_title(doc, span)
        hits.append(hit)
    return hits


def _adjacent_title(doc: Doc, span: tuple[int, int], group: Optional[tuple[int, int]]):
    text = doc.text
    first_after = bisect_left(doc.quotes, span[1], key=lambda q: q[0])
    for a, b in doc.quotes[first_after:first_after + 1]:  # CODE "Title"
        if a > span[1]:
            if a - 1 - span[1] <= MAX_GAP_AFTER_CODE and _GAP_AFTER.match(text[span[1]:a - 1]):
                return _title_from_quote(doc, (a, b))
            break
    for a, b in reversed(doc.quotes[max(0, first_after - 3):first_after]):  # "Title" ... CODE
        if b < span[0] and span[0] - b <= MAX_GAP_BEFORE_CODE + 220:
            gap = text[b + 1:span[0]]
            alts = []
            while True:  # alternative names in brackets between the title and its code
                m = _ALT_GROUP.match(gap)
                if not m:
                    break
                alts += [p for p in (x.strip(" ,") for x in regex.split(r"[()]", m.group(2))) if len(p) >= 2]
                gap = gap[m.end():]
            if len(gap) <= MAX_GAP_BEFORE_CODE and _GAP_BEFORE.match(gap):
                title, inner = _title_from_quote(doc, (a, b))
                return title, inner + alts
            break
    if group:  # "Title" (koordinatore X, CODE, School) or (X, "Title" CODE)
        near = bisect_left(doc.quotes, group[0] - MAX_HEADING_TITLE, key=lambda q: q[0])
        for a, b in doc.quotes[near:bisect_left(doc.quotes, group[1], key=lambda q: q[0])]:
            if group[0] <= a and b <= group[1]:
                return _title_from_quote(doc, (a, b))
            if b + 1 <= group[0] and text[b + 1:group[0]].strip() == "":
                return _title_from_quote(doc, (a, b))
    return None, []


def _heading_title(doc: Doc, span: tuple[int, int]):
    """`CODE, Title of the project (ACR)` as a line of its own."""
    text = doc.text
    line_start = text.rfind("\n", 0, span[0]) + 1
    if text[line_start:span[0]].strip():
        return None, []
    m = regex.match(r"\s*[,:-]\s*([^\n]{10,%d})" % MAX_HEADING_TITLE, text[span[1]:])
    if not m:
        return None, []
    a, b = span[1] + m.start(1), span[1] + m.end(1)
    return split_names(text, a, b)


@link_rule("title-after-project-word", "title")
def title_after_project_word(doc: Doc) -> list[TitleHit]:
    """A quoted name after a word for "project": `projekta "Laužot stereotipus"`, `Erasmus+ partnerības
    projekts "X"`, `Report of the project "X"`, and the other names after it (`("Breaking Barriers")`).

    Evidence: Latvian names a project as `projekts "<name>"` in any case of the noun. Contests, rounds,
    legal acts and programmes in quotes (`projekta "... konkurss"`, `projekta "X" piektajai kārtai`) and
    eTwinning projects (no funding) are not projects."""
    pw = cue("project_word")
    hits = []
    follows_title = False  # `projektos "A", "B" un "C"`: names joined to a title are titles too
    previous_end = -1
    for a, b in doc.quotes:
        joined = follows_title and bool(_COORDINATED.fullmatch(doc.text[previous_end + 1:a - 1]))
        follows_title, previous_end = False, b
        if joined and _plausible_title(doc, a, b):
            title, alts = _title_from_quote(doc, (a, b))
            if title:
                hits.append(TitleHit("title-after-project-word", title=title, alts=alts))
                follows_title = True
            continue
        s0, _ = doc.sentence_of(a - 1)
        before = doc.text[max(s0, a - 1 - 90):a - 1]
        m = regex.search(r"(?:%s)((?:\s+[^\s\"]+){0,%d})\s*[:-]?\s*$" % (pw.pattern, MAX_WORDS_AFTER_PROJECT_WORD),
                         before, flags=regex.IGNORECASE)
        if m is None or cue("not_title_between").search(m.group(1)) or not _plausible_title(doc, a, b):
            continue
        title, alts = _title_from_quote(doc, (a, b))
        if title:
            hits.append(TitleHit("title-after-project-word", title=title, alts=alts))
            follows_title = True
    for m in regex.finditer(r'(?:%s)\s*"([^"\n]{2,200})"' % source("alias_join"), doc.text, flags=regex.IGNORECASE):
        s0, _ = doc.sentence_of(m.start())
        if pw.search(doc.text, max(s0, m.start() - 80), m.start()) and _plausible_title(doc, m.start(1), m.end(1)):
            title, alts = _title_from_quote(doc, (m.start(1), m.end(1)))
            if title:
                hits.append(TitleHit("title-after-project-word", title=title, alts=alts))
    return hits


def _plausible_title(doc: Doc, a: int, b: int) -> bool:
    """Not a contest, round, act or programme; not a quote that holds a code (title-next-to-code reads
    those); not in a sentence about eTwinning."""
    text = doc.text
    if any(a <= pc.start and pc.end <= b for pc in doc.record.project_codes):
        return False
    if len(text[a:b].split()) <= MAX_PROGRAMME_WORDS and programme_named(text[a:b]):  # "Erasmus+", "Nordplus Junior"
        return False
    if cue("not_title_inside").search(text, a, b):
        return False
    after = regex.match(r'"\s*(\w+)(?:\s+(\w+))?', text[b:])
    if after and any(w and cue("not_title_after").fullmatch(w) for w in after.groups()):
        return False
    s0, s1 = doc.sentence_of(a)
    return not cue("not_project_sentence").search(text, s0, s1)


@link_rule("title-label", "title")
def title_label(doc: Doc) -> list[TitleHit]:
    """A title given with a label: `Projekta nosaukums ir X`, `Projekta nosaukums: "X"`, `Project title: X`.

    Evidence: reports and school pages name the project in a sentence of its own; the name is in
    quotes, or in capitals, or runs to the end of the sentence."""
    hits = []
    for m in cue("title_label").finditer(doc.text):
        rest_start = m.end()
        q = regex.match(r'\s*"([^"\n]{2,240})"', doc.text[rest_start:])
        if q:
            span = (rest_start + q.start(1), rest_start + q.end(1))
        else:
            caps = _CAPS_RUN.match(doc.text, rest_start + len(doc.text[rest_start:]) - len(doc.text[rest_start:].lstrip()))
            if caps and caps.end() - caps.start() >= 8:
                span = caps.span()
            else:
                tail = regex.match(r"\s*([^.;\n]{3,200})", doc.text[rest_start:])
                if not tail:
                    continue
                span = (rest_start + tail.start(1), rest_start + tail.end(1))
        title = trimmed(doc.text, *span)
        if title:
            hits.append(TitleHit("title-label", title=title, alts=alternatives_after(doc, title[1])))
    return hits


@link_rule("title-project-list", "title")
def title_project_list(doc: Doc) -> list[TitleHit]:
    """The names in a bulleted list under a heading that ends in `projekti:` (`Regulārie projekti:` then
    `• BaltCOP`), short headings between items allowed; each short item is a project's name.

    Evidence: programme news lists the selected projects by name, one per bullet."""
    hits, lines, pos = [], [], 0
    for line in doc.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    heading = cue("list_heading")
    active = False
    for start, line in lines:
        if heading.search(line):
            active = True
            continue
        if not active or not line.strip():
            continue
        item = _BULLET.match(line)
        if item:
            words = item.group(1).split()
            if len(words) <= MAX_LIST_ITEM_WORDS and not regex.search(r"[.;:]$|\d{4}", item.group(1)):
                a = start + item.start(1)
                hits.append(TitleHit("title-project-list", title=(a, a + len(item.group(1)))))
            continue
        if len(line) > 100 or line.rstrip().endswith("."):
            active = False
    return hits


TITLE_RULES = (title_next_to_code, title_after_project_word, title_label, title_project_list)
