"""Charts drawn on the server as SVG, for the dashboard and the PDF alike.

No JavaScript and no inline ``style`` (the CSP forbids it): colours are SVG presentation
attributes. Each chart's <title> says in words what it shows, every number included (the PDF
gives it as the chart's alternative text), and the page shows the same numbers in a table beside
it, so nothing depends on seeing the colours.
Colours differ in lightness too, so a greyscale print still tells them apart.
"""

import itertools
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.chart_text import label_lines

_ids = itertools.count(1)

# RAG colours, chosen to differ in lightness as well as hue.
RAG_COLOURS = {"red": "#a4262c", "amber": "#f0b429", "green": "#2e7d32", "grey": "#c8ccd0"}
BAR_COLOUR = "#1d3557"
TRACK_COLOUR = "#e3e6e9"


@dataclass
class Slice:
    label: str
    value: int
    colour: str


def _chart_id(prefix):
    return f"{prefix}-{next(_ids)}"


def donut(slices, title, size=120):
    """A ring divided by ``slices``; the total in the middle."""
    total = sum(s.value for s in slices)
    chart_id = _chart_id("donut")
    words = "; ".join(f"{s.label}: {s.value}" for s in slices) or "nothing to show"
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 42 42" width="{}" height="{}" role="img" '
            'aria-labelledby="{}-t" class="chart chart-donut">',
            size,
            size,
            chart_id,
        ),
        format_html('<title id="{}-t">{}: {}</title>', chart_id, title, words),
        format_html(
            '<circle cx="21" cy="21" r="15.915" fill="none" stroke="{}" stroke-width="6"></circle>', TRACK_COLOUR
        ),
    ]
    offset = 25.0  # start at twelve o'clock
    for s in slices:
        if not total or not s.value:
            continue
        share = 100 * s.value / total
        parts.append(
            format_html(
                '<circle cx="21" cy="21" r="15.915" fill="none" stroke="{}" stroke-width="6" '
                'stroke-dasharray="{} {}" stroke-dashoffset="{}"></circle>',
                s.colour,
                f"{share:.3f}",
                f"{100 - share:.3f}",
                f"{offset:.3f}",
            )
        )
        offset -= share
    parts.append(
        format_html(
            '<text x="21" y="23.5" text-anchor="middle" font-size="8" font-weight="bold" fill="#0b0c0c">{}</text>',
            total,
        )
    )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html


def percent_bars(rows, title, width=480):
    """One horizontal bar per (label, percent) row, the percentage written beside it; a percent
    of None (nothing to measure) draws no bar and says "no data yet".

    Labels wrap at word boundaries (up to three lines) instead of being cut off; the title, which
    the PDF gives as the chart's alternative text, says every label and share in words.
    """
    chart_id = _chart_id("bars")
    # The bar leaves room after it for the widest share in words ("no data yet").
    font, line_height, label_width, bar_width = 11, 13, int(width * 0.45), int(width * 0.36)
    labels = [label_lines(label, label_width - 8, font) for label, _ in rows]
    heights = [max(22, line_height * len(lines) + 9) for lines in labels]
    height = max(sum(heights), 22)
    words = "; ".join(f"{label}: {_percent_words(percent)}" for label, percent in rows) or "nothing to show"
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="{}-t" class="chart chart-bars" preserveAspectRatio="xMinYMin meet">',
            width,
            height,
            chart_id,
        ),
        format_html('<title id="{}-t">{}: {}</title>', chart_id, title, words),
    ]
    y = 0
    for (_, percent), lines, row_height in zip(rows, labels, heights, strict=True):
        clipped = 0 if percent is None else max(0, min(100, percent))
        for n, line in enumerate(lines):
            parts.append(
                format_html(
                    '<text x="0" y="{}" font-size="{}" fill="#0b0c0c">{}</text>', y + 15 + n * line_height, font, line
                )
            )
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="14" fill="{}"></rect>'
                '<rect x="{}" y="{}" width="{}" height="14" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="{}" fill="#0b0c0c">{}</text>',
                label_width,
                y + 4,
                bar_width,
                TRACK_COLOUR,
                label_width,
                y + 4,
                f"{bar_width * clipped / 100:.1f}",
                BAR_COLOUR,
                label_width + bar_width + 6,
                y + 15,
                font,
                _percent_words(percent),
            )
        )
        y += row_height
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html


def _percent_words(percent):
    return "no data yet" if percent is None else f"{percent}%"


def rag_donut(counts, title):
    """The plan's RAG counts ({"red": n, "amber": n, "green": n, "grey": n}) as a donut."""
    labels = {"red": "Red", "amber": "Amber", "green": "Green", "grey": "Not rated"}
    return donut([Slice(labels[k], counts.get(k, 0), RAG_COLOURS[k]) for k in labels], title)
