"""Latvian case forms of proper nouns: generation and reversal (extract.declension)."""
import pytest

from extract import declension as d
from extract.entities import lexicon


@pytest.fixture(scope="module")
def first_names():
    return lexicon.get().first_names


@pytest.mark.parametrize("nominative, case, form", [
    ("Jānis", "gen", "Jāņa"), ("Jānis", "dat", "Jānim"), ("Jānis", "acc", "Jāni"), ("Jānis", "loc", "Jānī"),
    ("Bērziņš", "gen", "Bērziņa"), ("Bērziņš", "dat", "Bērziņam"), ("Bērziņš", "acc", "Bērziņu"),
    ("Ozoliņa", "gen", "Ozoliņas"), ("Ozoliņa", "dat", "Ozoliņai"),
    ("Anna", "gen", "Annas"), ("Anna", "dat", "Annai"), ("Anna", "acc", "Annu"),
    ("Rēzekne", "gen", "Rēzeknes"), ("Rēzekne", "loc", "Rēzeknē"), ("Rēzekne", "acc", "Rēzekni"),
    ("Jelgava", "loc", "Jelgavā"), ("Jelgava", "gen", "Jelgavas"),
    ("Ventspils", "loc", "Ventspilī"), ("Ventspils", "gen", "Ventspils"), ("Daugavpils", "dat", "Daugavpilij"),
    ("Tirgus", "dat", "Tirgum"), ("Kārlis", "gen", "Kārļa"), ("Kalnietis", "gen", "Kalnieša"),
    ("Dāvis", "gen", "Dāvja"), ("Alise", "dat", "Alisei"), ("Ilze", "gen", "Ilzes"),
])
def test_singular_forms(nominative, case, form):
    assert form in d.forms(nominative)[case]


@pytest.mark.parametrize("nominative, case, form", [
    ("Cēsis", "gen", "Cēsu"), ("Cēsis", "loc", "Cēsīs"), ("Cēsis", "dat", "Cēsīm"),
    ("Talsi", "loc", "Talsos"), ("Talsi", "gen", "Talsu"), ("Preiļi", "dat", "Preiļiem"),
    ("Pļaviņas", "loc", "Pļaviņās"), ("Atēnas", "gen", "Atēnu"),
    ("Apvienotā Karaliste", "loc", "Apvienotajā Karalistē"), ("Apvienotā Karaliste", "gen", "Apvienotās Karalistes"),
    ("Jelgavas novads", "loc", "Jelgavas novadā"), ("Tuvie Austrumi", "loc", "Tuvajos Austrumos"),
])
def test_plural_only_and_multiword_place_forms(nominative, case, form):
    assert form in d.forms(nominative, place=True)[case]


@pytest.mark.parametrize("word", ["Oslo", "Tartu", "Toronto"])
def test_indeclinable(word):
    assert d.all_forms(word) == {word}


@pytest.mark.parametrize("plain, alternated", [
    ("Jān", "Jāņ"), ("Kārl", "Kārļ"), ("Kalniet", "Kalnieš"), ("brīv", "brīvj"), ("las", "laš"), ("lāc", "lāč"),
])
def test_alternation_roundtrip(plain, alternated):
    assert d.alternate(plain) == alternated
    assert plain in d.unalternate(alternated)


@pytest.mark.parametrize("form, nominative, case", [
    ("Jāņa", "Jānis", "gen"), ("Bērziņam", "Bērziņš", "dat"), ("Ventspilī", "Ventspils", "loc"),
    ("Rēzeknē", "Rēzekne", "loc"), ("Annas", "Anna", "gen"), ("Cēsīs", "Cēsis", "loc"),
])
def test_candidates_contain_the_right_one(form, nominative, case):
    assert any(c.nominative == nominative and c.case == case for c in d.candidates(form))


@pytest.mark.parametrize("tokens, expected", [
    (["Jānim", "Bērziņam"], "Jānis Bērziņš"),
    (["Jāņa", "Bērziņa"], "Jānis Bērziņš"),
    (["Jāni", "Bērziņu"], "Jānis Bērziņš"),
    (["Ilzes", "Ozoliņas"], "Ilze Ozoliņa"),
    (["Annas", "Kalniņas"], "Anna Kalniņa"),
    (["Annai", "Kalniņai"], "Anna Kalniņa"),
    (["Kārlim", "Kalnietim"], "Kārlis Kalnietis"),
    (["Kārļa", "Kalnieša"], "Kārlis Kalnietis"),
    (["Jāņa", "Pavloviča"], "Jānis Pavlovičs"), (["Dmitrijam", "Ivanovičam"], "Dmitrijs Ivanovičs"),
    (["Jāņa", "Ivanova"], "Jānis Ivanovs"),
    (["Evelīna", "Balode"], "Evelīna Balode"),
    (["Evelīnai", "Balodei"], "Evelīna Balode"),
    (["Pēterim", "Ozolam"], "Pēteris Ozols"),
    (["Vairai", "Vīķei-Freibergai"], "Vaira Vīķe-Freiberga"),
    (["J.", "Bērziņš"], "J. Bērziņš"),
    (["Bērziņam"], "Bērziņš"),
    (["Ozoliņai"], "Ozoliņa"),
])
def test_person_nominative(tokens, expected, first_names):
    assert " ".join(d.person_nominative(tokens, first_names)) == expected


@pytest.mark.parametrize("name", ["Jānis", "Bērziņš", "Ozoliņa", "Anna", "Rēzekne", "Jelgava", "Kārlis", "Ilze"])
def test_every_generated_form_reverses_to_its_nominative(name):
    for case, fs in d.forms(name).items():
        for f in fs:
            assert any(c.nominative == name for c in d.candidates(f)), (name, case, f)


def test_name_case_rank_settles_forms_shared_by_two_names() -> None:
    names = {"Dace": "f", "Dacis": "m"}
    hits = {d.name_case("Daci", {"Dacis": "m"})[0], d.name_case("Daci", {"Dace": "f"})[0]}
    assert hits == {"Dace", "Dacis"}  # the form belongs to both names
    assert d.name_case("Daci", names, rank=lambda n: {"Dace": 4.1}.get(n, 0.0))[0] == "Dace"
    assert d.name_case("Daci", names, rank=lambda n: {"Dacis": 4.1}.get(n, 0.0))[0] == "Dacis"


def test_nominative_first_name_keeps_the_surname() -> None:
    assert d.person_nominative(["Andris", "Plivda"], {"Andris": "m"}) == ["Andris", "Plivda"]
    assert d.person_nominative(["Andrim", "Bērziņam"], {"Andris": "m"}) == ["Andris", "Bērziņš"]


FOREIGN = {"Jonas": "m", "Mindaugas": "m", "Robertas": "m", "Mika": "m"}


@pytest.mark.parametrize("tokens, expected", [
    (["Jonas", "Petraitis"], ["Jonas", "Petraitis"]),            # not Jona's genitive: Petraitis agrees with none
    (["Mindaugas", "Kazlauskas"], ["Mindaugas", "Kazlauskas"]),  # no Latvian reading: a man's nominative
    (["Mika", "Virtanens"], ["Mika", "Virtanens"]),              # not Miks's genitive
    (["Robertas", "Ozolas"], ["Roberta", "Ozola"]),              # Ozolas agrees with Roberta's genitive
    (["Annas", "Kalniņas"], ["Anna", "Kalniņa"]),                # no foreign name: as before
])
def test_person_nominative_with_foreign_first_names(tokens, expected):
    first = {"Jona": "f", "Roberta": "f", "Anna": "f", "Miks": "m"}
    assert d.person_nominative(tokens, first, foreign=FOREIGN) == expected


FIRST = {"Andra": "f", "Andris": "m", "Māra": "f", "Māris": "m", "Anna": "f"}


@pytest.mark.parametrize("tokens, hint, expected", [
    # a form two first names share: the hint's case picks the reading
    (["Andra", "Bērziņa"], ("gen", "m"), ["Andris", "Bērziņš"]),
    (["Andra", "Vilka"], ("gen", None), ["Andris", "Vilks"]),
    (["Andra", "Bērziņa"], None, ["Andra", "Bērziņa"]),          # no hint: the nominative, as before
    (["Māra", "Lāce"], ("nom", "f"), ["Māra", "Lāce"]),
    (["Anna", "Kalniņa"], ("gen", None), ["Anna", "Kalniņa"]),   # no genitive reading: the hint is ignored
    # no first name known: a hint with a case gives the surname's paradigm, its gender from the readings
    (["Kirova", "Lipmana"], ("gen", "m"), ["Kirovs", "Lipmans"]),
    (["Timija", "Hansena"], ("gen", None), ["Timijs", "Hansens"]),
    (["Kirova", "Lipmana"], ("dat", None), ["Kirova", "Lipmana"]),  # no reading in that case: as written
])
def test_person_nominative_with_a_context_hint(tokens, hint, expected):
    assert d.person_nominative(tokens, FIRST, hint=hint) == expected


@pytest.mark.parametrize("tokens, expected", [
    (["Riharda", "Kozlovska"], ["Rihards", "Kozlovskis"]),     # -ska, -cka genitives: -skis, -ckis
    (["Viktora", "Krasovicka"], ["Viktors", "Krasovickis"]),
    (["Jāņa", "Bērziņa"], ["Jānis", "Bērziņš"]),
])
def test_slavic_sk_surnames_take_the_second_declension(tokens, expected):
    assert d.person_nominative(tokens, {"Rihards": "m", "Viktors": "m", "Jānis": "m"}) == expected


@pytest.mark.parametrize("tokens, expected", [
    (["Andra", "Dzeņa"], ["Andris", "Dzenis"]),   # -ņa after a vowel other than i: the second declension
    (["Jāņa", "Bērziņa"], ["Jānis", "Bērziņš"]),  # the diminutive -iņš stays
])
def test_genitive_in_nja(tokens, expected):
    assert d.person_nominative(tokens, {"Andris": "m", "Jānis": "m"}, hint=("gen", "m")) == expected
