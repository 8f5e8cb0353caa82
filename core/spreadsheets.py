"""CSV downloads that a spreadsheet opens safely.

A cell that starts with = + - @ (or a tab or carriage return) would be run as a formula by
Excel or LibreOffice; such cells get a leading apostrophe so they stay text. Control characters,
which an XLSX file cannot hold, are taken out (``core.plain_text``).
"""

import csv
import io

from django.http import HttpResponse

from .plain_text import plain_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as spreadsheet text that can never run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if not (text.isascii() and text.isprintable()):  # printable ASCII holds no control character
        text = plain_text(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows, *, text_columns=None):
    """A CSV download of ``rows`` under ``header``, every cell made safe.

    With ``text_columns`` (indexes), only those columns' cells are made safe: the caller says the
    others hold only values of the app's own making that cannot start a formula (dates, counts,
    fixed labels such as "confirmed"), so a thousand-row export checks the few cells people typed,
    not every date."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Written into one buffer, then into the response at once: a thousand rows are one write.
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    if text_columns is None:
        writer.writerows([safe_cell(v) for v in row] for row in rows)
    else:
        writer.writerows(_safe_columns(rows, text_columns))
    response.write(buffer.getvalue())
    return response


def _safe_columns(rows, columns):
    for row in rows:
        row = list(row)
        for i in columns:
            row[i] = safe_cell(row[i])
        yield row
