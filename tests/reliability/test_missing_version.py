"""An edit sent without its version field is a stale edit: refused, the record left as it was.

Found: the compliance forms fell back to the record's current version when the field was
missing, so such an edit silently overwrote whatever had been saved in between.
"""

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.concurrency import STALE_MESSAGE, Versioned
from tests.security.matrix import all_entries

from .conftest import signed_in

# The edit page of every Versioned record people change in a form.
EDIT_PAGES = {
    "referrals.LocalContact": "referrals:contact-edit",
    "compliance.Action": "compliance:action-edit",
    "compliance.ActionPlan": "compliance:plan-edit",
    "speakers.SpeakerRequest": "speakers:request-edit",
    "speakers.Letter": "speakers:letter-edit",
    "compliance.AnnualReport": "compliance:annual-report-edit",
    "training.Document": "training:document-edit",
    "training.Course": "training:course-edit",
    "training.Briefing": "training:briefing-edit",
    "assurance.RiskAssessment": "assurance:risk-assessment-edit",
    "assurance.Risk": "assurance:risk-edit",
    "assurance.FilteringRecord": "assurance:filtering-edit",
    "assurance.SelfAssessment": "assurance:self-assessment-summary",
}


def test_every_versioned_record_has_its_edit_page_here():
    versioned = {m._meta.label for m in apps.get_models() if issubclass(m, Versioned)}
    # Agreed actions of a referral are marked done by a button, never edited in a form.
    assert versioned - {"referrals.AgreedAction"} == set(EDIT_PAGES)


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


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "name"), sorted(EDIT_PAGES.items()))
def test_an_edit_without_its_version_is_refused_and_changes_nothing(world, model, name):
    entry = all_entries()[name]
    url = reverse(name, kwargs=entry.kwargs(world))
    client = signed_in(world.lead)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    record = form.instance
    data = _form_data(form)
    assert "version" in data, f"{name}: the form does not carry the record's version"
    field = _text_field(form, record)
    del data["version"]
    data[field] = "Changed by an edit that lost its version"
    answer = client.post(url, data)
    assert answer.status_code == 200, f"{name}: an edit without its version was accepted ({answer.status_code})"
    assert STALE_MESSAGE.split(".")[0] in answer.content.decode().replace("&#x27;", "'")
    stored = type(record)._default_manager.get(pk=record.pk)
    assert (getattr(stored, field), stored.version) == (getattr(record, field), record.version)
    # The same edit with its version is saved: the refusal was for the missing version alone.
    data["version"] = record.version
    assert client.post(url, data).status_code == 302
    assert getattr(type(record)._default_manager.get(pk=record.pk), field) == data[field]
