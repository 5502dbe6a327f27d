"""Validators for project codes: parse a candidate into its parts and check them.

The rule files (`rules/data/<scheme>*.yaml`) find candidates with permissive
patterns (stray spaces, line breaks, lower case); each validator here turns the
mention into its canonical form and parses that with one strict, anchored
regex per format, then checks the parts against the tables in
`lexicons/erasmus_actions.yaml` and `lexicons/project_codes_schemes.yaml`.

Every payload is `{"code": canonical, "scheme": ..., "parts": {str: str | None}}`.
The `parse_*` functions are pure (string in, parts or None out) so they can be
tested without the engine.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Optional

import regex

from ...lexicons import load_yaml
from . import MatchContext, Payload, validator

Parts = dict[str, Optional[str]]

_SPACE = regex.compile(r"\s+")
_DASHES = regex.compile(r"[‐‑‒–—―−]")


# --- tables -----------------------------------------------------------------

@lru_cache(maxsize=1)
def erasmus_tables() -> dict[str, Any]:
    return load_yaml("erasmus_actions.yaml")


@lru_cache(maxsize=1)
def scheme_tables() -> dict[str, Any]:
    return load_yaml("project_codes_schemes.yaml")


# --- helpers ----------------------------------------------------------------

def mention_text(m: "regex.Match[str]") -> str:
    """The text of the mention: group `m` when the pattern has one, else the whole match."""
    if "m" in m.re.groupindex and m.group("m") is not None:
        return m.group("m")
    return m.group()


def canonical(raw: str, upper: bool = True) -> str:
    """Drop every space and line break, unify dashes, optionally upper-case."""
    code = _DASHES.sub("-", _SPACE.sub("", raw))
    return code.upper() if upper else code


def payload(code: str, scheme: str, parts: Parts) -> Payload:
    return {"code": code, "scheme": scheme, "parts": parts}


def _parts(m: "regex.Match[str]", names: tuple[str, ...]) -> Parts:
    got = m.groupdict()
    return {n: got.get(n) for n in names}


# --- Erasmus+ ---------------------------------------------------------------

ERASMUS = regex.compile(
    r"(?P<year>\d{4})-(?P<round>\d)-(?P<agency>(?P<country>[A-Z]{2})\d{2})-(?P<action>KA\d{3})"
    r"(?:-(?P<sector>[A-Z]{3}))?-(?P<serial>\d+)(?:_(?P<partner>\d{1,2}))?"
)
ERASMUS_PARTS = ("year", "round", "agency", "country", "action", "sector", "serial", "partner")
# Centralised (EACEA) projects 2014-2020: 618615-EPP-1-2020-1-LV-EPPKA2-CBHE-JP; the segments after
# the action name the sub-action and often the project (604211-EPP-1-2018-1-EE-EPPKA3-PI-FORWARD)
ERASMUS_CENTRALISED = regex.compile(
    r"(?P<serial>\d{6})-EPP-\d-(?P<year>\d{4})-(?P<round>\d)-(?P<country>[A-Z]{2})"
    r"-(?P<action>EPPKA[1-3]|EPPJMO|SPO)-(?P<sector>[A-Z]{2,8}(?:-[A-Z0-9]{2,12}){0,2})"
)


def erasmus_country_ok(country: str, year: int) -> bool:
    countries = erasmus_tables()["programme_countries"]
    return country in countries["always"] or (year <= 2020 and country in countries["until_2020"])


def erasmus_action_ok(action: str, year: int) -> bool:
    spec = erasmus_tables()["actions"].get(action)
    return spec is not None and spec["from"] <= year <= spec["to"]


def erasmus_serial_ok(serial: str, year: int) -> bool:
    return any(g["from"] <= year <= g["to"] and len(serial) == g["digits"]
               for g in erasmus_tables()["serial_digits"])


def parse_erasmus_centralised(code: str) -> Optional[Parts]:
    """Parts of a centralised (EACEA) Erasmus+ number; agency and partner are None."""
    m = ERASMUS_CENTRALISED.fullmatch(code)
    if m is None or not 2014 <= int(m["year"]) <= 2020:
        return None
    countries = erasmus_tables()["programme_countries"]
    if m["country"] not in countries["always"] + countries["until_2020"]:
        return None
    return _parts(m, ERASMUS_PARTS)


def parse_erasmus(code: str) -> Optional[Parts]:
    """Parts of a canonical Erasmus+ code, or None when it is not a valid one."""
    m = ERASMUS.fullmatch(code)
    if m is None:
        return parse_erasmus_centralised(code)
    year = int(m["year"])
    if not 2014 <= year <= 2030 or m["round"] not in {"1", "2", "3"} or m["agency"].endswith("00"):
        return None
    if not (erasmus_country_ok(m["country"], year) and erasmus_action_ok(m["action"], year)
            and erasmus_serial_ok(m["serial"], year)):
        return None
    if m["sector"] is not None and m["sector"] not in erasmus_tables()["sectors"]:
        return None
    if m["partner"] is not None and int(m["partner"]) == 0:
        return None
    return _parts(m, ERASMUS_PARTS)


@validator("erasmus_plus")
def erasmus_plus(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m))
    parts = parse_erasmus(code)
    return payload(code, "erasmus+", parts) if parts else None


# --- Europe for Citizens 2014-2020 ---------------------------------------------

EUROPE_FOR_CITIZENS = regex.compile(
    r"(?P<serial>\d{6})-CITIZ-\d-(?P<year>\d{4})-(?P<round>\d)-(?P<country>[A-Z]{2})-CITIZ-(?P<strand>[A-Z]{2,6})"
)


def parse_europe_for_citizens(code: str) -> Optional[Parts]:
    """Parts of a Europe for Citizens number: 571332-CITIZ-1-2016-1-LV-CITIZ-NT."""
    m = EUROPE_FOR_CITIZENS.fullmatch(code)
    table = scheme_tables()["europe_for_citizens"]
    if m is None or not table["years"]["from"] <= int(m["year"]) <= table["years"]["to"]:
        return None
    if m["country"] not in table["countries"] or m["strand"] not in table["strands"]:
        return None
    return _parts(m, ("serial", "year", "round", "country", "strand"))


@validator("europe_for_citizens")
def europe_for_citizens(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m))
    parts = parse_europe_for_citizens(code)
    return payload(code, "europe-for-citizens", parts) if parts else None


# --- Lifelong Learning Programme 2007-2013 ------------------------------------

LLP_DECENTRALISED = regex.compile(
    r"(?P<year>\d{4})-(?P<round>\d)-(?P<agency>(?P<country>[A-Z]{2})\d)-(?P<action>(?P<programme>[A-Z]{3})\d{2})-(?P<serial>\d{5})"
)
LLP_LDV = regex.compile(
    r"LLP-LDV-(?P<action>[A-Z]{3,6})-(?P<year>\d{4})-(?P<country>[A-Z]{2})-(?P<serial>\d{2,5})"
)
LLP_CENTRALISED = regex.compile(
    r"(?P<serial>\d{6})-LLP-\d-(?P<year>\d{4})-(?P<round>\d)-(?P<country>[A-Z]{2})-(?P<action>[A-Z]+\d?)-(?P<subtype>[A-Z0-9]{2,8})"
)
LLP_PARTS = ("year", "round", "agency", "country", "programme", "action", "subtype", "serial")


def parse_lifelong_learning(code: str) -> Optional[Parts]:
    """Parts of a canonical Lifelong Learning Programme (LdV, Comenius, Grundtvig...) number."""
    table = erasmus_tables()["lifelong_learning"]
    for fmt in (LLP_DECENTRALISED, LLP_LDV, LLP_CENTRALISED):
        m = fmt.fullmatch(code)
        if m is None:
            continue
        year = int(m["year"])
        if not table["years"]["from"] <= year <= table["years"]["to"] or m["country"] not in table["countries"]:
            return None
        parts = _parts(m, LLP_PARTS)
        if fmt is LLP_DECENTRALISED:
            if m["programme"] not in table["programmes"] or m["action"].endswith("00"):
                return None
        elif fmt is LLP_LDV:
            if m["action"] not in table["ldv_actions"]:
                return None
            parts["programme"] = "LEO"
        else:
            if m["action"] not in table["centralised_actions"]:
                return None
        return parts
    return None


@validator("lifelong_learning")
def lifelong_learning(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m))
    parts = parse_lifelong_learning(code)
    return payload(code, "lifelong-learning", parts) if parts else None


# --- EU structural funds and the Recovery fund in Latvia -----------------------

FUNDS_FORMATS: list[tuple[str, "regex.Pattern[str]"]] = [
    # 2014-2020: 8.3.5.0/16/I/001 (SAM measure / year / selection / serial)
    ("2014-2020", regex.compile(r"(?P<measure>[1-9]\.\d\.\d\.\d)/(?P<year>\d{2})/(?P<selection>[AI])/(?P<serial>\d{3})")),
    # 2014-2020, agency-run rounds: 1.1.1.2/VIAA/1/16/188
    ("2014-2020", regex.compile(r"(?P<measure>[1-9]\.\d\.\d\.\d)/(?P<agency>[A-Z]{3,5})/(?P<round>\d)/(?P<year>\d{2})/(?P<serial>\d{3})")),
    # 2021-2027: 4.2.1.2/1/24/I/001 (measure / round / year / selection [/ agency] / serial)
    ("2021-2027", regex.compile(r"(?P<measure>[1-9]\.\d\.\d\.\d{1,2})/(?P<round>\d)/(?P<year>\d{2})/(?P<selection>[AI])/(?:(?P<agency>[A-Z]{3,5})/)?(?P<serial>\d{3})")),
    # 2007-2013: 2010/0329/2DP/2.1.1.1.0/10/APIA/VIAA/053, or without the registration prefix
    ("2007-2013", regex.compile(r"(?:(?P<regyear>20\d{2})/(?P<regno>\d{4})/)?(?P<programme>[1-3]DP)/(?P<measure>[1-9]\.\d\.\d\.\d\.\d)/(?P<year>\d{2})/(?P<selection>APIA|IPIA)/(?P<agency>[A-Z]{3,5})/(?P<serial>\d{3})")),
]
RECOVERY_FORMAT = regex.compile(
    # 2.3.1.1.i.0/1/22/I/CFLA/002 (investment / round / year / selection / agency / serial)
    r"(?P<measure>[1-9]\.\d\.\d\.\d\.[ir](?:\.\d)?)/(?P<round>\d)/(?P<year>\d{2})/(?P<selection>[AI])/(?:(?P<agency>[A-Z]{3,5})/)?(?P<serial>\d{3})",
    regex.IGNORECASE,
)
FUNDS_PARTS = ("period", "measure", "round", "year", "selection", "agency", "serial")


def _year_in_period(year: str, period: str) -> bool:
    bounds = scheme_tables()["eu_funds_periods"][period]
    return bounds["from"] <= int(year) <= bounds["to"]


def parse_eu_funds(code: str) -> Optional[Parts]:
    """Parts of a Latvian EU structural funds project number (2007-2013, 2014-2020, 2021-2027)."""
    for period, fmt in FUNDS_FORMATS:
        m = fmt.fullmatch(code)
        if m is None:
            continue
        if not _year_in_period(m["year"], period) or m["serial"] == "000":
            return None
        parts = _parts(m, FUNDS_PARTS)
        parts["period"] = period
        return parts
    return None


def parse_recovery_fund(code: str) -> Optional[Parts]:
    """Parts of a Recovery and Resilience Facility (Atveseļošanas fonds) project number."""
    m = RECOVERY_FORMAT.fullmatch(code)
    if m is None or not 21 <= int(m["year"]) <= 29 or m["serial"] == "000":
        return None
    parts = _parts(m, FUNDS_PARTS)
    parts["period"] = "2021-2026"
    parts["measure"] = m["measure"].lower()
    if parts["agency"]:
        parts["agency"] = parts["agency"].upper()
    parts["selection"] = m["selection"].upper()
    return parts


@validator("eu_structural_funds")
def eu_structural_funds(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m), upper=False)
    parts = parse_eu_funds(code)
    return payload(code, "eu-structural-funds", parts) if parts else None


@validator("recovery_fund")
def recovery_fund(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m), upper=False)
    parts = parse_recovery_fund(code)
    return payload(code, "recovery-fund", parts) if parts else None


# --- Interreg ----------------------------------------------------------------

INTERREG_FORMATS: list[tuple[str, str, "regex.Pattern[str]"]] = [
    ("central-baltic", "2014-2020", regex.compile(r"CB(?P<serial>\d{3})")),
    ("central-baltic", "2021-2027", regex.compile(r"CB(?P<serial>\d{7})")),
    ("estonia-latvia", "2014-2020", regex.compile(r"EST-?LAT(?P<serial>\d{1,3})")),
    ("latvia-lithuania", "2007-2013", regex.compile(r"LLIV-(?P<serial>\d{1,3})")),
    ("latvia-lithuania", "2014-2020", regex.compile(r"LLI-(?P<serial>\d{1,3})")),
    ("latvia-lithuania", "2021-2027", regex.compile(r"LL-(?P<serial>\d{5})")),
]


def parse_interreg(code: str) -> Optional[Parts]:
    """Parts of an Interreg project number (Central Baltic, Estonia-Latvia, Latvia-Lithuania)."""
    for programme, period, fmt in INTERREG_FORMATS:
        m = fmt.fullmatch(code)
        if m is not None:
            if int(m["serial"]) == 0:
                return None
            return {"programme": programme, "period": period, "serial": m["serial"]}
    return None


@validator("interreg")
def interreg(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m))
    parts = parse_interreg(code)
    if parts is None:
        return None
    wanted = ctx.params.get("programme")
    if wanted and parts["programme"] != wanted:
        return None
    return payload(code, "interreg", parts)


# --- Nordplus ----------------------------------------------------------------

NORDPLUS = regex.compile(r"NP(?P<programme>[A-Z]{2})-(?P<year>\d{4})/(?P<serial>\d{5})")


def parse_nordplus(code: str) -> Optional[Parts]:
    """Parts of a Nordplus project number: NPHZ-2023/10012."""
    m = NORDPLUS.fullmatch(code)
    if m is None or m["programme"] not in scheme_tables()["nordplus_programmes"]:
        return None
    if not 2008 <= int(m["year"]) <= 2030:
        return None
    return _parts(m, ("programme", "year", "serial"))


@validator("nordplus")
def nordplus(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m))
    parts = parse_nordplus(code)
    return payload(code, "nordplus", parts) if parts else None


# --- EEA and Norway grants ------------------------------------------------------

EEA_NATIONAL = regex.compile(
    # EEZ/BPP/VIAA/2021/1, EEZ/2019/1/001, NFI/R/2014/011
    r"(?P<fund>EEZ|NFI)/(?P<programme>(?:[A-Z]{1,6}/){0,3})(?P<year>20\d{2})/(?P<serial>\d{1,3}(?:/\d{1,3})?)"
)
EEA_PORTAL = regex.compile(r"LV-(?P<programme>[A-Z]{4,15})-(?P<serial>\d{4})")  # LV-RESEARCH-0012


def parse_eea_grants(code: str) -> Optional[Parts]:
    """Parts of an EEA / Norway grants project number (Latvian or eeagrants.org form)."""
    m = EEA_NATIONAL.fullmatch(code)
    if m is not None:
        if not 2004 <= int(m["year"]) <= 2030:
            return None
        return {"fund": m["fund"], "programme": m["programme"].strip("/") or None,
                "year": m["year"], "serial": m["serial"]}
    m = EEA_PORTAL.fullmatch(code)
    if m is not None and int(m["serial"]) > 0:
        return {"fund": None, "programme": m["programme"], "year": None, "serial": m["serial"]}
    return None


@validator("eea_grants")
def eea_grants(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    code = canonical(mention_text(m))
    parts = parse_eea_grants(code)
    return payload(code, "eea-norway-grants", parts) if parts else None
