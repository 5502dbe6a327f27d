"""Edges: where a span starts and ends (brackets, quote marks, punctuation, titles, tails)."""
from __future__ import annotations

from ..registry import entity_rule
from ..spans import ADDRESS, Span, unmatched_opening
from ..words import PROGRAMMES, QUOTES

ORGS, PERSONS, PLACES = "organizations", "persons", "places"


def _map(spans, doc, kind, fn):
    """fn(span, doc) on the spans of a kind; a None result drops the span."""
    out = []
    for sp in spans:
        if sp.kind == kind:
            sp = fn(sp, doc)
        if sp is not None:
            out.append(sp)
    return out


def _bracket_cut(words: list[str]) -> tuple[int, int]:
    a, b = 0, len(words)
    open_at: list[int] = []
    for k, w in enumerate(words):
        if w == "(":
            open_at.append(k)
        elif w == ")":
            if open_at:
                open_at.pop()
            elif k == len(words) - 1:
                b = k
            else:
                a = k + 1
    if open_at:
        k = open_at[0]
        if k == 0:
            a = max(a, 1)
        else:
            b = min(b, k)
    return a, b


@entity_rule("balance-brackets", [PERSONS, PLACES, ORGS])
def balance_brackets(spans, doc):
    """A name with an unmatched bracket is cut at it: what is in brackets is a mention of its
    own (`NEPLP (televīzijas ...` -> `NEPLP`, `LU) Literatūras ... institūta` -> `Literatūras
    ... institūta`); a stray bracket at an edge is dropped."""
    out = []
    for sp in spans:
        if "(" in sp.words or ")" in sp.words:
            a, b = _bracket_cut(sp.words)
            if not (b <= a or (a, b) == (0, len(sp.words))):
                sp = doc.span(sp.kind, sp.ti + a, sp.ti + b)
        out.append(sp)
    return out


def _balanced_quotes(sp: Span, tokens) -> tuple[int, int]:
    q = [w for w in sp.words if w in QUOTES]
    ti, tj = sp.ti, sp.tj
    if sp.words[-1] in QUOTES and sp.words[0] not in QUOTES:
        if ti > 0 and tokens[ti - 1][0] in QUOTES and tokens[ti - 1][2] == tokens[ti][1]:
            ti -= 1
        elif len(sp.words) > 1 and len(q) == 1:
            tj -= 1
    elif sp.words[0] in QUOTES and sp.words[-1] not in QUOTES:
        if tj < len(tokens) and tokens[tj][0] in QUOTES and tokens[tj][1] == tokens[tj - 1][2]:
            tj += 1
        elif len(sp.words) > 1 and len(q) == 1:
            ti += 1
    elif sp.words[0] in QUOTES and sp.words[-1] in QUOTES and len(sp.words) > 2:
        # a mark glued to the word after it opens, one glued to the word before it closes
        # (`"Centra "Daugavpils tehnikums"`: the first is the stray one)
        if unmatched_opening(tokens, ti, tj):
            ti += 1
        else:
            tj -= 1
    return ti, tj


def _balance_one(sp, doc):
    if sum(w in QUOTES for w in sp.words) % 2 == 0:
        return sp
    ti, tj = _balanced_quotes(sp, doc.tokens)
    return sp if (ti, tj) == (sp.ti, sp.tj) else doc.span(sp.kind, ti, tj)


@entity_rule("balance-quotes", [ORGS])
def balance_quotes(spans, doc):
    """An organisation's name with one quote mark only takes in its partner next to it
    (`„ZAAO"`, where the CRF left out the low opening mark) or drops a stray one."""
    return _map(spans, doc, ORGS, _balance_one)


def _place_before_quote(sp, doc):
    words = sp.words
    if (len(words) >= 4 and words[1] in QUOTES and words[-1] in QUOTES
            and doc.lex.place_of(words[0]) and words[0] not in QUOTES):
        return Span(sp.kind, doc.tokens[sp.ti + 1][1], sp.end, words[1:], sp.ti + 1, sp.tj)
    return sp


@entity_rule("place-before-quote", [ORGS])
def place_before_quote(spans, doc):
    """A town or country right before a quoted name says where the body is and is left to be
    a place (`Rīgas "Skonto"`, `ASV "Google"`): the organisation is the quoted name."""
    return _map(spans, doc, ORGS, _place_before_quote)


def _quoted_first(sp, doc):
    words, tokens = sp.words, doc.tokens
    if len(words) < 3 or words[0] not in QUOTES or tokens[sp.ti][2] != tokens[sp.ti + 1][1]:
        return sp
    for c in range(2, len(words) - 1):
        k = sp.ti + c
        if words[c] in QUOTES and tokens[k][1] == tokens[k - 1][2]:  # glued to the word before: it closes
            if all(w.isupper() and w.isalpha() and len(w) <= 4 for w in words[c + 1:]):
                return sp
            return Span(sp.kind, sp.start, tokens[k][2], words[:c + 1], sp.ti, k + 1)
    return sp


@entity_rule("quoted-name-first", [ORGS])
def quoted_name_first(spans, doc):
    """An organisation's name that opens with a quoted name ends with its closing mark: what
    follows is another phrase (`"Lattelecom" padomē`, `"Liverpool" UEFA Eiropas līgas`);
    Latvian puts the kind of body before the quoted name (`SIA "Lattelecom"`). A legal form
    in capitals after it stays (`"Swedbank" AS`)."""
    return _map(spans, doc, ORGS, _quoted_first)


def _trim_punctuation(sp, doc):
    a, b = 0, len(sp.words)
    while a < b and not any(ch.isalnum() for ch in sp.words[a]):
        a += 1
    while b > a and not any(ch.isalnum() for ch in sp.words[b - 1]) and sp.words[b - 1] not in (")",):
        b -= 1
    if a == b:
        return None
    if (a, b) == (0, len(sp.words)):
        return sp
    return Span(sp.kind, doc.tokens[sp.ti + a][1], doc.tokens[sp.ti + b - 1][2], sp.words[a:b], sp.ti + a, sp.ti + b)


@entity_rule("trim-punctuation", [PERSONS, PLACES])
def trim_punctuation(spans, doc):
    """Punctuation at the edges of a person's or a place's name is not part of it (a closing
    bracket stays: `balance-brackets` has judged it); a span of punctuation alone goes."""
    out = []
    for sp in spans:
        if sp.kind != ORGS:
            sp = _trim_punctuation(sp, doc)
        if sp is not None:
            out.append(sp)
    return out


def _cut_at_address(sp, doc):
    for i, w in enumerate(sp.words):
        if ADDRESS.match(w):
            if not any(ch.isalnum() for x in sp.words[:i] for ch in x):
                return None
            return Span(sp.kind, sp.start, doc.tokens[sp.ti + i - 1][2], sp.words[:i], sp.ti, sp.ti + i)
    return sp


@entity_rule("cut-at-address", [ORGS])
def cut_at_address(spans, doc):
    """A web or e-mail address is never part of an organisation's name: the span ends before
    it (`aģentūras mājaslapas www.viaa.gov.lv sadaļā`; the tail is trimmed next)."""
    return _map(spans, doc, ORGS, _cut_at_address)


def _trim_org_tail(sp, doc):
    words, heads = sp.words, doc.lex.org_heads
    if len(words) < 3 or not words[-1][:1].islower() or words[-1].lower() in heads:
        return sp
    at = [i for i, w in enumerate(words) if w.lower() in heads]
    if not at or at[-1] == 0:
        return sp
    j = at[-1] + 1
    if any(not w[:1].islower() for w in words[j:]):
        return sp
    return Span(sp.kind, sp.start, doc.tokens[sp.ti + j - 1][2], words[:j], sp.ti, sp.ti + j)


@entity_rule("trim-org-tail", [ORGS])
def trim_org_tail(spans, doc):
    """Lower-case words after the last head noun of an organisation's name are not part of
    it (`... aģentūras mājaslapas`, `... dienesta augstākās amatpersonas`)."""
    return _map(spans, doc, ORGS, _trim_org_tail)


def _programme_cut_at(sp, doc) -> int | None:
    """Where a programme's name cuts the span: it ends the span, or a body's head noun stands
    right before it (`... attīstības fonds Interreg ... programma`); None where none does."""
    heads = doc.naming.naming_heads
    for i, w in enumerate(sp.words):
        if w in PROGRAMMES and i > 0 and (all(not x[:1].isalnum() for x in sp.words[i + 1:])
                                          or sp.words[i - 1].lower() in heads):
            return i
    return None


def _cut_programme(sp, doc):
    i = _programme_cut_at(sp, doc)
    if i is None:
        return sp
    j = i
    while j > 0 and sp.words[j - 1] in ("un", ",", "-", "–"):
        j -= 1
    if j < i or not any(ch.isalnum() for x in sp.words[:j] for ch in x):
        return None
    return Span(sp.kind, sp.start, doc.tokens[sp.ti + j - 1][2], sp.words[:j], sp.ti, sp.ti + j)


@entity_rule("cut-programme", [ORGS])
def cut_programme(spans, doc):
    """A funding programme's name that ends an organisation's span is not part of it
    (`Daugavpils tehnikums Erasmus+`): the span ends before it; with nothing left, or a
    dangling `un`, there is no organisation. Runs before the tail is trimmed (`...
    aģentūras mājaslapas sadaļā Erasmus+`). A programme's name right after a body's head
    noun opens another phrase however it goes on (`Eiropas Reģionālās attīstības fonds
    Interreg ... programmas`: the fund finances the programme, ANNOTATION.md lists funds as
    bodies and programmes as none); a quoted programme name alone (`"Erasmus+"`) leaves no
    organisation, not its quote mark (#25: three such marks came out as nameless bodies)."""
    return _map(spans, doc, ORGS, _cut_programme)
