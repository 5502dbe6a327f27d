"""EntityRecognizer with the shipped CRF model: offsets, nominative names, contract rules."""
import pytest

from extract.entities import EntityRecognizer, EntityResult, attach_contacts, get_recognizer
from extract.records import ContactMention, Mention, Person


# ---------------------------------------------------------------- the rule units, through the registry
def _doc(rec, tokens, text=""):
    from extract.entities.spans import Doc

    return Doc(text, tokens, rec.lex, rec.naming, rec.chain)


def step(rec, rule_id, spans, tokens, text=""):
    """One registered `spans` rule, as the chain runs it."""
    from extract.entities import registry

    return registry()[rule_id].fn(list(spans), _doc(rec, tokens, text))


def fix_spans(rec, spans, tokens, text):
    """The chain's span steps from balance-brackets to place-compounds (what followed the tagging
    before the known bodies, the document votes and the contract's last word)."""
    from extract.entities import registry

    order = [i for i in rec.chain.order if rec.chain.on(i) and registry()[i].stage == "spans"]
    doc = _doc(rec, tokens, text)
    for rule_id in order[order.index("balance-brackets"):order.index("place-compounds") + 1]:
        spans = registry()[rule_id].fn(spans, doc)
    return spans


def places_of(rec, spans, tokens, text):
    from extract.entities import items

    return items.places(spans, _doc(rec, tokens, text))


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return get_recognizer()


def names(items):
    return {i.name for i in items}


def check_offsets(text, res: EntityResult):
    for item in res.persons + res.places + res.organizations:
        for m in item.mentions:
            assert text[m.start:m.end] == m.text


def recognized(rec, text: str) -> EntityResult:
    """The recogniser's result for `text`, its offsets checked."""
    res = rec.recognize(text)
    check_offsets(text, res)
    return res


def test_loaded_once():
    assert get_recognizer() is get_recognizer()


@pytest.mark.parametrize("text, person", [
    ("Vakar Jānim Bērziņam pasniedza balvu.", "Jānis Bērziņš"),
    ("Sarunā ar skolotāju Ilzi Ozoliņu apspriedām mācības.", "Ilze Ozoliņa"),
    ("Pasākumu atklāja direktore Anna Kalniņa.", "Anna Kalniņa"),
    ("Pateicamies Pēterim Ozolam par atbalstu.", "Pēteris Ozols"),
    # a title of rank is not part of the name (the corpus never counts it, even capitalised)
    ("Lielkņaza Dmitrija Pavloviča dzīve bija traģiska.", "Dmitrijs Pavlovičs"),
    ("Princis Čārlzs apmeklēja skolu.", "Čārlzs"),
])
def test_person_in_nominative(rec, text, person):
    res = recognized(rec, text)
    assert person in names(res.persons)


@pytest.mark.parametrize("text, place, country, kind", [
    ("Skolēni devās mācību braucienā uz Ventspili.", "Ventspils", "LV", "city"),
    ("Nometne notika Cēsīs.", "Cēsis", "LV", "city"),
    ("Partneri ieradās no Helsingborgas.", "Helsingborga", "SE", "city"),
    ("Konference notika Drēzdenē.", "Drēzdene", "DE", "city"),
    ("Pieredzes apmaiņa notika Vācijā.", "Vācija", "DE", "country"),
    ("Skolotāji devās uz Apvienoto Karalisti.", "Apvienotā Karaliste", "GB", "country"),
    ("Projekts aptver visu Latgali.", "Latgale", "LV", "region"),
])
def test_place_in_nominative_with_country_and_kind(rec, text, place, country, kind):
    res = recognized(rec, text)
    got = {p.name: p for p in res.places}
    assert place in got
    assert got[place].country == country and got[place].kind == kind


@pytest.mark.parametrize("text", [
    "Šodien ir jauka diena, un mēs ejam uz skolu.",
    "Skolēni mācījās matemātiku un fiziku.",
    "Pēc stundām bērni spēlēja futbolu.",
    "Liela daļa skolotāju atbalsta šo ideju.",
])
def test_nothing_to_tag(rec, text):
    res = rec.recognize(text)
    assert res.persons == [] and res.places == [] and res.organizations == []


def test_person_inside_organisation_name_is_not_a_person(rec):
    text = "Pieredzes apmaiņā piedalījās Kārļa Skalbes Cēsu pamatskolas skolotāji."
    res = rec.recognize(text)
    assert "Kārlis Skalbe" not in names(res.persons)
    assert res.persons == []
    assert any("pamatskola" in o.name for o in res.organizations)


@pytest.mark.parametrize("text, place, country, kind", [
    ("Skolēni viesojās Somijas pilsētā Sotkamo, kur notika tikšanās.", "Sotkamo", "FI", "city"),
    ("Skolēni devās uz Norvēģijas pilsētu (Hamaru).", "Hamara", "NO", "city"),
    ("Nometne notika Zviedrijas pilsētā Ēstersundā.", "Ēstersunda", "SE", "city"),
    ("Sadarbība ar Valgas pagastu ilgst desmit gadus.", "Valgas pagasts", "EE", "region"),
    # no country before it: the lexicons' answer, or none
    ("Sadarbība ar Somijas skolu Sotkamo pilsētā.", "Sotkamo", "FI", "city"),  # towns.tsv (GeoNames)
    ("Projekta partneri ir no Ventspils.", "Ventspils", "LV", "city"),
])
def test_country_and_kind_from_context(rec, text, place, country, kind):
    res = recognized(rec, text)
    got = {p.name: (p.country, p.kind) for p in res.places}
    assert got.get(place) == (country, kind)


def test_place_inside_organisation_name_is_a_place(rec):
    text = "Projektā piedalījās Daugavpils tehnikums un Rēzeknes Tehnoloģiju akadēmija."
    res = recognized(rec, text)
    assert "Daugavpils tehnikums" in names(res.organizations)
    assert {"Daugavpils", "Rēzekne"} <= names(res.places)


def test_european_union_is_an_organisation_europe_a_continent(rec):
    text = "Eiropas Savienība atbalsta skolas visā Eiropā."
    res = rec.recognize(text)
    assert "Eiropas Savienība" in names(res.organizations)
    assert "Eiropas Savienība" not in names(res.places)
    eu = {p.name: p for p in res.places}["Eiropa"]
    assert eu.kind == "continent"


@pytest.mark.parametrize("text, org", [
    ("Projektu līdzfinansē Eiropas Sociālais fonds.", "Eiropas Sociālais fonds"),
    ("Ēku atjaunoja ar Eiropas Reģionālās attīstības fonda atbalstu.", "Eiropas Reģionālās attīstības fonds"),
    ("Programmu apstiprināja Eiropas Komisija.", "Eiropas Komisija"),
])
def test_europe_opening_a_body_name_is_not_a_place(rec, text, org):
    res = recognized(rec, text)
    assert org in names(res.organizations)
    assert "Eiropa" not in names(res.places)


@pytest.mark.parametrize("text, org, place", [
    ("Pašvaldība turpina īstenot Eiropas Sociālā fonda Plus projektu.", "Eiropas Sociālais fonds", None),
    ("Studenti mācās Rīgas Tehniskajā universitātē.", "Rīgas Tehniskā universitāte", "Rīga"),
    ("Pieteikumus vērtē Valsts izglītības attīstības aģentūrā.", "Valsts izglītības attīstības aģentūra", None),
])
def test_known_body_in_any_case_is_an_organisation(rec, text, org, place):
    res = recognized(rec, text)
    assert org in names(res.organizations)
    assert not names(res.persons)
    assert names(res.places) == ({place} if place else set())


@pytest.mark.parametrize("text", [
    "Eiropas Sociālā fonda projekts palīdz jauniešiem visā Eiropā.",
    "Skolēni apceļoja Eiropu.",
])
def test_europe_standing_alone_is_a_place(rec, text):
    res = recognized(rec, text)
    assert "Eiropa" in names(res.places)
    mentions = [m.text for p in res.places if p.name == "Eiropa" for m in p.mentions]
    assert all(not m.startswith("Eiropas") for m in mentions)


def test_abbreviation_links_mentions(rec):
    text = "Projektu finansē Valsts izglītības attīstības aģentūra (VIAA). VIAA pārstāvji ieradās Rēzeknē."
    res = recognized(rec, text)
    org = {o.name: o for o in res.organizations}["Valsts izglītības attīstības aģentūra"]
    assert org.abbreviation == "VIAA"
    assert [m.text for m in org.mentions] == ["Valsts izglītības attīstības aģentūra", "VIAA", "VIAA"]
    assert len(res.organizations) == 1


def test_organisation_name_in_nominative(rec):
    text = "Pateicamies Valsts izglītības attīstības aģentūrai par atbalstu."
    res = rec.recognize(text)
    assert "Valsts izglītības attīstības aģentūra" in names(res.organizations)


def test_one_item_per_entity(rec):
    text = "Nometne notika Cēsīs. Pēc tam skolēni atgriezās Cēsīs, bet vēlāk devās uz Cēsu novadu."
    res = rec.recognize(text)
    cesis = [p for p in res.places if p.name == "Cēsis"]
    assert len(cesis) == 1 and len(cesis[0].mentions) >= 2


def test_role(rec):
    text = "Projekta koordinatore Evelīna Kalniņa pastāstīja par rezultātiem."
    res = rec.recognize(text)
    p = {x.name: x for x in res.persons}["Evelīna Kalniņa"]
    assert p.role == "koordinatore"


def test_offsets_with_newlines_and_normalised_quotes(rec):
    text = 'Sveiki!\n\nBiedrība "Zaļā skola" sadarbojas ar Liepājas universitāti.\nInformāciju sniedza Ieva Liepiņa.\n'
    res = recognized(rec, text)
    assert "Ieva Liepiņa" in names(res.persons)
    assert "Liepāja" in names(res.places)


def test_given_sentences_are_used(rec):
    text = "Jānis Bērziņš dzīvo Rīgā. Anna Kalniņa dzīvo Jelgavā."
    res = rec.recognize(text, sentences=[(0, 25), (26, len(text))])
    assert {"Jānis Bērziņš", "Anna Kalniņa"} <= names(res.persons)
    assert {"Rīga", "Jelgava"} <= names(res.places)


def test_attach_contacts_signature_block():
    text = "Ar cieņu,\nJānis Bērziņš\nprojekta vadītājs\nTālr. 29123456\ne-pasts: info@skola.lv\n"
    s = text.index("Jānis")
    p = Person(name="Jānis Bērziņš", mentions=[Mention(text="Jānis Bērziņš", start=s, end=s + 13)])
    ph = text.index("29123456")
    em = text.index("info@skola.lv")
    attach_contacts([p], [ContactMention(value="info@skola.lv", text="info@skola.lv", start=em, end=em + 13)],
                    [ContactMention(value="+37129123456", text="29123456", start=ph, end=ph + 8)], text)
    assert p.phone == "+37129123456" and p.email == "info@skola.lv"


def test_attach_contacts_by_email_name():
    text = "Uzvarētāju sveica Anna Kalniņa un Jānis Bērziņš. Jautājumus sūtiet: janis.berzins@skola.lv"
    a = Person(name="Anna Kalniņa", mentions=[Mention(text="Anna Kalniņa", start=18, end=30)])
    j = Person(name="Jānis Bērziņš", mentions=[Mention(text="Jānis Bērziņš", start=34, end=47)])
    em = text.index("janis")
    attach_contacts([a, j], [{"value": "janis.berzins@skola.lv", "start": em, "end": len(text)}], [], text)
    assert j.email == "janis.berzins@skola.lv" and a.email is None


def test_attach_contacts_survives_name_parts_that_fold_to_nothing():
    """#30: `Øø` folds to an empty string (no ASCII letter); it neither crashes the match of an
    address to a name nor matches every address (an empty part is "in" any local part)."""
    text = "Sveicienu nosūtīja Øø Hansen no Bergenas. " + "Citas ziņas. " * 20 + "Raksti: info@skola.lv"
    s = text.index("Øø")
    p = Person(name="Øø Hansen", mentions=[Mention(text="Øø Hansen", start=s, end=s + 9)])
    q = Person(name="Hansen Øø", mentions=[Mention(text="Hansen Øø", start=s, end=s + 9)])
    em = text.index("info@")
    attach_contacts([p, q], [{"value": "info@skola.lv", "start": em, "end": len(text)}], [], text)
    assert p.email is None and q.email is None
    attach_contacts([p], [{"value": "hansen@skola.lv", "start": em, "end": len(text)}], [], text)
    assert p.email == "hansen@skola.lv"


def test_fast_tagger_matches_pycrfsuite(rec):
    """The numpy scorer gives the labels python-crfsuite gives for the same features."""
    import pycrfsuite

    from extract.entities import MODEL_PATH
    from extract.entities.features import DocStats, sentence_features
    from extract.entities.tokenize import split_sentences, tokenize

    text = ("Rīgas Valsts 1. ģimnāzijas skolotāja Ilze Ozoliņa kopā ar J. Bērziņu devās uz Itāliju. "
            "Projektu \"Zaļā skola\" finansē Eiropas Savienība, ziņo Valsts izglītības attīstības aģentūra (VIAA). "
            "Sanāksmē Daugavpilī piedalījās Jānis Kalniņš un Anna Kalniņa no Latvijas Universitātes.")
    toks = tokenize(text)
    sents = [[w for w, a, b in toks if a >= s and b <= e] for s, e in split_sentences(text, toks)]
    doc = DocStats(sents, rec.lex) if rec.doc_features else None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    fast = rec.tagger.tag_document(sents + [[]], doc)
    assert fast[-1] == []
    for words, labels in zip(sents, fast):
        assert labels == tagger.tag(sentence_features(words, rec.lex, doc))


def test_person_precision_filters(rec):
    text = ("Projekta partneri: Profesionālais apmācību centrs (Spānija). Projekts \"S.O.S. karjera\" sākās. "
            "Koordinatore Ilze Ozoliņa to vada.")
    res = rec.recognize(text)
    got = names(res.persons)
    assert "Ilze Ozoliņa" in got
    assert not any(n.startswith(("Profesionāl", "S.")) for n in got)


def _orgs(rec, text):
    from extract.normalise import normalise

    res = rec.recognize(normalise(text).text)
    return {o.name: [m.text for m in o.mentions] for o in res.organizations}


def test_organisation_ends_before_an_address(rec):
    got = _orgs(rec, "Plašāka informācija pieejama Valsts izglītības attīstības aģentūras mājaslapas "
                     "www.viaa.gov.lv sadaļā Erasmus+.")
    assert got == {"Valsts izglītības attīstības aģentūra": ["Valsts izglītības attīstības aģentūras"]}


@pytest.mark.parametrize("word, address", [
    ("www.viaa.gov.lv", True), ("WWW.SKOLA.LV", True), ("info@viaa.gov.lv", True), ("https://x.lv/a", True),
    ("viaa.gov.lv", True), ("LSM.lv", False), ("Firmas.lv", False), ("Erasmus+", False), ("A.Kalniņa", False),
])
def test_what_counts_as_an_address(word, address):
    from extract.entities.spans import ADDRESS as _ADDRESS

    assert bool(_ADDRESS.match(word)) is address


def test_stray_quote_found_by_direction(rec):
    # the title's opening mark is the stray one; the name keeps the quotation it opens and closes
    got = _orgs(rec, 'Izstrādāts dokuments "Profesionālās izglītības kompetences centra ,,Daugavpils tehnikums" '
                     'internacionalizācijas stratēģija 2017. - 2021.gadam".')
    assert got["Profesionālās izglītības kompetences centrs \"Daugavpils tehnikums\""] == [
        'Profesionālās izglītības kompetences centra "Daugavpils tehnikums"']


@pytest.mark.parametrize("text, name", [
    ("Vizītē piedalījās Osmānijas provinces Nacionālais izglītības direktorāts.",
     "Osmānijas provinces Nacionālais izglītības direktorāts"),
    ("Sanāksme notika Aradas pilsētas Izglītības pārvaldē Rumānijā.", "Aradas pilsētas Izglītības pārvalde"),
])
def test_place_and_unit_before_a_body_belong_to_it(rec, text, name):
    assert name in _orgs(rec, text)


def test_unit_before_a_body_must_be_in_the_genitive(rec):
    # `Cēsu novadā` (where) is not part of the body's name
    assert _orgs(rec, "Kopš pagājušā gada Cēsu novadā Izglītības pārvalde rīko konkursu.") == {
        "Izglītības pārvalde": ["Izglītības pārvalde"]}


def test_organisation_quotes_balanced(rec):
    text = "Uzņēmums „ZAAO\" ziņo, ka atkritumu apjoms pieaug."
    res = rec.recognize(text)
    for o in res.organizations:
        for m in o.mentions:
            assert m.text.count("\"") + m.text.count("„") != 1


@pytest.mark.slow
def test_training_end_to_end_on_a_small_slice(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    corpus = Path("/work/shared/corpora/latvian")
    if not (corpus / "fullstack-ner-train.conll").exists():
        pytest.skip("FullStack-LV corpus not available")
    out = tmp_path / "ner.crfsuite"
    r = subprocess.run([sys.executable, str(root / "scripts" / "train_ner.py"), "--limit", "400", "--iters", "15",
                        "--out", str(out), "--report-test"], capture_output=True, text=True, timeout=600,
                       env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr
    assert out.exists() and "dev:" in r.stdout and "test:" in r.stdout
    res = EntityRecognizer(out).recognize("Jānis Bērziņš strādā Rīgā.")
    assert isinstance(res, EntityResult)


@pytest.mark.parametrize("text, person", [
    ("Darbnīcu vadīja Dr. Jānis Bērziņš no Vidzemes Augstskolas.", "Jānis Bērziņš"),
    ("Lekciju lasīja prof. Anna Kalniņa.", "Anna Kalniņa"),
])
def test_titles_are_not_part_of_a_name(rec, text, person):
    res = rec.recognize(text)
    assert person in names(res.persons)
    for p in res.persons:
        for m in p.mentions:
            assert not m.text.lower().startswith(("dr", "prof"))


@pytest.mark.parametrize("text", [
    "Projektu finansē Interreg Igaunijas-Latvijas programma.",
    "Nordplus Junior projektā piedalās trīs skolas.",
])
def test_programme_names_are_neither_people_nor_places(rec, text):
    res = rec.recognize(text)
    assert not any("Interreg" in n or "Junior" in n for n in names(res.persons) | names(res.places))


def test_organisation_name_keeps_its_spacing(rec):
    text = 'Tehnikums sadarbojas ar SIA "Baltic Hotels" un Ogres tehnikumu.'
    res = rec.recognize(text)
    got = names(res.organizations)
    assert 'SIA "Baltic Hotels"' in got  # not SIA " Baltic Hotels "
    check_offsets(text, res)


@pytest.mark.parametrize("text, org, place", [
    ("Kuldīgas novada pašvaldība saņems finansējumu.", "Kuldīgas novada pašvaldība", "Kuldīgas novads"),
    ("Projektu atbalsta Valmieras novada pašvaldība.", "Valmieras novada pašvaldība", "Valmieras novads"),
])
def test_municipality_is_an_organisation_with_a_place_inside(rec, text, org, place):
    res = rec.recognize(text)
    assert org in names(res.organizations)
    assert place in names(res.places)


def test_town_of_a_country_names_the_country(rec):
    res = rec.recognize("Audzēkņi praktizējās Igaunijas pilsētā Pērnavā.")
    assert names(res.places) == {"Igaunija", "Pērnava"}


def test_town_with_its_head_noun_is_named_by_the_town(rec):
    res = rec.recognize("Skolēni no Jelgavas pilsētas apmeklēja izstādi.")
    (place,) = res.places
    assert (place.name, place.kind, place.country) == ("Jelgava", "city", "LV")
    assert [m.text for m in place.mentions] == ["Jelgavas pilsētas"]  # the span as the corpus marks it


@pytest.mark.parametrize("text, places", [
    ("Seminārs notiks Liepājā, Graudu ielā 12, tehnikuma aktu zālē.", {"Liepāja"}),
    ("Kontaktpersona: Anna Bērziņa, Brīvības bulvāris 32, Rīga, LV-1050.", {"Rīga"}),
    ("Koncerts notika Rīgas Kongresu namā un Doma laukumā.", {"Rīga"}),
])
def test_streets_addresses_and_buildings_are_not_places(rec, text, places):
    # the contract's places are geographic names; the town inside a building's name still is one
    assert names(rec.recognize(text).places) == places


@pytest.mark.parametrize("text", [
    "Skolēni apmeklēja Turaidas pili un devās tālāk.",
    "Birojs atrodas Raiņa ielā 6, otrajā stāvā.",
])
def test_a_name_before_a_street_or_building_noun_is_not_a_person(rec, text):
    assert rec.recognize(text).persons == []


@pytest.mark.parametrize("text, mentions", [
    ("Projekts iesniegts Latvijas-Igaunijas-Krievijas pārrobežu sadarbības programmā.",
     [("Latvija", "Latvijas"), ("Igaunija", "Igaunijas"), ("Krievija", "Krievijas")]),
    ("Vakcīnas izkaisīs 70 km attālumā no Latvijas–Baltkrievijas robežas.",
     [("Latvija", "Latvijas"), ("Baltkrievija", "Baltkrievijas")]),
])
def test_places_joined_by_a_hyphen_are_each_a_place(rec, text, mentions):
    res = recognized(rec, text)
    assert sorted((p.name, m.text) for p in res.places for m in p.mentions) == sorted(mentions)


@pytest.mark.parametrize("text, word", [
    ("Direktore Ieva Rieksta-Riekstiņa atklāja konkursu.", "Rieksta-Riekstiņa"),  # a double surname
    ("Rīgas-Ozola fonds piešķīra stipendijas.", "Rīgas-Ozola"),  # not every part is a known place
])
def test_hyphenated_words_not_all_place_names_are_not_split(rec, text, word):
    res = recognized(rec, text)
    a = text.index(word)
    inside = [m.text for p in res.places for m in p.mentions if a <= m.start and m.end <= a + len(word)
              and (m.start, m.end) != (a, a + len(word))]
    assert inside == []


@pytest.mark.parametrize("text, place, mention", [
    ("Kurmāles pagasta padome decembra sēdē grozīja budžetu.", "Kurmāles pagasts", "Kurmāles pagasta"),
    ("Jelgavas pilsētas domes sadarbība ar ministriju ir laba.", "Jelgava", "Jelgavas pilsētas"),
    ("Skolēni no Jelgavas pilsētas apmeklēja izstādi.", "Jelgava", "Jelgavas pilsētas"),
    ("Audzēkņi praktizējās Igaunijas pilsētā Pērnavā.", "Igaunija", "Igaunijas"),  # a country's town: not a unit
])
def test_a_town_takes_its_administrative_unit(rec, text, place, mention):
    res = recognized(rec, text)
    assert {p.name: [m.text for m in p.mentions] for p in res.places}[place] == [mention]


@pytest.mark.parametrize("text, persons, orgs", [
    ("Misters Rokfellers savas iespējas saskatīja naftā.", {"Rokfellers"}, set()),   # a title, not the name
    ("Uzņēmums Olsbergs MSE ražo rezerves daļas.", set(), {"Olsbergs MSE"}),         # name + abbreviation: a company
    ("Pie DUS degviela kļuva dārgāka.", set(), {"DUS"}),                              # an abbreviation, not a name
    ("Svinējām Miķeļdienu un Mārtiņdienu kopā ar vecvecākiem.", set(), set()),          # holidays
])
def test_titles_holidays_and_abbreviations_are_not_persons(rec, text, persons, orgs):
    res = recognized(rec, text)
    assert names(res.persons) == persons
    assert orgs <= names(res.organizations)


@pytest.mark.parametrize("word, expected", [
    ("AES", True), ("ST", True), ("DUS", True),
    ("XIV", False), ("II", False),      # Roman numerals
    ("A", False), ("VIAA", False),      # too short / long: one letter is an initial
    ("Ilze", False), ("3D", False),
])
def test_is_abbreviation(word, expected):
    from extract.entities.spans import is_abbreviation as _is_abbreviation

    assert _is_abbreviation(word) is expected


def test_names_in_a_headline_in_capitals_are_not_taken_for_abbreviations():
    from extract.entities.spans import in_capitals as _in_capitals
    from extract.entities.tokenize import tokenize

    caps = tokenize("SVEICAM DIDZI OZOLU JUBILEJĀ!")
    assert _in_capitals(caps, 1)
    mixed = tokenize("Pie DUS degviela šonedēļ kļuva dārgāka nekā pagājušajā mēnesī.")
    assert not _in_capitals(mixed, 1)


@pytest.mark.parametrize("text", [
    "Senāts lēmumu pieņēma vakar.",
    "Pūķis lidoja pār pilsētu, un Dibinātājs smējās.",
])
def test_frequent_common_nouns_are_not_persons(rec, text):
    assert rec.recognize(text).persons == []


@pytest.mark.parametrize("text, name, mentions", [
    # a surname that is a common word stays a name after its full name or a role noun
    ("Projektu vadīja Ilze Liepa. Liepa norādīja, ka darbs turpināsies.", "Ilze Liepa", ["Ilze Liepa", "Liepa"]),
    ("Direktors Kalns atklāja sezonu.", "Kalns", ["Kalns"]),
])
def test_surnames_that_are_common_words_stay_names(rec, text, name, mentions):
    res = recognized(rec, text)
    assert [(p.name, [m.text for m in p.mentions]) for p in res.persons] == [(name, mentions)]


@pytest.mark.parametrize("text, tokens", [
    ("ar B. fon Bīlovu", ["ar", "B.", "fon", "Bīlovu"]),          # an initial before a name particle
    ("režisors Dž.Dž.Džilindžers", ["režisors", "Dž.", "Dž.", "Džilindžers"]),  # glued initials
    ("D.Ozoliņa", ["D.", "Ozoliņa"]),
    ("P.S. Runājot", ["P.S.", "Runājot"]),                      # a postscript, not two initials
    ("gadā 2019. Tā", ["gadā", "2019", ".", "Tā"]),              # a year at a sentence end: not an initial
    ("sk.A. de la", ["sk", ".", "A", ".", "de", "la"]),          # a lower-case word before: not glued initials
    ("norāda White P., Horn P.J. un See B.H. (See, 2004)",           # initials after a surname, as references write them
     ["norāda", "White", "P.", ",", "Horn", "P.", "J.", "un", "See", "B.", "H.", "(", "See", ",", "2004", ")"]),
    ("Tremayne A. un", ["Tremayne", "A.", "un"]),                 # a lower-case word after: no sentence ends there
    ("plāns A. Tad", ["plāns", "A.", "Tad"]),
    ("uzvarēja komanda A. Tā", ["uzvarēja", "komanda", "A.", "Tā"]),
])
def test_tokenizer_initials(text: str, tokens: list[str]) -> None:
    from extract.entities.tokenize import tokenize

    assert [t[0] for t in tokenize(text)] == tokens



@pytest.mark.parametrize("text", [
    "Skola, 123abc 12a. 4.vidusskola 2012.gada 1,5 10:30 12/13 3-4 5+6 KA101 _x",
    "jānis.bērziņš@skola.lv 123-456@x.lv un Nozare.lv, a.lv.x, http://www.viaa.gov.lv/ www.esf.lv.",
    "Erasmus+ Vīķe-Freiberga O'Konors D’Artanjans Nr. 5 u.c. k-ga Dž.Dž. tālr. 29123456, t.sk.",
    "plkst.10.00 2020-1-LV01-KA101-077000 (VIAA) “Skola” ... … -- ; 20. 13 ABC: d@e",
])
def test_tokenizer_plain_branch_changes_no_token(text: str) -> None:
    """The `plain` fast branch yields exactly the tokens the other branches give alone."""
    import re

    from extract.entities.tokenize import TOKEN, tokenize

    pattern = TOKEN.pattern
    head, sep, rest = pattern.partition("\n  | ")
    assert "(?P<plain>" in head and sep
    slow = re.compile("\n" + rest, re.VERBOSE)
    assert tokenize(text) == [(m.group(), m.start(), m.end()) for m in slow.finditer(text)]

def test_initials_before_particles_and_glued_initials_stay_in_the_name(rec):
    text = "Par sarunu ar B. fon Bīlovu ziņoja laikraksts. Maijā režisors Dž.Dž.Džilindžers apprecējās."
    got = [m.text for p in rec.recognize(text).persons for m in p.mentions]
    assert "B. fon Bīlovu" in got and "Dž.Dž.Džilindžers" in got


@pytest.mark.parametrize("word, genitive", [
    ("Jāņa", True), ("Ivanova", True), ("Ozoliņas", True), ("J.", True), ("Pilsudska", True),
    ("Liene", False), ("Šomase", False), ("Bērziņš", False), ("Kalns", False), ("Vācietis", False),
])
def test_can_be_genitive(word: str, genitive: bool) -> None:
    from extract.entities.spans import can_be_genitive as _can_be_genitive

    assert _can_be_genitive(word) is genitive


def _span(words: list[str], ti: int = 0):
    from extract.entities.spans import Span as _Span

    return _Span("organizations", 0, 0, words, ti, ti + len(words))


@pytest.mark.parametrize("words, kept", [
    (["LU", ")", "Literatūras", "institūta"], ["Literatūras", "institūta"]),
    (["NEPLP", "(", "televīzijas", "padome"], ["NEPLP"]),
    (["Valsts", "aģentūra", "(", "VIAA", ")"], ["Valsts", "aģentūra", "(", "VIAA", ")"]),  # balanced: kept
    (["VIAA", ")"], ["VIAA"]),
    (["(", "VIAA"], ["VIAA"]),
    (["Latvijas", "Universitāte"], ["Latvijas", "Universitāte"]),
])
def test_unmatched_brackets_cut_the_name(words: list[str], kept: list[str]) -> None:
    from extract.entities import EntityRecognizer

    tokens = [(w, 0, 0) for w in words]
    assert step(get_recognizer(), 'balance-brackets', [_span(words)], tokens)[0].words == kept


def test_nominative_name_before_a_place_is_not_part_of_an_organisation(rec):
    res = rec.recognize("Koncertā uzstājās dziedātāja Liene Šomase Rīgas Kongresu namā.")
    assert "Liene Šomase" in names(res.persons)
    assert not any("Šomase" in o.name for o in res.organizations)


@pytest.mark.parametrize("text, org", [
    ("Projektā piedalās Rothaugen skole no Norvēģijas.", "Rothaugen skole"),
    ("Partneri: Oulun Lyseon lukio (Oulu) un Hagaskóli (Reikjavīka).", "Oulun Lyseon lukio"),
    ("Partneri: Oulun Lyseon lukio (Oulu) un Hagaskóli (Reikjavīka).", "Hagaskóli"),
    ("Skolotāja no IES Lluís Vives vadīja darbnīcu.", "IES Lluís Vives"),
    ("Vizītē bija skolēni no Szkoła Podstawowa nr 5 w Gdańsku.", "Szkoła Podstawowa nr 5 w Gdańsku"),
    ("Sadarbojamies ar Tallinna 21. Kool jau trešo gadu.", "Tallinna 21. Kool"),
    ("Liceo Scientifico Galileo Galilei skolēni ieradās Rīgā.", "Liceo Scientifico Galileo Galilei"),
])
def test_foreign_schools_are_organisations(rec, text, org):
    res = rec.recognize(text)
    assert org in [m.text for o in res.organizations for m in o.mentions]
    inside = text.index(org), text.index(org) + len(org)
    assert not any(inside[0] <= m.start and m.end <= inside[1] for p in res.persons for m in p.mentions)


@pytest.mark.parametrize("text", [
    "Vidusskolā mācās 300 skolēnu, un skola ir jauna.",       # Latvian head nouns are the CRF's job
    "Viņš studēja koledžā un strādāja skolā.",
    "Šī universitāte ir vecākā.",
    "Mēs ies uz skolu rīt.",                                   # `ies` lower case: a Latvian verb
])
def test_foreign_school_heads_do_not_fire_on_latvian_words(rec, text):
    spans, tokens = rec.tag_spans(text)
    assert [s for s in step(rec, 'foreign-orgs', spans, tokens, text) if s.kind == "organizations"] == \
        [s for s in spans if s.kind == "organizations"]


@pytest.mark.parametrize("text, not_person", [
    ("Projekta kods NPJR-2024 ir reģistrēts.", "NPJR-2024"),            # digits: a code
    ("Skolēni pētīja Abula upi un tās krastus.", "Abula"),              # a river
    ("Vasarā peldējāmies Lubāna ezerā.", "Lubāna"),
])
def test_codes_and_natural_features_are_not_persons(rec, text, not_person):
    assert not any(not_person in m.text for p in rec.recognize(text).persons for m in p.mentions)


@pytest.mark.parametrize("text, name", [
    ("Darbu uzslavēja skolotāju Daci Kalniņu.", "Dace Kalniņa"),          # Dace, not Dacis
    ("Viesi sagaidīja skolotāju Mariju Garsiju.", "Marija Garsija"),   # Marija, not Marijs
    ("Prakses uzraudzīja direktora vietnieks Andris Plivda.", "Andris Plivda"),  # nominative: kept
])
def test_person_nominative_in_ambiguous_forms(rec, text, name):
    assert name in names(rec.recognize(text).persons)


@pytest.mark.parametrize("text, name, role", [
    ("Viņa tikās ar Izglītības pārvaldes vadītāju Jāni Igaunīti.", "Jānis Igaunītis", "vadītājs"),
    ("Viņa tikās ar nodaļas vadītāju Ilzi Kalniņu.", "Ilze Kalniņa", "vadītāja"),
])
def test_role_form_shared_by_two_roles_takes_the_persons_gender(rec, text, name, role):
    assert {p.name: p.role for p in rec.recognize(text).persons}[name] == role


@pytest.mark.parametrize("words, name", [
    (["Gaujas", "Nacionālo", "parku"], "Gaujas Nacionālais parks"),
    (["Lubāna", "ezerā"], "Lubāna ezers"),
    (["Jelgavas", "novadā"], "Jelgavas novads"),
])
def test_place_names_with_a_common_noun_head_in_the_nominative(rec, words, name):
    assert rec.naming.place_name(words)[0] == name


def test_a_person_cut_at_a_bracket_is_trimmed_on_its_new_edges(rec):
    from extract.entities.spans import Span as _Span
    from extract.entities.tokenize import tokenize

    text = "Runāja ( Jānis Kalniņš ."
    tokens = tokenize(text)
    sp = _Span("persons", tokens[1][1], tokens[4][2], [t[0] for t in tokens[1:5]], 1, 5)
    fixed = fix_spans(rec, [sp], tokens, text)
    assert [text[s.start:s.end] for s in fixed if s.kind == "persons"] == ["Jānis Kalniņš"]


@pytest.mark.parametrize("text, head", [
    ("Programma aptver Centrālās Baltijas jūras reģionu.", "jūra"),
    ("Skolēni apmeklēja Gaujas Nacionālo parku.", "parks"),
])
def test_seas_rivers_and_parks_are_not_contract_places(rec, text, head):
    assert not any(head in p.name for p in rec.recognize(text).places)


@pytest.mark.parametrize("text, org, kept", [
    ("Konkurss profesionālās izglītības un mācību (PIA) mobilitātei ir izsludināts.", "PIA", False),
    ("Atbalstu sniedza Valsts izglītības attīstības aģentūra (VIAA) un ministrija.", "VIAA", True),
    ("Projektu vadīja jauniešu biedrība (LJA) un skola.", "LJA", True),     # a body's head noun before
])
def test_abbreviation_of_a_lower_case_phrase_is_a_concept(rec, text, org, kept):
    got = [m.text for o in rec.recognize(text).organizations for m in o.mentions]
    assert (org in got) is kept


@pytest.mark.parametrize("word, cases, mismatch", [
    ("Grēgerss", {"gen"}, True),          # nominative-only ending after a genitive
    ("Rāviņš", {"acc"}, True),
    ("Otrais", {"gen"}, True),
    ("Frankenšteina", {"acc"}, True),     # only a genitive reading (besides the nominative)
    ("Dailes", {"dat"}, True),
    ("Grasberga", {"gen"}, False),        # agrees
    ("Ozoliņas", {"gen"}, False),
    ("Bērziņam", {"dat"}, False),
    ("Ķesteri", {"acc"}, False),
    ("Netrebko", {"gen"}, False),         # may be undeclined
    ("Šaišmelašvili", {"gen"}, False),
    ("Bargā", {"gen"}, False),            # a definite adjective's genitive (Ivana Bargā)
    ("Kalniņu", {"dat"}, False),          # -u: too often undeclined to judge
    ("K.", {"gen"}, False),               # an initial
    ("Kropa-Rusoviča", {"gen"}, False),   # the last part of a double surname decides
])
def test_case_mismatch(word, cases, mismatch):
    from extract.entities.rules.names import case_mismatch as _case_mismatch

    assert _case_mismatch(word, frozenset(cases)) is mismatch


@pytest.mark.parametrize("words, kept", [
    (["Gundara", "Grasberga", "Grēgerss"], ["Gundara", "Grasberga"]),   # the actor, then his part
    (["Edmundu", "Sprūdžu", "Rāviņš"], ["Edmundu", "Sprūdžu"]),
    (["Egonam", "Dailes"], ["Egonam"]),                                  # a man, then a theatre
    (["Jāņa", "Rozes"], ["Jāņa", "Rozes"]),                             # masculine surname in -e
    (["Annas", "Netrebko"], ["Annas", "Netrebko"]),
    (["Ivana", "Bargā"], ["Ivana", "Bargā"]),
    (["Jānis", "Bērziņš"], ["Jānis", "Bērziņš"]),                       # a nominative first name: left alone
    (["Agita", "Āfriku"], ["Agita", "Āfriku"]),                         # (could be nominative: not judged)
    (["Andrē", "Iguodala"], ["Andrē", "Iguodala"]),                     # may be a foreign name undeclined
    (["Ani", "Loraka"], ["Ani", "Loraka"]),
    (["Kalniņa", "Jāņa"], ["Kalniņa", "Jāņa"]),                         # not a first name first
])
def test_a_name_ends_where_its_case_changes(rec, words, kept):
    from extract.entities.spans import Span as _Span
    from extract.entities.tokenize import tokenize

    text = " ".join(words)
    tokens = tokenize(text)
    sp = _Span("persons", 0, len(text), words, 0, len(tokens))
    cut = step(rec, 'case-break', [sp], tokens)[0]
    assert cut.words == kept
    assert text[cut.start:cut.end] == " ".join(kept)


def test_an_actor_and_the_part_he_plays(rec):
    text = "Izrādē Gundara Grasberga Grēgerss ir īpaši spilgts."
    got = [m.text for p in rec.recognize(text).persons for m in p.mentions]
    assert "Gundara Grasberga Grēgerss" not in got


def test_word_classes_and_verbs_of_saying(rec):
    from extract.entities.features import word_features

    lex = rec.lex
    assert lex.word_class["skola"] == "NOUN" and lex.word_class["devās"] == "VERB"
    assert {"teica", "jautāja", "atzina", "uzsver"} <= lex.speech_forms
    assert not {"teikt", "jāsaka", "saki"} & lex.speech_forms      # infinitive, debitive, imperative
    assert "speech" in word_features("atzina", lex) and "wc=VERB" in word_features("atzina", lex)
    assert "speech" not in word_features("devās", lex)


def test_word_classes_come_from_train_and_dev_only(rec):
    """Every word of the class lexicon is a lower-case word of the UD train or dev file."""
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "latvian"
    if not (corpus / "fullstack-ud-train.conllu").exists():
        pytest.skip("../shared/corpora absent")
    seen = set()
    for split in ("train", "dev"):
        for line in (corpus / f"fullstack-ud-{split}.conllu").read_text(encoding="utf-8").splitlines():
            c = line.split("\t")
            if len(c) > 3 and c[0].isdigit():
                seen.add(c[1])
    assert rec.lex.word_class and set(rec.lex.word_class) <= seen


@pytest.mark.parametrize("word, not_a_place", [
    ("Valentīndienai", True),   # a holiday
    ("Kafija", True),           # a frequent Latvian word no place lexicon knows
    ("PSRS", False),            # an abbreviation: frequent as a word, still a place
    ("Rīgā", False),            # lexicon places stay, however frequent
    ("Ventspils", False),
    ("Kuopio", False),
])
def test_one_word_place_that_is_a_common_word(rec, word, not_a_place):
    from extract.entities.spans import Span as _Span
    from extract.entities.tokenize import tokenize

    text = f"Viņi runāja par {word} ."
    tokens = tokenize(text)
    k = [t[0] for t in tokens].index(word)
    sp = _Span("places", tokens[k][1], tokens[k][2], [word], k, k + 1)
    assert (not step(rec, 'place-filters', [sp], tokens)) is not_a_place


@pytest.mark.parametrize("text, person, role", [
    ("Projekta vadītāja Valkas novada pašvaldībā Marika Zariņa pastāstīja par ieceri.", "Marika Zariņa",
     "projekta vadītāja"),                                                   # where she works in between
    ("Sarunā piedalījās koordinatore no Spānijas Ana Garsija.", "Ana Garsija", "koordinatore"),
    ("Projekta koordinators biedrībā \"Zaļā skola\" Pēteris Ozols teica.", "Pēteris Ozols", "koordinators"),
    ("Liepājas Valsts tehnikuma direktors Jānis Bērziņš atklāja pasākumu.", "Jānis Bērziņš", "direktors"),
    ("Skolas direktors stāstīja, ka Anna Ozola brauks uz Itāliju.", "Anna Ozola", None),   # a verb, a comma
    ("Ar direktoru un Annu Bērziņu runājām ilgi.", "Anna Bērziņa", None),              # a conjunction
    ("Skolas direktors Rīgas Valsts ģimnāzijā Anna Ozola brauks.", "Anna Ozola", None),  # the role's gender
    ("Skolotāja no Rīgas\nAnna Ozola brauks.", "Anna Ozola", None),                      # another line
])
def test_role_with_words_between(rec, text, person, role):
    got = {p.name: p.role for p in rec.recognize(text).persons}
    assert person in got and got[person] == role


def test_surname_with_initials_is_one_person(rec):
    text = "Skolotāju trūkumu pēta arī White P., Horn P.J. un Šaltenis V., kā arī citi."
    got = sorted(m.text for p in rec.recognize(text).persons for m in p.mentions)
    assert "White P." in got and "Šaltenis V." in got


@pytest.mark.parametrize("text, person", [
    ("VERONIKA. Nē, mēs vārtāmies pa paklāju.", "Veronika"),    # a play's speaker
    ("EDUARDS: Es tā nedomāju.", "Eduards"),
])
def test_a_speaker_in_capitals_is_a_person(rec, text, person):
    assert person in names(rec.recognize(text).persons)


@pytest.mark.parametrize("text", [
    "Limbažu novada pašvaldības aģentūra ALDA turpina darbu.",     # an abbreviation, not a speaker
    "Ātrums sasniedz 100 Gbps un vairāk, stāsta Mbps.",            # no vowel: a unit, not a name
])
def test_words_in_capitals_or_without_vowels_are_not_persons(rec, text):
    got = [m.text for p in rec.recognize(text).persons for m in p.mentions]
    assert not any(w in got for w in ("ALDA", "Gbps", "Mbps"))


def test_an_initial_starts_no_place(rec):
    from extract.entities.spans import Span as _Span
    from extract.entities.tokenize import tokenize

    text = "Viņš soļoja pa N. pilsētiņas ieliņu."
    tokens = tokenize(text)
    k = [t[0] for t in tokens].index("N.")
    sp = _Span("places", tokens[k][1], tokens[k + 1][2], ["N.", "pilsētiņas"], k, k + 2)
    assert not step(rec, 'place-filters', [sp], tokens)


@pytest.mark.parametrize("phrase, kept", [
    ('"Lattelecom" padomē', '"Lattelecom"'),                      # another phrase after the name
    ('"Liverpool" UEFA Eiropas līgas', '"Liverpool"'),
    ('"Swedbank" AS', '"Swedbank" AS'),                          # a legal form stays
    ('SIA "Lattelecom"', 'SIA "Lattelecom"'),                    # the kind of body first: whole
    ('"Zaļā skola"', '"Zaļā skola"'),
    ('Rīgas "Skonto"', '"Skonto"'),                              # a town or country before says where
    ('ASV "Google"', '"Google"'),
    ('biedrība "Zaļā skola"', 'biedrība "Zaļā skola"'),          # not a place before: kept
])
def test_a_quoted_name_that_opens_an_organisation_ends_it(rec, phrase, kept):
    from extract.entities.spans import Span as _Span
    from extract.entities.tokenize import tokenize

    text = f"Viņš strādā {phrase} kopš 2010. gada."
    tokens = tokenize(text)
    a = text.index(phrase)
    ks = [k for k, t in enumerate(tokens) if a <= t[1] and t[2] <= a + len(phrase)]
    sp = _Span("organizations", a, a + len(phrase), [tokens[k][0] for k in ks], ks[0], ks[-1] + 1)
    got = step(rec, 'quoted-name-first', step(rec, 'place-before-quote', [sp], tokens), tokens)[0]
    assert text[got.start:got.end] == kept
    assert [tokens[k][0] for k in range(got.ti, got.tj)] == got.words


def _vspan(kind, words, ti):
    from extract.entities.spans import Span as _Span

    return _Span(kind, ti * 10, ti * 10 + len(" ".join(words)), list(words), ti, ti + len(words))


@pytest.mark.parametrize("spans, kinds", [
    # two uses call Federika a person, one a place: the place becomes a person
    ([("persons", ["Federika"]), ("persons", ["Federikai"]), ("places", ["Federikai"])],
     ["persons", "persons", "persons"]),
    # more places than persons: the place wins
    ([("persons", ["Ķurbe"]), ("places", ["Ķurbē"]), ("places", ["Ķurbes"])], ["places", "places", "places"]),
    # a tie: a first name the place lexicon lacks is a person, a lexicon place no first name a place
    ([("persons", ["Igora"]), ("places", ["Igorā"])], ["persons", "persons"]),
    ([("persons", ["Francija"]), ("places", ["Francijā"])], ["places", "places"]),
    # a word of a first name and a place (Sofija) in a tie: left as tagged
    ([("persons", ["Sofija"]), ("places", ["Sofijā"])], ["persons", "places"]),
    # the words of a full name vote for persons
    ([("persons", ["Ilze", "Liepiņa"]), ("persons", ["Liepiņai"]), ("places", ["Liepiņā"])],
     ["persons", "persons", "persons"]),
    # one kind only, or different words: nothing changes
    ([("persons", ["Jānis"]), ("places", ["Rīgā"])], ["persons", "places"]),
    ([("places", ["Cēsis"]), ("places", ["Cēsīs"])], ["places", "places"]),
])
def test_one_name_one_kind_per_document(rec, spans, kinds):
    got = step(rec, 'vote-kinds', [_vspan(k, ws, i * 3) for i, (k, ws) in enumerate(spans)], [])
    assert [s.kind for s in got] == kinds


@pytest.mark.parametrize("text, not_person", [
    ("Zāles palīdz pacientiem, kas sirgst ar Alcheimera slimību.", "Alcheimers"),
    ("Viņš saņēma Triju Zvaigžņu ordeni par mūža ieguldījumu.", None),
    ("Skolā svinēja Lāčplēša dienu ar lāpu gājienu.", "Lāčplēsis"),
    ("Viņa uzstādīja jaunu Ginesa rekordu lēkšanā.", None),
])
def test_a_thing_named_after_a_person_is_no_person(rec, text, not_person):
    res = recognized(rec, text)
    assert not res.persons, [p.name for p in res.persons]


@pytest.mark.parametrize("text, person", [
    ("Šogad Anna Kalniņa balvu saņēma par ilggadēju darbu skolā.", "Anna Kalniņa"),
    ("Direktors Jānis Bērziņš dienas otrajā pusē tikās ar skolēniem.", "Jānis Bērziņš"),
])
def test_a_person_before_such_a_noun_stays_when_the_name_is_hers(rec, text, person):
    assert person in names(rec.recognize(text).persons)


@pytest.mark.parametrize("text, place, mention", [
    ("Valmieras skolas kopā ar igauņu kolēģiem attīsta STEM izglītību.", "Valmiera", "Valmieras"),
])
def test_a_place_that_ends_with_a_school_noun_is_the_town(rec, text, place, mention):
    res = recognized(rec, text)
    got = {p.name: [m.text for m in p.mentions] for p in res.places}
    assert got.get(place) == [mention] and not any("skol" in n for n in got)


@pytest.mark.parametrize("text", [
    "Skolēni teleskopā vēroja Marsu un Jupiteru.",
    "Ciemā dziedātas Jāņu dziesmas, un Jāņos visi sanāca kopā.",
    "Jānis Kalniņš stāstīja, ka Jāņu dziesmas skolā dzied katru gadu.",
])
def test_planets_and_holidays_are_no_persons(rec, text):
    res = recognized(rec, text)
    got = names(res.persons)
    assert not got & {"Marss", "Jupiters", "Jāņi", "Jānis"} and not any(m.text in ("Jāņu", "Jāņos", "Marsu")
                                                                        for p in res.persons for m in p.mentions)


@pytest.mark.parametrize("text, orgs", [
    ("Ziņojums tika iesniegts Eiropas Parlamentam un Padomei.", {"Eiropas Parlaments", "Padome"}),
])
def test_two_bodies_joined_by_un_are_two_organisations(rec, text, orgs):
    res = recognized(rec, text)
    assert orgs <= names(res.organizations)


@pytest.mark.parametrize("text, org", [
    ("Izglītības un zinātnes ministrija atbalsta projektu.", "Izglītības un zinātnes ministrija"),
    ("Projektu atbalsta Latvijas Lauksaimniecības un meža zinātņu akadēmija.",
     "Latvijas Lauksaimniecības un meža zinātņu akadēmija"),
])
def test_un_inside_one_name_stays(rec, text, org):
    assert org in names(rec.recognize(text).organizations)


@pytest.mark.parametrize("text, not_org", [
    ("Skolēni pētīja Abula upi un apmeklēja Gaujas Nacionālo parku.", "parku"),
])
def test_a_park_or_a_street_is_no_organisation(rec, text, not_org):
    res = recognized(rec, text)
    assert not any(not_org in m.text for o in res.organizations for m in o.mentions)


@pytest.mark.parametrize("lengths", [[1], [3, 1, 7], [0, 5, 0, 2, 9, 9, 1], [12, 30, 4, 4, 17, 2, 3, 25]])
def test_crf_decode_matches_viterbi_per_sentence(rec, lengths, monkeypatch):
    """Decoding all sentences at once (longest first, shared steps) gives each sentence's own Viterbi path."""
    import numpy as np

    model = rec.model
    rng = np.random.default_rng(len(lengths))
    E = rng.normal(size=(sum(lengths), len(model.labels)))

    def viterbi(e):
        score, back = e[0].copy(), []
        for t in range(1, len(e)):
            cand = score[:, None] + model.T
            back.append(cand.argmax(axis=0))
            score = cand.max(axis=0) + e[t]
        y = [int(score.argmax())]
        for b in reversed(back):
            y.append(int(b[y[-1]]))
        return [model.labels[k] for k in reversed(y)]

    expected, at = [], 0
    for n in lengths:
        expected.append(viterbi(E[at:at + n]) if n else [])
        at += n
    assert model.decode(E, lengths) == expected
    # in small batches (as a huge document's sentences run), the same paths
    monkeypatch.setattr(type(model), "BATCH_CELLS", 7)
    assert model.decode(E, lengths) == expected


def _units_by_scanning(text, tokens, sentences):
    """What `_tagging_units` replaced: a walk over every token."""
    groups, cur, si, bounds = [], [], 0, sorted(sentences)
    for k, (_form, s, _e) in enumerate(tokens):
        while si < len(bounds) and s >= bounds[si][1]:
            si += 1
            if cur:
                groups.append(cur)
                cur = []
        if cur and "\n" in text[tokens[cur[-1]][2]:s]:
            groups.append(cur)
            cur = []
        cur.append(k)
    if cur:
        groups.append(cur)
    return groups


@pytest.mark.parametrize("text, sentences", [
    ("Viens divi. Trīs četri.\nPieci\n\nseši. Septiņi", [(0, 11), (12, 29), (31, 36), (37, 45)]),
    ("Viens divi. Trīs četri.", [(12, 23)]),                 # tokens before the first sentence
    ("Viens divi. Trīs četri.", [(0, 5), (0, 23)]),           # sentences that overlap
    ("Viens divi. Trīs četri.", [(0, 23), (3, 8)]),           # ends out of order
    ("Viens divi.", []),
    ("", [(0, 0)]),
    ("\nA\n\nB C\n", [(0, 8)]),
])
def test_tagging_units_are_those_of_a_token_walk(text, sentences):
    from extract.entities.tagging import tagging_units as _tagging_units
    from extract.entities.tokenize import tokenize

    tokens = tokenize(text)
    assert [list(g) for g in _tagging_units(text, tokens, sentences)] == _units_by_scanning(text, tokens, sentences)


def test_tagging_units_on_real_text_with_stanza_like_sentences():
    from extract.entities.tagging import tagging_units as _tagging_units
    from extract.entities.tokenize import split_sentences, tokenize

    text = ("VALSTS IZGLĪTĪBAS ATTĪSTĪBAS AĢENTŪRA\nRīgā, 2023. gada 5. maijā. Skolotāja Ilze Ozoliņa "
            "(tālr. 29123456) kopā ar J. Bērziņu devās uz Itāliju.\n\nKontakti:\nAnna Kalniņa\nanna@skola.lv")
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    assert [list(g) for g in _tagging_units(text, tokens, sentences)] == _units_by_scanning(text, tokens, sentences)


@pytest.mark.parametrize("ranges", [[], [(0, 3)], [(2, 5), (0, 1), (4, 9), (4, 6), (7, 8)], [(1, 1), (3, 3)]])
def test_containment_is_any_range_holding_the_query(ranges):
    from extract.entities.spans import Containment as _Containment

    inside = _Containment(ranges)
    for ti in range(11):
        for tj in range(ti, 12):
            assert inside(ti, tj) == any(a <= ti and tj <= b for a, b in ranges), (ti, tj)


def test_position_features_with_document_evidence_append_it(rec):
    """`position_features(..., doc)` gives each token what it gives without `doc`, then the
    document's evidence (DocStats.features), in that order; a lower-case word gets none."""
    from extract.entities.features import DocStats, position_features

    sents = [["Ilze", "Ozoliņa", "brauca", "uz", "Rīgu", "."], ["Ozoliņa", "teica", ",", "ka", "Rīga", "ir", "skaista"],
             ["Viņa", "ir", "no", "Apvienotās", "Karalistes", "."]]
    doc = DocStats(sents, rec.lex)
    for words in sents:
        plain = position_features(words, rec.lex)
        both = position_features(words, rec.lex, doc)
        assert both == [tuple(p) + tuple(doc.features(w)) for w, p in zip(words, plain)]
    assert any(doc.features(w) for s in sents for w in s)


@pytest.mark.parametrize("text, not_org", [
    ('Skola īsteno projektu "Zaļā skola" kopā ar partneriem.', '"Zaļā skola"'),
    ("Skolēni piedalījās iniciatīvā „Latvijas skolas soma”.", "„Latvijas skolas soma”"),
    ("Skola īsteno Erasmus+ skolu apmaiņas partnerības projektu.", "Erasmus+ skola"),
])
def test_titles_and_programme_phrases_are_not_organisations(rec, text, not_org):
    res = recognized(rec, text)
    assert not any(not_org.strip('"„”').split()[0] in o.name for o in res.organizations)


@pytest.mark.parametrize("text, org", [
    ("Informāciju sniedz Erasmus+ nacionālā aģentūra.", "Erasmus+ nacionālā aģentūra"),
    ('Projektā piedalās biedrība "Zaļā skola".', '"Zaļā skola"'),
])
def test_bodies_near_programmes_and_projects_stay(rec, text, org):
    res = recognized(rec, text)
    assert org in names(res.organizations)


@pytest.mark.parametrize("text, places", [
    ("Kursu apguva pieaugušie no Latgales novadiem un Vidzemes pagastos.", {"Latgale", "Vidzeme"}),
    ("Nometne notika Ādažu novadā.", {"Ādažu novads"}),
])
def test_plural_units_are_no_unit_name(rec, text, places):
    res = recognized(rec, text)
    assert names(res.places) == places


@pytest.mark.parametrize("text, people", [
    ('Vadītāja Anita Kalniņa-Ozola stāsta. "Labi," saka A. Kalniņa-Ozola.', {"Anita Kalniņa-Ozola"}),
    ("Runāja Jānis Ozols. Pēc tam J. Ozolam pasniedza ziedus.", {"Jānis Ozols"}),
    # two full names share the initial and the surname: the initial stays apart
    ("Runāja Jānis Ozols un Juris Ozols. J. Ozols piekrita.", {"Jānis Ozols", "Juris Ozols", "J. Ozols"}),
])
def test_initial_and_surname_link_to_the_full_name(rec, text, people):
    res = recognized(rec, text)
    assert names(res.persons) == people


@pytest.mark.parametrize("text, places", [
    ("JELGAVAS TEHNIKUMA AUDZĒKŅI STAŽĒJAS VĀCIJĀ\n\nAudzēkņi atgriezās.", {"Jelgava", "Vācija"}),
    ("VALKA UN VALGA SADARBOJAS\n\nPilsētas strādā kopā.", {"Valka", "Valga"}),
])
def test_headline_in_capitals_places_need_a_lexicon(rec, text, places):
    res = recognized(rec, text)
    assert names(res.places) == places


@pytest.mark.parametrize("text, place, mention", [
    ("Audzēkņi strādāja Liepājas uzņēmumos, bet vakaros atpūtās.", "Liepāja", "Liepājas"),
    ("Nometne notika Ādažu novadā pie ezera.", "Ādažu novads", "Ādažu novadā"),
])
def test_place_ends_before_a_word_no_place_name_ends_in(rec, text, place, mention):
    res = recognized(rec, text)
    mentions = {m.text for p in res.places for m in p.mentions}
    assert mention in mentions
    if place:
        assert place in names(res.places)


@pytest.mark.parametrize("words, kept", [
    (["Liepājas", "uzņēmumos"], ["Liepājas"]),
    (["Sibīriju", "aizvests"], ["Sibīriju"]),
    (["Vitebskas", "guberņā"], ["Vitebskas", "guberņā"]),
    (["Baltijas", "valstīs"], ["Baltijas", "valstīs"]),
    (["Mežaparka", "Lielās", "estrādes"], ["Mežaparka", "Lielās", "estrādes"]),
    (["Ādažu", "novadā"], ["Ādažu", "novadā"]),
])
def test_cut_place_tail(rec, words, kept):
    _text, tokens, sp = _span_over(words, 0, len(words), kind="places")
    assert step(rec, 'cut-place-tail', [sp], tokens)[0].words == kept


@pytest.mark.parametrize("text, place, kind", [
    ("Baltijas valstīs skolas sadarbojas.", "Baltijas valstis", "region"),
    ("Skolas no Baltijas valstu reģiona tikās Rīgā.", "Baltijas valstis", "region"),
])
def test_group_of_states_in_nominative(rec, text, place, kind):
    res = recognized(rec, text)
    got = {p.name: p.kind for p in res.places}
    assert got.get(place) == kind


@pytest.mark.parametrize("text, person, org", [
    ("Tikāmies ar Dainu Vītolu un Kristapu Bērziņu Valmieras Valsts ģimnāzijā.", "Kristaps Bērziņš",
     "Valmieras Valsts ģimnāzija"),
    # an eponym is in the genitive: no person
    ("Projektā piedalījās Jāņa Ivanova Rēzeknes mūzikas vidusskola.", None,
     "Jāņa Ivanova Rēzeknes mūzikas vidusskola"),
    ("Skolēni mācās Kārļa Skalbes Vecpiebalgas vidusskolā.", None, "Kārļa Skalbes Vecpiebalgas vidusskola"),
])
def test_person_in_another_case_before_a_body(rec, text, person, org):
    res = recognized(rec, text)
    assert org in names(res.organizations)
    if person:
        assert person in names(res.persons)
    else:
        assert not names(res.persons)


@pytest.mark.parametrize("text, roles", [
    ("Audzēkņus pavadīja profesijas skolotāji Sergejs Ivanovs un Oksana Petrova.",
     {"Sergejs Ivanovs": "skolotājs", "Oksana Petrova": "skolotāja"}),
    ("Pasākumu vadīja skolotājas Ilze Ozoliņa un Dace Kļaviņa.",
     {"Ilze Ozoliņa": "skolotāja", "Dace Kļaviņa": "skolotāja"}),
    ("Stāsta programmas audzēknis Kristaps Bērziņš.", {"Kristaps Bērziņš": "audzēknis"}),
    ("Viedokli pauda brīvprātīgā Anna Liepa.", {"Anna Liepa": "brīvprātīgā"}),
    # a singular role belongs to the first name only
    ("Runāja direktors Jānis Kalns un Anna Liepa.", {"Jānis Kalns": "direktors", "Anna Liepa": None}),
])
def test_participant_and_plural_roles(rec, text, roles):
    res = recognized(rec, text)
    assert {p.name: p.role for p in res.persons} == roles


@pytest.mark.parametrize("text, org", [
    ("Kursu organizēja sadarbībā ar biedrību \"Latvijas Sarkanais Krusts\".", '"Latvijas Sarkanais Krusts"'),
    ("Atbalstu sniedza nodibinājums „Ziedot.lv”.", "„Ziedot.lv”"),
    ("Pateicamies SIA \"Mikrotīkls\" par atbalstu.", 'SIA "Mikrotīkls"'),
    ("Biedrība \"Jānis Bērziņš un draugi\" palīdz.", '"Jānis Bērziņš un draugi"'),
])
def test_quoted_name_after_a_legal_form(rec, text, org):
    res = recognized(rec, text)
    assert org in names(res.organizations)
    assert not names(res.persons)


@pytest.mark.parametrize("words, name", [
    (["Islandes", "Universitātes", "Izglītības", "fakultātē"], "Islandes Universitātes Izglītības fakultāte"),
    (["RTA", "Inženieru", "fakultātes"], "RTA Inženieru fakultāte"),
    (["Valsts", "izglītības", "attīstības", "aģentūrai"], "Valsts izglītības attīstības aģentūra"),
])
def test_organisation_nominative_with_a_subunit_head(rec, words, name):
    assert rec.naming.org_name(words) == name


def test_state_city_is_the_city(rec):
    text = "Rīgas valstspilsētas pašvaldības Izglītības departaments atbalsta skolas."
    res = recognized(rec, text)
    assert {p.name: p.kind for p in res.places} == {"Rīga": "city"}


@pytest.mark.parametrize("text, people", [
    ('Skolotāja Laura Bērziņa stāsta. "Labi," saka Bērziņa.', {"Laura Bērziņa": 2}),
    ("Runāja Jānis Bērziņš. Vēlāk Bērziņam pasniedza ziedus.", {"Jānis Bērziņš": 2}),
    ("Runāja Jānis Bērziņš un Laura Bērziņa. Bērziņa piekrita.", {"Jānis Bērziņš": 1, "Laura Bērziņa": 2}),
])
def test_surname_alone_links_by_its_form(rec, text, people):
    res = recognized(rec, text)
    assert {p.name: len(p.mentions) for p in res.persons} == people


def _tokens(words: list[str]) -> list[tuple[str, int, int]]:
    """Tokens of `words` written one space apart."""
    tokens, pos = [], 0
    for w in words:
        tokens.append((w, pos, pos + len(w)))
        pos += len(w) + 1
    return tokens


def _span_over(words: list[str], at: int, n: int, kind: str = "persons"):
    """Text and tokens of `words` (one space apart) and a raw span over words[at:at + n]."""
    from extract.entities.spans import Span as _Span
    tokens = _tokens(words)
    sp = _Span(kind, tokens[at][1], tokens[at + n - 1][2], list(words[at:at + n]), at, at + n)
    return " ".join(words), tokens, sp


@pytest.mark.parametrize("words, at, n, kind, span", [
    # a name right after a body's noun or a legal form names the body
    (["projektējis", "uzņēmums", "Pilārs", "."], 2, 1, "organizations", "Pilārs"),
    (["Apgādam", "Jumava", "pieder", "veikals", "."], 1, 1, "organizations", "Jumava"),
    (["spēlēs", "grupa", "Jauno", "Mārtiņu", "."], 2, 2, "organizations", "Jauno Mārtiņu"),
    (["atbalsta", "SIA", "Jānis", "Roze", "."], 2, 2, "organizations", "SIA Jānis Roze"),
    # ... but not after a role noun, nor after a body noun that can be a person's job
    (["uzņēmuma", "vadītājs", "Jānis", "Bērziņš", "teica"], 2, 2, "persons", "Jānis Bērziņš"),
    (["režisora", "un", "operatora", "Gunta", "Lēmaņa", "darbi"], 3, 2, "persons", "Gunta Lēmaņa"),
    (["Skolā", "Jānis", "Bērziņš", "mācīja", "fiziku"], 1, 2, "persons", "Jānis Bērziņš"),  # where he taught
    # ... nor when the noun is a capitalised word inside a sentence
    (["to", "redz", "Grupa", "Kalniņš", "."], 3, 1, "persons", "Kalniņš"),
    # a genitive right before an administrative unit is the unit's name
    (["Bagātajos", "Ēdoles", "pagasta", "laukos"], 1, 1, "places", "Ēdoles pagasta"),
    (["uz", "Īles", "pagastu", "."], 1, 1, "places", "Īles pagastu"),
    # ... not a first name (a person before the unit's noun) nor a nominative
    (["Jurģa", "pagasta", "laukos"], 0, 1, "persons", "Jurģa"),
])
def test_name_after_a_body_noun_or_before_a_unit(rec, words, at, n, kind, span):
    text, tokens, sp = _span_over(words, at, n)
    got = [(s.kind, text[s.start:s.end]) for s in fix_spans(rec, [sp], tokens, text)]
    assert (kind, span) in got
    assert not any(k == "persons" for k, _ in got) or kind == "persons"


def test_name_after_a_body_noun_on_the_next_line(rec):
    from extract.entities.spans import Span as _Span
    text = "uzņēmums\nPilārs sāka"
    tokens = [("uzņēmums", 0, 8), ("Pilārs", 9, 15), ("sāka", 16, 20)]
    sp = _Span("persons", 9, 15, ["Pilārs"], 1, 2)
    assert [s.kind for s in fix_spans(rec, [sp], tokens, text)] == ["persons"]


@pytest.mark.parametrize("text, name", [
    # a frequent word that is a case form of a name the corpus has is a name
    ("Izstādē skatāmi Rozentāla darbi, kuros redzama mākslinieka dzīve.", "Rozentāla"),
    ("Viņa lūdza Dievam palīdzību.", "Dievs"),
])
def test_case_forms_of_corpus_names_stay_persons(rec, text, name):
    res = recognized(rec, text)
    assert name in names(res.persons)


@pytest.mark.parametrize("text, org", [
    ("Nodarbības notika platformā Zoom un Microsoft Teams.", None),
    ("Skolēni sadarbojās eTwinning platformā un izmantoja Moodle.", None),
    ("Uz Lietuvu skolotāji brauca ar Ford Transit mikroautobusu.", None),
    ("Dalībnieki strādāja ar Google Classroom un Padlet.", None),
    ("Projektu atbalsta Microsoft.", "Microsoft"),  # a company alone is an organisation
])
def test_products_are_not_persons(rec, text, org):
    res = rec.recognize(text)
    assert res.persons == []
    assert names(res.organizations) == ({org} if org else set())


@pytest.mark.parametrize("text, person", [
    # a name that only looks like a brand once declined, or has the brand later, stays a person
    ("Filmā galveno lomu spēlēja Harisons Fords.", "Harisons Fords"),
    ("Lekciju vadīja Anna Zoom-Kalniņa.", "Anna Zoom-Kalniņa"),
])
def test_brand_lexicon_leaves_persons_alone(rec, text, person):
    assert person in names(rec.recognize(text).persons)


def test_products_lexicon_kinds():
    from extract.entities.lexicon import get
    kinds = get().products
    assert kinds["Zoom"] == "product" and kinds["Microsoft"] == "company"
    assert set(kinds.values()) == {"product", "company"}


@pytest.mark.parametrize("words, at, kind", [
    (["Vakarā", "Vilidžā", "spēlēja", "džezu"], 1, "places"),   # a name in the locative is where
    (["dzīvoja", "Ūziņos", "pie", "meža"], 1, "places"),
    (["tikās", "Rendā", "."], 1, "places"),                     # also where a rare first name has the form
    (["dziedāja", "Bejonsē", "."], 1, "persons"),               # -ē ends undeclined foreign names
    (["vaicāja", "Sanī", "."], 1, "persons"),
    (["runāja", "Anna", "."], 1, "persons"),
])
def test_names_in_the_locative_are_places(rec, words, at, kind):
    text, tokens, sp = _span_over(words, at, 1)
    got = [s.kind for s in fix_spans(rec, [sp], tokens, text)]
    assert got == [kind]


def test_locative_wins_the_documents_vote(rec):
    from extract.entities.spans import Span as _Span
    a = _Span("persons", 0, 8, ["Vilidžai"], 0, 1)
    b = _Span("places", 20, 27, ["Vilidžā"], 5, 6)
    assert [s.kind for s in step(rec, 'vote-kinds', [a, b], [])] == ["places", "places"]


def test_a_person_is_not_propagated_to_a_locative(rec):
    from extract.entities.spans import Span as _Span
    tokens = _tokens(["Vilidžai", "tuvojās", ",", "bet", "Vilidžā", "lija", "un", "Vilidžai", "piekrita"])
    a = _Span("persons", 0, 8, ["Vilidžai"], 0, 1)
    got = [(s.kind, s.words[0]) for s in step(rec, 'propagate', [a], tokens)]
    assert ("persons", "Vilidžā") not in got and got.count(("persons", "Vilidžai")) == 2


@pytest.mark.parametrize("text, name", [
    ("Lietuviešu skolotājs Jonas Petraitis atzina, ka pieredze noderēs.", "Jonas Petraitis"),
    ("Vizītē ieradās Mindaugas Kazlauskas no Šauļiem.", "Mindaugas Kazlauskas"),
    ("Somu kolēģis Mika Virtanens uzsvēra sadarbību.", "Mika Virtanens"),
    ("Sarunā piedalījās Annas Kalniņas meita.", "Anna Kalniņa"),   # a Latvian genitive stays one
])
def test_partner_countries_first_names_in_the_nominative(rec, text, name):
    assert name in names(rec.recognize(text).persons)


@pytest.mark.parametrize("text, name", [
    # a first name's form that two names share (Andra / Andris's genitive): the words around decide
    ("Izstādi atklāja Valsts prezidenta Andra Bērziņa vizīte.", "Andris Bērziņš"),   # a man's role in the genitive
    ("Grāmatu par Gunta Kalniņa darbu izdeva apgāds.", "Guntis Kalniņš"),          # a noun after the name
    ("Akcijas nopirka no Valda Ozoliņa.", "Valdis Ozoliņš"),                       # a preposition of the genitive
    ("Akcijas nopirka no Jāņa Liepiņa un Valda Ozoliņa.", "Valdis Ozoliņš"),      # coordinated: the same case
    # ... and where they say nothing, or say nominative, the nominative stays
    ("Skolas direktore Māra Lāce pastāstīja par projektu.", "Māra Lāce"),
    ("Andra Kalniņa ir projekta vadītāja.", "Andra Kalniņa"),
    ("Sapulcē Andra Kalniņa pastāstīja par darbu.", "Andra Kalniņa"),               # a locative noun before
])
def test_shared_first_name_forms_read_by_context(rec, text, name):
    assert name in names(rec.recognize(text).persons)
    assert {"Valda Ozoliņa", "Andra Bērziņa", "Gunta Kalniņa"}.isdisjoint(names(rec.recognize(text).persons))


def test_coordinated_names_without_a_hint_stay_nominative(rec):
    got = names(rec.recognize("Projektā strādā Anna Liepa un Andra Kalniņa.").persons)
    assert got == {"Anna Liepa", "Andra Kalniņa"}


@pytest.mark.parametrize("text, name, mention", [
    ("Daudzes kungs! Kolēģi! Vēlos jums nolasīt vēstuli.", "Daudze", "Daudzes kungs"),
    ("Paldies Kalniņas kundzei par darbu.", "Kalniņa", "Kalniņas kundzei"),
    ("Ar Ozola kungu tikāmies vakar.", "Ozols", "Ozola kungu"),
])
def test_titles_of_address_are_in_the_mention_not_the_name(rec, text, name, mention):
    res = recognized(rec, text)
    assert [(p.name, [m.text for m in p.mentions]) for p in res.persons] == [(name, [mention])]


def test_titled_surname_links_to_the_full_name(rec):
    res = rec.recognize("Bērziņa kungs teica, ka projekts turpināsies. Jānis Bērziņš ir direktors.")
    assert [(p.name, len(p.mentions)) for p in res.persons] == [("Jānis Bērziņš", 2)]


@pytest.mark.parametrize("text", ["Mājas kungs atnāca vakarā.", "Pils kundze gaidīja viesus."])
def test_a_common_word_before_a_title_is_no_surname(rec, text):
    assert rec.recognize(text).persons == []


@pytest.mark.parametrize("text", [
    'Ideja komponēt baletu "Romeo un Džuljeta" radās 1934. gadā.',
    'Bērni lasīja grāmatu "Reiz dzīvoja Pēteris" un zīmēja.',
    "Dārzā aug ābeles ‘Auksis’, ‘Rubīns’ un bumbieres.",
])
def test_names_in_a_works_title_are_not_persons(rec, text):
    assert rec.recognize(text).persons == []


@pytest.mark.parametrize("text, name", [
    ('"Ar Annu Kalniņu strādājām kopā," stāsta skolotāja.', "Anna Kalniņa"),   # quoted speech, not a title
    ('Klavieru ciklam "Izstādes gleznas" beļģu komponists Žaks Koens radīja instrumentāciju.', "Žaks Koens"),
])
def test_names_next_to_quotes_stay_persons(rec, text, name):
    assert name in names(rec.recognize(text).persons)


def test_a_first_name_that_is_also_a_word_opens_the_name(rec):
    # `valda` is also a verb: the tagger kept only the surname
    res = rec.recognize("Valda Liepiņa ir skolas direktore jau desmit gadus.")
    assert [(p.name, [m.text for m in p.mentions]) for p in res.persons] == [("Valda Liepiņa", ["Valda Liepiņa"])]


@pytest.mark.parametrize("words, at", [
    (["Jānis", "teica", "Liepiņai"], 2),    # not right before the surname
    (["Valda", "Liepiņam", "atbildēja"], 1),  # a woman's nominative and a man's dative do not agree
])
def test_a_first_name_before_a_surname_must_agree(rec, words, at):
    text, tokens, sp = _span_over(words, at, 1)
    got = step(rec, 'first-name-left', [sp], tokens, text)[0]
    assert got.words == [words[at]]


@pytest.mark.parametrize("words, keep", [
    (["ERASMUS+"], False),                      # a programme, in capitals too
    (["SAM"], False),                           # specifiskā atbalsta mērķis: an EU-funds term
    (["STEM"], False),                          # a field of study
    (["LV01-KA121-SCH-000123962"], False),      # a project code's part
    (["TV3"], True),                            # names with a digit stay
    (["TEC-2"], True),
    (["Rīgas", "TEC-2"], True),
])
def test_codes_programmes_and_fund_terms_are_no_organisations(rec, words, keep):
    text, tokens, sp = _span_over(words, 0, len(words), kind="organizations")
    got = [s for s in fix_spans(rec, [sp], tokens, text) if s.kind == "organizations"]
    assert bool(got) == keep


@pytest.mark.parametrize("text, places", [
    ("Skolēni kopā pētīja Mēmeles un Mūsas upju ekosistēmas.", set()),        # rivers: no persons, no places
    ("Gauja ir viena no bīstamākajām Latvijas upēm.", {"Latvija"}),           # one name before the plural: where
    ("Pētījums notika Latvijas un Lietuvas mežos.", {"Latvija", "Lietuva"}),  # lexicon lands stay
])
def test_coordinated_names_before_natural_features(rec, text, places):
    res = rec.recognize(text)
    assert res.persons == []
    assert places <= names(res.places) and "Mēmele" not in names(res.places) and "Mūsa" not in names(res.places)


def test_plural_role_before_a_list_of_names(rec):
    res = rec.recognize("Paldies jāsaka skolotājiem Intai Ozolai, Mārim Liepiņam un Dacei Krūmiņai par darbu.")
    assert [(p.name, p.role) for p in res.persons] == [
        ("Inta Ozola", "skolotāja"), ("Māris Liepiņš", "skolotājs"), ("Dace Krūmiņa", "skolotāja")]
    res = rec.recognize("Direktors Jānis Kalns un Anna Liepa runāja.")
    assert [(p.name, p.role) for p in res.persons] == [("Jānis Kalns", "direktors"), ("Anna Liepa", None)]


@pytest.mark.parametrize("text, org, place", [
    ("Koledža uzņems viesus no Viļņas Kolēģijas.", "Viļņas Kolēģija", "Viļņa"),   # a Lithuanian college, Latvianised
    ("Audzēkņi apmeklēja Veihenštefanas-Trīsdorfas Lietišķo zinātņu universitāti.",
     "Veihenštefanas-Trīsdorfas Lietišķo zinātņu universitāte", None),
])
def test_partner_colleges_and_universities(rec, text, org, place):
    res = recognized(rec, text)
    assert org in names(res.organizations) and res.persons == []
    if place:
        assert place in names(res.places) and org not in names(res.places)


def test_a_persons_government_is_no_body_name(rec):
    res = rec.recognize("Valda Dombrovska valdība atkāpās.")
    assert "Valdis Dombrovskis" in names(res.persons)


def test_a_units_name_takes_the_units_country(rec):
    text, tokens, sp = _span_over(["Dienvidkurzemes", "novada", "pedagogi"], 0, 1, kind="places")
    (place,) = places_of(rec, [sp], tokens, text)
    assert (place.name, place.country, place.kind) == ("Dienvidkurzeme", "LV", "region")
    text, tokens, sp = _span_over(["Vilidžas", "pedagogi"], 0, 1, kind="places")
    assert places_of(rec, [sp], tokens, text)[0].country is None   # no unit after it: no country


@pytest.mark.parametrize("text, name, country", [
    ("Saskaņā ar LR Ekonomikas ministrijas datiem eksports pieauga.", "Latvija", "LV"),   # inside a body's name too
    ("Jau 1936. gadā PSRS ieviesa jaunus noteikumus.", "PSRS", None),
    ("Vīzu režīms starp Krieviju un NVS valstīm mainījās.", "NVS", None),
])
def test_state_abbreviations_are_places(rec, text, name, country):
    res = recognized(rec, text)
    got = {p.name: p.country for p in res.places}
    assert name in got and got[name] == country
    assert not any(name == p.name for p in res.persons)


def test_a_radio_channel_is_no_state(rec):
    assert "Latvija" not in names(recognized(rec, "Raidījumu pārraidīs LR1 un LR3.").places)


@pytest.mark.parametrize("text, org", [
    ("VID informē, ka deklarācijas jāiesniedz līdz 1. jūnijam.", "VID"),
    ("LDz pasažieru vilcieni kursēs biežāk.", "LDz"),
])
def test_sure_abbreviations_are_organisations(rec, text, org):
    # a known body's abbreviation alone is a mention of that body (its item may take the full name)
    assert any(m.text == org for o in recognized(rec, text).organizations for m in o.mentions)


def test_a_known_abbreviation_alone_takes_the_full_name(rec):
    orgs = recognized(rec, "VID informē, ka deklarācijas jāiesniedz līdz 1. jūnijam.").organizations
    assert "Valsts ieņēmumu dienests" in names(orgs)
