"""Text in the SVG charts of the pages and PDFs: labels wrapped at word boundaries to fit their
space, so that nothing is cut off mid-word and the end of a label (an edition, a year) can be read."""

# DejaVu Sans, the PDFs' font, is wide: an average character takes about 0.62 of the font size.
CHARACTER_WIDTH = 0.62


def label_lines(text, width, font_size, max_lines=3):
    """``text`` as lines that fit ``width`` (in the chart's units) at ``font_size``; at most
    ``max_lines``; if it goes on, the last line is "…" and the label's end (the full text is in
    the table beside the chart and in the chart's title)."""
    per_line = max(8, int(width / (font_size * CHARACTER_WIDTH)))
    lines, line = [], ""
    for word in text.split():
        while len(word) > per_line:  # a word longer than a whole line is split, never cut off
            if line:
                lines.append(line)
                line = ""
            lines.append(word[: per_line - 1] + "-")
            word = word[per_line - 1 :]
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        # The end is kept (an edition, a year: what tells two labels apart); the middle gives way.
        tail = ""
        for word in reversed(text.split()):
            if len(word) + len(tail) + 2 > per_line:
                break
            tail = f"{word} {tail}".strip()
        lines = lines[: max_lines - 1] + [f"… {tail}" if tail else "…"]
    return lines or [""]
