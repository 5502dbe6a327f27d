"""Validators for emails, URLs and phone numbers."""
from __future__ import annotations

from typing import Optional

import phonenumbers
import regex

from . import MatchContext, Payload, validator

_SCHEME = regex.compile(r"^[a-z][a-z0-9+.-]*://", flags=regex.I)
_TLD = regex.compile(r"[a-z]{2,24}", flags=regex.I)


@validator("email")
def email(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    value = m.group("m") if "m" in m.re.groupindex and m.group("m") else m.group()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or domain.startswith(".") or ".." in value:
        return None
    return {"value": value.lower()}


@validator("url")
def url(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    value = m.group("m") if "m" in m.re.groupindex and m.group("m") else m.group()
    host = _SCHEME.sub("", value).split("/")[0]
    if "." not in host or "@" in host:
        return None
    tld = host.rsplit(".", 1)[-1]
    if not _TLD.fullmatch(tld):
        return None
    return {"value": value.lower()}


@validator("phone")
def phone(m: "regex.Match[str]", ctx: MatchContext) -> Optional[Payload]:
    raw = m.group("m") if "m" in m.re.groupindex and m.group("m") else m.group()
    region = ctx.params.get("region", "LV")
    try:
        num = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(num):
        return None
    return {"value": phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)}
