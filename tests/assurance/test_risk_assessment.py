"""The Prevent risk assessment's pages, through the test client: start a year, the header and
context, risks with their rating and history, reviews, the head's sign-off, the governors' note,
another school's assessment, the exports in the template's layout, and query counts."""

import datetime
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AuditEvent
from assurance.models import GovernorNote, Risk, RiskAssessment, RiskHistory, RiskReview, RiskSignOff
from core.periods import previous_academic_year
from tests.compliance.reports_text import pdf_text, squeeze

from . import factories as f

CURRENT = reverse("assurance:risk-assessment")
START = reverse("assurance:risk-assessment-start")


def _url(name, obj):
    return reverse(f"assurance:{name}", kwargs={"pk": obj.pk})


def test_it_offers_the_lead_to_start_this_years_assessment(login, lead):
    response = login(lead).get(CURRENT)
    assert response.status_code == 200
    assert f"Start the {f.this_year()} risk assessment" in response.content.decode()


def test_it_tells_a_governor_who_starts_it(login, governor):
    page = login(governor).get(CURRENT).content.decode()
    assert "Start the" not in page
    assert "The Prevent Lead or the headteacher starts it." in page


def test_it_starts_one_assessment_per_year_however_often_it_is_asked(login, lead, school):
    client = login(lead)
    first = client.post(START)
    second = client.post(START)
    assessment = RiskAssessment.objects.get(school=school)
    assert first["Location"] == second["Location"] == _url("risk-assessment-detail", assessment)
    assert assessment.academic_year == f.this_year()
    assert "threat level" in assessment.national_context  # a starting point, in the school's words later


def test_a_new_year_carries_last_years_picture_and_open_risks_over_and_keeps_last_year(login, lead, school):
    last_year = previous_academic_year(f.this_year())
    old = f.risk_assessment(school, lead, year=last_year)
    kept = f.risk(old, lead, 1)
    f.risk(old, lead, 2, status=Risk.Status.CLOSED)
    login(lead).post(START)
    new = RiskAssessment.objects.get(school=school, academic_year=f.this_year())
    old.refresh_from_db()
    assert old.is_read_only and new.previous == old
    assert [r.carried_from for r in new.risks.all()] == [kept]
    assert RiskHistory.objects.filter(risk__assessment=new, summary=f"Carried over from {last_year}").exists()
    # Last year's is kept as it was.
    response = login(lead).get(_url("risk-edit", kept))
    assert response.status_code == 302
    assert login(lead).get(response["Location"]).status_code == 200


def test_the_lead_saves_the_header_and_a_stale_edit_is_refused(login, lead, school):
    assessment = f.risk_assessment(school, lead)
    client = login(lead)
    data = {
        "completed_by": lead.pk,
        "implemented_on": timezone.localdate().isoformat(),
        "national_context": "National picture.",
        "local_context": "From the CTLP briefing: extreme right-wing stickers near the park.",
        "local_profile_briefing_on": timezone.localdate().isoformat(),
        "local_profile_source": "LA Prevent coordinator",
        "version": assessment.version,
    }
    assert client.post(_url("risk-assessment-edit", assessment), data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.local_context.startswith("From the CTLP briefing")
    stale = client.post(_url("risk-assessment-edit", assessment), {**data, "local_context": "Older text"})
    assert stale.status_code == 200
    assert "Someone else saved a change" in stale.content.decode()


def test_a_future_implementation_date_is_refused(login, lead, school):
    assessment = f.risk_assessment(school, lead)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = login(lead).post(
        _url("risk-assessment-edit", assessment), {"implemented_on": tomorrow, "version": assessment.version}
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def _risk_data(**extra):
    return {
        "heading": "online",
        "risk": "Pupils see extremist material on gaming chat",
        "hazard": "Unmoderated chat in popular games",
        "likelihood": 3,
        "impact": 2,
        "controls": "Filtering; online safety lessons",
        "further_action": "Parents' workshop",
        "due_on": (timezone.localdate() + datetime.timedelta(days=40)).isoformat(),
        "status": "open",
        "nonce": uuid.uuid4().hex,
        **extra,
    }


def test_a_risk_is_added_once_however_often_the_form_is_sent(login, lead, school):
    assessment = f.risk_assessment(school, lead)
    client = login(lead)
    data = _risk_data(lead=lead.pk)
    first = client.post(_url("risk-add", assessment), data)
    second = client.post(_url("risk-add", assessment), data)
    risk = Risk.objects.get(assessment=assessment)
    assert first["Location"] == second["Location"] == _url("risk-detail", risk)
    assert (risk.score, risk.rating) == (6, "high")
    page = client.get(_url("risk-assessment-detail", assessment)).content.decode()
    assert "Pupils see extremist material on gaming chat" in page and "High" in page


def test_further_action_needs_someone_to_lead_it(login, lead, school):
    assessment = f.risk_assessment(school, lead)
    response = login(lead).post(_url("risk-add", assessment), _risk_data())
    assert response.status_code == 200
    assert "Name who leads the further action." in response.content.decode()
    assert not Risk.objects.exists()


def test_each_change_to_a_risk_is_kept_in_its_history(login, lead, dsl, school):
    assessment = f.risk_assessment(school, lead)
    risk = f.risk(assessment, lead)
    data = _risk_data(lead=dsl.pk, status="in_hand", version=risk.version)
    assert login(lead).post(_url("risk-edit", risk), data).status_code == 302
    page = login(lead).get(_url("risk-detail", risk)).content.decode()
    assert "Lead officer: Lee Lead → Dee Dsl" in page
    assert "Status: Open: further action needed → Further action under way" in page
    assert AuditEvent.objects.filter(action="assurance.risk_updated", object_id=str(risk.pk)).exists()


def test_a_review_is_recorded_with_its_reason(login, lead, school):
    assessment = f.risk_assessment(school, lead)
    data = {
        "reviewed_on": timezone.localdate().isoformat(),
        "reason": "incident",
        "notes": "After the incident in Year 10: risk 2 raised to likely.",
        "nonce": uuid.uuid4().hex,
    }
    assert login(lead).post(_url("risk-assessment-review", assessment), data).status_code == 302
    review = RiskReview.objects.get(assessment=assessment)
    assert review.get_reason_display() == "After an incident"
    page = login(lead).get(_url("risk-assessment-detail", assessment)).content.decode()
    assert "After the incident in Year 10" in page


def test_a_review_without_its_reason_is_refused(login, lead, school):
    assessment = f.risk_assessment(school, lead)
    data = {"reviewed_on": timezone.localdate().isoformat(), "notes": "x", "nonce": uuid.uuid4().hex}
    assert login(lead).post(_url("risk-assessment-review", assessment), data).status_code == 200
    assert not RiskReview.objects.exists()


def test_the_head_signs_off_and_a_later_change_needs_a_new_sign_off(login, lead, head, school):
    assessment = f.risk_assessment(school, lead, implemented_on=timezone.localdate())
    url = _url("risk-assessment-sign-off", assessment)
    assert login(head).post(url, {"nonce": "a" * 32, "comment": "Agreed."}).status_code == 302
    page = login(head).get(_url("risk-assessment-detail", assessment)).content.decode()
    assert "signed off by Hal Head" in page
    f.risk(assessment, lead)  # the assessment changes after the sign-off
    page = login(head).get(_url("risk-assessment-detail", assessment)).content.decode()
    assert "it needs signing off again" in page


def test_only_the_head_signs_off(login, lead, governor, school):
    assessment = f.risk_assessment(school, lead)
    url = _url("risk-assessment-sign-off", assessment)
    assert login(lead).post(url, {"nonce": "b" * 32}).status_code == 403
    assert login(governor).post(url, {"nonce": "c" * 32}).status_code == 403
    assert not RiskSignOff.objects.exists()


def test_a_governor_records_that_governors_noted_it(login, lead, governor, school):
    assessment = f.risk_assessment(school, lead)
    url = _url("risk-assessment-note", assessment)
    meeting = timezone.localdate().isoformat()
    assert login(lead).post(url, {"nonce": "d" * 32}).status_code == 403
    assert login(governor).post(url, {"nonce": "e" * 32, "meeting_on": meeting}).status_code == 302
    assert login(governor).post(url, {"nonce": "e" * 32, "meeting_on": meeting}).status_code == 302  # a retry
    note = GovernorNote.objects.get()
    assert note.noted_by == governor and note.meeting_on == timezone.localdate()


def test_a_governor_reads_every_part_but_changes_nothing(login, lead, governor, school):
    assessment = f.risk_assessment(school, lead)
    f.risk(assessment, lead)
    client = login(governor)
    page = client.get(_url("risk-assessment-detail", assessment)).content.decode()
    assert "Local risks" in page and "Add a risk" not in page
    assert client.get(_url("risk-add", assessment)).status_code == 403
    assert client.get(_url("risk-assessment-edit", assessment)).status_code == 403


def test_another_schools_assessment_is_not_found(login, lead, outsider, school):
    assessment = f.risk_assessment(school, lead)
    risk = f.risk(assessment, lead)
    client = login(outsider)
    for url in (_url("risk-assessment-detail", assessment), _url("risk-detail", risk), _url("risk-edit", risk)):
        assert client.get(url).status_code == 404
    assert client.post(_url("risk-assessment-review", assessment), {}).status_code == 404


def _filled(school, lead, risks=3):
    assessment = f.risk_assessment(school, lead, implemented_on=timezone.localdate())
    for n in range(risks):
        f.risk(assessment, lead, n, likelihood=1 + n % 3, impact=1 + (n + 1) % 3)
    return assessment


def test_the_pdf_follows_the_templates_layout(login, lead, governor, school):
    assessment = _filled(school, lead)
    response = login(governor).get(_url("risk-assessment-pdf", assessment))
    assert response["Content-Type"] == "application/pdf"
    assert f"{assessment.academic_year.replace('/', '-')}.pdf" in response["Content-Disposition"]
    text = squeeze(pdf_text(response.content))
    for words in ("Completed by", "Date implemented", "Date reviewed", "National risks", "Local risks"):
        assert squeeze(words) in text
    for column in ("Risk", "Hazard", "Risk management", "Further action needed", "Lead officer", "Date for completion"):
        assert squeeze(column) in text
    assert squeeze("Risk 0: pupils see extremist material online") in text
    assert AuditEvent.objects.filter(action="export", object_id=str(assessment.pk)).exists()


def test_the_workbook_has_the_templates_columns_and_no_formula_runs(login, lead, school):
    assessment = _filled(school, lead, risks=1)
    f.risk(assessment, lead, 9, further_action='=HYPERLINK("http://evil.example","x")')
    response = login(lead).get(_url("risk-assessment-xlsx", assessment))
    sheet = load_workbook(io.BytesIO(response.content))["Risk assessment"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r[0] == "Risk")
    assert header[:3] == ["Risk", "Hazard", "Risk management (existing control measures)"]
    assert "Lead officer" in header and "Date for completion" in header
    assert any(r[6] == '\'=HYPERLINK("http://evil.example","x")' for r in rows if r and len(r) > 6)


@pytest.mark.parametrize("persona", ["lead", "governor"])
def test_the_assessment_page_runs_the_same_queries_with_3_or_15_risks(
    persona, login, lead, governor, school, django_assert_num_queries
):
    assessment = _filled(school, lead, risks=3)
    client = login(lead if persona == "lead" else governor)
    url = _url("risk-assessment-detail", assessment)
    client.get(url)  # warm up: the session
    # Session, user, memberships and schools; the assessment; its risks with their leads; their plan
    # actions (one query); the latest review, sign-off and note (state); all reviews, sign-offs and
    # notes; the other years.
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(3, 15):
        f.risk(assessment, lead, n)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200
