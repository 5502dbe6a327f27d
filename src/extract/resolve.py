"""The one place where overlapping matches are settled.

Policy: the longest match wins; among equally long ones the higher rule priority,
then the earlier start, then the rule id (so the result never depends on load order).
Winners never overlap, whatever their kind: a year inside a project code, or a
phone-like number inside a funds number, is dropped with the shorter match.
"""
from __future__ import annotations

from typing import Protocol, Sequence, TypeVar


class SpanLike(Protocol):
    start: int
    end: int
    priority: int
    rule: str


T = TypeVar("T", bound=SpanLike)


def resolve(matches: Sequence[T]) -> list[T]:
    ranked = sorted(matches, key=lambda m: (-(m.end - m.start), -m.priority, m.start, m.rule))
    taken: list[tuple[int, int]] = []
    winners: list[T] = []
    for m in ranked:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        taken.append((m.start, m.end))
        winners.append(m)
    return sorted(winners, key=lambda m: (m.start, m.end))
