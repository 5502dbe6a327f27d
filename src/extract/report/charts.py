"""Small inline SVG charts (no scripts, no external files): horizontal bars and stacked columns.

Every label is escaped; colours come from a fixed palette, attributes only (no style attributes).
"""
from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ["#4363d8", "#e6194b", "#3cb44b", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990",
           "#808000", "#000075", "#a9a9a9"]
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 18, 6, 150, 320
COLUMN_WIDTH, COLUMN_GAP, PLOT_HEIGHT = 34, 14, 180


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
                  f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>'
                  + "".join(body) + "</svg>")


def bar_chart(title: str, items: list[tuple[str, int]]) -> Markup:
    """One horizontal bar per (label, count), longest first as given."""
    top = max((v for _, v in items), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = i * (BAR_HEIGHT + BAR_GAP)
        w = max(1, round(BAR_WIDTH * value / top))
        body.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end" font-size="12">{escape(label)}</text>'
                    f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w}" height="{BAR_HEIGHT}" fill="{PALETTE[0]}">'
                    f'<title>{escape(label)}: {value}</title></rect>'
                    f'<text x="{LABEL_WIDTH + w + 4}" y="{y + 13}" font-size="12">{value}</text>')
    height = max(1, len(items)) * (BAR_HEIGHT + BAR_GAP)
    return _svg(LABEL_WIDTH + BAR_WIDTH + 40, height, title, body)


def stacked_columns(title: str, columns: list[str], series: dict[str, dict[str, int]]) -> Markup:
    """One column per label in `columns`, stacked by series (series name -> column -> count), with a legend."""
    totals = {c: sum(s.get(c, 0) for s in series.values()) for c in columns}
    top = max(totals.values(), default=0) or 1
    body = []
    for i, col in enumerate(columns):
        x, y = 10 + i * (COLUMN_WIDTH + COLUMN_GAP), PLOT_HEIGHT
        for j, (name, counts) in enumerate(series.items()):
            n = counts.get(col, 0)
            if not n:
                continue
            h = round(PLOT_HEIGHT * n / top)
            y -= h
            body.append(f'<rect x="{x}" y="{y + 20}" width="{COLUMN_WIDTH}" height="{h}" '
                        f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(col)}, {escape(name)}: {n}</title></rect>')
        body.append(f'<text x="{x + COLUMN_WIDTH / 2}" y="{y + 14}" text-anchor="middle" font-size="12">'
                    f'{totals[col]}</text>'
                    f'<text x="{x + COLUMN_WIDTH / 2}" y="{PLOT_HEIGHT + 36}" text-anchor="middle" font-size="12">'
                    f'{escape(col)}</text>')
    legend_x = 20 + len(columns) * (COLUMN_WIDTH + COLUMN_GAP)
    for j, name in enumerate(series):
        y = 24 + j * 20
        body.append(f'<rect x="{legend_x}" y="{y}" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
                    f'<text x="{legend_x + 18}" y="{y + 11}" font-size="12">{escape(name)}</text>')
    return _svg(legend_x + 190, PLOT_HEIGHT + 46, title, body)
