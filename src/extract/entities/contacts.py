"""E-mail addresses and phone numbers attached to the persons they belong to."""
from __future__ import annotations

import unicodedata
from typing import Iterable

from ..records import Person

CONTACT_WINDOW = 160  # characters a signature's contact may stand after the name
CONTACT_LINES = 4     # line breaks it may stand after the name


def fold(s: str) -> str:
    """Lower-case ASCII letters and digits of `s` (`Kalniņa` -> `kalnina`)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", s.lower()) if ch.isalnum() and ord(ch) < 128)


def _get(c, k):
    return c[k] if isinstance(c, dict) else getattr(c, k)


def _owner_by_address(persons: list[Person], local: str) -> Person | None:
    """The person whose name the address's local part spells (`laura.kalnina`, `lkalnina`)."""
    for p in persons:
        # a part with no ASCII letter folds to nothing (`Øø`): it says nothing of the address
        parts = [f for f in (fold(x) for x in p.name.split() if len(x) > 1) if f]
        if parts and local and (all(x in local for x in parts[-1:]) and (parts[-1] in local) or
                                local == "".join(x[0] for x in parts[:-1]) + parts[-1]):
            return p
    return None


def attach_contacts(persons: list[Person], emails: Iterable, phones: Iterable, text: str,
                    window: int = CONTACT_WINDOW) -> list[Person]:
    """Set person.email / person.phone from contact mentions (objects or dicts with
    value/start/end) that belong to them: an e-mail whose local part matches the person's
    name, or a contact that follows the person's mention closely (a signature block:
    name line, role line, `Tālr. ...`, `e-pasts: ...`) with no other person in between."""
    ments = sorted(((m.start, m.end, p) for p in persons for m in p.mentions), key=lambda x: x[0])

    def nearest_before(pos: int):
        best = None
        for s, e, p in ments:
            if e <= pos:
                best = (s, e, p)
        if best and pos - best[1] <= window and text[best[1]:pos].count("\n") <= CONTACT_LINES:
            return best[2]
        return None

    for c in emails:
        value = _get(c, "value")
        owner = _owner_by_address(persons, fold(value.split("@")[0]))
        if owner is None:
            owner = nearest_before(_get(c, "start"))
        if owner is not None and owner.email is None:
            owner.email = value
    for c in phones:
        owner = nearest_before(_get(c, "start"))
        if owner is not None and owner.phone is None:
            owner.phone = _get(c, "value")
    return persons
