"""Words of a line written in capitals (`VALKA UN VALGA SADARBOJAS`, `NILS UŠAKOVS`) put in
the case they would have in running text, so that the tagger, which learnt names from their
capital letter, can tell names from common words there too.

A word in capitals becomes: itself, when it is a known abbreviation (`VIAA`, `ES`); title
case, when that is a lexicon place, first name or corpus name form (`Valka`, `Nils`), or when
it is no word the corpus has in lower case (`Ušakovs`: names are what such lines hold; word
frequency lists cannot tell, they list surnames too: `ozols`, `bērziņš`); lower case when the
corpus has it in lower case (`un`, `sadarbojas`) or it is a role or an organisation's head
noun (`žurnālists`, `tehnikums`), unless it opens the sentence. Only the tagger's
copy of the words changes: offsets, and so mentions, still point at the text as written.
"""
from __future__ import annotations

from .lexicon import Lexicon

# abbreviations that stay in capitals besides the lexicon's organisations (org_abbreviations.tsv:
# ES, ESF, VIAA, NATO, LU ...)
ABBREVIATIONS = frozenset("ASV PSRS LR LSM TV IT".split())
_OPENERS = frozenset('"«„“(-–—:.!?')


def _abbreviation(w: str, lex: Lexicon) -> bool:
    return w in ABBREVIATIONS or w in lex.org_abbreviations


def _title(w: str) -> str:
    """Title case, each part of a hyphenated word (`VĪĶE-FREIBERGA` -> `Vīķe-Freiberga`)."""
    return "-".join(p[:1] + p[1:].lower() for p in w.split("-"))


def in_capitals(words: list[str]) -> bool:
    """Whether a sentence is written in capitals: at least two words of two or more letters,
    and every such word in upper case."""
    count = 0
    for w in words:
        if len(w) > 1 and w.replace("-", "").isalpha():
            if not w.isupper():
                return False  # running text: most sentences end here, at their first word or two
            count += 1
    return count >= 2


def recase_first_names(words: list[str], lex: Lexicon) -> list[str]:
    """Outside a line in capitals, a first name in capitals that opens the sentence and is
    followed by a full stop, colon or comma, in title case: a play's speaker (`VERONIKA. Nē,
    mēs ...`), an interviewer's cue (`ANNA: ...`); the tagger knows `Veronika`. Elsewhere a word
    in capitals is more likely an abbreviation (`aģentūra ALDA`, `uz EBU`)."""
    out = words
    for i, w in enumerate(words):
        if not (len(w) > 2 and w.isupper()):  # the cheap test first: most words fail it
            continue
        if not ((i == 0 or words[i - 1] in _OPENERS) and i + 1 < len(words) and words[i + 1] in (".", ":", ",")):
            continue
        if w.isalpha() and not _abbreviation(w, lex):
            title = _title(w)
            if title in lex.first_name_forms and len(title) == len(w):
                if out is words:
                    out = list(words)
                out[i] = title
    return out


def recase(words: list[str], lex: Lexicon) -> list[str]:
    """The words of a sentence in capitals, in running-text case (same lengths)."""
    out = []
    for i, w in enumerate(words):
        core = w.rstrip("+")  # ERASMUS+
        if not (len(core) > 1 and core.isupper() and core.replace("-", "").isalpha()) or _abbreviation(core, lex):
            out.append(w)
            continue
        title = _title(w)
        low = w.lower()
        first = i == 0 or words[i - 1] in _OPENERS
        if (title in lex.place_forms or title in lex.first_name_forms or title in lex.place_multi
                or title in lex.lemmas.get("person", {}) or title in lex.lemmas.get("place", {})):
            new = title
        elif low in lex.word_class or low in lex.common_lower or low in lex.roles or low in lex.org_heads:
            new = title if first else low
        else:
            new = title
        out.append(new if len(new) == len(w) else w)
    return out
