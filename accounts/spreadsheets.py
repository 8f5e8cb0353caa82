"""CSV downloads that a spreadsheet opens safely.

A cell that starts with = + - @ (or a tab or carriage return) would be run as a formula by
Excel or LibreOffice; such cells get a leading apostrophe so they stay text. Control characters,
which an XLSX file cannot hold, are taken out (``accounts.plain_text``).
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


def csv_response(filename, header, rows):
    """A CSV download of ``rows`` under ``header``, every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Written into one buffer, then into the response at once: a thousand rows are one write.
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    response.write(buffer.getvalue())
    return response
