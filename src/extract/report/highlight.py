"""Document text as HTML with every mention in a `<mark>` of its kind; overlapping mentions nest.

A mention inside another becomes a `<mark>` inside the other's. Two mentions that cross
(each starts inside the other) cannot nest: the one that ends later is closed where the
other ends and opened again, so it is drawn in pieces; its first piece carries the
mention, the others the class `cont` and the same `data-mention`. All text is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    id: str
    kind: str
    start: int
    end: int
    title: str


def _open(span: Span, first: bool) -> str:
    cls = f"mention {span.kind}" + ("" if first else " cont")
    return (f'<mark class="{escape(cls)}" data-kind="{escape(span.kind)}" data-mention="{escape(span.id)}" '
            f'title="{escape(span.title)}">')


def highlight(text: str, spans: list[Span]) -> Markup:
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end, s.id))
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []          # open marks, outermost first
    started: set[str] = set()
    for a, b in zip(bounds, bounds[1:]):
        active = [s for s in spans if s.start <= a and b <= s.end]
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        stack = stack[:keep]
        for s in sorted((s for s in active if s not in stack), key=lambda s: (-s.end, s.start, s.id)):
            out.append(_open(s, s.id not in started))
            started.add(s.id)
            stack.append(s)
        out.append(str(escape(text[a:b])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))
