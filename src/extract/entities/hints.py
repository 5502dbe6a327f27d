"""What the words around a person's name say: its case and gender (for the nominative) and
the person's role (`koordinatore Evelīna Balode` -> koordinatore)."""
from __future__ import annotations

from .naming import gender_of_ending, readings
from .registry import entity_rule
from .spans import INITIAL
from .words import GENITIVE_PREPOSITIONS, QUOTES

# how many words may stand between a role noun and the name it belongs to, and the word
# classes that end the search (a verb, a conjunction, a pronoun: `direktors stāsta, ka Anna`)
ROLE_REACH = 6
ROLE_STOP_CLASSES = {"VERB", "AUX", "CCONJ", "SCONJ", "PRON"}
# how many coordinated names back a name's case may be read from (`no A un B un C`)
HINT_DEPTH = 4
# how many more words a role search may cross for each coordinated name it passes
CROSS_BUDGET = 3
COORDINATORS = ("un", ",", "vai")


def _role_hint(low: str, lex) -> tuple[str, str | None] | None:
    """A role noun in one case (`prezidenta`: genitive, a man's; `direktore`: nominative)."""
    roles = lex.attach_role_options.get(low) or ((lex.attach_roles[low],) if low in lex.attach_roles else ())
    if not roles or " " in low:
        return None
    found = readings(low, {r for r in roles if " " not in r})
    cases = {c for c, _g in found}
    if len(cases) != 1:
        return None
    genders = {g for _c, g in found}
    return cases.pop(), (genders.pop() if len(genders) == 1 else None)


def _before_hint(prev: str, lex) -> tuple[str, str | None] | None:
    low = prev.lower()
    got = _role_hint(low, lex)
    if got:
        return got
    if low in GENITIVE_PREPOSITIONS:
        return "gen", None
    if prev.isalpha() and prev.islower() and lex.word_class.get(low) == "NOUN":
        # a noun before the name in one case and gender (`līdzīpašnieka Kirova Lipmana`)
        found = readings(low, lex.word_zipf)
        if len(found) == 1:
            return found.pop()
    return None


@entity_rule("name-hints", ["persons"], stage="option")
def name_hint(sp, tokens, lex, ends=None, depth: int = 0) -> tuple[str | None, str | None] | None:
    """What the words around a name say of its case and gender, for a first name whose form
    two readings share (`Andra`: Andra, or Andris's genitive; `Valda`, `Gunta`, `Māra`): a role
    noun right before it in one case (`prezidenta Andra Bērziņa`), else a preposition that
    takes the genitive (`no Valērija Kargina`), else a noun before it with one case and gender
    (`līdzīpašnieka Kirova Lipmana`), else a noun or adjective right after it, which a genitive
    name most often qualifies (`Andra Vilka grāmata`: in FullStack-LV train + dev, 18 of 20
    such ambiguous names before a noun are genitives). A name after `un` or a comma that
    follows another person's name shares its case (`no Valērija Kargina un Viktora Krasovicka`)."""
    k = sp.ti - 1
    if k >= 1 and ends and depth < HINT_DEPTH and tokens[k][0] in COORDINATORS and k in ends:
        got = name_hint(ends[k], tokens, lex, ends, depth + 1)
        if got:
            return got
    if k >= 0:
        got = _before_hint(tokens[k][0], lex)
        if got:
            return got
    if sp.tj < len(tokens) and len(sp.words) > 1 and not INITIAL.fullmatch(sp.words[0]):
        # not for a surname alone or after an initial: `Koļegova sarunas laikā` is hers
        nxt = tokens[sp.tj][0]
        if nxt.isalpha() and nxt.islower() and lex.word_class.get(nxt) in ("NOUN", "ADJ"):
            return "gen", None
    return None


def role_for(lex, form: str, gender: str | None) -> str:
    """The nominative of a role form; of two roles sharing it, the one of `gender`."""
    options = lex.attach_role_options.get(form, ())
    if gender and len(options) > 1:
        fit = [r for r in options if gender_of_ending(r) == gender]
        if fit:
            return fit[0]
    return lex.attach_roles[form]


def _role_phrase_at(tokens, k: int, roles) -> str | None:
    for n in (2, 1):
        if k - n + 1 >= 0:
            phrase = " ".join(tokens[j][0] for j in range(k - n + 1, k + 1)).lower()
            if phrase in roles:
                return phrase
    return None


NO_ROLE = ""  # _role_before: the search found a role that is not this person's (no role after either)


def _role_before(sp, doc, gender: str | None) -> str | None:
    """The role noun before the name, up to ROLE_REACH words back (see role_near); NO_ROLE
    when the role found there is someone else's, None when there is none."""
    tokens, text, lex = doc.tokens, doc.text, doc.lex
    crossed, k, budget = False, sp.ti - 1, ROLE_REACH + 1
    while budget > 0 and k >= 0:
        budget -= 1
        phrase = _role_phrase_at(tokens, k, lex.attach_roles)
        if phrase is not None:
            if crossed and phrase not in lex.attach_plurals:
                return NO_ROLE  # `direktors Jānis Kalns un Anna Liepa`: his role, not hers
            role = role_for(lex, phrase, gender)
            if k < sp.ti - 1 and gender and gender_of_ending(role) not in (None, gender):
                return NO_ROLE  # `direktora vietnieks ... Anna`: a farther role must agree
            return role
        w = tokens[k][0]
        if (w in ("un", ",") and k > 0 and tokens[k - 1][0][:1].isupper()
                and "\n" not in text[tokens[k - 1][1]:tokens[k + 1][1]]):
            # `skolotāji Sergejs Ivanovs un Oksana Petrova`: on past the names before, a plural role only
            crossed, budget, k = True, budget + CROSS_BUDGET, k - 1
            continue
        if ("\n" in text[tokens[k][2]:tokens[k + 1][1]] or lex.word_class.get(w.lower()) in ROLE_STOP_CLASSES
                or not (w.replace("-", "").replace(".", "").isalnum() or w in QUOTES)):
            return None
        k -= 1
    return None


def role_near(sp, doc, gender: str | None = None) -> str | None:
    """The role noun before the name (`koordinatore Evelīna Balode`), also with where the
    person works between (`projekta vadītāja Valkas novada pašvaldībā Marika Zariņa`: up to
    ROLE_REACH words, none a verb, a conjunction or a pronoun, no punctuation but quotes, on
    one line), or after the name and a comma (`Jānis Kalns, direktors`); in the nominative.
    A form two roles share (`vadītāju`: vadītājs or vadītāja) takes the person's gender."""
    role = _role_before(sp, doc, gender)
    if role is not None:
        return role or None
    tokens = doc.tokens
    after = [tokens[k][0] for k in range(sp.tj, min(len(tokens), sp.tj + 4))]
    if after and after[0] in (",", "-", "–", "("):
        for n in (2, 1):
            if len(after) > n:
                phrase = " ".join(after[1:1 + n]).lower()
                if phrase in doc.lex.attach_roles:
                    return role_for(doc.lex, phrase, gender)
    return None
