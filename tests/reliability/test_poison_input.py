"""Poison input: control characters and very long text, from forms into every export.

Found: a vertical tab in an action's text made the governors' XLSX answer 500; a decision
justification of 1-2 MB never produced its letter.
"""

import csv
import io

import pytest
from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from compliance.models import Action
from core.plain_text import ACCOUNT, is_plain, plain_text
from referrals.models import Case
from referrals.models import Decision as CaseDecision
from speakers.models import Decision, SpeakerRequest
from tests.compliance.factories import template_plan
from tests.referrals.factories import make_case, make_decision
from tests.security.test_forms_and_requests import PROJECT_APPS, _import_project_modules, _subclasses
from tests.speakers.factories import complete_checks, decide, make_request
from tests.training.factories_documents import document

from .conftest import form_values, signed_in

CONTROL = "".join(chr(c) for c in [*range(0, 32), 127, *range(128, 160)]) + "\u2028\u2029\ufffe\uffff"


def test_every_text_field_of_every_form_has_a_length():
    """A text box without a limit takes a megabyte as easily as a word."""
    _import_project_modules()
    unbounded = [
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in set(_subclasses(forms.BaseForm))
        if form.__module__.split(".")[0] in PROJECT_APPS
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and field.max_length is None
        and not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
    ]
    assert not unbounded, "text fields without a maximum length:\n" + "\n".join(sorted(unbounded))


@given(st.text())
def test_plain_text_keeps_no_control_character_but_tab_and_line_breaks(text):
    plain = plain_text(text)
    assert not set(plain) & (set(CONTROL) - {"\t", "\n", "\r"})
    assert plain_text(plain) == plain


@pytest.mark.django_db
def test_a_vertical_tab_in_an_action_is_a_line_break_and_the_xlsx_opens(school, lead, head, governor):
    plan = template_plan(school, lead)
    action = Action.objects.filter(plan=plan).first()
    url = reverse("compliance:action-edit", args=[action.pk])
    hal = signed_in(head)
    form = hal.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "people"}
    data.update(form_values(hal.get(url).content.decode()))
    data.update(text="Pasted from Word:\x0bsecond line\x00\x1b[31m", measure_params="{}")
    assert hal.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.text == "Pasted from Word:\nsecond line[31m"
    answer = signed_in(governor).get(reverse("compliance:report-xlsx"))
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content))["Action plan"]
    assert "Pasted from Word:\nsecond line[31m" in [row[3] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_the_longest_justification_a_form_takes_makes_its_letter_and_a_megabyte_is_refused(school, staff, lead):
    speaker_request = make_request(school, staff)
    url = reverse("speakers:decide", args=[speaker_request.pk])
    lee = signed_in(lead)
    hidden = form_values(lee.get(url).content.decode())
    huge = {**hidden, "outcome": "decline", "justification": "Reasons. " * 200_000}
    refused = lee.post(url, huge)
    assert refused.status_code == 200 and "at most" in refused.content.decode()
    assert not Decision.objects.exists()
    longest = ("The organisation shares platforms with a proscribed group. " * 200)[:ACCOUNT]
    assert lee.post(url, {**hidden, "outcome": "decline", "justification": longest}).status_code == 302
    decision = Decision.objects.get()
    letter = lee.get(reverse("speakers:decision-record", args=[speaker_request.pk, decision.pk]))
    assert letter.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.content)).pages)
    assert "proscribed group" in text


# Every export, and how to read what it gives.
EXPORTS = {
    "compliance:report-xlsx": "xlsx",
    "compliance:report-csv": "csv",
    "compliance:report-pdf": "pdf",
    "referrals:case-export": "csv",
    "speakers:register-csv": "csv",
    "speakers:decision-record": "pdf",
    "training:document-progress-csv": "csv",
    "training:matrix-csv": "csv",
}


def _read(kind, content):
    if kind == "xlsx":
        book = load_workbook(io.BytesIO(content))
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    if kind == "csv":
        return "\n".join(",".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def records(school, staff, lead):
    """A record behind each export, whose free text the test fills."""
    plan = template_plan(school, lead)
    case = make_case(school, lead)
    make_decision(case, lead, decided_on=case.raised_on)
    speaker_request = complete_checks(make_request(school, staff), lead)
    decision = decide(speaker_request, lead, outcome="decline", justification="To be replaced.")
    doc = document(school, lead)
    return {
        "action": Action.objects.filter(plan=plan).first(),
        "case": case,
        "speaker_request": speaker_request,
        "decision": decision,
        "document": doc,
    }


def _urls(records):
    kwargs = {
        "referrals:case-export": {"pk": records["case"].pk},
        "speakers:decision-record": {"pk": records["speaker_request"].pk, "decision_id": records["decision"].pk},
        "training:document-progress-csv": {"pk": records["document"].pk},
    }
    return {name: reverse(name, kwargs=kwargs.get(name)) for name in EXPORTS}


def _fill(records, staff, text):
    """Put ``text`` into the free text each export shows (the ORM: the forms would clean it).
    Decisions are append-only: each example records a new one (a correction) carrying the text."""
    text = text.replace("\x00", "")  # the one character PostgreSQL cannot store at all
    Action.objects.filter(pk=records["action"].pk).update(text=text or "-")
    Case.objects.filter(pk=records["case"].pk).update(summary=text[:500])
    case_decision = CaseDecision.objects.filter(case=records["case"], superseded_by__isnull=True).last()
    CaseDecision.objects.create(
        case=records["case"],
        kind="support",
        rationale=text or "-",
        decided_on=case_decision.decided_on,
        decided_by=staff,
        supersedes=case_decision,
        correction_reason=text[:300] or "-",
    )
    SpeakerRequest.objects.filter(pk=records["speaker_request"].pk).update(event_title=text[:200] or "-")
    records["decision"] = Decision.objects.create(
        request=records["speaker_request"],
        outcome="decline",
        justification=text or "-",
        supersedes=records["decision"],
        reason_for_change=text or "-",
        decided_by=staff,
    )
    type(staff).objects.filter(pk=staff.pk).update(full_name=text[:150] or "-")


ANY_TEXT = st.text(max_size=300)
FORM_TEXT = ANY_TEXT.map(plain_text)


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(ANY_TEXT, st.sampled_from(["\x0b", CONTROL, "=1+1\x0b", "\ud7ff\ue000\U0010ffff"])))
def test_the_spreadsheets_survive_any_text_even_stored_before_the_input_rules(records, staff, lead, text):
    client = signed_in(lead)
    _fill(records, staff, text)
    for name, url in _urls(records).items():
        if EXPORTS[name] == "pdf":
            continue
        answer = client.get(url)
        assert answer.status_code == 200, f"{name} failed for {text!r}"
        content = b"".join(answer.streaming_content) if answer.streaming else answer.content
        assert is_plain(_read(EXPORTS[name], content)), f"{name} kept a control character of {text!r}"


@pytest.mark.django_db
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=FORM_TEXT)
def test_every_export_survives_every_character_a_form_accepts(records, staff, lead, text):
    client = signed_in(lead)
    _fill(records, staff, text)
    for name, url in _urls(records).items():
        answer = client.get(url)
        assert answer.status_code == 200, f"{name} failed for {text!r}"
        content = b"".join(answer.streaming_content) if answer.streaming else answer.content
        _read(EXPORTS[name], content)
