"""Bodies: spans the tagger takes for organisations that name no body of the contract (a
currency, an Erasmus+ key action, a project's one-word title, a count of bodies of a kind, a
country's municipalities), issue #25's category 4 "things that are not bodies"."""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicons import HERE as LEXICON_DIR
from ..registry import entity_rule
from ..spans import CODE_SHAPE
from ..words import MUNICIPAL_HEADS, PROJECT_NOUNS, QUOTES

PERSONS, PLACES, ORGS = "persons", "places", "organizations"
CURRENCIES_FILE = "currencies.txt"
# Erasmus+ key actions: KA1, KA2, KA3 (Programme Guide 2014-2020 and 2021-2027) and their actions
# (KA101 ... KA229, lexicons/erasmus_actions.yaml)
KEY_ACTION = re.compile(r"KA\d{1,3}")
# a count before a noun phrase in the nominative or accusative: `4 skolas`, `septiņas pašvaldības`
# (not an ordinal `16.`, nor `sešu ... dalībvalstu`, where the count is the next noun's)
COUNT_DIGITS = re.compile(r"\d{1,3}")
COUNT_WORDS = frozenset(
    f for stem in ("div", "četr", "piec", "seš", "septiņ", "astoņ", "deviņ")
    for f in (stem + "i", stem + "as", stem + "us")
) | {"trīs", "desmit", "vairākas", "vairāki", "vairākus", "daudzas", "daudzi", "daudzus"}


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes (lexicons/currencies.txt, made from pycountry by scripts/build_lexicons.py)."""
    lines = (LEXICON_DIR / CURRENCIES_FILE).read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip() for l in lines if l.strip() and not l.startswith("#"))


def _inner(sp) -> list[str]:
    return [w for w in sp.words if w not in QUOTES]


def _has_digit(form: str) -> bool:
    return any(ch.isdigit() for ch in form)


def _is_currency(sp, doc) -> bool:
    inner = _inner(sp)
    if len(inner) != 1 or inner[0] not in currency_codes():
        return False
    tokens, k = doc.tokens, sp.ti
    before = tokens[k - 1][0] if k > 0 else ""
    after = tokens[sp.tj][0] if sp.tj < len(tokens) else ""
    return _has_digit(before) or _has_digit(after) or (before == "(" and after == ")")


@entity_rule("currency-not-body", [ORGS])
def currency_not_body(spans, doc):
    """A currency's ISO 4217 code next to a number or alone in brackets (`177 839,95 EUR`,
    `EUR 500`, `grants (EUR)`) is money, no body (ANNOTATION.md: amounts carry `EUR`); the
    codes come from pycountry (lexicons/currencies.txt). A code elsewhere may be a name
    (`AMD` the company)."""
    return [sp for sp in spans if not (sp.kind == ORGS and _is_currency(sp, doc))]


@entity_rule("key-action-not-body", [ORGS])
def key_action_not_body(spans, doc):
    """An Erasmus+ key action (`KA1`, `KA2`, `KA229`: Programme Guide; realdev README: bare
    action names are no codes) is a strand of a programme, and programmes are no bodies
    (ANNOTATION.md, realdev conventions). A person `KA2` goes by `code-or-unit`."""
    return [sp for sp in spans if not (sp.kind == ORGS and len(_inner(sp)) == 1
                                       and KEY_ACTION.fullmatch(_inner(sp)[0]))]


def _next_to_project_noun(sp, doc) -> bool:
    tokens, a, b = doc.tokens, sp.ti, sp.tj
    while a > 0 and tokens[a - 1][0] in QUOTES:
        a -= 1
    while b < len(tokens) and tokens[b][0] in QUOTES:
        b += 1
    quoted = a < sp.ti or b > sp.tj or sp.words[0] in QUOTES
    before = tokens[a - 1][0].lower() if a > 0 else ""
    after = tokens[b][0].lower() if b < len(tokens) else ""
    return before in PROJECT_NOUNS or (quoted and after in PROJECT_NOUNS)


def _title_word(sp, doc) -> str | None:
    """The word of a one-word project title (`projekts "Izaugsme"`, `“PuMPuRS” projektā`)."""
    inner = _inner(sp)
    if len(inner) != 1 or not inner[0].isalpha() or not _next_to_project_noun(sp, doc):
        return None
    w = inner[0]
    if w.isupper() and doc.lex.word_zipf.get(w.lower(), 0.0) == 0.0 and w.lower() not in doc.lex.common_lower:
        return None  # `projekts „ZAAO"`: an abbreviation may be the company whose project it is
    return w.casefold()


@entity_rule("project-title-word", [ORGS, PERSONS])
def project_title_word(spans, doc):
    """A one-word title right after a project noun, or quoted right before one (`projektu
    “IZAUGSME”`, `projektā Zvaigznājs`, `Katram “Pumpuriņš” projektā`), is the project's
    name, no body and no person (ANNOTATION.md: project names are not organisations), and so
    is the same word elsewhere in the document (`Sargāsim "Pumpuriņu"` aside: forms must
    match). An abbreviation that is no Latvian word stays: it may be the company whose
    project it is (`projekts „ZAAO"`, FullStack-LV)."""
    titles = {t for sp in spans if sp.kind in (ORGS, PERSONS) for t in [_title_word(sp, doc)] if t}
    if not titles:
        return spans
    return [sp for sp in spans if not (sp.kind in (ORGS, PERSONS) and len(_inner(sp)) == 1
                                       and _inner(sp)[0].casefold() in titles)]


def _counted(sp, doc) -> bool:
    tokens, k = doc.tokens, sp.ti
    if k == 0 or doc.line_break(tokens[k - 1][2], sp.start):
        return False
    if sp.tj < len(tokens) and tokens[sp.tj][0][:1].islower():
        return False  # the count is a noun's after the name (`trīs Eiropas Savienības valstis`)
    before = tokens[k - 1][0]
    return (bool(COUNT_DIGITS.fullmatch(before)) and before not in ("0", "1")) or before.lower() in COUNT_WORDS


@entity_rule("count-not-body", [ORGS])
def count_not_body(spans, doc):
    """A count before an organisation's name (`4 Dagdas novada izglītības iestādes`,
    `septiņas Ludzas novada skolas`) makes it several bodies of a kind, no one body's name;
    the bodies are usually listed by name next (`- Dagdas vidusskola, ...`). An ordinal
    (`16.vidusskola`) is part of a name and has its dot; a count in the genitive, or one
    followed by a lower-case noun, counts that noun (`Sešu Eiropas Savienības dalībvalstu`)."""
    return [sp for sp in spans if not (sp.kind == ORGS and _counted(sp, doc))]


def _country_municipality(sp, doc) -> bool:
    inner = _inner(sp)
    if len(inner) != 2:
        return False
    head = doc.lex.org_head_forms.get(inner[1].lower())
    place = doc.lex.place_of(inner[0])
    return bool(head and head[0] in MUNICIPAL_HEADS and place and place.kind == "country")


@entity_rule("country-municipality", [ORGS])
def country_municipality(spans, doc):
    """`Latvijas pašvaldības`, `Igaunijas pašvaldībām`: a municipality belongs to a town or a
    region, never to a whole country, so a country before a municipal head noun names the
    country's municipalities at large, no body (`Latvijas Pašvaldību savienība` has its own
    head noun and stays)."""
    return [sp for sp in spans if not (sp.kind == ORGS and _country_municipality(sp, doc))]


def _after_code(sp, doc):
    k = 0
    while k < len(sp.words) - 1 and (CODE_SHAPE.fullmatch(sp.words[k]) or sp.words[k] in ("Nr.", "Nr", "-", "–")):
        k += 1
    if k == 0 or not any(w[:1].isupper() and w.isalpha() for w in sp.words[k:]):
        return sp
    return doc.span(sp.kind, sp.ti + k, sp.tj)


@entity_rule("code-before-body", [ORGS])
def code_before_body(spans, doc):
    """A project code's tail glued before a body's name (`Nr. 2022-1-LV01-KA120-SCH-000123456
    Tukuma vidusskola`, where the tagger took the code's last part in) is no part of it: the
    name starts after the code (ANNOTATION.md: codes are project_codes, names are bodies)."""
    return [_after_code(sp, doc) if sp.kind == ORGS else sp for sp in spans]
