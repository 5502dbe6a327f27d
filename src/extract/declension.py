"""Latvian case forms of proper nouns: generate them, and undo them (back to the nominative).

Covers the six noun declensions (singular and plural-only names such as Cēsis, Talsi,
Preiļi, Pļaviņas), the consonant alternation of the 2nd declension and of the plural
genitive (n→ņ, l→ļ, s/t→š, z/d→ž, c→č, dz→dž, b/m/p/v→bj/mj/pj/vj...), definite
adjectives in multi-word names (Apvienotā Karaliste → Apvienotajā Karalistē) and
indeclinable foreign names (Oslo, Tartu).

    forms("Jānis")            -> {"nom": {"Jānis"}, "gen": {"Jāņa"}, "dat": {"Jānim"}, ...}
    candidates("Bērziņam")    -> [Candidate(nominative="Bērziņš", decl=1, case="dat", ...), ...]
    person_nominative(["Jānim", "Bērziņam"], first_names) -> ["Jānis", "Bērziņš"]

Lexicon look-ups come first (see `extract.entities.lexicon`); these rules are the fallback
and the generator of the look-up tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

CASES = ("nom", "gen", "dat", "acc", "loc")

# decl -> (gender, number, nominative ending, {case: ending}, cases with consonant alternation)
PARADIGMS: dict[str, tuple[str, str, str, dict[str, str], frozenset[str]]] = {
    "1": ("m", "sg", "s", {"nom": "s", "gen": "a", "dat": "am", "acc": "u", "loc": "ā"}, frozenset()),
    "1š": ("m", "sg", "š", {"nom": "š", "gen": "a", "dat": "am", "acc": "u", "loc": "ā"}, frozenset()),
    "2": ("m", "sg", "is", {"nom": "is", "gen": "a", "dat": "im", "acc": "i", "loc": "ī"}, frozenset({"gen"})),
    "3": ("m", "sg", "us", {"nom": "us", "gen": "us", "dat": "um", "acc": "u", "loc": "ū"}, frozenset()),
    "4": ("f", "sg", "a", {"nom": "a", "gen": "as", "dat": "ai", "acc": "u", "loc": "ā"}, frozenset()),
    "5": ("f", "sg", "e", {"nom": "e", "gen": "es", "dat": "ei", "acc": "i", "loc": "ē"}, frozenset()),
    "6": ("f", "sg", "s", {"nom": "s", "gen": "s", "dat": "ij", "acc": "i", "loc": "ī"}, frozenset()),
    # plural-only names (the nominative plural is the dictionary form)
    "1p": ("m", "pl", "i", {"nom": "i", "gen": "u", "dat": "iem", "acc": "us", "loc": "os"}, frozenset()),
    "2p": ("m", "pl", "i", {"nom": "i", "gen": "u", "dat": "iem", "acc": "us", "loc": "os"}, frozenset()),
    "4p": ("f", "pl", "as", {"nom": "as", "gen": "u", "dat": "ām", "acc": "as", "loc": "ās"}, frozenset()),
    "5p": ("f", "pl", "es", {"nom": "es", "gen": "u", "dat": "ēm", "acc": "es", "loc": "ēs"}, frozenset({"gen"})),
    "6p": ("f", "pl", "is", {"nom": "is", "gen": "u", "dat": "īm", "acc": "is", "loc": "īs"}, frozenset({"gen"})),
}

# definite adjectives (first words of names such as Apvienotā Karaliste, Tuvie Austrumi)
ADJ_DEF = {
    ("f", "sg"): {"nom": "ā", "gen": "ās", "dat": "ajai", "acc": "o", "loc": "ajā"},
    ("m", "sg"): {"nom": "ais", "gen": "ā", "dat": "ajam", "acc": "o", "loc": "ajā"},
    ("f", "pl"): {"nom": "ās", "gen": "o", "dat": "ajām", "acc": "ās", "loc": "ajās"},
    ("m", "pl"): {"nom": "ie", "gen": "o", "dat": "ajiem", "acc": "os", "loc": "ajos"},
}

# consonant alternation: plain stem ending -> alternated (longest first when applying)
ALTERNATION = [
    ("sn", "šņ"), ("zn", "žņ"), ("sl", "šļ"), ("zl", "žļ"), ("ln", "ļņ"), ("ll", "ļļ"), ("dz", "dž"),
    ("b", "bj"), ("m", "mj"), ("p", "pj"), ("v", "vj"), ("f", "fj"),
    ("t", "š"), ("d", "ž"), ("s", "š"), ("z", "ž"), ("c", "č"), ("n", "ņ"), ("l", "ļ"),
]
INDECLINABLE_ENDINGS = ("o", "u", "ē", "ī", "ū", "y")
VOWELS = set("aāeēiīouū")


@dataclass(frozen=True)
class Candidate:
    nominative: str
    decl: str
    case: str
    gender: str
    number: str


def alternate(stem: str) -> str:
    """Apply the consonant alternation to the end of `stem` (Jān -> Jāņ, Kalniet -> Kalnieš)."""
    for plain, alt in ALTERNATION:
        if stem.endswith(plain):
            # 2nd-declension names in -tis/-dis (Atis, Gatis, Valdis) keep their consonant,
            # handled by callers offering both variants
            return stem[: -len(plain)] + alt
    return stem


def unalternate(stem: str) -> list[str]:
    """All plain stems whose alternation gives `stem` (Jāņ -> [Jāņ, Jān]; Kalnieš -> [.., Kalniet, Kalnies])."""
    out = [stem]
    for plain, alt in ALTERNATION:
        if stem.endswith(alt):
            cand = stem[: -len(alt)] + plain
            if cand not in out:
                out.append(cand)
    return out


def decl_of(nominative: str, place: bool = False) -> list[str]:
    """Plausible paradigms of a nominative (a name can fit more than one: Cēsis, Jānis).

    With `place`, names in -is are plural-only (Cēsis) and in -i masculine plurals (Talsi)."""
    w = nominative
    low = w.lower()
    if not low or low[-1] in INDECLINABLE_ENDINGS or not low[-1].isalpha():
        return []
    if low.endswith("pils"):
        return ["6"]
    if low.endswith("is"):
        return ["6p"] if place else ["2", "6p"]
    if low.endswith("us"):
        return ["3"]
    if low.endswith("as"):
        return ["4p"] if place else ["4p", "1"]
    if low.endswith("es"):
        return ["5p"] if place else ["5p", "1"]
    if low.endswith("š"):
        return ["1š"]
    if low.endswith("s"):
        return ["1"]
    if low.endswith("a"):
        return ["4"]
    if low.endswith("e"):
        return ["5"]
    if low.endswith("i"):
        return ["1p", "2p"]
    return []


def _forms_of_word(word: str, decls: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {c: {word} if c == "nom" else set() for c in CASES}
    for d in decls:
        gender, number, nom_end, endings, alt_cases = PARADIGMS[d]
        if not word.endswith(nom_end):
            continue
        stem = word[: len(word) - len(nom_end)]
        if not stem:
            continue
        for case, end in endings.items():
            out[case].add(stem + end)
            if case in alt_cases:
                alt = alternate(stem)
                if alt != stem:
                    out[case].add(alt + end)
                    # Atis -> Ata, Cēsis -> Cēsu: names often skip the alternation; the
                    # alternated form is the regular one (Jāņa, Kārļa), keep both
        if d in ("1p", "2p") and number == "pl":
            pass
    return out


def _adjective_forms(word: str) -> dict[str, set[str]] | None:
    for (gender, number), ends in ADJ_DEF.items():
        nom_end = ends["nom"]
        if word.endswith(nom_end) and len(word) > len(nom_end) + 2 and word[:1].isupper():
            stem = word[: -len(nom_end)]
            return {c: {stem + e} for c, e in ends.items()}
    return None


def forms(nominative: str, place: bool = False) -> dict[str, set[str]]:
    """Case forms (nom, gen, dat, acc, loc) of a one- or multi-word proper name.

    In a multi-word name the last word inflects; a leading definite adjective (Apvienotā,
    Tuvie) agrees with it; genitive attributes (Jelgavas novads, Baltijas jūra) stay.
    """
    words = nominative.split(" ")
    last = words[-1]
    last_forms = _forms_of_word(last, decl_of(last, place))
    if len(words) == 1:
        return last_forms
    out = {c: set() for c in CASES}
    heads = []
    for w in words[:-1]:
        adj = _adjective_forms(w) if len(words) > 1 and w.lower().endswith(("ā", "ais", "ās", "ie")) else None
        heads.append(adj)
    for case in CASES:
        for lf in last_forms[case]:
            prefix = []
            for w, adj in zip(words[:-1], heads):
                prefix.append(sorted(adj[case])[0] if adj else w)
            out[case].add(" ".join(prefix + [lf]))
    return out


def all_forms(nominative: str, place: bool = False) -> set[str]:
    return set().union(*forms(nominative, place).values())


def candidates(form: str) -> list[Candidate]:
    """Every (nominative, paradigm, case) whose case form is `form`, nominative first."""
    out: list[Candidate] = []
    seen = set()
    for d, (gender, number, nom_end, endings, alt_cases) in PARADIGMS.items():
        for case, end in endings.items():
            if not form.endswith(end) or len(form) <= len(end) + 1:
                continue
            stem = form[: len(form) - len(end)]
            stems = unalternate(stem) if case in alt_cases else [stem]
            for st in stems:
                if d == "1" and st[-1:] in ("ņ", "ļ"):
                    continue  # Bērziņš, not *Bērziņs
                if d == "1š" and st[-1:] not in ("ņ", "ļ", "k", "g"):
                    continue
                if d == "6" and not st.lower().endswith(("pil", "pils", "val", "ast", "nakt", "sird")):
                    if case != "nom":
                        continue
                nom = st + nom_end
                key = (nom, d, case)
                if key not in seen:
                    seen.add(key)
                    out.append(Candidate(nom, d, case, gender, number))
    if form[-1:].lower() in INDECLINABLE_ENDINGS:
        out.append(Candidate(form, "0", "nom", "?", "sg"))
    out.sort(key=lambda c: (c.case != "nom", c.nominative != form))
    return out


def _surname_pick(form: str, case: str | None, gender: str | None) -> str:
    cands = candidates(form)
    if not cands:
        return form
    if gender in ("m", "f"):
        good = [c for c in cands if c.number == "sg" and c.gender == gender and (case is None or c.case == case)]
        if not good and case == "nom":
            return form  # a nominative first name: so is the surname (Andris Plivda, Jānis Liepa)
        if not good and case is not None:
            good = [c for c in cands if c.number == "sg" and c.gender == gender]
        if good:
            if gender == "m" and len(good) > 1:
                # genitive -a: 1st declension (Bērziņa -> Bērziņš, Ozola -> Ozols) unless the
                # stem ends in an alternated consonant other than the diminutive -iņ and the
                # Slavic -ič (Kalnieša -> Kalnietis; Pavloviča -> Pavlovičs, not Pavlovicis)
                stem_end = form[:-1]
                if case == "gen" and stem_end[-1:] in ("š", "ž", "č", "ļ", "ņ") and not stem_end.endswith(("iņ", "ič")):
                    second = [c for c in good if c.decl == "2" and c.nominative[-3:-2] not in "šžčļņ"]
                    if second:  # t/d before s/z for š/ž (Kalnieša -> Kalnietis)
                        return second[0].nominative
                if case == "gen" and stem_end.endswith(("sk", "ck")):
                    second = [c for c in good if c.decl == "2"]
                    if second:  # Kozlovska -> Kozlovskis, Krasovicka -> Krasovickis (-sks is rare)
                        return second[0].nominative
                firsts = [c for c in good if c.decl in ("1", "1š")]
                if firsts:
                    return firsts[0].nominative
            return good[0].nominative
    # no gender known: only unambiguous masculine/feminine oblique endings change the form
    low = form.lower()
    for end, gender_guess, case_guess in (("am", "m", "dat"), ("im", "m", "dat"), ("ai", "f", "dat"),
                                          ("ei", "f", "dat"), ("as", "f", "gen"), ("es", "f", "gen")):
        if low.endswith(end):
            return _surname_pick(form, case_guess, gender_guess)
    return form


def name_case(form: str, first_names: Mapping[str, str],
              rank: Callable[[str], float] | None = None,
              hint: tuple[str | None, str | None] | None = None) -> tuple[str, str, str] | None:
    """(nominative, case, gender) of a first name in any case, from the first-name lexicon.
    Where a form belongs to two names (`Daci`: Dace or Dacis, `Mariju`: Marija or Marijs),
    `rank` (e.g. how common each nominative is) picks; without it, the first found. A form
    that is a name's nominative is read so, unless `hint` (case, gender: what the words
    around the name say, see entities) asks for another case that the form also has:
    `prezidenta Andra Bērziņa` is Andris's genitive, not Andra."""
    want_case, want_gender = hint if hint else (None, None)
    nominative = (form, "nom", first_names[form]) if form in first_names else None
    if nominative and want_case in (None, "nom"):
        return nominative
    hits = []
    for c in candidates(form):
        if c.number == "sg" and c.nominative in first_names and c.case != "nom":
            g = first_names[c.nominative]
            if (g == "m") == (c.gender == "m"):
                hits.append((c.nominative, c.case, g))
    if nominative:
        hits = [h for h in hits if h[1] == want_case and want_gender in (None, h[2])]
        if not hits:
            return nominative
    if not hits:
        return None
    if rank is not None and len({h[0] for h in hits}) > 1:
        return max(hits, key=lambda h: rank(h[0]))  # max keeps the first of equals
    return hits[0]


def agrees(form: str, case: str, gender: str) -> bool:
    """`form` can be a singular word in `case` and of `gender` (or is undeclined)."""
    return any(c.number == "sg" and c.case == case and c.gender in (gender, "?") for c in candidates(form))


def person_nominative(tokens: list[str], first_names: Mapping[str, str],
                      known: Mapping[str, str] | None = None,
                      rank: Callable[[str], float] | None = None,
                      foreign: Mapping[str, str] | None = None,
                      hint: tuple[str | None, str | None] | None = None) -> list[str]:
    """Nominative of a person's name given as tokens (`['Jānim', 'Bērziņam']` -> `['Jānis', 'Bērziņš']`).

    The first name (from the lexicon) gives case and gender, which then choose the
    surname's paradigm (male -s/-š/-is, female -a/-e). Initials (`J.`) stay as they are.
    `known` maps forms to nominatives learnt from the corpus and wins when given; `rank`
    settles a first-name form shared by two names (see `name_case`). `foreign` (nominative ->
    m/f: Lithuanian, Estonian, Finnish first names) reads a first name as a nominative where
    the Latvian lexicon has none (`Mindaugas Kazlauskas`) or where its Latvian reading in
    another case finds no agreeing surname (`Jonas Petraitis`: not Jona's genitive; `Mika
    Virtanens`: not Miks's). `hint` (case, gender) is what the words around the name say
    of it (`name_case`); where no first name is known, a hint with both parts gives the
    surname's paradigm (`līdzīpašnieka Kirova Lipmana` -> `Kirovs Lipmans`).
    """
    hits = [name_case(t, first_names, rank, hint) for t in tokens]  # looked up once per token
    if foreign:
        rest = [t for t in tokens if t not in foreign and not (len(t) <= 2 and t.endswith("."))]
        for i, t in enumerate(tokens):
            g = foreign.get(t)
            if g is None or (hits[i] is not None and hits[i][1] == "nom"):
                continue
            if hits[i] is None or (rest and not any(agrees(r, hits[i][1], hits[i][2]) for r in rest)):
                hits[i] = (t, "nom", g)
    case = gender = None
    first = next((h for h in hits if h), None)
    if first:
        _, case, gender = first
    elif hint and hint[0] and hint[0] != "nom":
        # no first name known: the hint's case, and its gender or the one the last word's
        # readings in that case agree on (`no Timija Hansena`: Hansena as a genitive is a man's)
        case, gender = hint
        if gender is None:
            genders = {c.gender for c in candidates(tokens[-1]) if c.number == "sg" and c.case == case}
            gender = genders.pop() if len(genders) == 1 and genders <= {"m", "f"} else None
        if gender is None:
            case = None
    out = []
    for i, t in enumerate(tokens):
        if len(t) <= 2 and t.endswith(".") or not t[:1].isalpha() or t.isupper():
            out.append(t)
            continue
        if "-" in t:  # double surnames: Vīķe-Freiberga
            parts = t.split("-")
            out.append("-".join(person_nominative(parts, first_names, known, rank) if gender is None else
                                [_surname_pick(p, case, gender) if p not in first_names else p for p in parts]))
            continue
        hit = hits[i]
        if hit and (gender is None or hit[2] == gender) and (case is None or hit[1] == case or hit[1] == "nom"
                                                             and case == "nom"):
            out.append(hit[0])
            continue
        if gender is None and known and t in known:
            out.append(known[t])
            continue
        out.append(_surname_pick(t, case, gender))
    return out
