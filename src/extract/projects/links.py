"""Rules that tie the record's mentions to a project: lead, organisations, persons, countries,
period, amount and scheme. Each reads the sentences that speak of the project (`Scope`)."""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..records import AmountValue, DateValue
from .context import Doc, Draft, Spot, has_org_head, name_key, word_key
from .cues import cue, funders, schemes
from .registry import link_rule

LEAD_REACH = 45  # characters between a role word and the organisation it names
PERSON_ROLE_REACH = 45  # characters before a name where its role word may stand
AUTHOR_REACH = 30  # `Sagatavoja: Projekta vadītājs Māris Luste`


@dataclass
class Scope:
    """Where a project is spoken of: its sentences, its own brackets, the brackets of the others."""

    sentences: list[tuple[int, int]]
    groups: list[tuple[int, int]]
    other_groups: list[tuple[int, int]]
    shared: set[tuple[int, int]]  # sentences that name other projects too
    single: bool  # the document speaks of this project only
    blocked: list[tuple[int, int]] = field(default_factory=list)  # project names: an entity inside is the name's words

    def spans(self) -> list[tuple[int, int]]:
        """The text this project's mentions may come from: its sentences, cut to its own brackets
        where a sentence names several projects."""
        out = []
        for s in self.sentences:
            if s in self.shared:
                out += [g for g in self.groups if s[0] <= g[0] < s[1]]
                out += [s]  # words outside every bracket (the subject) belong to all of them
            else:
                out.append(s)
        return out

    def allows(self, start: int, end: int, named_body: bool = False) -> bool:
        """Not inside another project's brackets; not inside a project's name, unless it is an
        organisation built on an organisation noun (`"<School> staff training"` names the school)."""
        return not any(a <= start and end <= b for a, b in self.other_groups) \
            and (named_body or not any(start < b and a < end for a, b in self.blocked))


def is_funder(name: str) -> bool:
    return bool(funders().match(name_key(name)))


def _in_scope(doc: Doc, spots: list[Spot], scope: Scope, orgs: bool = False) -> list[Spot]:
    out = []
    for a, b in scope.spans():
        out += [s for s in doc.within(spots, a, b)
                if scope.allows(s.start, s.end, orgs and has_org_head(s.name)) and s not in out]
    return sorted(out, key=lambda s: s.start)


@link_rule("lead-role-word", "lead")
def lead_role_word(doc: Doc, draft: Draft, scope: Scope) -> None:
    """The lead organisation named by a role word: `X kā vadošais partneris`, `vadošais partneris: X`,
    `Projekta vadītājs ir X`, `koordinē X`, `X īsteno projektu`, `kuru īsteno X`, `X īstenotajā
    projektā`, `finansējuma saņēmējs ir X`, `Applicant organisation: X`.

    Evidence: ANNOTATION.md gives `vadošais partneris`, `projekta vadītājs`, `koordinē`; Latvian
    project pages name the implementer as the subject of `īsteno` (`X īsteno ESF projektu`)."""
    orgs = [o for o in _in_scope(doc, doc.orgs, scope) if not is_funder(o.name)]
    anywhere = orgs
    if scope.single:  # role nouns (`vadošais partneris:`, `Applicant organisation:`) name its lead anywhere
        anywhere = [o for o in doc.orgs if not is_funder(o.name) and scope.allows(o.start, o.end)]
    for after, before in (("lead_after_org", "lead_before_org"), ("implementer_after_org", "implementer_before_org")):
        lead = _subject_before(doc, orgs, cue(after)) or _object_after(doc, anywhere, cue(before), scope)
        if lead:
            draft.link("lead", lead, "lead-role-word")
            return


def _subject_before(doc: Doc, orgs: list[Spot], role: "regex.Pattern[str]") -> Optional[str]:
    """`X kā vadošais partneris`, `X (ABC) ir projekta vadošais partneris`, `X sadarbībā ar Y īsteno`."""
    text = doc.text
    for o in orgs:
        pos = o.end + len(text[o.end:o.end + 3]) - len(text[o.end:o.end + 3].lstrip())
        m = role.match(text, pos)
        if m and _own_sentence(doc, o, m.end()):
            return o.name
    return None


def _object_after(doc: Doc, orgs: list[Spot], role: "regex.Pattern[str]", scope: Scope) -> Optional[str]:
    """`vadošais partneris: X`, `koordinē X`, `kuru īsteno X`: the first organisation after the role
    word, with no person before it."""
    text = doc.text
    person_starts = [p.start for p in doc.persons]  # sorted (Doc.of)
    for m_start, m_end in _role_matches(doc, role, scope):
        nxt = _first_org_from(orgs, m_end)
        if nxt is None or bisect_left(person_starts, m_end) < bisect_left(person_starts, nxt.start):
            continue  # none near, or a person named before it
        if regex.fullmatch(r"[\s:,-]*(?:ir\s+)?(?:\w+\s+){0,2}", text[m_end:nxt.start]):
            return nxt.name
    return None


def _role_matches(doc: Doc, role: "regex.Pattern[str]", scope: Scope) -> list[tuple[int, int]]:
    """The role word's matches, in text order, that start inside the project's scope (all of
    them where the text speaks of one project); found by bisection in the document's matches."""
    found = doc.matches(role)
    if scope.single:
        return found
    starts = [a for a, _ in found]
    inside = {i for a, b in scope.spans() for i in range(bisect_left(starts, a), bisect_left(starts, b))}
    return [found[i] for i in sorted(inside)]


def _first_org_from(orgs: list[Spot], pos: int) -> Optional[Spot]:
    """The first organisation (in list order) that starts within `LEAD_REACH` after `pos`."""
    return next((o for o in orgs if 0 <= o.start - pos <= LEAD_REACH), None)


def _own_sentence(doc: Doc, o: Spot, pos: int) -> bool:
    return doc.sentence_of(o.start) == doc.sentence_of(max(o.start, pos - 1))


@link_rule("organizations-in-project-sentences", "organizations")
def organizations_in_sentences(doc: Doc, draft: Draft, scope: Scope) -> None:
    """Every organisation named where the text speaks of the project (its sentences, or its own
    brackets where a sentence names several projects): lead, partners, the schools that carry it
    out; funders and programme bodies (ES, EK, ESF, ERAF, VIAA, JSPA ...) and the project's own
    names are left out.

    Evidence: ANNOTATION.md: `organizations` are the lead, the partners and the school carrying it out."""
    names = draft.word_keys(doc.text)
    if draft.lead:
        draft.link("organizations", draft.lead, "organizations-in-project-sentences")
    funds = cue("funder_before")
    for o in _in_scope(doc, doc.orgs, scope, orgs=True):
        if funds.search(doc.text[max(0, o.start - 40):o.start]):
            continue
        if not is_funder(o.name) and word_key(o.name) not in names:
            draft.link("organizations", o.name, "organizations-in-project-sentences")


@link_rule("persons-with-project-role", "persons")
def persons_with_role(doc: Doc, draft: Draft, scope: Scope) -> None:
    """People tied to the project by a role: `koordinatore Evelīna Balode`, `projekta vadītāja X`,
    `X, Vecākā projektu vadītāja`, and the author of a one-project article (`Sagatavoja X`).

    Evidence: ANNOTATION.md: `persons` are coordinators, managers, group leaders, its contact;
    not participants."""
    role = cue("person_role")
    text = doc.text
    names = draft.word_keys(text)
    persons = [p for p in doc.persons if word_key(p.name) not in names]
    right_before = regex.compile(r"(?:%s)(?:\s+[^\s,.;:]+){0,1}\s*[:,]?\s*$" % role.pattern, regex.IGNORECASE)
    for p in _in_scope(doc, persons, scope):
        near = text[max(0, p.start - PERSON_ROLE_REACH):p.start]
        if right_before.search(near) or role.search(doc.roles.get(p.name) or ""):
            draft.link("persons", p.name, "persons-with-project-role")
    if not scope.single:
        return
    for p in persons:
        own_role = doc.roles.get(p.name) or ""
        before = text[max(0, p.start - AUTHOR_REACH):p.start]
        after = text[p.end:p.end + PERSON_ROLE_REACH]
        if regex.search(r"(?i)koordinator|projekt\w*\s+vadītāj", own_role + " " + before + " " + after.lstrip().split("\n\n")[0]) \
                or regex.search(r"(?i)(?:sagatavoja|apkopoja|autor[se])\w*\s*:?\s*[^\n]{0,25}$", before):
            draft.link("persons", p.name, "persons-with-project-role")


@link_rule("countries-stated", "countries")
def countries_stated(doc: Doc, draft: Draft, scope: Scope) -> None:
    """The countries the text names where it speaks of the project (`partneri no Itālijas, Grieķijas`,
    `X (Rumānija)`, `skolas no Spānijas`); a place inside an organisation's name adds nothing.

    Evidence: ANNOTATION.md: `countries` only as the text states them."""
    for p in _in_scope(doc, doc.places, scope):
        if p.kind in ("country", "city", "region") and p.country and not doc.inside_org(p.start, p.end):
            draft.link("countries", p.country, "countries-stated")


@link_rule("period-stated", "period")
def period_stated(doc: Doc, draft: Draft, scope: Scope) -> None:
    """The project's duration: a date range in its sentences with a word for carrying it out
    (`Projekta īstenošanas laiks: 03/2017–12/2022`, `tiks īstenots no 2017. līdz 2021. gadam`,
    `ieviešanas periods ir no ... līdz ...`), a range in the project's own brackets
    (`(..., 2017.-2022.)`), or a start and an end in one sentence (`uzsākta martā ... līdz 2024. gada
    augustam`); not the dates of a meeting, visit or mobility.

    Evidence: ANNOTATION.md: `Projekta īstenošanas laiks ...` gives the period."""
    text = doc.text
    dates = sorted(doc.record.dates, key=lambda d: d.start)
    for a, b in scope.spans():
        for d in dates:
            if not (a <= d.start and d.end <= b) or not scope.allows(d.start, d.end):
                continue
            in_group = any(g[0] <= d.start and d.end <= g[1] for g in scope.groups)
            lead_in = text[max(a, d.start - 120):d.start]
            if _programme_period(text, d.start, d.end):
                continue
            if d.value.start != d.value.end and (in_group or (cue("period_cue").search(text, a, b)
                                                              and not cue("period_not").search(lead_in))):
                draft.link("period", DateValue(start=d.value.start, end=d.value.end), "period-stated")
                return
        if cue("period_start").search(text, a, b):
            inside = [d for d in dates if a <= d.start and d.end <= b]
            ends = [d for d in inside if text[max(a, d.start - 6):d.start + 5].lower().find("līdz") >= 0]
            if len(inside) >= 2 and ends and ends[-1] is not inside[0]:
                draft.link("period", DateValue(start=inside[0].value.start, end=ends[-1].value.end), "period-stated")
                return


def _programme_period(text: str, start: int, end: int) -> bool:
    """`programmas 2014.-2020. gadam`, `2021.–2027. gada plānošanas periods`: a programme's years."""
    return bool(cue("period_programme_before").search(text[max(0, start - 40):start])
                or cue("period_programme_after").match(text[end:end + 40]))


@link_rule("amount-stated", "amount")
def amount_stated(doc: Doc, draft: Draft, scope: Scope) -> None:
    """The project's funding: the first sum in a sentence about its costs or funding
    (`projekta kopējās izmaksas ir ...`, `Projekta kopējais finansējums: ...`, `piešķirti ...`);
    a total (`kopējās`, `kopējais`) before the other sums; in a one-project article also a sum
    stated in a sentence that does not repeat the word "project".

    Evidence: ANNOTATION.md: `projekta kopējās izmaksas ...` / `finansējums ...` give the amount."""
    text = doc.text
    spans = scope.spans() if not scope.single else doc.sentences
    best: Optional[tuple[int, int, AmountValue]] = None
    for a, b in spans:
        amounts = [m for m in doc.record.amounts if a <= m.start and m.end <= b and scope.allows(m.start, m.end)]
        if not amounts or not cue("amount_cue").search(text, a, b):
            continue
        rank = 0 if cue("amount_total").search(text, a, amounts[0].start) else 1
        if best is None or rank < best[0]:
            best = (rank, amounts[0].start, AmountValue(**amounts[0].value.model_dump()))
    if best:
        draft.link("amount", best[2], "amount-stated")


@link_rule("scheme-from-programme", "scheme")
def scheme_from_programme(doc: Doc, draft: Draft, scope: Scope) -> None:
    """The scheme: its code's; else the programme named in its sentences (`Centrālās Baltijas jūras
    reģiona programmas projektu` -> interreg, `Erasmus+ ... projekts` -> erasmus+); else the one
    scheme of the document's codes; else the first programme the document names.

    Evidence: ANNOTATION.md: scheme also when no code is given but the text names the programme."""
    text = doc.text
    if draft.scheme:
        return
    for a, b in scope.spans():
        found = programme_named(text[a:b])
        if found:
            draft.link("scheme", found, "scheme-from-programme")
            return
    code_schemes = {pc.scheme for pc in doc.record.project_codes}
    if len(code_schemes) == 1:
        draft.link("scheme", code_schemes.pop(), "scheme-from-programme")
        return
    found = programme_named(text)
    if found:
        draft.link("scheme", found, "scheme-from-programme")


def programme_named(text: str) -> Optional[str]:
    return next((name for name, pattern in schemes() if pattern.search(text)), None)


LINK_ORDER = (scheme_from_programme, lead_role_word, organizations_in_sentences, persons_with_role,
              countries_stated, period_stated, amount_stated)
