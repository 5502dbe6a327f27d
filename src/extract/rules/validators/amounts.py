"""Validator for sums of money: Latvian number forms and currency words into `{amount, currency}`.

`amount` is a plain decimal string (`"120197.00"`, `"1200000"`), `currency` ISO 4217 (`EUR`;
`LVL` for lats). The rule's pattern names three groups: `num` (the digits as written),
`scale` (optional: `tūkst.`, `milj.`, `miljardi` ...) and `cur` (the currency word or sign,
before or after the number).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex

from . import MatchContext, Payload, validator

# the first letters of a currency word or sign -> ISO 4217 (checked in this order)
CURRENCY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("€", "EUR"), ("eur", "EUR"), ("eir", "EUR"),
    ("lvl", "LVL"), ("ls", "LVL"), ("lat", "LVL"),
    ("usd", "USD"), ("$", "USD"), ("dolār", "USD"),
)
# the first letters of a scale word -> power of ten
SCALE_PREFIXES: tuple[tuple[str, int], ...] = (
    ("tūkst", 3), ("tūkstoš", 3), ("tūkstot", 3), ("tk", 3),
    ("mljrd", 9), ("mld", 9), ("miljard", 9),
    ("milj", 6), ("mln", 6), ("miljon", 6),
)
_THOUSANDS_DOT = regex.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 50.000: dots group thousands
_SPACE = regex.compile(r"\s+")


def currency_code(word: str) -> Optional[str]:
    w = word.casefold()
    return next((code for prefix, code in CURRENCY_PREFIXES if w.startswith(prefix)), None)


def scale_power(word: Optional[str]) -> int:
    if not word:
        return 0
    w = word.casefold()
    return next((power for prefix, power in SCALE_PREFIXES if w.startswith(prefix)), 0)


def parse_number(written: str, scaled: bool) -> Optional[Decimal]:
    """`120 197,00` -> 120197.00, `25121.92` -> 25121.92, `50.000` -> 50000 (unless scaled: `1.2 milj.`)."""
    s = _SPACE.sub("", written)
    if "," in s and "." in s:  # 1.500,00: dots group thousands, the comma is the decimal sign
        s = s.replace(".", "")
    elif not scaled and _THOUSANDS_DOT.match(s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    if s.count(".") > 1:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> str:
    """A decimal in plain notation, with the decimals the text gives (`120197.00`, `26000000000`)."""
    return f"{value:f}"


@validator("amount")
def amount(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    cur = currency_code(m.group("cur") or "")
    if cur is None:
        return None
    power = scale_power(m.group("scale") if "scale" in m.re.groupindex else None)
    number = parse_number(m.group("num"), scaled=power > 0)
    if number is None or number < 0:
        return None
    if power:  # 1,2 milj. -> 1200000: the decimals of the scaled number are not the sum's
        number = (number * (Decimal(10) ** power)).normalize()
    return {"value": {"amount": plain(number), "currency": cur}}
