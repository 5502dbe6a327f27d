"""The entity stage's word lists, loaded from `lexicons/entity_words.yaml` (what each list is
for is said there). Lists whose order matters (the first head noun wins a shared form) are
tuples in file order; the others are frozensets. `forms_of: [nouns]` entries are every case
form of the nouns, made by `declension`."""
from __future__ import annotations

from functools import lru_cache

from .. import declension
from ..lexicons import load_yaml

WORDS_FILE = "entity_words.yaml"
_DATA = load_yaml(WORDS_FILE)


def _tuple(key: str) -> tuple[str, ...]:
    value = _DATA[key]
    if isinstance(value, dict):
        return tuple(sorted({f for noun in value["forms_of"] for f in declension.all_forms(noun)}))
    return tuple(value)


def _set(key: str) -> frozenset[str]:
    return frozenset(_tuple(key))


ORG_NOT_PLACE = _set("org_not_place")
PROGRAMMES = _set("programmes")
PROGRAMMES_FOLDED = frozenset(p.casefold() for p in PROGRAMMES)  # ERASMUS+ in a title in capitals too
NOT_BODIES = _set("not_bodies")
SURE_ABBREVIATIONS = _set("sure_abbreviations")
QUOTES = _set("quotes")
PERSON_TITLES = _set("person_titles")
RANK_TITLES = _tuple("rank_titles")
HOLIDAY_ENDINGS = _tuple("holiday_endings")
PLANETS = _tuple("planets")
HOLIDAY_FORMS = _set("holiday_forms")
LEGAL_FORMS = _tuple("legal_forms")
NAMING_NOUNS = _tuple("naming_nouns")
WORK_NOUNS = _tuple("work_nouns")
ADDRESS_TITLE_WORDS = _tuple("address_title_words")
GENITIVE_PREPOSITIONS = _set("genitive_prepositions")
LOCATIVE_ENDINGS = _tuple("locative_endings")
LEGAL_ABBREVIATIONS = _set("legal_abbreviations")
PROJECT_NOUNS = _set("project_nouns")
PROGRAMME_BODIES = _set("programme_bodies")
EPONYM_HEADS = _tuple("eponym_heads")
MUNICIPAL_HEADS = _set("municipal_heads")
CITY_NOUNS = _tuple("city_nouns")
TOWN_NOUNS = _tuple("town_nouns")
DEF_ADJ_ENDINGS = _tuple("def_adj_endings")
SENT_OPENERS = _set("sent_openers")
REGION_HEADS: dict[str, str] = dict(_DATA["region_heads"])
STREET_HEADS = _tuple("street_heads")
FACILITY_HEADS = _tuple("facility_heads")
NATURE_HEADS = _tuple("nature_heads")
NATURE_OR_VILLAGE_HEADS = NATURE_HEADS + ("ciems",)
NATURE_PLURALS = _set("nature_plurals")
UNIT_GENITIVES = _set("unit_genitives")
ADMIN_UNIT_HEADS = _tuple("admin_unit_heads")
PLACE_TAIL_HEADS = _tuple("place_tail_heads")
SUBUNIT_HEADS = _tuple("subunit_heads")
BODY_HEADS = _tuple("body_heads")
NAME_CONNECTORS = _set("name_connectors")
TITLE_STOPS = _set("title_stops")
STATES: dict[str, str] = dict(_DATA["states"])
PLACE_TAIL_PLURALS = _set("place_tail_plurals")
STATE_ABBREVIATIONS: dict[str, tuple] = {k: tuple(v) for k, v in _DATA["state_abbreviations"].items()}
PLURAL_UNIT_FORMS = _set("plural_unit_forms")


@lru_cache(maxsize=None)
def forms_of(heads: tuple[str, ...]) -> frozenset[str]:
    """Every case form of some head nouns (FACILITY_HEADS, NATURE_HEADS, ...), made once per tuple."""
    return frozenset(f for h in heads for f in declension.all_forms(h))
