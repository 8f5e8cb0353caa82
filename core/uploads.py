"""Uploaded files: checked by content, stored under a generated name, served only through views.

Every app stores files with ``upload_to=upload_path("<folder>")`` and validates them with
``check_upload(file, KINDS)``; views serve them with ``serve_upload`` after checking that the
viewer may see the record. A PDF is also opened with a PDF reader: a truncated one (an upload
cut short, a copy that stopped half-way) is refused, as evidence must be whole.
"""

import hashlib
import mimetypes
import os
import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from pypdf import PdfReader

# What each kind of upload may be: extension -> the MIME type its magic bytes must show.
PDF = {".pdf": "application/pdf"}
IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}
OFFICE = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".odt": "application/vnd.oasis.opendocument.text",
}
# Office files are zip (or OLE) containers; filetype may name the container rather than the format.
_CONTAINERS = {"application/zip", "application/x-ole-storage", "application/x-cfb"}
INLINE_TYPES = set(PDF.values()) | set(IMAGES.values())


@deconstructible
class UploadPath:
    """An ``upload_to`` value: a random name in ``folder``, keeping only the extension.

    A class rather than a closure so that migrations can write it down.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        ext = os.path.splitext(filename)[1].lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other):
        return isinstance(other, UploadPath) and other.folder == self.folder


upload_path = UploadPath


def check_upload(upload, allowed, max_bytes=None):
    """Raise ValidationError unless the file's extension and content agree and are allowed."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(f"The file is larger than {max_bytes // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    ext = os.path.splitext(upload.name)[1].lower()
    if ext not in allowed:
        raise ValidationError(
            f"Files ending {ext or '(nothing)'} are not accepted. Use one of: {', '.join(sorted(allowed))}."
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    found = kind.mime if kind else None
    expected = allowed[ext]
    if found == expected:
        if expected == PDF[".pdf"]:
            check_pdf_whole(upload)
        return
    if expected in OFFICE.values() and found in _CONTAINERS:
        return
    if expected in OFFICE.values() and found in OFFICE.values():
        return  # filetype cannot always tell docx from xlsx inside the zip
    raise ValidationError(f"The file's content is not a {ext} file. Save it again as {ext} and upload that.")


INCOMPLETE_PDF = (
    "The PDF is incomplete or damaged (a PDF reader cannot open it to the end): it may have been cut short "
    "while it was copied or downloaded. Save it again and upload the new copy."
)
# A PDF ends with %%EOF, within its last kilobyte (the specification's words).
_PDF_TAIL = 1024


def check_pdf_whole(upload):
    """Raise ValidationError unless a PDF reader opens ``upload`` to its end and finds its pages."""
    try:
        upload.seek(max(0, upload.size - _PDF_TAIL))
        if b"%%EOF" not in upload.read():
            raise ValidationError(INCOMPLETE_PDF)
        upload.seek(0)
        reader = PdfReader(upload)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError("The PDF is protected by a password. Save a copy without one and upload that.")
        if not all(page.mediabox for page in reader.pages) or not reader.pages:
            raise ValidationError(INCOMPLETE_PDF)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever the reader trips on, the file is not a whole PDF
        raise ValidationError(INCOMPLETE_PDF) from exc
    finally:
        upload.seek(0)


def sha256_of(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def stored_file_intact(field_file, sha256):
    """True if the stored file still has the SHA-256 recorded when it was saved (frozen reports)."""
    with field_file.open("rb") as stored:
        return sha256_of(stored) == sha256


def serve_upload(field_file, download_name):
    """A response with the file: PDFs and images open in the browser, anything else downloads."""
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        field_file.open("rb"), content_type=content_type, as_attachment=not inline, filename=download_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
