"""People, places and organisations in Latvian text (CRF trained on FullStack-LV + lexicons).

    rec = get_recognizer()                  # loaded once per process
    res = rec.recognize(text, sentences)    # EntityResult(persons, places, organizations)

Offsets of every mention index `text` (`mention.text == text[start:end]`). Names are
reported in the nominative (`Jānim Bērziņam` -> `Jānis Bērziņš`, `Ventspilī` -> `Ventspils`),
one item per distinct entity. Contract rules (../shared/ANNOTATION.md): a person's name
inside an organisation's name is not a person; a place inside an organisation's name is a
place; `Eiropas Savienība` is an organisation, `Eiropa` a continent; an abbreviation
defined in the text (`... aģentūra (VIAA)`) links later mentions to its organisation.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from . import declension
from .ner import lexicon as lexmod
from .ner.crf import CRFModel
from .ner.features import DocStats, FastTagger, stem
from .ner.tokenize import PARTICLES, split_sentences, tokenize
from .ner.truecase import in_capitals, recase, recase_first_names
from .records import Mention, Organization, Person, Place

LEXICON_INNER_PLACES = os.environ.get("EXTRACT_NER_LEXINNER", "0") == "1"
PROPAGATE = os.environ.get("EXTRACT_NER_PROPAGATE", "1") == "1"
VOTE = os.environ.get("EXTRACT_NER_VOTE", "1") == "1"
EPONYMS = os.environ.get("EXTRACT_NER_EPONYMS", "1") == "1"
CORPUS_NAME_CASES = os.environ.get("EXTRACT_NER_NAMECASES", "1") == "1"
NAMED_BODIES = os.environ.get("EXTRACT_NER_NAMEDBODIES", "1") == "1"
PRODUCTS = os.environ.get("EXTRACT_NER_PRODUCTS", "1") == "1"
FOREIGN_NAMES = os.environ.get("EXTRACT_NER_FOREIGNNAMES", "1") == "1"
NAME_HINTS = os.environ.get("EXTRACT_NER_NAMEHINTS", "1") == "1"
ADDRESS_TITLES = os.environ.get("EXTRACT_NER_ADDRTITLES", "1") == "1"
WORK_TITLES = os.environ.get("EXTRACT_NER_WORKTITLES", "1") == "1"
FIRST_NAME_LEFT = os.environ.get("EXTRACT_NER_FIRSTLEFT", "1") == "1"
EPONYM_BODIES = os.environ.get("EXTRACT_NER_EPONYMBODIES", "1") == "1"
STATE_ABBRS = os.environ.get("EXTRACT_NER_STATEABBRS", "1") == "1"
LOCATIVE_PERSONS = tuple(os.environ.get("EXTRACT_NER_LOCPERSONS", "ā os ās ēs īs ūs").split())
LOCATIVE_FIRST_NAMES = os.environ.get("EXTRACT_NER_LOCFIRST", "1") == "1"
UNIT_NAMES = os.environ.get("EXTRACT_NER_UNITNAMES", "1") == "1"
UNIT_PLACES = os.environ.get("EXTRACT_NER_UNITPLACES", "1") == "1"
SCHOOL_TAIL = os.environ.get("EXTRACT_NER_SCHOOLTAIL", "1") == "1"
ORG_SPLIT = os.environ.get("EXTRACT_NER_ORGSPLIT", "1") == "1"
NATURE_ORGS = os.environ.get("EXTRACT_NER_NATUREORGS", "1") == "1"
CONTRACT_ORGS = os.environ.get("EXTRACT_NER_CONTRACT", "1") == "1"
EU_BODIES = os.environ.get("EXTRACT_NER_EUBODIES", "1") == "1"
CONTEXT_COUNTRY = os.environ.get("EXTRACT_NER_CTXCOUNTRY", "1") == "1"
PLACE_TAIL = os.environ.get("EXTRACT_NER_PLACETAIL", "1") == "1"
CAPS_PLACES = os.environ.get("EXTRACT_NER_CAPSPLACES", "1") == "1"
PLURAL_UNITS = os.environ.get("EXTRACT_NER_PLURALUNITS", "1") == "1"
TITLES = os.environ.get("EXTRACT_NER_TITLES", "1") == "1"
KNOWN_BODIES = os.environ.get("EXTRACT_NER_KNOWNBODIES", "1") == "1"
MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner.crfsuite"

# organisations the corpus sometimes tags as places; the contract says organisation
ORG_NOT_PLACE = {"Eiropas Savienība", "Eiropas Komisija", "Eiropas Parlaments", "Eiropas Padome",
                 "Apvienoto Nāciju Organizācija", "NATO", "ANO", "ES"}
# funding programmes are neither organisations nor places nor persons
PROGRAMMES = {"Erasmus+", "Erasmus", "Erasmus +", "Nordplus", "Interreg", "eTwinning", "Comenius", "Grundtvig",
              "Leonardo da Vinci", "Horizon", "Apvārsnis", "Creative Europe", "Radošā Eiropa"}
_PROGRAMMES_FOLDED = {p.casefold() for p in PROGRAMMES}  # ERASMUS+ in a title in capitals too
# a code, not a body's name: `LV01-KA121-SCH-000123962` (a project code's part; `TV3`, `TEC-2` are names)
_CODE_SHAPE = re.compile(r"(?=.*\d)[A-Z0-9]+(?:[-/.][A-Z0-9]+){2,}")
# states by their abbreviation: places wherever they stand (name, country, kind)
STATE_ABBREVIATIONS = {"LR": ("Latvija", "LV", "country"), "PSRS": ("PSRS", None, "country"),
                       "NVS": ("NVS", None, "region"), "LPSR": ("Latvijas PSR", "LV", "region")}
# abbreviations of EU-funds terms that are no bodies (`SAM projekts`: specifiskā atbalsta mērķis)
NOT_BODIES = {"SAM", "ITI", "STEM", "STEAM", "IKT", "IT"}  # and fields of study (`STEM mācību jomā`)
# abbreviations that name an organisation even where the CRF did not tag them
SURE_ABBREVIATIONS = {"EK", "VIAA", "IZM", "ESF", "ERAF", "VISC", "IKVD", "CFLA", "LIAA", "NVA", "VARAM", "VID", "LDz"}
QUOTE_FIX = os.environ.get("EXTRACT_NER_QUOTES", "1") == "1"
QUOTES = {'"', "'", "„", "“", "”", "«", "»", "''"}
PERSON_FILTERS = os.environ.get("EXTRACT_NER_PFILTER", "acCpgntwW")
# a one-word "person" this common in lower case (Zipf, wordfreq) is a common noun (Senāts, Pūķis)
WF_MIN = 3.5
# every name has a vowel (Gbps, Mbps: units)
NAME_VOWELS = frozenset(declension.VOWELS | set("yáéíóúäöüåæø"))
RECASE = os.environ.get("EXTRACT_NER_RECASE", "1") == "1"
PLACE_BEFORE_QUOTE = os.environ.get("EXTRACT_NER_PLACEQ", "1") == "1"
PLACE_WF = os.environ.get("EXTRACT_NER_PLACEWF", "1") == "1"
# how many words may stand between a role noun and the name it belongs to, and the word
# classes that end the search (a verb, a conjunction, a pronoun: `direktors stāsta, ka Anna`)
ROLE_REACH = 6
ROLE_STOP_CLASSES = {"VERB", "AUX", "CCONJ", "SCONJ", "PRON"}
CASE_BREAK = os.environ.get("EXTRACT_NER_CASEBREAK", "1") == "1"
# endings of forms that may be a foreign name left undeclined (Šaišmelašvili, Netrebko, Andrē); -u is
# an accusative as often (Ģirtu), so it counts only in a surname
MAYBE_INDECLINABLE = tuple(e for e in declension.INDECLINABLE_ENDINGS if e != "u") + ("i",)
# a surname ending the case rule does not judge: maybe undeclined, or -ā, also a definite
# adjective's genitive (Ivana Bargā)
_SURNAME_UNJUDGED = MAYBE_INDECLINABLE + ("u", "ā")
# academic and professional titles before a name are not part of it (Dr. Jānis Bērziņš)
PERSON_TITLES = {"dr.", "dr", "prof.", "prof", "asoc.", "doc.", "mg.", "bc.", "phd", "ph.d.", "mgr.", "ing.",
                 "misters", "mistera", "misteram", "mister", "mis", "misis", "sers", "sera", "seram", "ser"}
# titles of rank before a name, which the corpus never counts in the name, even capitalised
# (Lielkņaza Dmitrija Pavloviča, Princis Čārlzs): cut off like Dr.
RANK_TITLES = ("karalis", "karaliene", "princis", "princese", "kņazs", "lielkņazs", "hercogs", "hercogiene", "grāfs",
               "grāfiene", "barons", "baronese", "cars", "cariene", "imperators", "imperatore", "pāvests")
# a holiday named after a saint (Miķeļdiena, Mārtiņdienā) is not a person
HOLIDAY_ENDINGS = ("diena", "dienas", "dienā", "dienai", "dienu")
# planets (Saule, Zeme and Mēness are also common nouns or a first name: left to the tagger); not
# people, nor the contract's places (the corpus marks them as locations)
PLANETS = ("Merkurs", "Venera", "Marss", "Jupiters", "Saturns", "Urāns", "Neptūns", "Plutons")
# the plural forms of the holidays named after a saint (Jāņi, Jurģi, Miķeļi, Mārtiņi, Meteņi) that
# no man's name shares in the singular (Jurģi, Mārtiņu are Jurģis's and Mārtiņš's accusatives)
HOLIDAY_FORMS = {"Jāņu", "Jāņos", "Jāņiem", "Jāņus", "Jurģu", "Jurģos", "Jurģiem", "Jurģus", "Miķeļu", "Miķeļos",
                 "Miķeļiem", "Mārtiņos", "Mārtiņiem", "Meteņi", "Meteņu", "Meteņos", "Meteņiem"}
# legal forms before a quoted name (`biedrība "X"`, `SIA "Y"`); the abbreviations are kept in the name
LEGAL_FORMS = ("biedrība", "nodibinājums", "kooperatīvs", "kooperatīvā sabiedrība", "zemnieku saimniecība")
# nouns of bodies that introduce the body's name (`apgāds Jumava`), besides the head nouns of org_heads.txt
NAMING_NOUNS = ("apgāds", "firma")
# nouns of works whose quoted title follows them (`baletu "Romeo un Džuljeta"`)
WORK_NOUNS = ("balets", "filma", "grāmata", "izrāde", "dziesma", "programma", "raidījums", "mūzikls", "opera",
              "luga", "romāns", "stāsts", "albums", "izstāde", "spektaklis", "seriāls", "dzejolis", "glezna",
              "pasaka", "krājums", "dzejoļkrājums", "multfilma", "kinofilma", "uzvedums", "koncertprogramma")
_TITLE_STOPS = {"‘", "’", ".", "!", "?"}  # what a search for a title's quote marks stops at
# titles of address after a surname in the genitive (`Bērziņa kungs`, `Liepiņas kundze`)
ADDRESS_TITLE_WORDS = ("kungs", "kundze", "jaunkundze")
# prepositions that take the genitive (a name after one is in it: `no Valērija Kargina`)
GENITIVE_PREPOSITIONS = {"no", "pie", "bez", "līdz", "pēc", "aiz", "priekš", "virs", "zem", "pretī", "apkārt"}
LOCATIVE_ENDINGS = ("ā", "ē", "ī", "ū", "os", "ās", "ēs", "īs", "ūs")
LEGAL_ABBREVIATIONS = {"SIA", "AS", "IK", "ZS", "PSIA", "VSIA", "KS", "PS", "OÜ", "UAB", "GmbH"}
# what a project's title follows (`projektu "Zaļā skola"`: a title, not a school)
PROJECT_NOUNS = {"projekts", "projekta", "projektu", "projektā", "projektam", "projekti", "projektiem",
                 "projektos", "projektus", "apakšprojekts", "apakšprojektu", "apakšprojektā", "apakšprojekta",
                 "iniciatīva", "iniciatīvu", "iniciatīvā", "iniciatīvas", "kampaņa", "kampaņu", "kampaņā", "kampaņas"}
# bodies that a programme's name may open (`Erasmus+ nacionālā aģentūra`, `Nordplus birojs`)
PROGRAMME_BODIES = {"aģentūra", "birojs", "centrs", "komiteja", "padome", "nodaļa", "sekretariāts", "apvienība",
                    "asociācija", "tīkls", "fonds"}
# head nouns of schools: a "place" the tagger ends with one (Valmieras skolas) is the town alone
SCHOOL_HEADS = {"skola", "vidusskola", "pamatskola", "sākumskola", "ģimnāzija", "licejs", "tehnikums", "koledža",
                "universitāte", "augstskola", "akadēmija", "arodskola", "internātskola", "bērnudārzs"}
# things named after a person, whose name before them is no person mention (Alcheimera slimība,
# Lāčplēša diena, Ginesa rekords, Triju Zvaigžņu ordenis): the corpus's train + dev mark none of
# 56 such names as persons (they are events or entities there)
EPONYM_HEADS = ("diena", "svētki", "slimība", "sindroms", "ordenis", "medaļa", "prēmija", "balva", "stipendija",
                "rekords", "piramīda", "efekts", "likums", "teorēma")
_ROMAN = re.compile(r"[IVXLC]+")
# bodies named after their place alone (Kuldīgas novada pašvaldība, Rīgas dome)
MUNICIPAL_HEADS = {"pašvaldība", "dome", "administrācija"}
CITY_NOUNS = ("pilsēt", "galvaspilsēt", "valstspilsēt")
TOWN_NOUNS = CITY_NOUNS + ("ciem", "novad", "reģion", "provinc", "apgabal")
NAME_PARTICLES = set(PARTICLES)
DEF_ADJ_ENDINGS = ("ais", "ajam", "ajai", "ajā", "ajos", "ajās", "ajiem", "ajām", "ajā")
SENT_OPENERS = {".", "!", "?", '"', "«", "„", "“", "(", "-", "–", ":", "..."}
REGION_HEADS = {"novads": "region", "pagasts": "region", "apgabals": "region", "reģions": "region",
                "province": "region", "rajons": "region", "štats": "region", "apriņķis": "region",
                "pilsēta": "city", "ciems": "city", "sala": "region", "jūra": "region", "ezers": "region",
                "upe": "region", "līcis": "region"}


@dataclass
class EntityResult:
    persons: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


def _case_mismatch(word: str, cases: frozenset[str]) -> bool:
    """Whether a capitalised name word cannot be in any of `cases` (oblique cases only): it
    has a nominative-only ending (-š, -s after a consonant, -is), or all its oblique readings
    are in other cases. Initials, numbers and words that may be undeclined never mismatch."""
    w = word.rsplit("-", 1)[-1]
    if not (w[:1].isupper() and w.isalpha() and len(w) > 2):
        return False
    low = w.lower()
    if low.endswith("š") or low.endswith("is") or (low.endswith("s") and low[-2] not in declension.VOWELS):
        return True
    if low.endswith(_SURNAME_UNJUDGED):
        return False
    oblique = {c.case for c in declension.candidates(w) if c.case != "nom" and c.decl != "0" and c.number == "sg"}
    return bool(oblique) and not oblique & cases


_INITIAL = re.compile(r"[A-ZĀČĒĢĪĶĻŅŠŪŽ]\.")


def _surname_form(word: str, surname: str) -> bool:
    """Whether `word` is written as `surname` or one of its case forms (`Bērziņa` of Bērziņa)."""
    return word == surname or word in declension.all_forms(surname)


@dataclass
class _Span:
    kind: str           # persons / places / organizations
    start: int          # char offsets
    end: int
    words: list[str]
    ti: int = 0         # token index of the first word in the whole text
    tj: int = 0         # token index after the last word

    def relabel(self, kind: str) -> "_Span":
        """The same words as another kind of entity."""
        return _Span(kind, self.start, self.end, self.words, self.ti, self.tj)


STREET_HEADS = ("iela", "bulvāris", "prospekts", "gatve", "šoseja", "aleja", "laukums", "krastmala", "dambis")
FACILITY_HEADS = STREET_HEADS + ("tilts", "nams", "pils", "zāle", "halle", "stadions", "katedrāle", "baznīca",
                                 "pagrabs", "mikrorajons", "kvartāls")


# natural features: not among the contract's places (Baltijas jūra, Gaujas Nacionālais parks); a
# name right before one, or before `ciems`, in lower case is not a person (Abula upi, Lubāna ezers)
NATURE_HEADS = ("upe", "upīte", "ezers", "kalns", "sala", "jūra", "līcis", "purvs", "mežs", "parks", "dārzs",
                "muiža", "pussala", "ieleja", "ūdenskritums", "pludmale", "strauts", "avots", "grava", "rumba",
                "krāce", "dīķis", "kāpa", "pilskalns", "ala", "klints", "iezis", "kanāls", "ūdenskrātuve")
NATURE_OR_VILLAGE_HEADS = NATURE_HEADS + ("ciems",)
# plural forms of natural features' nouns, after coordinated names (`Mēmeles un Mūsas upju`)
NATURE_PLURALS = {"upes", "upju", "upēm", "upēs", "ezeri", "ezeru", "ezeriem", "ezeros", "kalni", "kalnu",
                  "kalniem", "kalnos", "salas", "salu", "salām", "salās", "jūras", "jūru", "jūrām", "jūrās",
                  "meži", "mežu", "mežiem", "mežos", "purvi", "purvu", "purviem", "purvos", "līči", "līču",
                  "līčiem", "līčos", "parki", "parku", "parkiem", "parkos", "upītes", "upīšu", "upītēm"}
# administrative units whose name is `<place> <unit>` (Kurmāles pagasts, Jelgavas pilsēta)
UNIT_GENITIVES = {"novada", "pagasta", "pilsētas", "apgabala", "provinces", "reģiona", "rajona", "apriņķa", "štata",
                  "grāfistes", "kantona"}
ADMIN_UNIT_HEADS = ("novads", "pagasts", "pilsēta", "rajons", "apriņķis")
# plural-only forms of the units' nouns (`Latgales novadiem`, `Vidzemes pagastos`: many units of
# a region, no unit's name; the corpus leaves 12 of 13 capitalised-word + plural-unit pairs out);
# `novadu`, `pilsētas` are also singular and are not here
PLURAL_UNIT_FORMS = frozenset(
    [stem + end for stem in ("novad", "pagast", "reģion", "rajon", "apgabal", "štat")
     for end in ("i", "iem", "us", "os")]
    + ["apriņķi", "apriņķiem", "apriņķus", "apriņķos", "pilsētām", "pilsētās", "provincēm", "provincēs",
       "ciemi", "ciemiem", "ciemus", "ciemos", "ciemati", "ciematiem", "ciematos"])
# a token of place names joined by hyphens (Latvijas-Igaunijas-Krievijas pārrobežu programma)
_HYPHENS = re.compile(r"[-‐‑–]")


# `valsts` (one state) and `valstis` (states: Baltijas valstis, Ziemeļvalstis) in their case forms
_STATES = {"valsts": "valsts", "valstij": "valsts", "valstī": "valsts", "valstis": "valstis", "valstu": "valstis",
           "valstīm": "valstis", "valstīs": "valstis"}
# lower-case words a place's name may end in (`Ādažu novads`, `Baltijas valstis`, `Gaujas
# Nacionālais parks`, `Brīvības iela`); after another (`Liepājas uzņēmumos`) the name has ended
PLACE_TAIL_HEADS = tuple(REGION_HEADS) + ADMIN_UNIT_HEADS + NATURE_OR_VILLAGE_HEADS + FACILITY_HEADS + (
    "valsts", "valstis", "zeme", "krasts", "piekraste", "pierobeža", "centrs", "ciemats", "priekšpilsēta",
    "okeāns", "kanāls", "līdzenums", "zemiene", "augstiene", "kalni", "salas", "kapi", "dārzs", "arēna",
    "guberņa", "kantons", "grāfiste", "vojevodiste", "apkaime", "estrāde", "muižiņa", "sēta")
# their plurals that end names (`Kanāriju salās`, `Alpu kalnos`; `valstīs`: _STATES)
_PLACE_TAIL_PLURALS = frozenset({"salas", "salu", "salām", "salās", "kalni", "kalnu", "kalniem", "kalnos", "kalnus"})


@lru_cache(maxsize=None)
def _forms_of(heads: tuple[str, ...]) -> frozenset[str]:
    """Every case form of some head nouns (FACILITY_HEADS, NATURE_HEADS, ...), made once per tuple."""
    return frozenset(f for h in heads for f in declension.all_forms(h))


def _name_key(w: str) -> str | None:
    """The stem a capitalised word (not in capitals, over three letters) is matched by across
    a document (Federika / Federikai); None for other words."""
    return stem(w.lower()) if len(w) > 3 and w[:1].isupper() and not w.isupper() else None


def _never_a_person(w: str) -> bool:
    """A planet or a plural form of a saint's holiday (Marsu, Jāņu): whatever the tagger or the
    document's other names say."""
    return w in HOLIDAY_FORMS or w in _forms_of(PLANETS)


@lru_cache(maxsize=1)
def _feature_head_forms() -> dict[str, tuple[str, str, str, str]]:
    """Case forms of the head nouns of natural features and facilities (`parku`, `ezerā`)."""
    return lexmod.head_forms(NATURE_OR_VILLAGE_HEADS + FACILITY_HEADS)


@lru_cache(maxsize=1)
def _region_head_of() -> dict[str, str]:
    """A case form of a REGION_HEADS noun -> the noun (the first in REGION_HEADS that has it)."""
    out: dict[str, str] = {}
    for head in REGION_HEADS:
        for f in declension.all_forms(head):
            out.setdefault(f, head)
    return out


def _is_abbreviation(word: str) -> bool:
    """Two or three capital letters (`AES`, `ST`), not a Roman numeral."""
    return 2 <= len(word) <= 3 and word.isalpha() and word.isupper() and not _ROMAN.fullmatch(word)


# small words inside foreign institutions' names (Escola Secundária de Camões, Szkoła nr 5 w Gdańsku)
_NAME_CONNECTORS = frozenset({"de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "of",
                              "and", "und", "&", "y", "e", "i", "im", "am", "der", "ja", "og", "och", "nr", "nr.", "w"})


def _name_part(word: str) -> bool:
    """A word that can be inside a foreign institution's name: capitalised, a number or
    ordinal (`21.`), or a small connecting word."""
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in _NAME_CONNECTORS


# parts of a body that head its name but are no model feature (org_heads.txt is one): the
# name's head is the last of them (`Islandes Universitātes Izglītības fakultāte`)
SUBUNIT_HEADS = ("fakultāte", "katedra", "filiāle", "nodaļa", "sektors", "programma", "skola", "institūts",
                 "laboratorija", "dienests", "birojs", "direkcija", "kolēģija")


def _head_to_nominative(words: list[str], forms: dict[str, tuple[str, str, str, str]]) -> list[str]:
    """A name's last head noun (one of `forms`, see lexicon.head_forms) and the definite
    adjectives agreeing with it, back in the nominative (`Eiropas Sociālajam fondam` ->
    `Eiropas Sociālais fonds`, `Gaujas Nacionālo parku` -> `Gaujas Nacionālais parks`)."""
    head_i = None
    quoted = [i for i, w in enumerate(words) if w in QUOTES]
    last = quoted[0] if quoted and quoted[0] > 0 else len(words)  # biedrību "X centrs": the head is before the quote
    for i in range(last - 1, -1, -1):
        if words[i].lower() in forms:
            head_i = i
            break
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
        if ce and a.endswith(ce) and len(a) > len(ce) + 2:
            new[j] = a[: -len(ce)] + ends["nom"]
            j -= 1
        else:
            break
    return new


def _readings(form: str, nominatives) -> set[tuple[str, str]]:
    """(case, gender) of the singular readings of `form` whose nominative is in `nominatives`."""
    return {(c.case, c.gender) for c in declension.candidates(form) if c.number == "sg" and c.nominative in nominatives}


def _gender_of_ending(word: str) -> str | None:
    """m / f by a nominative's ending: -s/-š masculine (Bērziņš, vadītājs), -a/-e feminine
    (Ozoliņa, koordinatore); None otherwise."""
    w = word.lower()
    if w.endswith(("s", "š")):
        return "m"
    if w.endswith(("a", "e")):
        return "f"
    return None


def _can_be_genitive(word: str) -> bool:
    """Whether a word of a name can be in the genitive case (`Jāņa`, `Ivanova`, `Ozoliņas`,
    `J.`): a school named after a person takes the name in the genitive, so a name that is
    plainly nominative (`Liene`, `Šomase`, `Bērziņš`, `Kalns`) does not start an organisation's name."""
    w = word.lower()
    if w.endswith(".") or not w[-1:].isalpha():
        return True
    return not (w.endswith(("e", "š")) or (w.endswith("s") and not w.endswith(("as", "es", "us"))))


def _in_capitals(tokens, k: int, around: int = 6) -> bool:
    """Whether the words around token k are written in capitals (a headline: `DIDZIS OZOLS`)."""
    words = [t[0] for t in tokens[max(0, k - around):k + around + 1] if len(t[0]) > 3 and t[0].isalpha()]
    return bool(words) and sum(w.isupper() for w in words) * 2 >= len(words)


# a web or e-mail address (a capitalised bare domain is a name: `LSM.lv`, `"Firmas.lv"`)
_ADDRESS = re.compile(r"(?i:https?://|www\.)\S|[^\s@]+@[^\s@]+\.\w|[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:lv|lt|ee|eu|com|org|net)(?:/|$)")


def _unmatched_opening(tokens, ti: int, tj: int) -> bool:
    """Whether the quote mark at token `ti` opens a quotation that tokens[ti:tj] do not close:
    marks glued to the next token open, marks glued to the previous one close."""
    depth = 0
    for k in range(ti, tj):
        if tokens[k][0] not in QUOTES:
            continue
        glued_before = k > 0 and tokens[k - 1][2] == tokens[k][1]
        glued_after = k + 1 < len(tokens) and tokens[k + 1][1] == tokens[k][2]
        if glued_after and not glued_before:
            depth += 1
        elif glued_before and not glued_after and depth > 0:
            depth -= 1
            if depth == 0 and k > ti:
                return False  # the first mark's quotation closes inside
        else:
            return False  # a mark of unknown direction: leave the span as it was
    return depth > 0


def _fold(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", s.lower()) if ch.isalnum() and ord(ch) < 128)


def _spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first, end) of the BIO spans in `tags`; an I- without its B- starts a span."""
    out, cur = [], None
    for i, t in enumerate(tags):
        if t == "O":
            if cur:
                out.append(tuple(cur))
                cur = None
        elif t[0] == "B" or cur is None or cur[0] != t[2:]:
            if cur:
                out.append(tuple(cur))
            cur = [t[2:], i, i + 1]
        else:
            cur[2] = i + 1
    if cur:
        out.append(tuple(cur))
    return out


@lru_cache(maxsize=None)
def _outer_inner(label: str) -> tuple[str, str]:
    """The CRF's joint label `B-PER|B` -> the outer tag and the inner place tag."""
    p = label.split("|")
    return p[0], (("B-P" if p[1] == "B" else "I-P") if len(p) > 1 else "O")


class _Containment:
    """Whether a token range lies within one of some ranges: the ranges sorted by start, with
    the furthest end reached by any range starting at or before each (a bisect per query
    instead of a scan of every range)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        rs = sorted(ranges)
        self.starts = [a for a, _b in rs]
        self.reach: list[int] = []
        far = -1
        for _a, b in rs:
            far = max(far, b)
            self.reach.append(far)

    def __call__(self, ti: int, tj: int) -> bool:
        k = bisect_right(self.starts, ti)
        return k > 0 and self.reach[k - 1] >= tj


def _line_cuts(text: str, tokens: Sequence[tuple[str, int, int]]) -> list[int]:
    """Token indices k (0 < k < len(tokens)) with a line break between tokens k-1 and k, in
    order (tokens never hold a newline)."""
    starts = [s for _f, s, _e in tokens]
    cuts = set()
    at = text.find("\n")
    while at >= 0:
        cuts.add(bisect_right(starts, at))
        at = text.find("\n", at + 1)
    return sorted(c for c in cuts if 0 < c < len(tokens))


def _ranges(cuts: Iterable[int], n: int) -> list[range]:
    """0..n cut before each index of `cuts` (ascending, each within 1..n-1)."""
    bounds = [0, *cuts, n]
    return [range(a, b) for a, b in zip(bounds, bounds[1:])]


def _tagging_units(text: str, tokens: Sequence[tuple[str, int, int]],
                   sentences: Sequence[tuple[int, int]]) -> list[range]:
    """The tokens of each sentence, as ranges of token indices; a newline between two tokens
    of a sentence also ends a unit. A token belongs to the first sentence (in order) that ends
    after its start, so tokens between two sentences go with the next one."""
    n = len(tokens)
    if not n:
        return []
    starts = [s for _f, s, _e in tokens]
    cuts = set(_line_cuts(text, tokens))
    reach = 0  # tokens before this index are past every sentence seen so far
    for _s, e in sorted(sentences):
        reach = max(reach, bisect_left(starts, e))
        if 0 < reach < n:
            cuts.add(reach)
    return _ranges(sorted(cuts), n)


class EntityRecognizer:
    def __init__(self, model_path: Path | str = MODEL_PATH):
        self.lex = lexmod.get()
        self.model = CRFModel(model_path)
        self.tagger = FastTagger(self.model, self.lex)
        self._fn_cases: dict[str, frozenset[str]] = {}  # word -> cases it can be in as a first name
        # models trained with document features carry them in their attribute list
        self.doc_features = any(a in self.model.attr_id for a in ("d_afterfn", "d_lower", "d_capmid"))
        # the head forms that decide an organisation name's nominative: the lexicon's and SUBUNIT_HEADS
        self._naming_heads = {**lexmod.head_forms(SUBUNIT_HEADS), **self.lex.org_head_forms}
        # the full names of lexicons/org_abbreviations.tsv by their first word, longest first
        self._bodies: dict[str, list[tuple[int, str, str]]] = {}
        for full in self.lex.org_abbreviations.values():
            ws = full.split()
            if len(ws) > 1:
                self._bodies.setdefault(ws[0], []).append((len(ws), full.casefold(), ws[-1][:3].casefold()))
        for cands in self._bodies.values():
            cands.sort(reverse=True)

    # ------------------------------------------------------------------ tagging
    def tag_spans(self, text: str, sentences: list[tuple[int, int]] | None = None):
        """Raw entity spans: (list of _Span, tokens)."""
        tokens = tokenize(text)
        if sentences is None:
            sentences = split_sentences(text, tokens)
        groups = _tagging_units(text, tokens, sentences)
        out: list[_Span] = []
        forms = [f if f.isascii() else unicodedata.normalize("NFC", f) for f, _s, _e in tokens]
        all_words = [forms[g.start:g.stop] for g in groups]
        if RECASE:  # a headline in capitals, in running-text case for the tagger (ner/truecase.py)
            all_words = [recase(ws, self.lex) if in_capitals(ws) else recase_first_names(ws, self.lex)
                         for ws in all_words]
        doc = DocStats(all_words, self.lex) if self.doc_features else None
        all_labels = self.tagger.tag_document(all_words, doc)
        for g, words, labels in zip(groups, all_words, all_labels):
            both = [_outer_inner(l) for l in labels]
            outer = [o for o, _ in both]
            inner = [i for _, i in both]
            kinds = {"PER": "persons", "LOC": "places", "ORG": "organizations"}
            for t, a, b in _spans(outer):
                if t in kinds:
                    out.append(_Span(kinds[t], tokens[g[a]][1], tokens[g[b - 1]][2], words[a:b], g[a], g[b - 1] + 1))
            for t, a, b in _spans(inner):
                out.append(_Span("places", tokens[g[a]][1], tokens[g[b - 1]][2], words[a:b], g[a], g[b - 1] + 1))
        return out, tokens

    # ------------------------------------------------------------------ API
    def recognize(self, text: str, sentences: list[tuple[int, int]] | None = None) -> EntityResult:
        spans, tokens = self.tag_spans(text, sentences)
        spans = self._foreign_orgs(spans, tokens, text)
        spans = self._fix_spans(spans, tokens, text)
        if KNOWN_BODIES:
            spans = self._known_bodies(spans, tokens)
            spans = self._quoted_after_legal_form(spans, tokens, text)
        if CONTEXT_COUNTRY:
            spans = self._towns_after_country(spans, tokens)
        if VOTE:
            spans = self._vote_kinds(spans)
        if PROPAGATE:
            spans = self._propagate(spans, tokens)
        if EU_BODIES and CONTRACT_ORGS:
            spans = self._european_bodies(spans)
        if STATE_ABBRS:
            spans = self._state_abbreviations(spans, tokens)
        res = EntityResult()
        res.organizations = self._organizations([s for s in spans if s.kind == "organizations"], tokens, text)
        res.persons = self._persons([s for s in spans if s.kind == "persons"], tokens, text)
        res.places = self._places([s for s in spans if s.kind == "places"], tokens, text)
        return res

    # ------------------------------------------------------------------ post-processing
    def _towns_after_country(self, spans: list[_Span], tokens) -> list[_Span]:
        """`uz Norvēģijas pilsētu (Hamaru)`, `Zviedrijas pilsētā Ēstersundā`: a capitalised word
        that no span covers, right after a country in the genitive and a town's or region's
        noun (a bracket between them allowed), is a place; _country_before gives its country."""
        taken = sorted((sp.start, sp.end) for sp in spans)
        starts = [a for a, _b in taken]
        out = list(spans)
        for k in range(1, len(tokens) - 1):
            if self._country_noun_at(k, tokens) is None:
                continue
            j = k + 2 if tokens[k + 1][0] == "(" and k + 2 < len(tokens) else k + 1
            w, s, e = tokens[j]
            if not (w[:1].isupper() and w.isalpha() and len(w) > 2 and not w.isupper()):
                continue
            if w in PROGRAMMES or w.lower() in self.lex.org_heads:
                continue
            x = bisect_right(starts, s) - 1
            if x >= 0 and taken[x][1] > s or (x + 1 < len(taken) and taken[x + 1][0] < e):
                # taken: only a one-word "person" there gives way (`pilsētu (Hamaru)`: a town)
                same = [sp for sp in out if sp.start == s and sp.end == e and sp.kind == "persons"]
                if not same or any(sp.start < e and s < sp.end and sp.kind != "persons" for sp in out):
                    continue
                out = [sp for sp in out if sp not in same]
            out.append(_Span("places", s, e, [unicodedata.normalize("NFC", w)], j, j + 1))
        return sorted(out, key=lambda sp: (sp.start, sp.end))

    def _quoted_after_legal_form(self, spans: list[_Span], tokens, text: str) -> list[_Span]:
        """`biedrību "Latvijas Sarkanais Krusts"`, `nodibinājums „Ziedot.lv”`, `SIA "Mikrotīkls"`: a
        quoted capitalised name right after a legal form is an organisation where the CRF found
        none (as the CRF writes them: the quoted name, with `SIA`/`AS` before it); persons
        inside give way, places inside stay."""
        out = list(spans)
        n = len(tokens)
        for k in range(n - 3):
            form = tokens[k][0]
            if not (form in LEGAL_ABBREVIATIONS or form.lower() in _forms_of(LEGAL_FORMS)):
                continue
            if tokens[k + 1][0] not in QUOTES or not tokens[k + 2][0][:1].isupper():
                continue
            close = next((j for j in range(k + 2, min(n, k + 14)) if tokens[j][0] in QUOTES), None)
            if close is None or close == k + 2 or "\n" in text[tokens[k + 1][1]:tokens[close][2]]:
                continue
            a = k if form in LEGAL_ABBREVIATIONS else k + 1
            s, e = tokens[a][1], tokens[close][2]
            if any(sp.kind == "organizations" and sp.start < e and s < sp.end for sp in out):
                continue
            out = [sp for sp in out if not (sp.kind == "persons" and sp.start < e and s < sp.end)]
            words = [unicodedata.normalize("NFC", t[0]) for t in tokens[a:close + 1]]
            out.append(_Span("organizations", s, e, words, a, close + 1))
        return sorted(out, key=lambda sp: (sp.start, sp.end))

    def _known_bodies(self, spans: list[_Span], tokens) -> list[_Span]:
        """A known body's full name (lexicons/org_abbreviations.tsv) in any case form is an
        organisation even where the CRF took it for a place or missed it: `Eiropas Sociālā fonda
        Plus projektu` (the CRF: `Eiropas` a place), `Rīgas Tehniskajā universitātē`. Spans that
        overlap it give way, except places inside it (a place inside a name is a place) and an
        organisation that holds it whole (`Eiropas Komisijas Izglītības ģenerāldirektorāts`)."""
        if not self._bodies:
            return spans
        forms = [f if f.isascii() else unicodedata.normalize("NFC", f) for f, _s, _e in tokens]
        out = list(spans)
        i = 0
        while i < len(tokens):
            hit = 0
            for n, full, stem in self._bodies.get(forms[i], ()):
                # the head noun's first letters first: most `Valsts`, `Rīgas` open no known body
                if (i + n <= len(tokens) and forms[i + n - 1][:3].casefold() == stem
                        and self._org_name(forms[i:i + n]).casefold() == full):
                    hit = n
                    break
            if not hit:
                i += 1
                continue
            s, e = tokens[i][1], tokens[i + hit - 1][2]
            if not any(sp.kind == "organizations" and sp.start <= s and e <= sp.end for sp in out):
                out = [sp for sp in out
                       if sp.end <= s or sp.start >= e or (sp.kind == "places" and s <= sp.start and sp.end <= e)]
                out.append(_Span("organizations", s, e, forms[i:i + hit], i, i + hit))
            i += hit
        return sorted(out, key=lambda sp: (sp.start, sp.end))

    def _state_abbreviations(self, spans: list[_Span], tokens) -> list[_Span]:
        """`LR` (Latvijas Republika), `PSRS`, `NVS` are places wherever they stand, also inside a
        body's name (`LR Ekonomikas ministrija`: a place inside a name is a place mention); the
        CRF missed 10 of them in the CV folds."""
        have = {sp.ti for sp in spans if sp.kind == "places"}
        out = [sp for sp in spans if not (sp.kind == "persons" and len(sp.words) == 1
                                          and sp.words[0] in STATE_ABBREVIATIONS)]
        for k, (form, s, e) in enumerate(tokens):
            if form in STATE_ABBREVIATIONS and k not in have:
                out.append(_Span("places", s, e, [form], k, k + 1))
        return out

    def _european_bodies(self, spans: list[_Span]) -> list[_Span]:
        """`Eiropas Sociālais fonds`, `Eiropas Komisija`, `Eiropas Reģionālās attīstības fonds`: the
        `Eiropas` that opens a European body's name is no mention of the continent (the contract:
        `Eiropas Savienība` is an organisation, `Eiropa` a continent; the seeds' gold lists `Eiropa`
        only where the text speaks of the continent). The corpus tags it as an inner place in 27
        of 35 such train names; the contract wins. A continent that stands alone stays."""
        opens = {sp.start for sp in spans if sp.kind == "organizations" and len(sp.words) > 1}
        return [sp for sp in spans
                if not (sp.kind == "places" and len(sp.words) == 1 and sp.start in opens
                        and self._place_name(sp.words)[0] == "Eiropa")]

    def _foreign_orgs(self, spans: list[_Span], tokens, text: str) -> list[_Span]:
        """Foreign schools and universities by their head word (lexicons/org_heads_foreign.tsv):
        `Rothaugen skole`, `Oulun Lyseon lukio`, `Hagaskóli`, `IES Lluís Vives`, `Szkoła
        Podstawowa nr 5`. The CRF, trained on Latvian names, takes their words for people or
        misses them. A found name replaces the persons and organisations inside it (a person
        whose name a school bears is not a person mention) unless a longer organisation holds it;
        places inside stay places."""
        heads = self.lex.foreign_org_heads
        if not heads:
            return spans
        found: list[tuple[int, int]] = []
        n = len(tokens)
        suffixes = tuple(sorted(heads["suffix"]))  # str.endswith takes them all at once

        def joined(a: int, b: int) -> bool:  # tokens a and b on one line
            return "\n" not in text[tokens[a][2]:tokens[b][1]]

        for k, (form, _s, _e) in enumerate(tokens):
            low = form.lower()
            if low in heads["end"] or (form[:1].isupper() and len(low) > 6 and low.endswith(suffixes)):
                a = k
                while a > 0 and k - a < 7 and joined(a - 1, a) and (
                        _name_part(tokens[a - 1][0]) or (tokens[a - 1][0] == "." and a > 1 and tokens[a - 2][0].isdigit())):
                    a -= 1  # (`Tallinna 21. Kool`: the ordinal's dot is a token of its own)
                while a < k and tokens[a][0].lower() in _NAME_CONNECTORS:
                    a += 1
                if a < k or (low not in heads["end"] and form[:1].isupper()):
                    found.append((a, k + 1))
            elif low in heads["start"] and form[:1].isupper():
                b = k + 1
                while (b < n and b - k <= 8 and joined(b - 1, b) and _name_part(tokens[b][0])
                       and not (b > k + 1 and tokens[b][0] in self.lex.place_forms)):
                    b += 1
                while b > k + 1 and tokens[b - 1][0].lower() in _NAME_CONNECTORS:
                    b -= 1
                if b > k + 1:
                    found.append((k, b))
        if not found:
            return spans
        out = list(spans)
        for a, b in found:
            if any(o.kind == "organizations" and o.ti <= a and b <= o.tj and (o.ti, o.tj) != (a, b) for o in out):
                continue
            # places inside stay; one that takes in the head word keeps the words before it
            # (`Viļņas Kolēģijas` -> `Viļņas`)
            head = b - 1 if tokens[b - 1][0].lower() in heads["end"] else a
            cut = [_Span("places", o.start, tokens[head - 1][2], o.words[:head - o.ti], o.ti, head)
                   for o in out if o.kind == "places" and o.ti < head < o.tj and o.ti >= a]
            out = [o for o in out if (o.kind == "places" and not o.ti <= head < o.tj) or o.tj <= a or o.ti >= b]
            out += [c for c in cut if not any(o.kind == "places" and (o.ti, o.tj) == (c.ti, c.tj) for o in out)]
            out.append(_Span("organizations", tokens[a][1], tokens[b - 1][2], [t[0] for t in tokens[a:b]], a, b))
        return sorted(out, key=lambda s: (s.ti, -s.tj))

    def _fix_spans(self, spans: list[_Span], tokens, text: str) -> list[_Span]:
        lex = self.lex
        trimmed = []
        for sp in spans:  # punctuation at the edges of a person's or place's name is not part of it
            sp = self._balance_brackets(sp, tokens)
            a, b = 0, len(sp.words)
            if sp.kind == "organizations":
                trimmed.append(self._quoted_name_first(self._balance_quotes(sp, tokens), tokens) if QUOTE_FIX else sp)
                continue
            while a < b and not any(ch.isalnum() for ch in sp.words[a]):
                a += 1
            while b > a and not any(ch.isalnum() for ch in sp.words[b - 1]) and sp.words[b - 1] not in (")",):
                b -= 1
            if a == b:
                continue
            if (a, b) != (0, len(sp.words)):
                sp = _Span(sp.kind, tokens[sp.ti + a][1], tokens[sp.ti + b - 1][2], sp.words[a:b], sp.ti + a, sp.ti + b)
            trimmed.append(sp)
        spans = [sp for sp in trimmed if " ".join(sp.words).casefold() not in _PROGRAMMES_FOLDED
                 and not (sp.kind == "organizations" and (all(_CODE_SHAPE.fullmatch(w) for w in sp.words)
                                                          or " ".join(sp.words) in NOT_BODIES
                                                          or (PRODUCTS and lex.products.get(sp.words[0]) == "product")))]
        for prog in PROGRAMMES:
            if " " in prog:
                at = text.find(prog)
                while at >= 0:
                    spans = [sp for sp in spans if not (at <= sp.start and sp.end <= at + len(prog))]
                    at = text.find(prog, at + 1)
        covered = set()
        for sp in spans:
            covered.update(range(sp.ti, sp.tj))
        for k in [k for k, t in enumerate(tokens) if t[0] in SURE_ABBREVIATIONS]:
            if k not in covered:
                form, s, e = tokens[k]
                spans.append(_Span("organizations", s, e, [form], k, k + 1))
        spans += self._signature_persons(tokens, text, covered)
        if FIRST_NAME_LEFT:
            spans = [self._first_name_before(sp, tokens, text, covered) if sp.kind == "persons" else sp
                     for sp in spans]
        if ADDRESS_TITLES:
            spans += self._titled_surnames(tokens, text, covered)
        spans = sorted(spans, key=lambda s: (s.ti, -s.tj))
        if "n" in PERSON_FILTERS:
            spans = self._name_particles(spans, tokens, text)
        # a person's name at the start of an organisation's name (Jāņa Ivanova [Rēzeknes] mūzikas
        # vidusskola, J.Pilsudska Daugavpils ... ģimnāzija) belongs to the organisation
        inside = _Containment([(o.ti, o.tj) for o in spans if o.kind != "places"])
        outer = [s for s in spans if not (s.kind == "places" and inside(s.ti, s.tj))]
        merged: list[_Span] = []
        drop = set()
        for a_i, a in enumerate(outer):
            if a.kind != "persons" or not all(_can_be_genitive(w) for w in a.words):
                continue
            j, chain = a.tj, []
            for b in outer[a_i + 1:]:
                if b.ti != j or "\n" in text[tokens[j - 1][2]:b.start]:
                    break
                chain.append(b)
                j = b.tj
                if b.kind != "places":
                    break
            if chain and chain[-1].kind == "organizations":
                org = chain[-1]
                drop.add(id(a)); drop.add(id(org))
                merged.append(_Span("organizations", a.start, org.end,
                                    [t[0] for t in tokens[a.ti:org.tj]], a.ti, org.tj))
        spans = [s for s in spans if id(s) not in drop] + merged
        fixed = []
        in_orgs = {k for sp in spans if sp.kind == "organizations" for k in range(sp.ti, sp.tj)}
        for sp in spans:
            if sp.kind == "persons":
                k = 0
                while k < len(sp.words) - 1 and (sp.words[k].lower() in PERSON_TITLES
                                                 or sp.words[k].lower() in _forms_of(RANK_TITLES)):
                    k += 1
                if k:
                    sp = _Span("persons", tokens[sp.ti + k][1], sp.end, sp.words[k:], sp.ti + k, sp.tj)
                if CASE_BREAK:
                    sp = self._case_break(sp, tokens)
                lows = [w.lower() for w in sp.words]
                if (any(w in lex.org_heads for w in lows[1:]) or (len(lows) > 1 and lows[-1] in lex.org_heads)
                        or (len(lows) > 1 and _is_abbreviation(sp.words[-1]) and not _is_abbreviation(sp.words[0])
                            and not _in_capitals(tokens, sp.ti))):
                    # Olsbergs MSE, Ignalinas AES: a name with an abbreviation after it is a company's or a plant's
                    sp = sp.relabel("organizations")
                elif len(sp.words) == 1 and lex.place_of(sp.words[0]) and sp.words[0] not in lex.first_name_forms:
                    sp = sp.relabel("places")
                elif EPONYM_BODIES and (head := self._body_after(sp, tokens, text)):
                    # Veihenštefanas-Trīsdorfas Lietišķo zinātņu universitāti: an adjective, genitives
                    # and a head noun: a body's name
                    sp = _Span("organizations", sp.start, tokens[head][2], [t[0] for t in tokens[sp.ti:head + 1]],
                               sp.ti, head + 1)
                elif len(sp.words) == 1 and self._locative_name(sp.words[0]):
                    # Vilidžā, Ūziņos: a name in the locative is where, not who
                    sp = sp.relabel("places")
                elif PRODUCTS and sp.words[0] in lex.products:
                    # Microsoft alone is a company; Zoom, Microsoft Teams, Opel Astra are products
                    if len(sp.words) > 1 or lex.products[sp.words[0]] != "company":
                        continue
                    sp = sp.relabel("organizations")
                elif NAMED_BODIES and self._named_body(sp, tokens, text, in_orgs):
                    # uzņēmums Pilārs, grupu Brekšu Pekši: the name a body noun introduces is the
                    # body's; after a legal form, the form opens it (SIA Jānis Roze)
                    k = sp.ti - 1 if tokens[sp.ti - 1][0] in LEGAL_ABBREVIATIONS else sp.ti
                    sp = _Span("organizations", tokens[k][1], sp.end, [t[0] for t in tokens[k:sp.tj]], k, sp.tj)
                elif (UNIT_NAMES and len(sp.words) == 1 and sp.tj < len(tokens) and _can_be_genitive(sp.words[0])
                      and (tokens[sp.tj][0] in UNIT_GENITIVES or tokens[sp.tj][0] in _forms_of(ADMIN_UNIT_HEADS))
                      and sp.words[0] not in lex.first_name_forms):
                    # Ēdoles pagasta, Īvandes pagastā: the name of a parish, not a person
                    sp = sp.relabel("places")
                elif (len(sp.words) == 1 and lows[0].endswith(("ija", "ijas", "ijā", "ijai", "iju"))
                      and sp.words[0] not in lex.first_name_forms and sp.words[0] not in lex.lemmas.get("person", {})):
                    # Osmānijas, Kalabrijā: a land, not a woman (women's names come from the lexicon)
                    sp = sp.relabel("places")
            elif (sp.kind == "organizations" and NATURE_ORGS and len(sp.words) > 1
                  and sp.words[-1] in _forms_of(NATURE_HEADS + STREET_HEADS)):
                # Gaujas Nacionālo parku, Brīvības ielā: a park or a street, not a body (a
                # place to the corpus; the contract's place filter below decides)
                sp = sp.relabel("places")
            elif sp.kind == "places" and SCHOOL_TAIL and len(sp.words) > 1:
                head = lex.org_head_forms.get(sp.words[-1])
                if head is not None and head[0] in SCHOOL_HEADS and all(w[:1].isupper() for w in sp.words[:-1]):
                    # Valmieras skolas: a town's schools; the place is the town
                    sp = _Span("places", sp.start, tokens[sp.tj - 2][2], sp.words[:-1], sp.ti, sp.tj - 1)
            fixed.append(sp)
        # words of the document's full names: a surname alone is still a name (Liepa, after Ilze Liepa)
        name_words = {w for sp in fixed if sp.kind == "persons" and len(sp.words) > 1 for w in sp.words}
        spans = [sp for sp in fixed if not (sp.kind == "persons" and self._not_a_person(sp, tokens, text, name_words))]
        if PLACE_TAIL:
            spans = [self._cut_place_tail(sp, tokens) if sp.kind == "places" else sp for sp in spans]
        if "p" in PERSON_FILTERS:
            spans = [sp for sp in spans if not (sp.kind == "places" and self._not_a_place(sp, tokens))]
        spans = [self._country_of_town(sp, tokens) if sp.kind == "places" else sp for sp in spans]
        spans += self._municipal_bodies(spans, tokens, text)
        spans = [self._unit_before_org(sp, tokens, text) if sp.kind == "organizations" else sp for sp in spans]
        if "g" in PERSON_FILTERS:  # before the tail is trimmed: `... aģentūras mājaslapas sadaļā Erasmus+`
            spans = [x for x in (self._cut_programme(sp, tokens) if sp.kind == "organizations" else sp
                                 for sp in spans) if x is not None]
        if TITLES:
            spans = [sp for sp in spans if not (sp.kind == "organizations" and self._title_not_body(sp, tokens))]
        spans = [x for x in (self._cut_at_address(sp, tokens) if sp.kind == "organizations" else sp
                             for sp in spans) if x is not None]
        if "t" in PERSON_FILTERS:
            spans = [self._trim_org_tail(sp, tokens) if sp.kind == "organizations" else sp for sp in spans]
        if ORG_SPLIT:
            spans = [part for sp in spans for part in (self._split_coordinated_orgs(sp, tokens)
                                                       if sp.kind == "organizations" else [sp])]
            spans = [part for sp in spans for part in (self._person_before_org(sp, tokens)
                                                       if sp.kind == "organizations" else [sp])]
        spans = [sp for sp in spans if not (sp.kind == "organizations" and self._concept_abbreviation(sp, tokens))]
        out = []
        for sp in spans:
            if sp.kind == "places":
                joined = " ".join(sp.words)
                nom = self._place_name(sp.words)[0]
                if CONTRACT_ORGS and (nom in ORG_NOT_PLACE or joined in ORG_NOT_PLACE):
                    sp = sp.relabel("organizations")
            out.append(sp)
        # lexicon places inside organisation names the CRF did not mark (Daugavpils tehnikums)
        have = {(s.start, s.end) for s in out if s.kind == "places"}
        for sp in list(out):
            if sp.kind != "organizations" or not LEXICON_INNER_PLACES:
                continue
            i = 0
            while i < len(sp.words):
                w = sp.words[i]
                m = lex.match_place(sp.words, i) if w[:1].isupper() else None
                if m:
                    n, entry = m
                    k0, k1 = sp.ti + i, sp.ti + i + n - 1
                    s, e = tokens[k0][1], tokens[k1][2]
                    phrase = " ".join(sp.words[i:i + n])
                    if (s, e) not in have and entry.name not in ORG_NOT_PLACE and phrase not in ("Eiropas Savienības",):
                        out.append(_Span("places", s, e, sp.words[i:i + n], k0, k1 + 1))
                        have.add((s, e))
                    i += n
                else:
                    i += 1
        if UNIT_PLACES:
            out = self._unit_places_in_orgs(out, tokens)
        if PLURAL_UNITS:
            out = self._plural_units(out, tokens)
        return self._split_place_compounds(self._admin_units(out, tokens), tokens)

    def _body_after(self, sp: _Span, tokens, text: str) -> int | None:
        """The token of an organisation head noun that one or two lower-case genitives after a
        "person" lead to, where the "person" ends in an adjective's genitive plural in -o that is
        no name (`Veihenštefanas-Trīsdorfas Lietišķo zinātņu universitāti`): the words are a
        body's name. A name in the genitive before such words is most often the person whose
        body it is (`Dombrovska valdība`), so only the adjective decides."""
        last = sp.words[-1]
        if not (last.endswith("o") and len(last) > 4 and last not in self.lex.first_name_forms
                and last not in self.lex.lemmas.get("person", {})):
            return None  # Dombrovska valdība, Zatlera partija: his government, his party
        k = sp.tj
        while k < len(tokens) and k - sp.tj < 2 and tokens[k][0].isalpha() and tokens[k][0].islower() \
                and tokens[k][0] not in self.lex.org_heads and _can_be_genitive(tokens[k][0]):
            k += 1
        if k == sp.tj or k >= len(tokens) or "\n" in text[sp.end:tokens[k][1]]:
            return None
        w = tokens[k][0]
        return k if w.islower() and w in self.lex.org_heads and w not in self.lex.roles else None

    def _named_body(self, sp: _Span, tokens, text: str, in_orgs: set[int]) -> bool:
        """A "person" right after a body's noun (`uzņēmums Pilārs`, `apgādam Jumava`, `grupu Brekšu
        Pekši`) or a legal form (`SIA Jānis Roze`) names that body: in FullStack-LV train + dev, no
        person starts right after a lower-case organisation head noun (53 organisations, 22 places
        do). The noun may open the sentence (`Apgādam Jumava`); a role noun between them would
        make it a person (`uzņēmuma vadītājs Jānis Bērziņš`), and so does a line break, a noun in
        the locative (`skolā Jānis mācās`) or one that ends an organisation's name (`in_orgs`, its
        tokens: `Valkas novada pašvaldībā Marika Zariņa`)."""
        k = sp.ti - 1
        if k < 0 or "\n" in text[tokens[k][2]:sp.start]:
            return False
        w = tokens[k][0]
        if w in LEGAL_ABBREVIATIONS:
            return True
        low = w.lower()
        if (low not in self.lex.org_heads and low not in _forms_of(NAMING_NOUNS)) or low in self.lex.roles \
                or low.startswith("operator"):
            return False  # operatora Gunta Lēmaņa: a camera operator, not a telecom operator
        if low.endswith(LOCATIVE_ENDINGS) or k in in_orgs:
            return False  # skolā Jānis mācās; Valkas novada pašvaldībā Marika Zariņa: where the person is
        return w[:1].islower() or k == 0 or tokens[k - 1][0] in SENT_OPENERS

    def _person_before_org(self, sp: _Span, tokens) -> list[_Span]:
        """`ar Kristapu Bērziņu Valmieras Valsts ģimnāzijā`: a first name in a case other than the
        genitive and the nominative cannot be a school's eponym (`Jāņa Ivanova ... vidusskola`
        is genitive), so it and the surname agreeing with it are a person before the body's
        name, which starts at the first word in another case."""
        words = sp.words
        if len(words) < 4:
            return [sp]
        names = self.lex.first_names
        cases = frozenset(c.case for c in declension.candidates(words[0])
                          if c.number == "sg" and c.nominative in names and c.nominative != words[0])
        if not cases or cases & {"gen", "nom"} or words[0] in names:
            return [sp]
        k = 1
        while k < len(words) and words[k][:1].isupper() and not _case_mismatch(words[k], cases):
            k += 1
        if k < 2 or len(words) - k < 2 or not words[k][:1].isupper():
            return [sp]
        person = _Span("persons", sp.start, tokens[sp.ti + k - 1][2], words[:k], sp.ti, sp.ti + k)
        org = _Span("organizations", tokens[sp.ti + k][1], sp.end, words[k:], sp.ti + k, sp.tj)
        return [person, org]

    def _split_coordinated_orgs(self, sp: _Span, tokens) -> list[_Span]:
        """`Eiropas Parlamentam un Padomei`, `EIROPAS PARLAMENTS UN EIROPAS SAVIENĪBAS PADOME`: two bodies
        joined by `un` after a head noun and before a capital are two names (the corpus's train
        file splits 18 of 18 such organisation spans; `Izglītības un zinātnes ministrija` has no
        head noun before its `un` and stays whole)."""
        forms = self.lex.org_head_forms
        for k in range(sp.ti + 1, sp.tj - 1):
            if (tokens[k][0] in ("un", "UN") and tokens[k - 1][0].lower() in forms
                    and tokens[k + 1][0][:1].isupper()):
                left = _Span("organizations", sp.start, tokens[k - 1][2], sp.words[:k - sp.ti], sp.ti, k)
                right = _Span("organizations", tokens[k + 1][1], sp.end, sp.words[k + 1 - sp.ti:], k + 1, sp.tj)
                return [left, *self._split_coordinated_orgs(right, tokens)]
        return [sp]

    def _unit_places_in_orgs(self, spans: list[_Span], tokens) -> list[_Span]:
        """`Kurmāles pagasta padome`, `Gulbenes novada vidusskola`: a capitalised word right before
        a town's, parish's or municipality's unit in the genitive, inside an organisation's name,
        is a place (the contract counts places inside names; _admin_units then takes in the
        unit), whether or not the tagger marked it."""
        units = _forms_of(ADMIN_UNIT_HEADS)
        covered = {k for s in spans if s.kind == "places" for k in range(s.ti, s.tj)}
        out = list(spans)
        for sp in spans:
            if sp.kind != "organizations":
                continue
            for k in range(sp.ti, sp.tj - 1):
                w, nxt = tokens[k][0], tokens[k + 1][0]
                if (k not in covered and nxt in units and nxt in UNIT_GENITIVES and w[:1].isupper()
                        and w.replace("-", "").isalpha() and len(w) > 2 and not w.isupper()):
                    out.append(_Span("places", tokens[k][1], tokens[k][2], [w], k, k + 1))
                    covered.add(k)
        return out

    def _cut_place_tail(self, sp: _Span, tokens) -> _Span:
        """`Liepājas uzņēmumos` -> `Liepājas`: a place whose last word is a lower-case word no
        place's name ends in (PLACE_TAIL_HEADS, any case, plural too) ends at its last
        capitalised word."""
        if len(sp.words) < 2 or not sp.words[-1][:1].islower():
            return sp
        low = sp.words[-1].lower()
        if low in _forms_of(PLACE_TAIL_HEADS) or low in PLURAL_UNIT_FORMS or low.startswith(TOWN_NOUNS):
            return sp
        if low in _STATES or low in _PLACE_TAIL_PLURALS:
            return sp
        k = len(sp.words) - 1
        while k > 0 and not sp.words[k - 1][:1].isupper():
            k -= 1
        if k == 0:
            return sp
        return _Span("places", sp.start, tokens[sp.ti + k - 1][2], sp.words[:k], sp.ti, sp.ti + k)

    def _plural_units(self, spans: list[_Span], tokens) -> list[_Span]:
        """`Latgales novadiem` -> `Latgales`: a place ending in a unit's plural is the words
        before it (once: the same span found twice is one)."""
        out, have = [], set()
        for sp in spans:
            if sp.kind == "places" and len(sp.words) > 1 and sp.words[-1].lower() in PLURAL_UNIT_FORMS:
                sp = _Span("places", sp.start, tokens[sp.tj - 2][2], sp.words[:-1], sp.ti, sp.tj - 1)
            if (sp.kind, sp.start, sp.end) in have:
                continue
            have.add((sp.kind, sp.start, sp.end))
            out.append(sp)
        return out

    def _admin_units(self, spans: list[_Span], tokens) -> list[_Span]:
        """A town's or a parish's name takes in the administrative unit after it (`Jelgavas
        pilsētas`, `Kurmāles pagasta padome`, `Ādažu novadā`: the unit is part of the place
        mention), as the corpus marks them (novads 47 of 48, pagasts 32 of 32 in train); a
        country's or a region's does not (`Igaunijas pilsētā Pērnavā`, `Latgales pilsētās`)."""
        have = {(s.start, s.end) for s in spans if s.kind == "places"}
        out = []
        for sp in spans:
            k = sp.tj
            if (sp.kind == "places" and k < len(tokens) and tokens[k][0] in _forms_of(ADMIN_UNIT_HEADS)
                    and (sp.start, tokens[k][2]) not in have):
                entry = self.lex.place_of(sp.words[-1])
                if entry is None or entry.kind not in ("country", "continent", "region"):
                    sp = _Span("places", sp.start, tokens[k][2], sp.words + [tokens[k][0]], sp.ti, k + 1)
            out.append(sp)
        return out

    def _split_place_compounds(self, spans: list[_Span], tokens) -> list[_Span]:
        """A token of place names joined by hyphens (`Latvijas-Krievijas robeža`,
        `Latvijas-Igaunijas-Krievijas programma`) mentions each place: one place span per part,
        whatever the tagger made of the whole token."""
        out = spans
        for k, (form, s, e) in enumerate(tokens):
            if len(form) < 7 or not _HYPHENS.search(form):
                continue
            parts = _HYPHENS.split(form)
            if len(parts) < 2 or not all(p[:1].isupper() and self.lex.place_of(p) for p in parts):
                continue
            out = [sp for sp in out if not (sp.kind == "places" and sp.ti == k and sp.tj == k + 1)]
            at = s
            for part in parts:
                at = form.find(part, at - s) + s
                out.append(_Span("places", at, at + len(part), [part], k, k + 1))
                at += len(part)
        return out

    def _balance_quotes(self, sp: _Span, tokens) -> _Span:
        """An organisation's name with one quote mark only takes in its partner next to it
        (`„ZAAO"`, where the CRF left out the low opening mark) or drops a stray one."""
        q = [w for w in sp.words if w in QUOTES]
        if len(q) % 2 == 0:
            return sp
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
            # which of the two is the stray one: a mark glued to the word after it opens, one
            # glued to the word before it closes (`"Centra "Daugavpils tehnikums"`: the first)
            if _unmatched_opening(tokens, ti, tj):
                ti += 1
            else:
                tj -= 1
        if (ti, tj) == (sp.ti, sp.tj):
            return sp
        return _Span(sp.kind, tokens[ti][1], tokens[tj - 1][2], [t[0] for t in tokens[ti:tj]], ti, tj)

    def _quoted_name_first(self, sp: _Span, tokens) -> _Span:
        """An organisation's name that opens with a quoted name ends with its closing mark:
        what follows is another phrase (`"Lattelecom" padomē`, `"Liverpool" UEFA Eiropas
        līgas`); Latvian puts the kind of body before the quoted name (`SIA "Lattelecom"`).
        A legal form in capitals after it stays (`"Swedbank" AS`). A town or country right
        before a quoted name says where it is, and is left to be a place (`Rīgas "Skonto"`)."""
        words = sp.words
        if (PLACE_BEFORE_QUOTE and len(words) >= 4 and words[1] in QUOTES and words[-1] in QUOTES
                and self.lex.place_of(words[0]) and words[0] not in QUOTES):
            # Rīgas "Skonto", ASV "Google": the town or country says where; the name is the quoted one
            sp = _Span(sp.kind, tokens[sp.ti + 1][1], sp.end, words[1:], sp.ti + 1, sp.tj)
            words = sp.words
        if len(words) < 3 or words[0] not in QUOTES or tokens[sp.ti][2] != tokens[sp.ti + 1][1]:
            return sp
        for c in range(2, len(words) - 1):
            k = sp.ti + c
            if words[c] in QUOTES and tokens[k][1] == tokens[k - 1][2]:  # glued to the word before: it closes
                rest = words[c + 1:]
                if all(w.isupper() and w.isalpha() and len(w) <= 4 for w in rest):
                    return sp
                return _Span(sp.kind, sp.start, tokens[k][2], words[:c + 1], sp.ti, k + 1)
        return sp

    @staticmethod
    def _balance_brackets(sp: _Span, tokens) -> _Span:
        """A name with an unmatched bracket is cut at it: what is in brackets is a mention of
        its own (`NEPLP (televīzijas ...` -> `NEPLP`, `LU) Literatūras ... institūta` ->
        `Literatūras ... institūta`); a stray bracket at an edge is dropped."""
        words = sp.words
        if "(" not in words and ")" not in words:
            return sp
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
        if b <= a or (a, b) == (0, len(words)):
            return sp
        ti, tj = sp.ti + a, sp.ti + b
        return _Span(sp.kind, tokens[ti][1], tokens[tj - 1][2], [t[0] for t in tokens[ti:tj]], ti, tj)

    def _name_particles(self, spans: list[_Span], tokens, text: str) -> list[_Span]:
        """`Leonardo di Kaprio`, `B. fon Bīlovu`: a name particle joins the person's name after
        it to the person (or capitalised word / initial) before it."""
        out: list[_Span] = []
        by_end = {}
        for sp in spans:
            k = sp.ti
            if (sp.kind == "persons" and k >= 2 and tokens[k - 1][0] in NAME_PARTICLES
                    and "\n" not in text[tokens[k - 2][1]:sp.start]):
                prev = by_end.get(k - 1)
                if prev is not None and prev.kind == "persons":
                    out.remove(prev)
                    sp = _Span("persons", prev.start, sp.end, [t[0] for t in tokens[prev.ti:sp.tj]], prev.ti, sp.tj)
                elif prev is None and tokens[k - 2][0][:1].isupper() and k - 2 not in by_end:
                    a = k - 2
                    if a > 0 and tokens[a - 1][0][:1].isupper() and tokens[a - 1][0].endswith(".") and len(tokens[a - 1][0]) <= 3:
                        a -= 1
                    sp = _Span("persons", tokens[a][1], sp.end, [t[0] for t in tokens[a:sp.tj]], a, sp.tj)
            out.append(sp)
            by_end[sp.tj] = sp
        return out

    def _trim_org_tail(self, sp: _Span, tokens) -> _Span:
        """Lower-case words after the last head noun of an organisation's name are not part of
        it (`... aģentūras mājaslapas`, `... dienesta augstākās amatpersonas`)."""
        words = sp.words
        if len(words) < 3 or not words[-1][:1].islower() or words[-1].lower() in self.lex.org_heads:
            return sp
        heads = [i for i, w in enumerate(words) if w.lower() in self.lex.org_heads]
        if not heads or heads[-1] == 0:
            return sp
        j = heads[-1] + 1
        if any(not w[:1].islower() for w in words[j:]):
            return sp
        return _Span(sp.kind, sp.start, tokens[sp.ti + j - 1][2], words[:j], sp.ti, sp.ti + j)

    def _municipal_bodies(self, spans: list[_Span], tokens, text: str) -> list[_Span]:
        """`Kuldīgas novada pašvaldība`, `Rīgas domes`: a place directly followed by a
        municipal body's head noun is (also) that body, an organisation, when no
        organisation span covers it yet; the place stays a place mention inside it."""
        forms = getattr(self.lex, "org_head_forms", {})
        orgs = [o for o in spans if o.kind == "organizations"]
        out = []
        for sp in spans:
            k = sp.tj
            if sp.kind != "places" or k >= len(tokens) or "\n" in text[sp.end:tokens[k][1]]:
                continue
            head = forms.get(tokens[k][0].lower())
            if head is None or head[0] not in MUNICIPAL_HEADS or tokens[k][0][:1].isupper():
                continue
            if any(o.ti <= sp.ti and k < o.tj for o in orgs) or any(o.ti == sp.ti for o in orgs):
                continue
            out.append(_Span("organizations", sp.start, tokens[k][2], sp.words + [tokens[k][0]], sp.ti, k + 1))
        return out

    def _unit_before_org(self, sp: _Span, tokens, text: str) -> _Span:
        """`Osmānijas provinces Nacionālais izglītības direktorāts`, `Cēsu novada Izglītības
        pārvalde`: a place and its unit in the genitive right before a capitalised body's
        name belong to the body's name."""
        k = sp.ti
        if (k < 2 or not sp.words[0][:1].isupper() or tokens[k - 1][0] not in UNIT_GENITIVES
                or not (tokens[k - 2][0][:1].isupper() and tokens[k - 2][0].replace("-", "").isalpha())
                or "\n" in text[tokens[k - 2][1]:sp.start]):
            return sp
        a = k - 2
        return _Span(sp.kind, tokens[a][1], sp.end, [t[0] for t in tokens[a:k]] + sp.words, a, sp.tj)

    def _country_of_town(self, sp: _Span, tokens) -> _Span:
        """`Igaunijas pilsētā (Pērnavā)`: "a town of Estonia" names the country, not a town
        (`Jelgavas pilsētā` stays whole; its name is `Jelgava`, see _place_name)."""
        if len(sp.words) == 2 and sp.words[0][:1].isupper() and sp.words[1].lower().startswith(TOWN_NOUNS):
            entry = self.lex.place_of(sp.words[0])
            if entry is not None and entry.kind == "country":
                return _Span("places", sp.start, tokens[sp.ti][2], sp.words[:1], sp.ti, sp.ti + 1)
        return sp

    def _not_a_place(self, sp: _Span, tokens) -> bool:
        """One common lower-case word (`Profesionāla`), a holiday (`Valentīndienai`) or a
        frequent Latvian word (`Kafija`: Zipf >= WF_MIN, abbreviations such as `PSRS` aside)
        that no place lexicon knows is not a place, nor is the word after a programme's name
        (`Nordplus Junior`, `Interreg Europe`), nor a name that starts with an initial.
        The contract's places are geographic names: a street, an address or a building
        (`Graudu ielā 12`, `Rīgas Kongresu namā`) is not one, though the corpus marks them as
        locations (the town inside, `Rīgas`, is still a place mention)."""
        if sp.ti > 0 and tokens[sp.ti - 1][0] in PROGRAMMES:
            return True
        if len(sp.words[0]) == 2 and sp.words[0][1] == "." and sp.words[0][0].isupper():
            return True  # N. pilsētiņas: an initial starts a person's name, not a place's
        if CONTRACT_ORGS and len(sp.words) > 1 and (
                any(w.lower() in _forms_of(FACILITY_HEADS) for w in sp.words[1:])
                or any(w in _forms_of(NATURE_HEADS) for w in sp.words[1:])
                or any(ch.isdigit() for w in sp.words for ch in w)):
            return True
        if CONTRACT_ORGS and self._before_natural_features(sp, tokens) and not self.lex.match_place(sp.words, 0):
            return True  # Mūsas un Mēmeles upēs: rivers, no contract places (Latvijas un Lietuvas mežos: lands)
        if len(sp.words) != 1:
            return False
        w = sp.words[0]
        if self.lex.place_of(w) or w in self.lex.lemmas.get("place", {}):
            return False
        if CAPS_PLACES and len(w) > 4 and tokens[sp.ti][0].isupper() and tokens[sp.ti][0].isalpha():
            # `... AUDZĒKŅI STAŽĒJĀS VĀCIJĀ`: in a line in capitals the tagger cannot tell a word
            # from a name by its capital, and a place no lexicon knows is more often a verb
            return True
        low = w.lower()
        if PLACE_WF and not w.isupper() and (low.endswith(HOLIDAY_ENDINGS)
                                             or self.lex.word_zipf.get(low, 0.0) >= WF_MIN):
            return True
        return low in self.lex.common_lower

    def _concept_abbreviation(self, sp: _Span, tokens) -> bool:
        """An abbreviation in brackets right after a lower-case phrase names a concept, not an
        organisation: `profesionālās izglītības un mācību (PIA)`, `informācijas un
        komunikāciju tehnoloģijas (IKT)`; a named body starts with a capital (`Valsts
        izglītības attīstības aģentūra (VIAA)`). Known abbreviations stay organisations."""
        k = sp.ti
        if (sp.tj - k != 1 or not sp.words[0].isupper() or sp.words[0] in SURE_ABBREVIATIONS
                or sp.words[0] in self.lex.org_abbreviations or k < 3 or tokens[k - 1][0] != "("
                or sp.tj >= len(tokens) or tokens[sp.tj][0] != ")"):
            return False
        before = [t[0] for t in tokens[max(0, k - 4):k - 1]]
        return (all(w.isalpha() and w.islower() for w in before)
                and not any(w in self.lex.org_heads for w in before))  # biedrība (LJA): a body

    @staticmethod
    def _cut_at_address(sp: _Span, tokens) -> _Span | None:
        """A web or e-mail address is never part of an organisation's name: the span ends
        before it (`aģentūras mājaslapas www.viaa.gov.lv sadaļā`; the tail is trimmed next)."""
        for i, w in enumerate(sp.words):
            if _ADDRESS.match(w):
                if not any(ch.isalnum() for x in sp.words[:i] for ch in x):
                    return None
                return _Span(sp.kind, sp.start, tokens[sp.ti + i - 1][2], sp.words[:i], sp.ti, sp.ti + i)
        return sp

    def _title_not_body(self, sp: _Span, tokens) -> bool:
        """Not an organisation: a quoted title right after `projekts` (`projektu "Zaļā skola"`,
        `iniciatīvā „Skolas soma”`), and a programme's name opening a phrase of lower-case words
        that name no body (`Erasmus+ skolu apmaiņas partnerības`, `Nordplus projekta`; `Erasmus+
        nacionālā aģentūra` stays)."""
        k = sp.ti - 1
        if k >= 0 and tokens[k][0] in QUOTES:
            k -= 1
        quoted = sp.words[0] in QUOTES or (sp.ti > 0 and tokens[sp.ti - 1][0] in QUOTES)
        inner = [w for w in sp.words if w not in QUOTES]
        if quoted and len(inner) > 1 and k >= 0 and tokens[k][0].lower() in PROJECT_NOUNS:
            return True  # one word in quotes may be the company whose project it is (`projekts „ZAAO"`)
        if sp.words[0] in PROGRAMMES and len(sp.words) > 1 and all(w[:1].islower() for w in sp.words[1:]):
            heads = self.lex.org_head_forms
            return not any((heads.get(w) or ("",))[0] in PROGRAMME_BODIES for w in sp.words[1:])
        return False

    def _cut_programme(self, sp: _Span, tokens) -> _Span | None:
        """A funding programme's name is not part of an organisation's (`Daugavpils tehnikums
        Erasmus+`) when it ends the span: cut the span before it; nothing left, or a dangling `un`: no organisation."""
        for i, w in enumerate(sp.words):
            if w in PROGRAMMES and i > 0 and all(not x[:1].isalnum() for x in sp.words[i + 1:]):
                j = i
                while j > 0 and sp.words[j - 1] in ("un", ",", "-", "–"):
                    j -= 1
                if j < i or j == 0:
                    return None
                return _Span(sp.kind, sp.start, tokens[sp.ti + j - 1][2], sp.words[:j], sp.ti, sp.ti + j)
        return sp

    def _case_break(self, sp: _Span, tokens) -> _Span:
        """The words of a name agree in case: after a man's first name in an oblique case, a word
        that cannot be in that case starts something else (`Gundara Grasberga Grēgerss`: an
        actor, then the part he plays; `Egonam Dailes`: a man, then a theatre), so the name
        ends before it. A first name that can be nominative or a woman's is left alone (a
        woman's surname may stay undeclined: `Diānas Pīrāgs`), as is a word that may be an
        undeclined foreign name (`Pjēra Lanzi`)."""
        words = sp.words
        if len(words) < 2:
            return sp
        if words[0].lower().endswith(MAYBE_INDECLINABLE):  # Ani, Andrē: may be a foreign name's nominative
            return sp
        cases = self._first_name_cases(words[0])
        if not cases or "nom" in cases:
            return sp
        if FOREIGN_NAMES and words[0] in self.lex.foreign_first_names:
            return sp  # Mika Virtanens: a Finnish man's nominative, not Miks's genitive
        for k in range(1, len(words)):
            if _case_mismatch(words[k], cases):
                return _Span("persons", sp.start, tokens[sp.ti + k - 1][2], words[:k], sp.ti, sp.ti + k)
        return sp

    def _first_name_cases(self, w: str) -> frozenset[str]:
        """The cases a word can be in as a form of a lexicon man's first name (empty: not one,
        or it can be a woman's: a woman's surname may stay undeclined, `Diānas Pīrāgs`)."""
        got = self._fn_cases.get(w)
        if got is None:
            names = self.lex.first_names
            readings = [c for c in declension.candidates(w) if c.number == "sg" and c.nominative in names]
            if w in names:
                readings.append(declension.Candidate(w, "", "nom", names[w], "sg"))
            men = all(names[c.nominative] == "m" for c in readings)
            got = frozenset(c.case for c in readings) if men else frozenset()
            self._fn_cases[w] = got
        return got

    def _not_a_person(self, sp: _Span, tokens, text: str, name_words: frozenset[str] | set[str] = frozenset()) -> bool:
        """Precision filters for the CRF's persons: initials alone (`S. O.` of `S.O.S.`); one
        word that is a definite adjective (`Profesionālais`), a common word of the corpus
        (`Katra`, `Rēķinu`) or a frequent Latvian word (`Senāts`, `Dibinātājs`, `Pūķis`: Zipf
        >= WF_MIN) -- unless it is a known first name or name form, or (for the frequent word)
        follows a role noun (`direktors Kalns`) or is a word of a full name elsewhere in the
        document (`name_words`: `Liepa` after `Ilze Liepa`)."""
        lex = self.lex
        words = sp.words
        if all(len(w) <= 3 and (w.endswith(".") or len(w) == 1) for w in words):
            return True
        if any(part in PROGRAMMES for w in words for part in (w, *w.split("-"))):
            return True  # Interreg Igaunija-Latvija, Erasmus+ Jaunatne: a programme's name
        if sp.tj < len(tokens) and tokens[sp.tj][0].lower() in _forms_of(FACILITY_HEADS):
            return True  # Raiņa ielā, Turaidas pilī: the name of a street or a building
        if sp.tj < len(tokens) and tokens[sp.tj][0] in _forms_of(NATURE_OR_VILLAGE_HEADS):
            return True  # Abula upi, Lubāna ezerā: the name of a river, a lake, a hill
        if self._before_natural_features(sp, tokens):
            return True  # Mēmeles un Mūsas upju: rivers
        if (EPONYMS and sp.tj < len(tokens) and tokens[sp.tj][0] in _forms_of(EPONYM_HEADS)
                and not (len(words) > 1 and lex.first_name_forms.get(words[0], ("", "", ""))[1] == "nom")):
            # Alcheimera slimību, Valentīna dienā: a thing named after a person (but a full name
            # that opens with a first name in the nominative is the person: Anna Kalniņa balvu
            # saņēma, Jānis Bērziņš dienas otrajā pusē)
            return True
        if any(ch.isdigit() for w in words for ch in w):
            return True  # NPJR-2024, KA2: a code, not a name
        if any(len(w) > 2 and w.isalpha() and not NAME_VOWELS & set(w.lower()) for w in words):
            return True  # Gbps, Mbps: a unit, not a name (every name has a vowel)
        if WORK_TITLES and self._in_a_title(sp, tokens, text):
            return True
        if len(words) != 1:
            return False
        w = words[0]
        if _never_a_person(w):
            return True  # Marsu, Jupiterā: a planet; Jāņu dziesmas, Jurģus svinēt: a holiday
        if w in lex.lemmas.get("person", {}):
            return False
        if len(w) > 7 and w.lower().endswith(HOLIDAY_ENDINGS):
            return True  # Miķeļdiena, Mārtiņdienā: a holiday
        if _is_abbreviation(w) and not _in_capitals(tokens, sp.ti):
            return True  # DUS, LG: an abbreviation in ordinary text, not a name written in capitals
        fn = w in lex.first_name_forms
        low = w.lower()
        if "a" in PERSON_FILTERS and low.endswith(DEF_ADJ_ENDINGS) and not fn:
            return True
        k = sp.ti
        first = k == 0 or tokens[k - 1][0] in SENT_OPENERS or "\n" in text[tokens[k - 1][2]:tokens[k][1]]
        if "c" in PERSON_FILTERS and low in lex.common_lower and (not fn or "f" in PERSON_FILTERS):
            if first or "C" in PERSON_FILTERS:
                return True
        if ("w" in PERSON_FILTERS and not fn and w not in name_words and lex.word_zipf.get(low, 0.0) >= WF_MIN
                and not (k > 0 and tokens[k - 1][0].lower() in lex.roles)  # direktors Kalns
                and not (CORPUS_NAME_CASES and self._corpus_name_case(w))):  # Rozentāla darbiem, Dievam
            if first or "W" in PERSON_FILTERS:
                return True
        return False

    def _corpus_name_case(self, w: str) -> bool:
        """`w` is a case form of a name the corpus has as a person (`Rozentāla`, `Dievam`: its
        train + dev persons hold `Rozentāls`, `Dievs`), read by the declension's candidates."""
        known = self.lex.lemmas.get("person", {})
        return any(c.nominative in known for c in declension.candidates(w))

    def _in_a_title(self, sp: _Span, tokens, text: str) -> bool:
        """The name stands inside a quoted title of several words with a lower-case one among
        them, right after the noun of a work (`baletu "Romeo un Džuljeta"`, `grāmatā "Reiz
        dzīvoja Čaks"`): a work's title, no mention of the person (quoted speech is no title);
        or alone in single quotes (`‘Auksis’, ‘Rubīns’`: varieties)."""
        n = len(tokens)
        a = sp.ti - 1
        while a >= 0 and sp.ti - a <= 8 and tokens[a][0] not in QUOTES and tokens[a][0] not in _TITLE_STOPS:
            a -= 1
        b = sp.tj
        while b < n and b - sp.tj <= 8 and tokens[b][0] not in QUOTES and tokens[b][0] not in _TITLE_STOPS:
            b += 1
        if a < 0 or b >= n:
            return False
        if tokens[a][0] == "‘" and tokens[b][0] == "’":
            return a == sp.ti - 1 and b == sp.tj
        if tokens[a][0] not in QUOTES or tokens[b][0] not in QUOTES or "\n" in text[tokens[a][1]:tokens[b][2]]:
            return False
        if a == 0 or tokens[a - 1][0].lower() not in _forms_of(WORK_NOUNS):
            return False  # "Ar Annu Kalniņu strādājām," saka ...: quoted speech names people
        if tokens[a - 1][2] == tokens[a][1] or tokens[b - 1][2] != tokens[b][1]:
            return False  # the marks must open and close: `ciklam "Izstādes gleznas" ... Žaks Koens`
        inner = [t[0] for t in tokens[a + 1:b]]
        return len(inner) > len(sp.words) and any(w.isalpha() and w.islower() for w in inner)

    @staticmethod
    def _before_natural_features(sp: _Span, tokens) -> bool:
        """The name is one of coordinated names before a natural feature's noun in the
        plural (`Mēmeles un Mūsas upju`, `Lubāna un Rāznas ezeros`). One name before the plural
        is where they are (`Latvijas upēm`, `Ziemeļkurzemes mežos`: a place)."""
        k = sp.tj
        while k + 1 < len(tokens) and tokens[k][0] in ("un", ",") and tokens[k + 1][0][:1].isupper():
            k += 2
        if not (k < len(tokens) and tokens[k][0] in NATURE_PLURALS):
            return False
        if k > sp.tj:
            return True
        j = sp.ti  # the last of them: `... un Mūsas upju`
        return j >= 2 and tokens[j - 1][0] in ("un", ",") and tokens[j - 2][0][:1].isupper()

    def _first_name_before(self, sp: _Span, tokens, text: str, covered: set[int]) -> _Span:
        """`Valda Liepiņa ir ...`: the CRF left out a first name that is also a common word
        (`valda` governs) and kept the surname; a capitalised first name right before a
        one-word person, in a case the surname can be in, opens the name."""
        k = sp.ti - 1
        if len(sp.words) != 1 or k < 0 or k in covered:
            return sp
        w = tokens[k][0]
        if not (w[:1].isupper() and w[1:].islower()) or "\n" in text[tokens[k][2]:sp.start]:
            return sp
        reading = self.lex.first_name_forms.get(w)
        if reading is None:
            return sp
        _nom, case, gender = reading
        if not declension.agrees(sp.words[0], case, gender):
            return sp
        return _Span("persons", tokens[k][1], sp.end, [w] + sp.words, k, sp.tj)

    def _titled_surnames(self, tokens, text: str, covered: set[int]) -> list[_Span]:
        """`Daudzes kungs!`, `Liepiņas kundzei`: a capitalised genitive right before `kungs` or
        `kundze` (any case) is a person, the title in the mention as the corpus marks it (25 of
        28 such persons in train + dev); a frequent word (`Mājas kungs`) is not a surname."""
        out = []
        titles = _forms_of(ADDRESS_TITLE_WORDS)
        for k in range(len(tokens) - 1):
            w, s, _e = tokens[k]
            t = tokens[k + 1][0]
            if t not in titles or k in covered or k + 1 in covered or not _can_be_genitive(w):
                continue
            if not (w[:1].isupper() and w[1:].islower() and w.isalpha() and len(w) > 2):
                continue
            low = w.lower()
            if (low in self.lex.common_lower or self.lex.word_zipf.get(low, 0.0) >= WF_MIN) \
                    and w not in self.lex.lemmas.get("person", {}):
                continue
            if "\n" in text[tokens[k][2]:tokens[k + 1][1]]:
                continue
            out.append(_Span("persons", s, tokens[k + 1][2], [w, t], k, k + 2))
        return out

    def _signature_persons(self, tokens, text: str, covered: set[int]) -> list[_Span]:
        """A line that holds only a name (first name from the lexicon + one or two capitalised
        words), as in a signature block, is a person."""
        out = []
        for line in _ranges(_line_cuts(text, tokens), len(tokens)):
            if not 2 <= len(line) <= 3:
                continue
            words = [tokens[x][0] for x in line]
            if (words[0] in self.lex.first_names
                    and all(w[:1].isupper() and w[1:].islower() and w.replace("-", "").isalpha() for w in words)
                    and not any(x in covered for x in line)
                    and not any(w.lower() in self.lex.org_heads for w in words)):
                out.append(_Span("persons", tokens[line.start][1], tokens[line.stop - 1][2], words, line.start, line.stop))
        return out

    def _locative_name(self, w: str) -> bool:
        """`w` reads as a name in the locative (`Vilidžā`, `Ūziņos`): a case persons are next to
        never named in (6 of 3,593 person tokens in FullStack-LV train), also where the form is a
        rare first name's (`Rendā`, `Īvandē`: villages); not a form the corpus has as a person's,
        and not -ē / -ī / -ū, which end undeclined foreign names (`Bejonsē`, `Debisī`). Such a
        "person" is a place, and its kind wins the document's vote (`_vote_kinds`)."""
        return (bool(LOCATIVE_PERSONS) and w.endswith(LOCATIVE_PERSONS) and w not in self.lex.lemmas.get("person", {})
                and (LOCATIVE_FIRST_NAMES or w not in self.lex.first_name_forms))

    def _vote_kinds(self, spans: list[_Span]) -> list[_Span]:
        """One name, one kind per document: where the tagger calls the same word a person in one
        sentence and a place in another (Federika / Federikai, Ķurbe / Ķurbē), the one-word spans
        take the kind most of its uses have; words of a longer person's name vote for persons.
        A name a place span has in the locative (`_locative_name`: Vilidžā ... Vilidžai) is a
        place's, unless a full name holds it. A tie goes to persons for a first name the place
        lexicon lacks, to places for a lexicon place that is no first name, and stays as tagged
        otherwise."""
        key = _name_key
        votes: dict[str, Counter] = {}
        for sp in spans:
            if sp.kind == "persons" and len(sp.words) <= 3:
                for w in sp.words:
                    if (k := key(w)) is not None:
                        votes.setdefault(k, Counter())["persons"] += 1
                        votes[k]["full name"] += len(sp.words) > 1
            elif sp.kind == "places" and len(sp.words) == 1 and (k := key(sp.words[0])) is not None:
                votes.setdefault(k, Counter())["places"] += 1
                if self._locative_name(sp.words[0]):
                    votes[k]["locative"] += 1
        lex = self.lex
        out = []
        for sp in spans:
            k = key(sp.words[0]) if len(sp.words) == 1 and sp.kind in ("persons", "places") else None
            c = votes.get(k) if k is not None else None
            if c is not None and c["persons"] and c["places"]:
                w = sp.words[0]
                if c["locative"] and not c["full name"]:
                    kind = "places"  # Vilidžā ... Vilidžai: a name in the locative is a place's
                elif c["persons"] != c["places"]:
                    kind = "persons" if c["persons"] > c["places"] else "places"
                elif w in lex.first_name_forms and not lex.place_of(w):
                    kind = "persons"
                elif lex.place_of(w) and w not in lex.first_name_forms:
                    kind = "places"
                else:
                    kind = sp.kind
                if kind != sp.kind:
                    sp = sp.relabel(kind)
            out.append(sp)
        return out

    def _propagate(self, spans: list[_Span], tokens) -> list[_Span]:
        """Document consistency: a capitalised word tagged as a one-word person (or a person's
        surname) or place elsewhere in the document is tagged the same where the CRF missed it."""
        covered = set()
        for sp in spans:
            covered.update(range(sp.ti, sp.tj))
        kind_of: dict[str, str] = {}
        for sp in spans:
            if sp.kind == "persons" and len(sp.words) <= 3:
                if (key := _name_key(sp.words[-1])) is not None:
                    kind_of.setdefault(key, "persons")
            elif sp.kind == "places" and len(sp.words) == 1:
                if (key := _name_key(sp.words[0])) is not None:
                    kind_of.setdefault(key, "places")
        if not kind_of:
            return spans
        out = list(spans)
        for k, (form, s, e) in enumerate(tokens):
            key = None if k in covered else _name_key(form)
            if key is None:
                continue
            kind = kind_of.get(key)
            if kind == "persons" and (_never_a_person(form) or self._locative_name(form)):
                continue  # Jāņa Bērziņa ... Jāņu dziesmas: the same stem, a holiday; Vilidžai ... Vilidžā
            if kind:
                out.append(_Span(kind, s, e, [form], k, k + 1))
        return out

    def _place_name(self, words: list[str]) -> tuple[str, str | None, str | None]:
        """(nominative, country, kind) of a place span."""
        lex = self.lex
        if len(words) == 1 and words[0] in STATE_ABBREVIATIONS:
            return STATE_ABBREVIATIONS[words[0]]
        if len(words) == 2 and words[0][:1].isupper() and words[1].lower().startswith(CITY_NOUNS):
            # `Jelgavas pilsētā`, `Aradas pilsētas`: the mention keeps the head noun (as the
            # corpus marks it), the name is the town's own: Jelgava, Arada
            name, country, _ = self._place_name(words[:1])
            return name, country, "city"
        m = lex.match_place(words, 0)
        if m and m[0] == len(words):
            e = m[1]
            return e.name, e.country, e.kind
        joined = " ".join(words)
        if joined in lex.places:
            e = lex.places[joined]
            return e.name, e.country, e.kind
        last = words[-1]
        known = lex.lemmas.get("place", {})
        if last in known:
            nom_last = known[last]
        elif last[:1].isupper():
            nom_last = lexmod.apply_suffix_rules(lex, "place", last)
        elif len(words) > 1 and last.lower() in _feature_head_forms():
            # Gaujas Nacionālo parku -> Gaujas Nacionālais parks, Lubāna ezerā -> Lubāna ezers
            words = _head_to_nominative(words, _feature_head_forms())
            nom_last = words[-1]
        elif len(words) > 1 and last.lower() in _STATES:
            nom_last = _STATES[last.lower()]  # Baltijas valstīs -> Baltijas valstis, a region
        else:
            nom_last = self._common_nominative(last)
        name_words = words[:-1] + [nom_last]
        name = " ".join(name_words)
        kind = None
        country = None
        head = nom_last.lower()
        if head == "valstis" and len(words) > 1:
            kind = "region"  # Baltijas valstis: a group of countries
        elif head in REGION_HEADS:
            kind = REGION_HEADS[head]
            if len(words) > 1:
                # `Valkas novads` LV, `Valgas pagasts` EE: the unit lies in its town's country
                first = lex.place_of(words[0])
                country = first.country if first else None
        elif name in lex.places:
            e = lex.places[name]
            country, kind = e.country, e.kind
        return name, country, kind

    def _common_nominative(self, word: str) -> str:
        """Nominative of a common noun heading a name (novadā -> novads, aģentūrai -> aģentūra)."""
        low = word.lower()
        hit = self.lex.org_head_forms.get(low)
        if hit:
            nom = hit[0]
            return word[:1] + nom[1:] if word[:1].isupper() else nom
        return _region_head_of().get(low, word)

    def _country_noun_at(self, k: int, tokens) -> tuple[str, str] | None:
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

    def _country_before(self, sp: _Span, tokens) -> tuple[str | None, str | None]:
        """`Somijas pilsētā Joensū`, `Igaunijas pilsētā (Pērnavā)`, `Itālijas reģionā Kalabrijā`:
        a country in the genitive and a town's or region's noun right before a place the
        lexicons do not know give its country and kind."""
        k = sp.ti - 1
        if k >= 0 and tokens[k][0] == "(":
            k -= 1
        return self._country_noun_at(k, tokens) or (None, None)

    def _places(self, spans: list[_Span], tokens, text: str) -> list[Place]:
        items: dict[str, Place] = {}
        for sp in sorted(spans, key=lambda s: s.start):
            name, country, kind = self._place_name(sp.words)
            if country is None and CONTEXT_COUNTRY:
                c, k = self._country_before(sp, tokens)
                if c is not None and kind in (None, k):
                    country, kind = c, k
            if country is None and len(sp.words) == 1 and sp.tj < len(tokens):
                # `Dienvidkurzemes novada`: the name of a unit the lexicon knows takes the unit's country
                unit = self.lex.match_place([sp.words[0], tokens[sp.tj][0]], 0)
                if unit and unit[0] == 2:
                    country, kind = unit[1].country, kind or unit[1].kind
            key = name.casefold()
            m = Mention(text=text[sp.start:sp.end], start=sp.start, end=sp.end)
            if key in items:
                if all(x.start != m.start or x.end != m.end for x in items[key].mentions):
                    items[key].mentions.append(m)
                if items[key].country is None and country is not None:
                    items[key].country, items[key].kind = country, items[key].kind or kind
            else:
                items[key] = Place(name=name, country=country, kind=kind, mentions=[m])
        return list(items.values())

    def _person_name(self, words: list[str], hint: tuple[str | None, str | None] | None = None) -> str:
        zipf = self.lex.word_zipf
        nom = declension.person_nominative(list(words), self.lex.first_names, self.lex.lemmas.get("person"),
                                           rank=lambda n: zipf.get(n.lower(), 0.0),
                                           foreign=self.lex.foreign_first_names if FOREIGN_NAMES else None,
                                           hint=hint)
        return " ".join(nom)

    def _name_hint(self, sp: _Span, tokens, ends: dict[int, _Span] | None = None,
                   depth: int = 0) -> tuple[str | None, str | None] | None:
        """What the words around a name say of its case and gender, for a first name whose form
        two readings share (`Andra`: Andra, or Andris's genitive; `Valda`, `Gunta`, `Māra`):
        a role noun right before it in one case (`prezidenta Andra Bērziņa`: genitive, a man's;
        `direktore Māra Lāce`: nominative), else a preposition that takes the genitive (`no
        Valērija Kargina`), else a noun before it that has one case and gender (its nominative
        among wordfreq's words: `līdzīpašnieka Kirova Lipmana`), else a noun or adjective right
        after it, which a genitive name most often qualifies (`Andra Vilka grāmata`; in
        FullStack-LV train + dev, 18 of 20 such ambiguous names before a noun are genitives). A name after `un` or a comma that follows
        another person's name (`ends`: person spans by their end token) shares its case (`no
        Valērija Kargina un Viktora Krasovicka`)."""
        lex = self.lex
        k = sp.ti - 1
        if k >= 1 and ends and depth < 4 and tokens[k][0] in ("un", ",", "vai") and k in ends:
            got = self._name_hint(ends[k], tokens, ends, depth + 1)
            if got:
                return got
        if k >= 0:
            prev = tokens[k][0]
            low = prev.lower()
            roles = lex.attach_role_options.get(low) or ((lex.attach_roles[low],) if low in lex.attach_roles else ())
            if roles and " " not in low:
                readings = _readings(low, {r for r in roles if " " not in r})
                cases = {c for c, _g in readings}
                if len(cases) == 1:
                    genders = {g for _c, g in readings}
                    return cases.pop(), (genders.pop() if len(genders) == 1 else None)
            if low in GENITIVE_PREPOSITIONS:
                return "gen", None
            if prev.isalpha() and prev.islower() and lex.word_class.get(low) == "NOUN":
                # a noun before the name in one case and gender, read by its dictionary forms
                # (`līdzīpašnieka Kirova Lipmana`: līdzīpašnieks's genitive): the name agrees with it
                readings = _readings(low, lex.word_zipf)
                if len(readings) == 1:
                    return readings.pop()
        if sp.tj < len(tokens) and len(sp.words) > 1 and not _INITIAL.fullmatch(sp.words[0]):
            # not for a surname alone or after an initial: `Koļegova sarunas laikā` is hers
            nxt = tokens[sp.tj][0]
            if nxt.isalpha() and nxt.islower() and lex.word_class.get(nxt) in ("NOUN", "ADJ"):
                return "gen", None
        return None

    def _gender(self, name: str) -> str | None:
        """m / f of a person's nominative name: from the first-name lexicon, else the
        surname's ending (-s/-š masculine, -a/-e feminine)."""
        parts = [p for p in name.split(" ") if p and not p.endswith(".")]
        for p in parts:
            g = self.lex.first_names.get(p) or (self.lex.foreign_first_names.get(p) if FOREIGN_NAMES else None)
            if g in ("m", "f"):
                return g
        return _gender_of_ending(parts[-1]) if parts else None

    def _persons(self, spans: list[_Span], tokens, text: str) -> list[Person]:
        items: list[Person] = []
        keys: list[list[str]] = []
        ends = {sp.tj: sp for sp in spans}  # person spans by the token after them
        titles = _forms_of(ADDRESS_TITLE_WORDS)
        for sp in sorted(spans, key=lambda s: (-(len(s.words) - (s.words[-1] in titles)), s.start)):
            if ADDRESS_TITLES and len(sp.words) > 1 and sp.words[-1] in titles:
                # Bērziņa kungs -> Bērziņš, Liepiņas kundzei -> Liepiņa: the title is no part of
                # the name, the name before it is a genitive, the title gives the gender
                gender = "m" if sp.words[-1].startswith("kung") else "f"
                name = self._person_name(sp.words[:-1], ("gen", gender))
                if name == sp.words[-2] and name.endswith("es"):
                    name = name[:-1]  # Daudzes kungs: a man's surname in -e (Daudze), genitive -es
            else:
                name = self._person_name(sp.words, self._name_hint(sp, tokens, ends) if NAME_HINTS else None)
            parts = [p for p in name.split(" ") if p]
            m = Mention(text=text[sp.start:sp.end], start=sp.start, end=sp.end)
            target = None
            for it, k in zip(items, keys):
                if k == parts:
                    target = it
                    break
            if target is None and len(parts) == 1:
                # a surname (or first name) alone refers to an already seen full name
                # the surname as written first (`Bērziņa` is Laura Bērziņa's before Jānis Bērziņš's genitive)
                cands = [it for it, k in zip(items, keys) if len(k) > 1 and len(sp.words) == 1 and sp.words[0] == k[-1]]
                if not cands:
                    cands = [it for it, k in zip(items, keys)
                             if len(k) > 1 and (parts[0] == k[-1] or parts[0] == k[0])]
                if not cands and len(sp.words) == 1:
                    # `saka Bērziņa` after `Laura Bērziņa`: alone, a surname's nominative is a guess
                    # (Bērziņa: hers, or his genitive); its form fits the full name's surname
                    cands = [it for it, k in zip(items, keys) if len(k) > 1 and _surname_form(sp.words[0], k[-1])]
                if len(cands) == 1:
                    target = cands[0]
            if target is None and len(sp.words) == 2 and _INITIAL.fullmatch(sp.words[0]):
                target = self._initial_of(sp.words, items, keys)
            if target is None:
                target = Person(name=name, mentions=[])
                items.append(target)
                keys.append(parts)
            target.mentions.append(m)
            if target.role is None:
                target.role = self._role_near(sp, tokens, text, self._gender(target.name))
        for it in items:
            it.mentions.sort(key=lambda m: m.start)
        items.sort(key=lambda p: p.mentions[0].start)
        return items

    def _initial_of(self, words: list[str], items: list[Person], keys: list[list[str]]) -> Person | None:
        """`A. Kalniņa-Ozola` after `Anita Kalniņa-Ozola`: an initial and a surname are the one
        full name of the document whose first name has that initial and whose surname has that
        form (the initial cannot tell the gender, so the surname's nominative alone would guess)."""
        letter, surface = words[0][0], words[1]
        cands = []
        for it, k in zip(items, keys):
            if len(k) < 2 or not k[0].startswith(letter) or _INITIAL.fullmatch(k[0]):
                continue
            if _surname_form(surface, k[-1]) or self._person_name([k[0], surface]) == " ".join(k):
                cands.append(it)
        return cands[0] if len(cands) == 1 else None

    def _role_near(self, sp: _Span, tokens, text: str, gender: str | None = None) -> str | None:
        """The role noun before the name (`koordinatore Evelīna Balode`), also with where the
        person works between (`projekta vadītāja Valkas novada pašvaldībā Marika Zariņa`,
        `koordinatore no Spānijas Ana Garsija`: up to ROLE_REACH words, none a verb, a
        conjunction or a pronoun, no punctuation but quotes, on one line), or after the name
        and a comma (`Jānis Kalns, direktors`); in the nominative. A form two roles share
        (`vadītāju`: vadītājs or vadītāja) takes the person's gender."""
        roles, classes = self.lex.attach_roles, self.lex.word_class
        crossed = False
        k = sp.ti - 1
        budget = ROLE_REACH + 1
        while budget > 0:
            budget -= 1
            if k < 0:
                break
            for n in (2, 1):
                if k - n + 1 >= 0:
                    phrase = " ".join(tokens[j][0] for j in range(k - n + 1, k + 1)).lower()
                    if phrase in roles:
                        if crossed and phrase not in self.lex.attach_plurals:
                            return None  # `direktors Jānis Kalns un Anna Liepa`: his role, not hers
                        role = self._role_for(phrase, gender)
                        if k < sp.ti - 1 and gender and _gender_of_ending(role) not in (None, gender):
                            return None  # `direktora vietnieks ... Anna`: a farther role must agree
                        return role
            w = tokens[k][0]
            if (w in ("un", ",") and k > 0 and tokens[k - 1][0][:1].isupper()
                    and "\n" not in text[tokens[k - 1][1]:tokens[k + 1][1]]):
                # `skolotāji Sergejs Ivanovs un Oksana Petrova`, `skolotājiem Intai Ozolai, Mārim
                # Liepiņam un Dacei Krūmiņai`: on past the names before, a plural role only
                crossed = True
                budget += 3
                k -= 1
                continue
            if ("\n" in text[tokens[k][2]:tokens[k + 1][1]] or classes.get(w.lower()) in ROLE_STOP_CLASSES
                    or not (w.replace("-", "").replace(".", "").isalnum() or w in QUOTES)):
                break
            k -= 1
        after = [tokens[k][0] for k in range(sp.tj, min(len(tokens), sp.tj + 4))]
        if after and after[0] in (",", "-", "–", "("):
            for n in (2, 1):
                if len(after) > n:
                    phrase = " ".join(after[1:1 + n]).lower()
                    if phrase in self.lex.attach_roles:
                        return self._role_for(phrase, gender)
        return None

    def _role_for(self, form: str, gender: str | None) -> str:
        """The nominative of a role form; of two roles sharing it, the one of `gender`."""
        options = self.lex.attach_role_options.get(form, ())
        if gender and len(options) > 1:
            fit = [r for r in options if _gender_of_ending(r) == gender]
            if fit:
                return fit[0]
        return self.lex.attach_roles[form]

    def _org_name(self, words: list[str], seps: list[str] | None = None) -> str:
        """Nominative of an organisation name: inflect its head noun (and the definite
        adjectives agreeing with it) back to the nominative; the rest stays as written.
        ``seps``: what stands between the words in the text ("" inside `"Baltic Hotels"`,
        a space elsewhere); default one space."""
        new = self._org_words(words)
        if seps is None:
            return " ".join(new)
        return "".join(w + sep for w, sep in zip(new, seps + [""]))

    def _org_words(self, words: list[str]) -> list[str]:
        return _head_to_nominative(words, self._naming_heads)

    def _organizations(self, spans: list[_Span], tokens, text: str) -> list[Organization]:
        items: list[Organization] = []
        by_key: dict[str, Organization] = {}
        abbr_of: dict[str, Organization] = {}
        spans = sorted(spans, key=lambda s: s.start)
        for sp in spans:
            m = Mention(text=text[sp.start:sp.end], start=sp.start, end=sp.end)
            joined = " ".join(sp.words)
            if joined in abbr_of:
                org = abbr_of[joined]
                org.mentions.append(m)
                continue
            known_ab = joined if joined in self.lex.org_abbreviations else None
            seps = [" " if text[tokens[k][2]:tokens[k + 1][1]] else "" for k in range(sp.ti, sp.tj - 1)]
            name = self.lex.org_abbreviations[joined] if known_ab else self._org_name(sp.words, seps)
            key = name.casefold()
            org = by_key.get(key)
            if org is None:
                org = Organization(name=name, mentions=[], abbreviation=known_ab)
                by_key[key] = org
                items.append(org)
            if known_ab and org.abbreviation is None:
                org.abbreviation = known_ab
            org.mentions.append(m)
            # an abbreviation in parentheses right after: "... aģentūra (VIAA)"
            k = sp.tj
            if k + 2 < len(tokens) and tokens[k][0] == "(" and tokens[k + 2][0] == ")":
                ab = tokens[k + 1][0]
                if ab.isupper() and 2 <= len(ab) <= 10 and org.abbreviation is None:
                    org.abbreviation = ab
                    abbr_of[ab] = org
        # later bare occurrences of a defined abbreviation
        for ab, org in abbr_of.items():
            have = {(m.start, m.end) for m in org.mentions}
            for form, s, e in tokens:
                if form == ab and (s, e) not in have:
                    org.mentions.append(Mention(text=text[s:e], start=s, end=e))
                    have.add((s, e))
            org.mentions.sort(key=lambda m: m.start)
        # a shorter name that ends one (and only one) longer name is the same organisation
        # (Izglītības pārvalde -> Jelgavas novada pašvaldības Izglītības pārvalde)
        merged = []
        for a in items:
            aw = a.name.casefold().split()
            hosts = [b for b in items if b is not a and len(b.name.split()) > len(aw) >= 2
                     and b.name.casefold().split()[-len(aw):] == aw]
            if len(hosts) == 1:
                hosts[0].mentions = sorted(hosts[0].mentions + a.mentions, key=lambda m: m.start)
                merged.append(a)
        items = [o for o in items if all(o is not x for x in merged)]
        return items


_CACHE: dict[str, EntityRecognizer] = {}


def get_recognizer(model_path: Path | str = MODEL_PATH) -> EntityRecognizer:
    key = str(model_path)
    if key not in _CACHE:
        _CACHE[key] = EntityRecognizer(model_path)
    return _CACHE[key]


def recognize(text: str, sentences: list[tuple[int, int]] | None = None) -> EntityResult:
    return get_recognizer().recognize(text, sentences)


def attach_contacts(persons: list[Person], emails: Iterable, phones: Iterable, text: str,
                    window: int = 160) -> list[Person]:
    """Set person.email / person.phone from contact mentions (objects or dicts with
    value/start/end) that belong to them: an e-mail whose local part matches the person's
    name, or a contact that follows the person's mention closely (a signature block:
    name line, role line, `Tālr. ...`, `e-pasts: ...`) with no other person in between."""
    def get(c, k):
        return c[k] if isinstance(c, dict) else getattr(c, k)

    ments = sorted(((m.start, m.end, p) for p in persons for m in p.mentions), key=lambda x: x[0])

    def nearest_before(pos: int):
        best = None
        for s, e, p in ments:
            if e <= pos:
                best = (s, e, p)
        if best and pos - best[1] <= window and text[best[1]:pos].count("\n") <= 4:
            return best[2]
        return None

    for c in emails:
        value = get(c, "value")
        local = _fold(value.split("@")[0])
        owner = None
        for p in persons:
            parts = [_fold(x) for x in p.name.split() if len(x) > 1]
            if parts and local and (all(x in local for x in parts[-1:]) and (parts[-1] in local) or
                                    local == "".join(x[0] for x in parts[:-1]) + parts[-1]):
                owner = p
                break
        if owner is None:
            owner = nearest_before(get(c, "start"))
        if owner is not None and owner.email is None:
            owner.email = value
    for c in phones:
        owner = nearest_before(get(c, "start"))
        if owner is not None and owner.phone is None:
            owner.phone = get(c, "value")
    return persons
