"""Lexicons for NER: places, first names, organisation head nouns, roles, corpus lemmas.

Loaded once per process (`get()`); every name is expanded to its case forms with
`extract.declension` so that a look-up of an inflected token gives its nominative.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .. import declension

LEX_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: str | None
    kind: str


@dataclass
class Lexicon:
    places: dict[str, PlaceEntry] = field(default_factory=dict)            # nominative -> entry
    place_forms: dict[str, PlaceEntry] = field(default_factory=dict)       # any case form (1 word)
    place_multi: dict[str, dict[tuple[str, ...], PlaceEntry]] = field(default_factory=dict)  # first word -> tokens -> entry
    first_names: dict[str, str] = field(default_factory=dict)              # nominative -> m/f
    first_name_forms: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # form -> (nom, case, gender)
    org_heads: set[str] = field(default_factory=set)                      # lower-case forms
    org_head_stems: tuple[str, ...] = ()
    org_head_forms: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)  # form -> (nom, case, g, num)
    roles: dict[str, str] = field(default_factory=dict)                   # lower-case form -> nominative
    role_options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # form -> every role it can be
    # roles to attach to a person (roles.txt + roles_participants.txt, singular and plural forms);
    # `roles` above is the model's feature and stays as it was trained
    attach_roles: dict[str, str] = field(default_factory=dict)
    attach_role_options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    attach_plurals: set[str] = field(default_factory=set)   # the plural forms among attach_roles
    org_abbreviations: dict[str, str] = field(default_factory=dict)      # abbreviation -> full name
    lemmas: dict[str, dict[str, str]] = field(default_factory=dict)        # kind -> form -> lemma (corpus)
    suffix_rules: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)
    common_lower: set[str] = field(default_factory=set)                   # words seen in lower case (corpus)
    word_zipf: dict[str, float] = field(default_factory=dict)             # lower-case word -> Zipf frequency
    foreign_org_heads: dict[str, frozenset[str]] = field(default_factory=dict)  # end/suffix/start -> words
    products: dict[str, str] = field(default_factory=dict)               # brand -> company / product
    foreign_first_names: dict[str, str] = field(default_factory=dict)    # LT/EE/FI nominative -> m/f (no feature)
    word_class: dict[str, str] = field(default_factory=dict)             # lower-case word -> its usual UPOS (corpus)
    speech_forms: frozenset[str] = frozenset()                           # finite forms of verbs of saying (corpus)
    # foreign towns (towns.tsv, GeoNames; no model feature): a name as written -> its country,
    # and the case forms of its Latvian spellings -> (nominative, country)
    towns: dict[str, str] = field(default_factory=dict)
    town_forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    english: dict[str, float] = field(default_factory=dict)               # English word -> Zipf (words_en.tsv)
    english_names: frozenset[str] = frozenset()                          # English words that are also names

    def first_name(self, word: str) -> bool:
        """A case form of a Latvian first name, or a foreign first name (as written)."""
        return word in self.first_name_forms or word in self.foreign_first_names

    def town_of(self, words: list[str]) -> tuple[str, str] | None:
        """(name, country) of a foreign town that the words spell, as written (`Biržai`,
        `Kirke Hvalsø`) or as a Latvian spelling's case form (`Kuresārē`), else None."""
        joined = " ".join(words)
        if joined in self.towns:
            return joined, self.towns[joined]
        return self.town_forms.get(joined)

    def place_of(self, form: str) -> PlaceEntry | None:
        return self.place_forms.get(form)

    def match_place(self, words: list[str], i: int) -> tuple[int, PlaceEntry] | None:
        """Longest lexicon place starting at words[i]: (number of words, entry)."""
        best = None
        for toks, entry in self.place_multi.get(words[i], {}).items():
            n = len(toks)
            if tuple(words[i:i + n]) == toks and (best is None or n > best[0]):
                best = (n, entry)
        if best is None and words[i] in self.place_forms:
            best = (1, self.place_forms[words[i]])
        return best


def plural_forms(role: str) -> set[str]:
    """Nominative and dative plural of a one-word role noun, the forms that stand before
    coordinated names (`skolotāji Sergejs Ivanovs un ...`, `skolotājām Ilzei ...`):
    -s/-š/-is -> -i/-iem, -a -> -as/-ām, -e -> -es/-ēm; substantivised adjectives
    (`brīvprātīgais`) -> -ie/-ajiem, (`brīvprātīgā`) -> -ās/-ajām."""
    if " " in role:
        return set()
    for end, plurals in (("ais", ("ie", "ajiem")), ("ā", ("ās", "ajām")), ("is", ("i", "iem")),
                         ("s", ("i", "iem")), ("š", ("i", "iem")), ("a", ("as", "ām")), ("e", ("es", "ēm"))):
        if role.endswith(end):
            stem = role[: -len(end)]
            return {stem + p for p in plurals}
    return set()


def feminine_of(role: str) -> list[str]:
    """Candidate feminine forms of a masculine role noun (skolotājs -> skolotāja, metodiķis ->
    metodiķe, koordinators -> koordinatore); the caller keeps those that are roles."""
    if role.endswith("is"):
        return [role[:-2] + "e"]
    if role.endswith(("s", "š")):
        return [role[:-1] + "a", role[:-1] + "e"]
    return []


def _add_role(first: dict[str, str], options: dict[str, tuple[str, ...]], form: str, roles: tuple[str, ...]) -> None:
    """Record that `form` can be each of `roles`: the first role seen keeps `first[form]`."""
    first.setdefault(form, roles[0])
    for r in roles:
        if r not in options.get(form, ()):
            options[form] = options.get(form, ()) + (r,)


def _read_tsv(name: str) -> list[list[str]]:
    path = LEX_DIR / name
    if not path.exists():
        return []
    return [l.rstrip("\n").split("\t") for l in path.read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]


@lru_cache(maxsize=1)
def get() -> Lexicon:
    """The lexicons, once per process: from the per-user cache (`extract.cache`) when an
    earlier process built them from the same files and code, else built here."""
    from ..cache import cached

    sources = [p for p in LEX_DIR.iterdir() if p.is_file()] + [Path(__file__), Path(declension.__file__)]
    return cached("ner-lexicon", sources, build)


def _add_places(lex: Lexicon) -> None:
    """places.tsv, countries first so that a country wins over a same-form city."""
    rows = _read_tsv("places.tsv")
    order = {"country": 0, "continent": 1, "region": 2, "city": 3}
    rows.sort(key=lambda r: order.get(r[2], 9))
    for name, cc, kind in rows:
        entry = PlaceEntry(name, cc or None, kind)
        lex.places[name] = entry
        for f in declension.all_forms(name, place=True):
            toks = tuple(f.split(" "))
            if len(toks) == 1:
                lex.place_forms.setdefault(f, entry)
            else:
                lex.place_multi.setdefault(toks[0], {}).setdefault(toks, entry)


def _add_first_names(lex: Lexicon) -> None:
    for name, g in _read_tsv("first_names.tsv"):
        lex.first_names[name] = g
    for name, g in lex.first_names.items():
        for case, fs in declension.forms(name).items():
            for f in fs:
                if case == "nom" and f != name:
                    continue
                cur = lex.first_name_forms.get(f)
                if cur is None or (case == "nom" and cur[1] != "nom"):
                    lex.first_name_forms[f] = (name, case, g)


def _add_org_heads(lex: Lexicon) -> None:
    heads = [l[0] for l in _read_tsv("org_heads.txt")]
    for h in heads:
        for f in declension.all_forms(h):
            lex.org_heads.add(f.lower())
    lex.org_head_forms = head_forms(heads)
    lex.org_head_stems = tuple(sorted({h[:-1].lower() for h in heads if len(h) > 4}))


def _add_roles(lex: Lexicon) -> None:
    feature_roles = [r for (r,) in _read_tsv("roles.txt")]
    role_names = feature_roles + [r for (r,) in _read_tsv("roles_participants.txt")]
    known_roles, in_feature = set(role_names), set(feature_roles)
    for r in role_names:
        singular = {f.lower() for f in declension.all_forms(r)}
        plurals = {f.lower() for f in plural_forms(r)}
        lex.attach_plurals |= plurals
        for f in singular:
            _add_role(lex.attach_roles, lex.attach_role_options, f, (r,))
            if r in in_feature:
                _add_role(lex.roles, lex.role_options, f, (r,))
        # a masculine plural names women too (`skolotāji Sergejs Ivanovs un Oksana Petrova`)
        for f in plurals:
            _add_role(lex.attach_roles, lex.attach_role_options, f,
                      (r,) + tuple(x for x in feminine_of(r) if x in known_roles))


def _add_word_lists(lex: Lexicon) -> None:
    for ab, name in _read_tsv("org_abbreviations.tsv"):
        lex.org_abbreviations[ab] = name
    for w, z in _read_tsv("word_freq_lv.tsv"):
        lex.word_zipf[w] = float(z)
    for name, g, _cc in _read_tsv("first_names_foreign.tsv"):
        lex.foreign_first_names[name] = g
    for w, kind in _read_tsv("products.tsv"):
        lex.products[w] = kind
    foreign: dict[str, set[str]] = {"end": set(), "suffix": set(), "start": set()}
    for w, where in _read_tsv("org_heads_foreign.tsv"):
        foreign[where].add(w.lower())
    lex.foreign_org_heads = {k: frozenset(v) for k, v in foreign.items()}
    speech = set()
    for row in _read_tsv("word_classes.tsv"):
        lex.word_class[row[0]] = row[1]
        if len(row) > 2 and row[2] == "speech":
            speech.add(row[0])
    lex.speech_forms = frozenset(speech)


def _add_foreign_words(lex: Lexicon) -> None:
    """towns.tsv and words_en.tsv (scripts/foreign_lexicons.py)."""
    for row in _read_tsv("towns.tsv"):
        name, cc = row[0], row[1]
        lex.towns[name] = cc
        if len(row) > 2 and row[2] == "lv":
            for f in declension.all_forms(name, place=True):
                lex.town_forms.setdefault(f, (name, cc))
    names = set()
    for row in _read_tsv("words_en.tsv"):
        lex.english[row[0]] = float(row[1])
        if len(row) > 2 and row[2] == "name":
            names.add(row[0])
    lex.english_names = frozenset(names)


def _add_corpus_lemmas(lex: Lexicon) -> None:
    lem = LEX_DIR / "lemmas.json"
    if lem.exists():
        data = json.loads(lem.read_text(encoding="utf-8"))
        lex.lemmas = data.get("forms", {})
        lex.common_lower = set(data.get("common_lower", []))
        lex.suffix_rules = {k: {s: (int(v[0]), v[1]) for s, v in d.items()} for k, d in data.get("suffix_rules", {}).items()}


def build() -> Lexicon:
    """The lexicons from the data files, every name expanded to its case forms."""
    lex = Lexicon()
    for add in (_add_places, _add_first_names, _add_org_heads, _add_roles, _add_word_lists, _add_foreign_words,
                _add_corpus_lemmas):
        add(lex)
    return lex


def head_forms(heads: Iterable[str]) -> dict[str, tuple[str, str, str, str]]:
    """Singular case forms of one-word head nouns (`aģentūrai`, `parku`), lower case ->
    (nominative, case, gender, number): what turns a name's head back to the nominative."""
    out: dict[str, tuple[str, str, str, str]] = {}
    for h in heads:
        if " " in h:
            continue
        for d in declension.decl_of(h):
            gender, number, nom_end, endings, alt = declension.PARADIGMS[d]
            if number != "sg" or not h.endswith(nom_end):
                continue
            stem = h[: len(h) - len(nom_end)]
            for case in declension.CASES:
                for f in {stem + endings[case]} | ({declension.alternate(stem) + endings[case]} if case in alt else set()):
                    out.setdefault(f.lower(), (h, case, gender, number))
    return out


def apply_suffix_rules(lex: Lexicon, kind: str, word: str) -> str:
    """Corpus-learnt fallback: the most frequent (strip, add) for the word's longest known suffix."""
    rules = lex.suffix_rules.get(kind, {})
    low = word.lower()
    for k in (5, 4, 3, 2, 1):
        if len(low) > k + 1 and low[-k:] in rules:
            strip, add = rules[low[-k:]]
            return word[: len(word) - strip] + add if strip else word + add
    return word
