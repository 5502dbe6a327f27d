"""Build a record's `projects` from its mentions: find each project's names and codes (titles.py),
merge the mentions that are one project, then let the linking rules (links.py) fill its fields.

Runs on the normalised text, before the record's offsets are mapped back to the original;
`retitle` then takes each title from the original text.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..records import DocumentRecord, Mention, Project, ProjectLink
from .context import Doc, Draft, name_key
from .cues import cue
from .links import LINK_ORDER, Scope, lead_role_word
from .titles import TITLE_RULES, TitleHit


def build_projects(record: DocumentRecord) -> list[Project]:
    doc = Doc.of(record)
    hits = [h for rule in TITLE_RULES for h in rule(doc)]
    drafts = _merge(doc, _drafts(doc, hits))
    drafts = _translations(doc, _absorb(doc, drafts))
    drafts.sort(key=lambda d: d.anchors()[0])
    scopes = _scopes(doc, drafts)
    for draft, scope in zip(drafts, scopes):
        for rule in LINK_ORDER:
            rule(doc, draft, scope)
    return [_project(doc, d) for d in drafts]


def retitle(record: DocumentRecord) -> None:
    """After the offsets are mapped back: each title as the original text writes it (its mention
    is the project's first, see `_project`)."""
    for p in record.projects:
        if p.title is not None and p.mentions:
            p.title = p.mentions[0].text


def _drafts(doc: Doc, hits: list[TitleHit]) -> list[Draft]:
    drafts: list[Draft] = []
    by_code: dict[str, Draft] = {}
    for h in hits:
        if h.code:
            d = by_code.get(h.code)
            if d is None:
                d = by_code[h.code] = Draft(code=h.code)
                drafts.append(d)
                d.links.append(_link("code", h.code, h.rule))
            if h.code_span:
                d.code_spans.append(h.code_span)
            if h.group:
                d.groups.append(h.group)
        else:
            d = Draft()
            drafts.append(d)
        if h.title and h.near_code and h.title not in d.best_titles:
            d.best_titles.append(h.title)
        if h.title and h.title not in d.titles:
            d.titles.append(h.title)
            d.links.append(_link("title", doc.text[h.title[0]:h.title[1]], h.rule))
        for alt in h.alts:
            if alt not in d.alt_titles:
                d.alt_titles.append(alt)
    for d in drafts:
        d.scheme = next((pc.scheme for pc in doc.record.project_codes if pc.code == d.code), None)
    return drafts


def _link(field: str, value: str, rule: str) -> ProjectLink:
    return ProjectLink(field=field, value=value, rule=rule)


def _merge(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Two drafts are one project when they share a code, or a name (title or other name)."""
    out: list[tuple[Draft, set[str], set[str]]] = []  # a draft, its names, its other names
    for d in drafts:
        names, alts = d.names(doc.text), _alts(d)
        target = next((o for o in out if (d.code and o[0].code == d.code)
                       or (not (d.code and o[0].code) and (names & (o[1] | o[2]) or alts & o[1]))), None)
        if target is None:
            out.append((d, names, alts))
        else:
            _fold(target[0], d)
            target[1].update(names)
            target[2].update(alts)
    return [d for d, _, _ in out]


def _alts(d: Draft) -> set[str]:
    return {name_key(a) for a in d.alt_titles}


def _fold(target: Draft, other: Draft) -> None:
    target.code = target.code or other.code
    target.scheme = target.scheme or other.scheme
    target.code_spans += [s for s in other.code_spans if s not in target.code_spans]
    target.groups += [g for g in other.groups if g not in target.groups]
    target.titles += [t for t in other.titles if t not in target.titles]
    target.best_titles += [t for t in other.best_titles if t not in target.best_titles]
    target.alt_titles += [a for a in other.alt_titles if a not in target.alt_titles]
    target.links += other.links


def _absorb(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """In a document whose codes name one project, a name given without a code is another name of
    that project, unless the text gives it an implementer of its own (`Biedrība X ... īstenoja
    projektu "Y"`)."""
    coded = [d for d in drafts if d.code]
    if len(coded) != 1:
        return drafts
    main, out = coded[0], [coded[0]]
    for d in drafts:
        if d is main:
            continue
        probe = Draft(titles=list(d.titles))
        lead_role_word(doc, probe, Scope(sorted({doc.sentence_of(a) for a, _ in d.titles}), [], [], set(), False))
        own_scheme = _scheme_near(doc, d)
        if (probe.lead and probe.lead != main.lead) or (own_scheme and own_scheme != main.scheme):
            out.append(d)
        else:
            _fold(main, d)
    return out


_LATVIAN_LETTERS = regex.compile(r"[āčēģīķļņšūž]", regex.IGNORECASE)
_ENGLISH_WORDS = regex.compile(r"(?<!\w)(?:the|of|and|through|all|for|with|to|our|we|are|in|on|a)(?!\w)", regex.IGNORECASE)


def _translations(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A document without codes that names one project by a Latvian title and one by an English
    title (`projekta "Europe through all senses"` ... `Projekta "Eiropa ar visām maņām"`) speaks of
    one project in two languages."""
    if any(d.code for d in drafts) or len(drafts) != 2:
        return drafts
    names = [" ".join(d.title_texts(doc.text)) for d in drafts]
    latvian = [d for d, n in zip(drafts, names) if _LATVIAN_LETTERS.search(n)]
    english = [d for d, n in zip(drafts, names) if not _LATVIAN_LETTERS.search(n) and _ENGLISH_WORDS.search(n)]
    if len(latvian) != 1 or len(english) != 1:
        return drafts
    latvian[0].best_titles += [t for t in latvian[0].titles if t not in latvian[0].best_titles]
    _fold(latvian[0], english[0])
    return latvian


def _scheme_near(doc: Doc, d: Draft) -> Optional[str]:
    from .links import programme_named

    for a, _ in d.titles:
        s, e = doc.sentence_of(a)
        found = programme_named(doc.text[s:e])
        if found:
            return found
    return None


def _about_one_project(chunk: str) -> bool:
    """A sentence with a word for "project" that is not only in the plural (`īstenoti 50 projekti`)."""
    words = {m.group().casefold() for m in cue("project_word").finditer(chunk)}
    return bool(words) and not all(cue("project_plural").fullmatch(w) for w in words)


def _scopes(doc: Doc, drafts: list[Draft]) -> list[Scope]:
    single = len(drafts) == 1
    sent_of = {id(d): {doc.sentence_of(a) for a, _ in d.anchors()} for d in drafts}
    if single:
        names = [n for n in drafts[0].names(doc.text) | _alts(drafts[0]) if len(n) >= 3]
        for s in doc.sentences:
            chunk = doc.text[s[0]:s[1]]
            if _about_one_project(chunk) or any(n in chunk.casefold() for n in names):
                sent_of[id(drafts[0])].add(s)
        _anaphora(doc, sent_of[id(drafts[0])])
    else:
        _continuations(doc, drafts, sent_of)
        _list_intros(doc, drafts, sent_of)
    blocked = [t for d in drafts for t in d.titles]
    scopes = []
    for d in drafts:
        shared = {s for s in sent_of[id(d)] if any(s in sent_of[id(o)] for o in drafts if o is not d)}
        others = [g for o in drafts if o is not d for g in o.groups]
        scopes.append(Scope(sorted(sent_of[id(d)]), list(d.groups), others, shared, single, blocked))
    return scopes


_BULLET_LINE = regex.compile(r"[ \t]*\n[ \t]*[•·▪◦*-][^\n]*")


def _anaphora(doc: Doc, sentences: set[tuple[int, int]]) -> None:
    """The sentence right after one about the project, in the same paragraph, that opens with
    `Tajā`, `Tas`, `Šajā` ... goes on about it (`Tajā piedalīsies jaunieši no ...`)."""
    opener = regex.compile(r"\W*(?:%s)(?!\w)" % cue("anaphora").pattern, regex.IGNORECASE)
    for prev, s in zip(doc.sentences, doc.sentences[1:]):
        if prev in sentences and s not in sentences and "\n\n" not in doc.text[prev[1]:s[0]] \
                and opener.match(doc.text, s[0]):
            sentences.add(s)


def _list_intros(doc: Doc, drafts: list[Draft], sent_of: dict[int, set]) -> None:
    """A sentence that ends in `:` and introduces bullets naming projects (`Skolā uzsākti jauni
    projekti:` then `• ... projekts Nr. CODE "T"`) speaks of each project in the list."""
    for s in doc.sentences:
        if not doc.text[s[0]:s[1]].rstrip().endswith(":"):
            continue
        pos = s[1]
        while (line := _BULLET_LINE.match(doc.text, pos)) is not None:
            for d in drafts:
                if any(line.start() <= x < line.end() for x, _ in d.anchors()):
                    sent_of[id(d)].add(s)
            pos = line.end()


def _continuations(doc: Doc, drafts: list[Draft], sent_of: dict[int, set]) -> None:
    """A sentence of the same paragraph that opens with "the project" (`Projekta vadītājs ir ...`,
    `Projekta partneri - ...`) without naming one belongs to the project named last before it."""
    named = {s for v in sent_of.values() for s in v}
    anchors = sorted((a, d) for d in drafts for a, _ in d.anchors())
    for s in doc.sentences:
        if s in named or not regex.match(r"\W*(?:%s)" % cue("project_word").pattern, doc.text[s[0]:s[1]], regex.I) \
                or not _about_one_project(doc.text[s[0]:s[1]]):
            continue
        before = [(a, d) for a, d in anchors if a < s[0]]
        if before and not regex.search(r"\n\s*\n", doc.text[before[-1][0]:s[0]]):
            sent_of[id(before[-1][1])].add(s)


def _project(doc: Doc, d: Draft) -> Project:
    text = doc.text
    titles = sorted(d.titles, key=lambda t: (_rank(d, t), t[0]))
    title: Optional[str] = text[titles[0][0]:titles[0][1]] if titles else None
    seen = {name_key(title)} if title else set()
    alts = []
    for a in [text[s:e] for s, e in titles[1:]] + d.alt_titles:
        if name_key(a) and name_key(a) not in seen:
            seen.add(name_key(a))
            alts.append(a)
    spans = titles[:1] + sorted(set(titles[1:] + d.code_spans))
    mentions = [Mention(text=text[s:e], start=s, end=e) for s, e in spans]
    return Project(code=d.code, scheme=d.scheme, title=title, alt_titles=alts, lead=d.lead,
                   organizations=d.organizations, persons=d.persons, countries=d.countries,
                   period=d.period, amount=d.amount, mentions=mentions, links=d.links)


def _rank(d: Draft, span: tuple[int, int]) -> int:
    """Titles found next to the code (or the Latvian of a translated pair) first, then in text order."""
    return 0 if span in d.best_titles else 1
