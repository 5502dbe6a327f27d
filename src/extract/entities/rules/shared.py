"""Tests of a span's surroundings that rules of several families share."""
from __future__ import annotations

from ..words import NATURE_PLURALS, QUOTES, TITLE_STOPS, WORK_NOUNS, forms_of

TITLE_REACH = 8  # words a search for a title's quote marks crosses on each side


def before_natural_features(sp, tokens) -> bool:
    """The name is one of coordinated names before a natural feature's noun in the plural
    (`Mēmeles un Mūsas upju`, `Lubāna un Rāznas ezeros`). One name before the plural is
    where they are (`Latvijas upēm`, `Ziemeļkurzemes mežos`: a place)."""
    k = sp.tj
    while k + 1 < len(tokens) and tokens[k][0] in ("un", ",") and tokens[k + 1][0][:1].isupper():
        k += 2
    if not (k < len(tokens) and tokens[k][0] in NATURE_PLURALS):
        return False
    if k > sp.tj:
        return True
    j = sp.ti  # the last of them: `... un Mūsas upju`
    return j >= 2 and tokens[j - 1][0] in ("un", ",") and tokens[j - 2][0][:1].isupper()


def _title_marks(sp, tokens) -> tuple[int, int]:
    n = len(tokens)
    a = sp.ti - 1
    while a >= 0 and sp.ti - a <= TITLE_REACH and tokens[a][0] not in QUOTES and tokens[a][0] not in TITLE_STOPS:
        a -= 1
    b = sp.tj
    while b < n and b - sp.tj <= TITLE_REACH and tokens[b][0] not in QUOTES and tokens[b][0] not in TITLE_STOPS:
        b += 1
    return a, b


def in_a_title(sp, doc) -> bool:
    """The name stands inside a quoted title of several words with a lower-case one among
    them, right after the noun of a work (`baletu "Romeo un Džuljeta"`): a work's title, no
    mention of the person (quoted speech is no title); or alone in single quotes (`‘Auksis’`)."""
    tokens, text = doc.tokens, doc.text
    a, b = _title_marks(sp, tokens)
    if a < 0 or b >= len(tokens):
        return False
    if tokens[a][0] == "‘" and tokens[b][0] == "’":
        return a == sp.ti - 1 and b == sp.tj
    if tokens[a][0] not in QUOTES or tokens[b][0] not in QUOTES or "\n" in text[tokens[a][1]:tokens[b][2]]:
        return False
    if a == 0 or tokens[a - 1][0].lower() not in forms_of(WORK_NOUNS):
        return False  # "Ar Annu Kalniņu strādājām," saka ...: quoted speech names people
    if tokens[a - 1][2] == tokens[a][1] or tokens[b - 1][2] != tokens[b][1]:
        return False  # the marks must open and close: `ciklam "Izstādes gleznas" ... Žaks Koens`
    inner = [t[0] for t in tokens[a + 1:b]]
    return len(inner) > len(sp.words) and any(w.isalpha() and w.islower() for w in inner)
