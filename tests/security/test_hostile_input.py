"""Property-based tests: random and hostile values into every form and the CSV import.

The answer is always a form error or a success, never a server error, and a refused form
saves nothing.
"""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Membership, User

from .matrix import all_entries
from .test_forms_and_requests import _counts

ENTRIES = all_entries()
HOSTILE = [
    "",
    " ",
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE accounts_user; --",
    "' OR '1'='1",
    "\x00",
    "nul\x00inside",
    "\u202egnp.exe",
    "\r\n\t\x0b\x0c",
    "😀" * 60,
    "Zoë Ødegård-Łukasiewicz 山田",
    "x" * 5000,
    "0",
    "-1",
    "9" * 40,
    "1e309",
    "2026-02-30",
    "31/12/2026",
    "../../etc/passwd",
    "https://evil.example/",
    "javascript:alert(1)",
]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
FILES = st.sampled_from(
    [
        (b"<html><script>alert(1)</script></html>", "evil.pdf"),
        (b"MZ\x90\x00" + b"\x00" * 100, "setup.exe"),
        (b"%PDF-1.7\n%%EOF\n", "../../policy.pdf"),
        (b"", "empty.pdf"),
    ]
)
PROFILE = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _FormFields(HTMLParser):
    """The fields of the page's POST forms: (kind, name, given value) in order."""

    def __init__(self):
        super().__init__()
        self.forms, self._in_post_form = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_post_form = (attrs.get("method") or "").lower() == "post" and not attrs.get("action")
            if self._in_post_form:
                self.forms.append([])
        elif self._in_post_form and tag in ("input", "textarea", "select") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            self.forms[-1].append((kind, attrs["name"], attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False


def _persona(entry):
    allowed = sorted(entry.allowed)
    return ("lead" if "lead" in allowed else allowed[0]) if allowed else None


FORM_PAGES = sorted(name for name, entry in ENTRIES.items() if entry.method == "get" and _persona(entry))


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORM_PAGES)
def test_hostile_values_in_every_form_never_cause_a_server_error(world, name):
    entry = ENTRIES[name]
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    client = Client(raise_request_exception=False)
    client.force_login(getattr(world, _persona(entry)))
    page = client.get(url)
    if page.streaming or not page.get("Content-Type", "").startswith("text/html"):
        pytest.skip(f"{name} is a download, not a page")
    parser = _FormFields()
    parser.feed(page.content.decode(errors="replace"))
    fields = [f for form in parser.forms for f in form if f[1] != "csrfmiddlewaretoken"]
    if page.status_code != 200 or not fields:
        pytest.skip(f"{name} shows no form to post")

    @PROFILE
    @given(values=st.lists(VALUES, min_size=len(fields), max_size=len(fields)), file=FILES)
    def post_hostile(values, file):
        data = {}
        for (kind, field_name, given_value), value in zip(fields, values, strict=True):
            if kind == "file":
                data[field_name] = SimpleUploadedFile(file[1], file[0])
            elif kind in ("hidden", "submit"):
                data[field_name] = given_value  # e.g. the record's version, the button's name
            elif kind in ("checkbox", "radio"):
                data.setdefault(field_name, value)
            else:
                data[field_name] = value
        before = _counts()
        response = client.post(url, data)
        assert response.status_code < 500, f"{name}: {response.status_code} for {data!r}"
        if response.status_code == 200:
            # A refused form (shown again with its errors) has saved nothing.
            assert _counts() == before, f"{name}: a refused form changed the database ({data!r})"

    post_hostile()


CSV_CELLS = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))


@pytest.mark.django_db
@PROFILE
@given(rows=st.lists(st.tuples(CSV_CELLS, CSV_CELLS, CSV_CELLS, CSV_CELLS), min_size=0, max_size=6))
def test_hostile_csv_imports_are_checked_then_all_or_nothing(client, lead, rows):
    client.force_login(lead)
    url = reverse("accounts:member-import")
    lines = ["name,email,job title,roles"] + [",".join(cell.replace(",", " ") for cell in row) for row in rows]
    upload = SimpleUploadedFile("staff.csv", "\n".join(lines).encode("utf-8", errors="replace"), "text/csv")
    people, memberships = User.objects.count(), Membership.objects.count()
    preview = client.post(url, {"file": upload})
    assert preview.status_code in (200, 302)
    assert (User.objects.count(), Membership.objects.count()) == (people, memberships)  # the preview saves nothing
    html = preview.content.decode()
    if 'name="csv_text"' not in html:
        return
    csv_text = preview.context["confirm"].initial["csv_text"]
    imported = client.post(url, {"csv_text": csv_text})
    assert imported.status_code == 302
    created = User.objects.count() - people
    assert 0 <= created <= len(rows)
