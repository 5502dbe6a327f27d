"""Names in the nominative: places (`Ventspilī` -> Ventspils, with country and kind),
organisations (the head noun and its adjectives back in the nominative), persons
(`declension.person_nominative`), and the lexicon look-ups the rules share about names."""
from __future__ import annotations

from functools import lru_cache

from .. import declension
from . import lexicon as lexmod
from .registry import entity_rule
from .words import (CITY_NOUNS, FACILITY_HEADS, LOCATIVE_ENDINGS, NATURE_OR_VILLAGE_HEADS, QUOTES, REGION_HEADS,
                    STATE_ABBREVIATIONS, STATES, SUBUNIT_HEADS, TOWN_NOUNS, BODY_HEADS)

PlaceName = tuple[str, "str | None", "str | None"]  # (nominative, country, kind)


@lru_cache(maxsize=1)
def feature_head_forms() -> dict[str, tuple[str, str, str, str]]:
    """Case forms of the head nouns of natural features and facilities (`parku`, `ezerā`)."""
    return lexmod.head_forms(NATURE_OR_VILLAGE_HEADS + FACILITY_HEADS)


@lru_cache(maxsize=1)
def region_head_of() -> dict[str, str]:
    """A case form of a REGION_HEADS noun -> the noun (the first in REGION_HEADS that has it)."""
    out: dict[str, str] = {}
    for head in REGION_HEADS:
        for f in declension.all_forms(head):
            out.setdefault(f, head)
    return out


def _head_index(words: list[str], forms) -> int | None:
    """The last head noun of a name, before a quoted part (`biedrību "X centrs"`)."""
    quoted = [i for i, w in enumerate(words) if w in QUOTES]
    last = quoted[0] if quoted and quoted[0] > 0 else len(words)
    for i in range(last - 1, -1, -1):
        if words[i].lower() in forms:
            return i
    return None


def head_to_nominative(words: list[str], forms: dict[str, tuple[str, str, str, str]]) -> list[str]:
    """A name's last head noun (one of `forms`, see lexicon.head_forms) and the definite
    adjectives agreeing with it, back in the nominative (`Eiropas Sociālajam fondam` ->
    `Eiropas Sociālais fonds`, `Gaujas Nacionālo parku` -> `Gaujas Nacionālais parks`)."""
    head_i = _head_index(words, forms)
    if head_i is None:
        return list(words)
    w = words[head_i]
    nom, case, gender, number = forms[w.lower()]
    if case == "nom":
        return list(words)
    new = list(words)
    new[head_i] = (w[:1] + nom[1:]) if w[:1].isupper() else nom
    ends = declension.ADJ_DEF.get((gender, number), {})
    j = head_i - 1
    while j >= 0 and ends:
        a = words[j]
        ce = ends.get(case)
        if not (ce and a.endswith(ce) and len(a) > len(ce) + 2):
            break
        new[j] = a[: -len(ce)] + ends["nom"]
        j -= 1
    return new


def gender_of_ending(word: str) -> str | None:
    """m / f by a nominative's ending: -s/-š masculine (Bērziņš, vadītājs), -a/-e feminine
    (Ozoliņa, koordinatore); None otherwise."""
    w = word.lower()
    if w.endswith(("s", "š")):
        return "m"
    if w.endswith(("a", "e")):
        return "f"
    return None


def readings(form: str, nominatives) -> set[tuple[str, str]]:
    """(case, gender) of the singular readings of `form` whose nominative is in `nominatives`."""
    return {(c.case, c.gender) for c in declension.candidates(form) if c.number == "sg" and c.nominative in nominatives}


@entity_rule("foreign-first-names", ["persons"], stage="option")
def foreign_first_names(lex) -> dict[str, str]:
    """Lithuanian, Estonian and Finnish first names (first_names_foreign.tsv, no model
    feature) name persons in the nominative and give their gender: `Mika Virtanens` is a
    Finnish man's nominative, not Miks's genitive."""
    return lex.foreign_first_names


@entity_rule("locative-first-names", ["persons", "places"], stage="option")
def locative_first_names(w: str, lex) -> bool:
    """A rare first name's locative form is a village's name as often (`Rendā`, `Īvandē`):
    with this on, a first name's form in the locative also reads as a place."""
    return True


class Naming:
    """Nominatives and name look-ups over one lexicon (made once per recogniser)."""

    def __init__(self, lex):
        self.lex = lex
        self._fn_cases: dict[str, frozenset[str]] = {}  # word -> cases it can be in as a first name
        # the head forms that decide an organisation name's nominative: the lexicon's, SUBUNIT_HEADS
        # and BODY_HEADS
        self.naming_heads = {**lexmod.head_forms(SUBUNIT_HEADS + BODY_HEADS), **lex.org_head_forms}
        # the full names of lexicons/org_abbreviations.tsv by their first word, longest first
        self.bodies: dict[str, list[tuple[int, str, str]]] = {}
        for full in lex.org_abbreviations.values():
            ws = full.split()
            if len(ws) > 1:
                self.bodies.setdefault(ws[0], []).append((len(ws), full.casefold(), ws[-1][:3].casefold()))
        for cands in self.bodies.values():
            cands.sort(reverse=True)

    # ---------------------------------------------------------------- organisations
    def org_name(self, words: list[str], seps: list[str] | None = None) -> str:
        """Nominative of an organisation name: inflect its head noun (and the definite
        adjectives agreeing with it) back to the nominative; the rest stays as written.
        ``seps``: what stands between the words in the text; default one space."""
        new = head_to_nominative(words, self.naming_heads)
        if seps is None:
            return " ".join(new)
        return "".join(w + sep for w, sep in zip(new, seps + [""]))

    # ---------------------------------------------------------------- persons
    def person_name(self, words: list[str], hint=None, chain=None) -> str:
        zipf = self.lex.word_zipf
        foreign = self.lex.foreign_first_names if chain is None or chain.on("foreign-first-names") else None
        nom = declension.person_nominative(list(words), self.lex.first_names, self.lex.lemmas.get("person"),
                                           rank=lambda n: zipf.get(n.lower(), 0.0), foreign=foreign, hint=hint)
        return " ".join(nom)

    def gender(self, name: str, chain=None) -> str | None:
        """m / f of a person's nominative name: from the first-name lexicon, else the
        surname's ending (-s/-š masculine, -a/-e feminine)."""
        foreign = chain is None or chain.on("foreign-first-names")
        parts = [p for p in name.split(" ") if p and not p.endswith(".")]
        for p in parts:
            g = self.lex.first_names.get(p) or (self.lex.foreign_first_names.get(p) if foreign else None)
            if g in ("m", "f"):
                return g
        return gender_of_ending(parts[-1]) if parts else None

    def first_name_cases(self, w: str) -> frozenset[str]:
        """The cases a word can be in as a form of a lexicon man's first name (empty: not one,
        or it can be a woman's: a woman's surname may stay undeclined, `Diānas Pīrāgs`)."""
        got = self._fn_cases.get(w)
        if got is None:
            names = self.lex.first_names
            found = [c for c in declension.candidates(w) if c.number == "sg" and c.nominative in names]
            if w in names:
                found.append(declension.Candidate(w, "", "nom", names[w], "sg"))
            men = all(names[c.nominative] == "m" for c in found)
            got = frozenset(c.case for c in found) if men else frozenset()
            self._fn_cases[w] = got
        return got

    def locative_name(self, w: str, chain) -> bool:
        """`w` reads as a name in the locative (`Vilidžā`, `Ūziņos`): a case persons are next to
        never named in (6 of 3,593 person tokens in FullStack-LV train); not a form the corpus
        has as a person's, and not -ē / -ī / -ū, which end undeclined foreign names (`Bejonsē`)."""
        return (chain.on("locative-person") and w.endswith(LOCATIVE_PERSON_ENDINGS)
                and w not in self.lex.lemmas.get("person", {})
                and (chain.on("locative-first-names") or w not in self.lex.first_name_forms))

    def corpus_name_case(self, w: str) -> bool:
        """`w` is a case form of a name the corpus has as a person (`Rozentāla`, `Dievam`: its
        train + dev persons hold `Rozentāls`, `Dievs`), read by the declension's candidates."""
        known = self.lex.lemmas.get("person", {})
        return any(c.nominative in known for c in declension.candidates(w))

    # ---------------------------------------------------------------- places
    def place_name(self, words: list[str]) -> PlaceName:
        """(nominative, country, kind) of a place span."""
        lex = self.lex
        if len(words) == 1 and words[0] in STATE_ABBREVIATIONS:
            return STATE_ABBREVIATIONS[words[0]]
        if len(words) == 2 and words[0][:1].isupper() and words[1].lower().startswith(CITY_NOUNS):
            # `Jelgavas pilsētā`: the mention keeps the head noun, the name is the town's own
            name, country, _ = self.place_name(words[:1])
            return name, country, "city"
        m = lex.match_place(words, 0)
        if m and m[0] == len(words):
            return m[1].name, m[1].country, m[1].kind
        joined = " ".join(words)
        if joined in lex.places:
            e = lex.places[joined]
            return e.name, e.country, e.kind
        words, nom_last = self._last_word_nominative(words)
        name = " ".join(words[:-1] + [nom_last])
        return (name, *self._country_and_kind(words, nom_last, name))

    def _last_word_nominative(self, words: list[str]) -> tuple[list[str], str]:
        last = words[-1]
        known = self.lex.lemmas.get("place", {})
        if last in known:
            return words, known[last]
        if last[:1].isupper():
            return words, lexmod.apply_suffix_rules(self.lex, "place", last)
        if len(words) > 1 and last.lower() in feature_head_forms():
            # Gaujas Nacionālo parku -> Gaujas Nacionālais parks, Lubāna ezerā -> Lubāna ezers
            words = head_to_nominative(words, feature_head_forms())
            return words, words[-1]
        if len(words) > 1 and last.lower() in STATES:
            return words, STATES[last.lower()]  # Baltijas valstīs -> Baltijas valstis, a region
        return words, self.common_nominative(last)

    def _country_and_kind(self, words: list[str], nom_last: str, name: str) -> tuple[str | None, str | None]:
        head = nom_last.lower()
        if head == "valstis" and len(words) > 1:
            return None, "region"  # Baltijas valstis: a group of countries
        if head in REGION_HEADS:
            # `Valkas novads` LV, `Valgas pagasts` EE: the unit lies in its town's country
            first = self.lex.place_of(words[0]) if len(words) > 1 else None
            return (first.country if first else None), REGION_HEADS[head]
        if name in self.lex.places:
            e = self.lex.places[name]
            return e.country, e.kind
        return None, None

    def common_nominative(self, word: str) -> str:
        """Nominative of a common noun heading a name (novadā -> novads, aģentūrai -> aģentūra)."""
        low = word.lower()
        hit = self.lex.org_head_forms.get(low)
        if hit:
            nom = hit[0]
            return word[:1] + nom[1:] if word[:1].isupper() else nom
        return region_head_of().get(low, word)

    def country_noun_at(self, k: int, tokens) -> tuple[str, str] | None:
        """(country, kind) when token k is a town's or region's noun after a country in the
        genitive (`Somijas pilsētā`, `Itālijas reģionā`), else None."""
        if k < 1:
            return None
        noun = tokens[k][0].lower()
        if not noun.startswith(TOWN_NOUNS):
            return None
        before = tokens[k - 1][0]
        entry = self.lex.place_of(before)
        if entry is None or entry.kind != "country" or not before.endswith("s"):
            return None
        return entry.country, "city" if noun.startswith(CITY_NOUNS + ("ciem",)) else "region"

    def country_before(self, ti: int, tokens) -> tuple[str | None, str | None]:
        """`Somijas pilsētā Joensū`, `Igaunijas pilsētā (Pērnavā)`: a country in the genitive
        and a town's or region's noun right before a place give its country and kind."""
        k = ti - 1
        if k >= 0 and tokens[k][0] == "(":
            k -= 1
        return self.country_noun_at(k, tokens) or (None, None)


# the locative endings a one-word "person" is read as a place in (not -ē, -ī, -ū: undeclined foreign names)
LOCATIVE_PERSON_ENDINGS = tuple(e for e in LOCATIVE_ENDINGS if e not in ("ē", "ī", "ū"))
