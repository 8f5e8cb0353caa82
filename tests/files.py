"""Small real files for the upload tests: each passes the upload checks (a PDF reader opens the PDF)."""

import io
import os

from pypdf import PdfWriter


def pdf_bytes(pages=1, padding=0):
    """A whole PDF of ``pages`` blank pages; ``padding`` bytes of attachment make it as large as needed."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if padding:
        writer.add_attachment("padding.bin", os.urandom(padding))  # random: compression cannot shrink it
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()
