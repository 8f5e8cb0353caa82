"""An edit that cannot show it started from the record as it is now is a stale edit: refused,
the record left as it was, the person told and their input kept in the form.

Found: the compliance forms fell back to the record's current version when the field was
missing, so such an edit silently overwrote whatever had been saved in between; the assurance
views kept that fallback for a version of 0 (``version or record.version``).

Every edit page is checked three ways: the version left out, a version of 0, and the version the
page was opened with after someone else has saved (a real second editor). The pages checked are
found by opening every page of the URLconf (through the access matrix), so a new edit page of a
``Versioned`` record is checked here or fails ``test_every_edit_page_is_checked``.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db.models import F
from django.urls import reverse

from core.concurrency import STALE_MESSAGE, Versioned, VersionedForm
from tests.security.matrix import all_entries

from .conftest import signed_in

# The edit pages of the Versioned records people change in a form (URL names).
EDIT_PAGES = [
    "assurance:filtering-edit",
    "assurance:risk-assessment-edit",
    "assurance:risk-edit",
    "assurance:self-assessment-summary",
    "compliance:action-edit",
    "compliance:annual-report-edit",
    "compliance:plan-edit",
    "referrals:contact-edit",
    "speakers:letter-edit",
    "speakers:request-edit",
    "training:briefing-edit",
    "training:course-edit",
    "training:document-edit",
]
# Agreed actions of a referral are marked done by a button, never edited in a form.
NOT_EDITED_IN_A_FORM = {"referrals.AgreedAction"}
# Who opens the pages: the first of these the page allows.
OPENERS = ["lead", "head", "dsl", "staff", "governor", "trust"]


def _opener(entry):
    return next((p for p in OPENERS if p in entry.allowed), None)


def _versioned_forms(response):
    """The forms on the page that edit a saved Versioned record."""
    found = []
    for context in response.context or []:
        for value in context.dicts if hasattr(context, "dicts") else [context]:
            for item in value.values() if isinstance(value, dict) else []:
                if isinstance(item, VersionedForm) and item.instance.pk and item not in found:
                    found.append(item)
    return found


class _NoPDF:
    """Stands in for WeasyPrint here: a PDF is never an edit page, and drawing them is slow."""

    def __init__(self, *args, **kwargs):
        self.metadata = SimpleNamespace(title="PDF", lang="en")

    def render(self, *args, **kwargs):
        return self

    def write_pdf(self, *args, **kwargs):
        return b"%PDF-1.7"


@pytest.mark.django_db
def test_every_edit_page_is_checked(world, monkeypatch):
    """Open every page of the project that names a record; each one showing a form that edits a
    saved Versioned record must be in EDIT_PAGES, and every Versioned model must have one."""
    monkeypatch.setattr("core.pdf.HTML", _NoPDF)
    edit_pages, edited_models = set(), set()
    for name, entry in sorted(all_entries().items()):
        opener = _opener(entry)
        if entry.method != "get" or entry.kwargs is None or entry.public or opener is None:
            continue
        response = signed_in(getattr(world, opener)).get(reverse(name, kwargs=entry.kwargs(world)))
        forms = _versioned_forms(response)
        if forms:
            edit_pages.add(name)
            edited_models |= {f.instance._meta.label for f in forms}
    assert edit_pages == set(EDIT_PAGES)
    versioned = {m._meta.label for m in apps.get_models() if issubclass(m, Versioned)}
    assert versioned - NOT_EDITED_IN_A_FORM == edited_models


def _form_data(form):
    """What the browser would send for the form as shown, without any file."""
    data = {}
    for name, field in form.fields.items():
        if getattr(field.widget, "input_type", "") == "file":
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    return data


def _text_field(form, record):
    for name, field in form.fields.items():
        plain_text = type(field).__name__ == "CharField" and not getattr(field, "choices", None)
        if plain_text and hasattr(record, name) and name not in ("slug", "version"):
            return name
    raise AssertionError(f"no text field to change on {type(record).__name__}")


def _someone_else_saves(record, field):
    """Another editor's save: the text and the version change under the open page."""
    type(record)._default_manager.filter(pk=record.pk).update(
        **{field: "Saved by someone else"}, version=F("version") + 1
    )
    return "Saved by someone else", record.version + 1


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["missing", "zero", "stale"])
@pytest.mark.parametrize("name", EDIT_PAGES)
def test_an_edit_that_is_not_from_the_current_version_is_refused_and_changes_nothing(world, name, how):
    entry = all_entries()[name]
    url = reverse(name, kwargs=entry.kwargs(world))
    client = signed_in(getattr(world, _opener(entry)))
    page = client.get(url)
    assert page.status_code == 200
    (form,) = _versioned_forms(page)
    record = form.instance
    data = _form_data(form)
    assert "version" in data, f"{name}: the form does not carry the record's version"
    field = _text_field(form, record)
    data[field] = "Changed by an edit that is not from the current version"
    expected = (getattr(record, field), record.version)
    if how == "missing":
        del data["version"]
    elif how == "zero":
        data["version"] = 0
    else:
        expected = _someone_else_saves(record, field)
    answer = client.post(url, data)
    assert answer.status_code == 200, f"{name}: a {how} version was accepted ({answer.status_code})"
    html = answer.content.decode().replace("&#x27;", "'")
    assert STALE_MESSAGE.split(".")[0] in html
    assert data[field] in html, f"{name}: the person's input is not kept in the form"
    stored = type(record)._default_manager.get(pk=record.pk)
    assert (getattr(stored, field), stored.version) == expected
    # The same edit from the current version is saved: the refusal was for the version alone.
    data["version"] = stored.version
    assert client.post(url, data).status_code == 302
    assert getattr(type(record)._default_manager.get(pk=record.pk), field) == data[field]
