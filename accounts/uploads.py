"""Uploaded files: checked by content, stored under a generated name, served only through views.

Every app stores files with ``upload_to=upload_path("<folder>")`` and validates them with
``check_upload(file, KINDS)``; views serve them with ``serve_upload`` after checking that the
viewer may see the record.
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
        return
    if expected in OFFICE.values() and found in _CONTAINERS:
        return
    if expected in OFFICE.values() and found in OFFICE.values():
        return  # filetype cannot always tell docx from xlsx inside the zip
    raise ValidationError(f"The file's content is not a {ext} file. Save it again as {ext} and upload that.")


def sha256_of(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def serve_upload(field_file, download_name):
    """A response with the file: PDFs and images open in the browser, anything else downloads."""
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        field_file.open("rb"), content_type=content_type, as_attachment=not inline, filename=download_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
