"""The self-assessment's chart: one bar per section, divided by the level each statement was rated.

Drawn on the server as SVG for the page and the PDF alike, as the governors' dashboard draws its
charts: no script, no inline style (the CSP forbids both), colours as presentation attributes that
differ in lightness too, a <title> that says in words what the bars show (every figure), and a table
with the same numbers beside it.
"""

import itertools

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.chart_text import label_lines

_ids = itertools.count(1)

# Strongest level first, as the edition lists them; then "not rated yet".
LEVEL_COLOURS = ["#1b5e20", "#66bb6a", "#f0b429", "#a4262c"]
UNRATED_COLOUR = "#e3e6e9"
TEXT = "#0b0c0c"


def level_colours(edition):
    """{level number: colour} for the edition's levels, strongest first."""
    return {level.number: LEVEL_COLOURS[i] for i, level in enumerate(edition.levels)}


def sections_chart(result, width=560):
    """A stacked bar per section of a SelfAssessmentResult: statements at each level, then unrated.

    Section titles wrap at word boundaries (never cut off) and the legend wraps onto more rows;
    the title, the PDF's alternative text for the chart, says every section's figures in words.
    """
    edition = result.edition
    colours = level_colours(edition)
    chart_id = f"sa-chart-{next(_ids)}"
    font, line_height, label_width = 11, 13, int(width * 0.42)
    bar_width = width - label_width - 40
    labels = [label_lines(s.section.title, label_width - 8, font) for s in result.sections]
    heights = [max(24, line_height * len(lines) + 11) for lines in labels]
    legend = [(colours[level.number], f"{level.number} {level.label}") for level in edition.levels]
    legend.append((UNRATED_COLOUR, "Not rated"))
    legend_rows, x = [[]], 0
    for colour, text in legend:
        item_width = 14 + 7 * len(text) + 12
        if x and x + item_width > width:
            legend_rows.append([])
            x = 0
        legend_rows[-1].append((x, colour, text))
        x += item_width
    height = sum(heights) + 22 * len(legend_rows)
    words = "; ".join(
        f"{s.section.title}: "
        + ", ".join(f"{n} at level {level}" for level, n in s.by_level.items() if n)
        + (f"{', ' if s.rated else ''}{s.unrated} not rated" if s.unrated else "")
        for s in result.sections
    )
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="{}-t" class="chart chart-sections" preserveAspectRatio="xMinYMin meet">',
            width,
            height,
            chart_id,
        ),
        format_html(
            '<title id="{}-t">{}: {}</title>', chart_id, "Self-assessment statements by section and level", words
        ),
    ]
    y = 0
    for section, lines, row_height in zip(result.sections, labels, heights, strict=True):
        for n, line in enumerate(lines):
            parts.append(
                format_html(
                    '<text x="0" y="{}" font-size="{}" fill="{}">{}</text>', y + 15 + n * line_height, font, TEXT, line
                )
            )
        x = float(label_width)
        unit = bar_width / max(section.total, 1)
        segments = [(colours[n], count) for n, count in section.by_level.items()] + [(UNRATED_COLOUR, section.unrated)]
        for colour, count in segments:
            if not count:
                continue
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="14" fill="{}" stroke="#ffffff" stroke-width="1"></rect>',
                    f"{x:.1f}",
                    y + 4,
                    f"{unit * count:.1f}",
                    colour,
                )
            )
            x += unit * count
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}/{}</text>',
                label_width + bar_width + 6,
                y + 15,
                font,
                TEXT,
                section.rated,
                section.total,
            )
        )
        y += row_height
    for row in legend_rows:
        y += 6
        for x, colour, text in row:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="10" height="10" fill="{}" stroke="#777777" stroke-width="0.5"></rect>'
                    '<text x="{}" y="{}" font-size="10" fill="{}">{}</text>',
                    x,
                    y,
                    colour,
                    x + 14,
                    y + 9,
                    TEXT,
                    text,
                )
            )
        y += 16
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html
