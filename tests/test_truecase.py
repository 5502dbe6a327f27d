"""Headlines in capitals, recased for the tagger (extract.entities.truecase)."""
import pytest

from extract.entities import get_recognizer
from extract.entities import lexicon
from extract.entities.truecase import in_capitals, recase


@pytest.fixture(scope="module")
def lex():
    return lexicon.get()


@pytest.mark.parametrize("words, caps", [
    (["VALKA", "UN", "VALGA", "SADARBOJAS"], True),
    (["NILS", "UŠAKOVS", ":", "RĪGAS", "SKOLAS"], True),
    (["VIAA", "un", "IZM", "sadarbojas"], False),       # abbreviations in running text
    (["ES", "."], False),                                 # one word only
    (["Valka", "un", "Valga"], False),
    (["2024", ".", "GADS"], False),
])
def test_in_capitals(words, caps):
    assert in_capitals(words) is caps


@pytest.mark.parametrize("words, expected", [
    (["VALKA", "UN", "VALGA", "SADARBOJAS"], ["Valka", "un", "Valga", "sadarbojas"]),
    (["NILS", "UŠAKOVS", ":", "SKOLAS", "SAŅEMS", "ATBALSTU"], ["Nils", "Ušakovs", ":", "Skolas", "saņems", "atbalstu"]),
    (["ES", "UN", "VIAA", "ATBALSTS"], ["ES", "un", "VIAA", "atbalsts"]),    # abbreviations stay
    (["ERASMUS+", "PROJEKTS", "SPĀNIJĀ"], ["Erasmus+", "projekts", "Spānijā"]),
    (["JURIS", "KAŽA", ",", "ŽURNĀLISTS"], ["Juris", "Kaža", ",", "žurnālists"]),
])
def test_recase(lex, words, expected):
    got = recase(words, lex)
    assert got == expected
    assert [len(w) for w in got] == [len(w) for w in words]


def test_a_headline_in_capitals_gives_places_and_people():
    text = "VALKA UN VALGA SADARBOJAS\n\nNILS UŠAKOVS: RĪGAS SKOLAS SAŅEMS ATBALSTU\n\nTeksts par projektu."
    res = get_recognizer().recognize(text)
    assert {"Valka", "Valga", "Rīga"} <= {p.name for p in res.places}
    people = {p.name: [m.text for m in p.mentions] for p in res.persons}
    assert people.get("Nils Ušakovs") == ["NILS UŠAKOVS"]        # the name recased, the mention as written
    for item in res.persons + res.places + res.organizations:
        for m in item.mentions:
            assert text[m.start:m.end] == m.text
