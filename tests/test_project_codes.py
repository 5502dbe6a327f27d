"""Project codes: parsing and validation of each scheme, and the rules run end to end.

The generic case-file test covers `rules/cases/*.yaml`; these tests pin the parts
parsing (pure functions in `rules/validators/codes.py`) and a few must-not-match
texts through the whole pipeline (normalise, match, resolve).
"""
from __future__ import annotations

from typing import Optional

import pytest

from extract.lexicons import load_yaml
from extract.rules import RuleSet
from extract.rules.cases import extract_kind
from extract.rules.validators.codes import (
    canonical,
    parse_eea_grants,
    parse_erasmus,
    parse_eu_funds,
    parse_interreg,
    parse_lifelong_learning,
    parse_nordplus,
    parse_recovery_fund,
)


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.load()


def codes(ruleset: RuleSet, text: str) -> list[tuple[str, str]]:
    return [(m.payload["code"], m.payload["scheme"]) for m in extract_kind(ruleset, text, "project_code")]


# --- Erasmus+ ---------------------------------------------------------------

ERASMUS_OK = [
    ("2016-1-LV01-KA102-022435",
     {"year": "2016", "round": "1", "agency": "LV01", "country": "LV", "action": "KA102",
      "sector": None, "serial": "022435", "partner": None}),
    ("2021-1-SK01-KA210-SCH-000030426",
     {"year": "2021", "round": "1", "agency": "SK01", "country": "SK", "action": "KA210",
      "sector": "SCH", "serial": "000030426", "partner": None}),
    ("2020-1-LT01-KA229-077835_5",
     {"year": "2020", "round": "1", "agency": "LT01", "country": "LT", "action": "KA229",
      "sector": None, "serial": "077835", "partner": "5"}),
    ("2020-1-FI01-KA229-SCH-066504_5",
     {"year": "2020", "round": "1", "agency": "FI01", "country": "FI", "action": "KA229",
      "sector": "SCH", "serial": "066504", "partner": "5"}),
    ("2023-1-NO01-KA121-ADU-000123456",
     {"year": "2023", "round": "1", "agency": "NO01", "country": "NO", "action": "KA121",
      "sector": "ADU", "serial": "000123456", "partner": None}),
    ("2019-1-UK01-KA202-061234",
     {"year": "2019", "round": "1", "agency": "UK01", "country": "UK", "action": "KA202",
      "sector": None, "serial": "061234", "partner": None}),
    ("618615-EPP-1-2020-1-LV-EPPKA2-CBHE-JP",
     {"year": "2020", "round": "1", "agency": None, "country": "LV", "action": "EPPKA2",
      "sector": "CBHE-JP", "serial": "618615", "partner": None}),
]


@pytest.mark.parametrize("code,parts", ERASMUS_OK, ids=[c for c, _ in ERASMUS_OK])
def test_erasmus_parts(code: str, parts: dict) -> None:
    assert parse_erasmus(code) == parts


ERASMUS_BAD = {
    "unknown country": "2021-1-XX01-KA220-SCH-000030426",
    "UK after 2020": "2021-1-UK01-KA220-SCH-000030426",
    "unknown action": "2021-1-LV01-KA999-SCH-000030426",
    "action out of its years": "2023-1-LV01-KA229-000123456",
    "old code, new serial length": "2016-1-LV01-KA102-000022435",
    "new code, old serial length": "2022-1-LV01-KA220-SCH-022435",
    "year too early": "2012-1-LV01-KA102-022435",
    "year too late": "2031-1-LV01-KA220-SCH-000030426",
    "agency 00": "2016-1-LV00-KA102-022435",
    "round 4": "2016-4-LV01-KA102-022435",
    "unknown sector": "2022-1-LV01-KA220-XYZ-000012345",
    "partner 0": "2020-1-LT01-KA229-077835_0",
    "no action": "2016-1-LV01-022435",
    "date range": "2021-2027",
    "centralised, unknown country": "618615-EPP-1-2020-1-XX-EPPKA2-CBHE-JP",
    "centralised, before Erasmus+": "618615-EPP-1-2012-1-LV-EPPKA2-CBHE-JP",
}


@pytest.mark.parametrize("code", ERASMUS_BAD.values(), ids=ERASMUS_BAD.keys())
def test_erasmus_rejects(code: str) -> None:
    assert parse_erasmus(code) is None


@pytest.mark.parametrize("raw,expected", [
    ("2022-1-SI01-KA220- SCH-000086423", "2022-1-SI01-KA220-SCH-000086423"),
    ("2022-1-si01-ka220-\nsch-000086423", "2022-1-SI01-KA220-SCH-000086423"),
    ("2016–1–LV01–KA102–022435", "2016-1-LV01-KA102-022435"),
])
def test_canonical(raw: str, expected: str) -> None:
    assert canonical(raw) == expected


def test_erasmus_tables_hold_strings_only() -> None:
    """YAML reads a bare NO as false: every country and action in the tables must be a string."""
    tables = load_yaml("erasmus_actions.yaml")
    countries = tables["programme_countries"]["always"] + tables["programme_countries"]["until_2020"]
    countries += tables["lifelong_learning"]["countries"]
    assert all(isinstance(c, str) and len(c) == 2 for c in countries)
    assert all(isinstance(a, str) and a.startswith("KA") for a in tables["actions"])
    assert all(spec["from"] <= spec["to"] for spec in tables["actions"].values())


# --- Lifelong Learning Programme ------------------------------------------------

@pytest.mark.parametrize("code,expected", [
    ("2013-1-LV1-LEO01-05299", {"year": "2013", "agency": "LV1", "country": "LV", "programme": "LEO",
                                "action": "LEO01", "serial": "05299"}),
    ("2012-1-LV1-COM06-03562", {"programme": "COM", "action": "COM06", "serial": "03562"}),
    ("LLP-LDV-TOI-2010-LV-003", {"year": "2010", "country": "LV", "programme": "LEO", "action": "TOI",
                                 "serial": "003"}),
    ("510123-LLP-1-2010-1-LV-COMENIUS-CMP", {"serial": "510123", "action": "COMENIUS", "subtype": "CMP"}),
])
def test_lifelong_learning_parts(code: str, expected: dict) -> None:
    parts = parse_lifelong_learning(code)
    assert parts is not None
    assert {k: parts[k] for k in expected} == expected


@pytest.mark.parametrize("code", [
    "2013-1-LV1-ABC01-05299",   # unknown sub-programme
    "2016-1-LV1-LEO01-05299",   # after the programme
    "2013-1-XX1-LEO01-05299",   # unknown country
    "2013-1-LV1-LEO00-05299",   # action 00
    "LLP-LDV-XYZ-2010-LV-003",  # unknown Leonardo action
    "2013-1-LV01-KA102-022435", # an Erasmus+ shape
])
def test_lifelong_learning_rejects(code: str) -> None:
    assert parse_lifelong_learning(code) is None


# --- EU structural funds and recovery fund ---------------------------------------

@pytest.mark.parametrize("code,expected", [
    ("8.3.5.0/16/I/001", {"period": "2014-2020", "measure": "8.3.5.0", "round": None, "year": "16",
                          "selection": "I", "agency": None, "serial": "001"}),
    ("1.1.1.1/16/A/219", {"period": "2014-2020", "measure": "1.1.1.1", "round": None, "year": "16",
                          "selection": "A", "agency": None, "serial": "219"}),
    ("1.1.1.2/VIAA/1/16/188", {"period": "2014-2020", "measure": "1.1.1.2", "round": "1", "year": "16",
                               "selection": None, "agency": "VIAA", "serial": "188"}),
    ("4.2.1.2/1/24/I/001", {"period": "2021-2027", "measure": "4.2.1.2", "round": "1", "year": "24",
                            "selection": "I", "agency": None, "serial": "001"}),
    ("2010/0329/2DP/2.1.1.1.0/10/APIA/VIAA/053", {"period": "2007-2013", "measure": "2.1.1.1.0",
                                                  "round": None, "year": "10", "selection": "APIA",
                                                  "agency": "VIAA", "serial": "053"}),
])
def test_eu_funds_parts(code: str, expected: dict) -> None:
    assert parse_eu_funds(code) == expected


@pytest.mark.parametrize("code", [
    "8.3.5.0/35/I/001",   # year outside the period
    "8.3.5.0/16/X/001",   # unknown selection
    "8.3.5.0/16/I/000",   # serial zero
    "8.3.5.0",            # a measure, not a project
    "8.3",                # a decimal
    "03.10.2024",         # a date
    "2023/123",           # an invoice number
])
def test_eu_funds_rejects(code: str) -> None:
    assert parse_eu_funds(code) is None


def test_recovery_fund_parts() -> None:
    assert parse_recovery_fund("2.3.1.1.i.0/1/22/I/CFLA/002") == {
        "period": "2021-2026", "measure": "2.3.1.1.i.0", "round": "1", "year": "22",
        "selection": "I", "agency": "CFLA", "serial": "002"}


@pytest.mark.parametrize("code", ["2.3.1.1.i.0/1/12/I/CFLA/002", "2.3.1.1.x.0/1/22/I/CFLA/002", "8.3.5.0/16/I/001"])
def test_recovery_fund_rejects(code: str) -> None:
    assert parse_recovery_fund(code) is None


# --- Interreg, Nordplus, EEA grants ---------------------------------------------------

@pytest.mark.parametrize("code,expected", [
    ("CB604", {"programme": "central-baltic", "period": "2014-2020", "serial": "604"}),
    ("CB0100123", {"programme": "central-baltic", "period": "2021-2027", "serial": "0100123"}),
    ("EST-LAT62", {"programme": "estonia-latvia", "period": "2014-2020", "serial": "62"}),
    ("LLI-501", {"programme": "latvia-lithuania", "period": "2014-2020", "serial": "501"}),
    ("LL-00123", {"programme": "latvia-lithuania", "period": "2021-2027", "serial": "00123"}),
    ("CB12345", None),
    ("LLI-000", None),
    ("LL-123", None),
])
def test_interreg(code: str, expected: Optional[dict]) -> None:
    assert parse_interreg(code) == expected


@pytest.mark.parametrize("code,expected", [
    ("NPHZ-2023/10012", {"programme": "HZ", "year": "2023", "serial": "10012"}),
    ("NPAD-2022/10045", {"programme": "AD", "year": "2022", "serial": "10045"}),
    ("NPXX-2023/10012", None),
    ("NPHZ-1999/10012", None),
    ("NPHZ-2023/1001", None),
])
def test_nordplus(code: str, expected: Optional[dict]) -> None:
    assert parse_nordplus(code) == expected


@pytest.mark.parametrize("code,expected", [
    ("EEZ/BPP/VIAA/2021/1", {"fund": "EEZ", "programme": "BPP/VIAA", "year": "2021", "serial": "1"}),
    ("EEZ/2019/1/001", {"fund": "EEZ", "programme": None, "year": "2019", "serial": "1/001"}),
    ("NFI/R/2014/011", {"fund": "NFI", "programme": "R", "year": "2014", "serial": "011"}),
    ("LV-RESEARCH-0012", {"fund": None, "programme": "RESEARCH", "year": None, "serial": "0012"}),
    ("LV-1050", None),
    ("EEZ/BPP/VIAA/1999/1", None),
])
def test_eea_grants(code: str, expected: Optional[dict]) -> None:
    assert parse_eea_grants(code) == expected


# --- end to end ------------------------------------------------------------------

def test_leading_nr_outside_mention(ruleset: RuleSet) -> None:
    text = "Projekts (Nr.2016-1-LV01-KA102-022435) ilga divus gadus."
    [m] = extract_kind(ruleset, text, "project_code")
    assert m.text == "2016-1-LV01-KA102-022435"
    assert text[m.start:m.end] == m.text


def test_line_break_inside_code(ruleset: RuleSet) -> None:
    text = "projekts (2022-1-SI01-KA220-\nSCH-000086423) turpinās"
    assert codes(ruleset, text) == [("2022-1-SI01-KA220-SCH-000086423", "erasmus+")]


@pytest.mark.parametrize("text", [
    "Zvaniet 63601222 vai +371 29 123 456.",
    "Plānošanas periods 2021-2027, projekts ilga 2017.-2022. gadā.",
    "ISBN 978-9984-12-345-6, ISSN 1691-0435.",
    "Konts LV80BANK0000435195001.",
    "Rēķins Nr. 2023/123, pasūtījums Nr. 12/2024/A.",
    "Pieaugums 8.3 %, sanāksme 03.10.2024., versija 1.2.3.4.",
    "Reģ. Nr. 40003012345, Rīga, LV-1050.",
    "Kabelis CB604 un detaļa LLI-501 noliktavā.",
    "Kods NPHZ-2023/10012 bez programmas nosaukuma.",
])
def test_must_not_match(ruleset: RuleSet, text: str) -> None:
    assert codes(ruleset, text) == []


@pytest.mark.parametrize("text", [
    "Projekts 2016-1-LV01-KA102-022435 sākās 2016. gadā.",
    "SAM projekts Nr. 8.3.5.0/16/I/001, tālr. 63601222.",
    "Projekts 2021-1-SK01-KA210-SCH-000030426 (2021.-2023.), tālr. +371 29 123 456.",
])
def test_codes_are_not_dates_or_phones(ruleset: RuleSet, text: str) -> None:
    [code] = extract_kind(ruleset, text, "project_code")
    for kind in ("date", "phone"):
        for other in extract_kind(ruleset, text, kind):
            assert other.end <= code.start or other.start >= code.end, (kind, other.text)
