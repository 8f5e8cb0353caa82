"""Uploads: extension and content must agree and be allowed; stored under a generated name;
served inline only for PDFs and images."""

import io
import re
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.db.models.fields.files import FieldFile

from core.uploads import IMAGES, OFFICE, PDF, check_upload, serve_upload, upload_path
from tests.files import PDF_BYTES

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE_BYTES = b"MZ\x90\x00\x03" + b"\x00" * 60
HTML_BYTES = b"<html><script>alert(1)</script></html>"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "allowed"),
    [
        ("policy.pdf", PDF_BYTES, PDF),
        ("POLICY.PDF", PDF_BYTES, PDF),
        ("certificate.png", PNG_BYTES, PDF | IMAGES),
        ("certificate.jpg", JPEG_BYTES, PDF | IMAGES),
        ("outline.docx", docx_bytes(), PDF | OFFICE),
    ],
)
def test_it_accepts_files_whose_extension_and_content_agree(name, content, allowed):
    file = upload(name, content)
    check_upload(file, allowed)
    assert file.read() == content  # left at the start for saving


@pytest.mark.parametrize(
    ("name", "content", "allowed", "message"),
    [
        ("policy.pdf", PNG_BYTES, PDF, "content is not a .pdf"),
        ("photo.png", PDF_BYTES, IMAGES, "content is not a .png"),
        ("policy.pdf", EXE_BYTES, PDF, "content is not a .pdf"),
        ("policy.pdf", HTML_BYTES, PDF, "content is not a .pdf"),
        ("setup.exe", EXE_BYTES, PDF | IMAGES | OFFICE, "Files ending .exe are not accepted"),
        ("page.html", HTML_BYTES, PDF | IMAGES | OFFICE, "Files ending .html are not accepted"),
        ("policy.pdf.exe", EXE_BYTES, PDF, "Files ending .exe are not accepted"),
        ("policy", PDF_BYTES, PDF, "Files ending (nothing) are not accepted"),
        ("outline.docx", PDF_BYTES, OFFICE, "content is not a .docx"),
        ("certificate.png", PNG_BYTES, PDF, "Files ending .png are not accepted"),
        ("empty.pdf", b"", PDF, "The file is empty"),
    ],
)
def test_it_refuses_files_that_are_not_what_they_claim_or_not_allowed(name, content, allowed, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        check_upload(upload(name, content), allowed)


def test_it_refuses_files_over_the_size_cap():
    big = upload("big.pdf", PDF_BYTES + b"0" * 2048)
    with pytest.raises(ValidationError, match="larger than"):
        check_upload(big, PDF, max_bytes=1024)
    too_big_for_site = upload("big.pdf", PDF_BYTES)
    too_big_for_site.size = settings.UPLOAD_MAX_BYTES + 1
    with pytest.raises(ValidationError, match=f"larger than {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB"):
        check_upload(too_big_for_site, PDF)


def test_it_stores_files_under_a_generated_name_outside_static():
    to = upload_path("certificates")
    first, second = to(None, "../../Ada Lovelace's Prevent certificate.PDF"), to(None, "x.pdf")
    assert re.fullmatch(r"certificates/[0-9a-f]{32}\.pdf", first)
    assert first != second and "Ada" not in first and ".." not in first
    media = settings.MEDIA_ROOT.resolve() if hasattr(settings.MEDIA_ROOT, "resolve") else settings.MEDIA_ROOT
    for static_dir in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]:
        assert not str(media).startswith(str(static_dir))


def _stored(name, content):
    saved = default_storage.save(name, io.BytesIO(content))
    return FieldFile(None, FileField(), saved)


@pytest.mark.parametrize(
    ("name", "content", "disposition", "content_type"),
    [
        ("tests/a.pdf", PDF_BYTES, "inline", "application/pdf"),
        ("tests/a.png", PNG_BYTES, "inline", "image/png"),
        ("tests/a.docx", docx_bytes(), "attachment", OFFICE[".docx"]),
        ("tests/a.csv", b"a,b\n", "attachment", "text/csv"),
    ],
)
def test_it_serves_only_pdfs_and_images_inline(name, content, disposition, content_type):
    response = serve_upload(_stored(name, content), "Download name" + name[-5:])
    assert response["Content-Disposition"].startswith(disposition)
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content
