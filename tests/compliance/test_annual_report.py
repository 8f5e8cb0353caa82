"""The annual Prevent and safeguarding report to governors: the Lead writes it, the head then the
chair of governors sign it off, and it is frozen with its SHA-256; counts below 5 are withheld."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import AuditAction
from accounts.models import AuditEvent
from compliance.models import AnnualReport, AnnualReportSignOff
from compliance.reports import annual_report_services as services
from compliance.reports.annual_report import NARRATIVE_FIELDS, annual_report_content
from core.periods import academic_year
from tests.referrals.factories import make_case

from .reports_text import pdf_text
from .reports_world import PUPIL_IDENTIFIER, SUMMARY, fill_school

LIST = reverse("compliance:annual-report-list")
START = reverse("compliance:annual-report-start")


def _url(name, report):
    return reverse(f"compliance:{name}", args=[report.pk])


def _start(client, year=None):
    response = client.post(START, {"academic_year": year or academic_year().key})
    assert response.status_code == 302
    return AnnualReport.objects.latest("pk")


def _narrative(report, **texts):
    data = {name: texts.get(name, "") for name in NARRATIVE_FIELDS}
    return {**data, "version": report.version}


def _signed(report, head, governor):
    services.annual_report_sign_as_head(report=report, by=head)
    return services.annual_report_sign_as_chair(report=report, by=governor)


def _events(report):
    return list(
        AuditEvent.objects.filter(object_type="compliance.annualreport", object_id=str(report.pk)).order_by("pk")
    )


def test_the_lead_starts_a_draft_and_writes_its_sections(school, lead, login):
    client = login(lead)
    assert "No annual report has been started yet" in client.get(LIST).content.decode()
    report = _start(client)
    assert report.is_draft and report.academic_year == academic_year().key
    response = client.post(
        _url("annual-report-edit", report),
        _narrative(report, introduction="A year of steady work.", priorities="Train the new lunchtime staff."),
        follow=True,
    )
    page = response.content.decode()
    assert "The report&#x27;s sections have been saved." in page
    assert "A year of steady work." in page and "Train the new lunchtime staff." in page
    report.refresh_from_db()
    assert report.version == 2
    changes = _events(report)[-1].changes
    assert set(changes["sections"]) == {"introduction", "priorities"}


def test_the_second_of_two_editors_is_told_and_nothing_is_lost(school, lead, login):
    client = login(lead)
    report = _start(client)
    first = _narrative(report, introduction="First")
    second = _narrative(report, introduction="Second")
    assert client.post(_url("annual-report-edit", report), first).status_code == 302
    response = client.post(_url("annual-report-edit", report), second)
    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
    report.refresh_from_db()
    assert report.introduction == "First"


def test_an_empty_school_reads_no_data_yet_never_a_share(school, lead, login):
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    content = annual_report_content(report)
    assert content["plan"]["title"] is None
    page = login(lead).get(_url("annual-report-detail", report)).content.decode()
    assert "No data yet" in page
    assert "100%" not in page and "0%" not in page
    pdf = login(lead).get(_url("annual-report-pdf", report)).content
    text = pdf_text(pdf)
    assert "No data yet" in text and "100%" not in text


def test_head_then_chair_sign_off_freezes_the_report_with_its_hash(school, lead, head, governor, login):
    fill_school(school, lead)
    report = _start(login(lead))
    login(lead).post(_url("annual-report-edit", report), _narrative(report, introduction="Our year in Prevent."))
    response = login(head).post(_url("annual-report-sign-head", report), follow=True)
    assert "You have signed off the report" in response.content.decode()
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.HEAD_SIGNED
    response = login(governor).post(_url("annual-report-sign-chair", report), follow=True)
    assert "It is now frozen" in response.content.decode()
    report.refresh_from_db()
    assert report.is_frozen
    head_sign_off, chair_sign_off = report.sign_offs.order_by("pk")
    assert (head_sign_off.stage, head_sign_off.signed_by) == ("head", head)
    assert (chair_sign_off.stage, chair_sign_off.signed_by) == ("chair", governor)
    assert chair_sign_off.content_sha256 == head_sign_off.content_sha256  # the chair signs what the head signed
    download = login(governor).get(_url("annual-report-pdf", report))
    data = b"".join(download.streaming_content)
    assert hashlib.sha256(data).hexdigest() == chair_sign_off.sha256
    assert services.annual_report_intact(chair_sign_off)
    text = pdf_text(data)
    assert "Our year in Prevent." in text and "Hal Head" in text and "Gita Governor" in text
    assert chair_sign_off.sha256 in login(governor).get(_url("annual-report-detail", report)).content.decode()
    signed = [(e.changes["signed_off_by"], e.actor) for e in _events(report) if "signed_off_by" in e.changes]
    assert signed == [("headteacher", head), ("chair of governors", governor)]
    assert _events(report)[-1].action == AuditAction.EXPORT  # the download


def test_the_frozen_report_does_not_change_when_the_records_do(school, lead, head, governor, login):
    fill_school(school, lead)
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    sign_off = _signed(report, head, governor)
    first = b"".join(login(governor).get(_url("annual-report-pdf", report)).streaming_content)
    for _ in range(6):
        make_case(school, lead, raised_on=timezone.localdate())
    again = b"".join(login(governor).get(_url("annual-report-pdf", report)).streaming_content)
    assert again == first and hashlib.sha256(again).hexdigest() == sign_off.sha256
    page = login(governor).get(_url("annual-report-detail", report)).content.decode()
    assert "fewer than 5" in page  # the content as signed, not today's 7


def test_edits_are_refused_once_the_head_has_signed(school, lead, head, login):
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    services.annual_report_sign_as_head(report=report, by=head)
    client = login(lead)
    response = client.get(_url("annual-report-edit", report), follow=True)
    assert "can no longer be changed" in response.content.decode()
    response = client.post(_url("annual-report-edit", report), _narrative(report, introduction="Later"), follow=True)
    assert "can no longer be changed" in response.content.decode()
    report.refresh_from_db()
    assert report.introduction == ""
    with pytest.raises(ValidationError):
        services.annual_report_edit(report=report, narrative={}, expected_version=report.version, by=lead)


def test_the_chair_signs_only_after_the_head_and_only_once(school, lead, head, governor, login):
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    response = login(governor).post(_url("annual-report-sign-chair", report), follow=True)
    assert "The chair signs after the headteacher." in response.content.decode()
    assert not AnnualReportSignOff.objects.exists()
    _signed(report, head, governor)
    with pytest.raises(ValidationError):
        services.annual_report_sign_as_chair(report=report, by=governor)
    with pytest.raises(ValidationError):
        services.annual_report_sign_as_head(report=report, by=head)


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("staff", "annual-report-sign-head"),
        ("lead", "annual-report-sign-head"),
        ("governor", "annual-report-sign-head"),
        ("head", "annual-report-sign-chair"),
        ("lead", "annual-report-sign-chair"),
        ("head", "annual-report-edit"),
        ("governor", "annual-report-edit"),
    ],
)
def test_only_the_right_person_signs_or_edits(request, school, lead, head, persona, url_name, login):
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    if url_name == "annual-report-sign-chair":
        services.annual_report_sign_as_head(report=report, by=head)
    response = login(request.getfixturevalue(persona)).post(_url(url_name, report))
    assert response.status_code == 403


def test_sign_offs_are_append_only_in_the_database(school, lead, head, governor):
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    sign_off = _signed(report, head, governor)
    with pytest.raises(DatabaseError), transaction.atomic():
        AnnualReportSignOff.objects.filter(pk=sign_off.pk).update(sha256="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        AnnualReportSignOff.objects.filter(pk=sign_off.pk).delete()


def test_concerns_are_counts_withheld_below_5_and_never_case_detail(school, lead, head, governor, login):
    fill_school(school, lead)
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    assert annual_report_content(report)["referrals"]["opened"] == "fewer than 5"
    _signed(report, head, governor)
    data = b"".join(login(lead).get(_url("annual-report-pdf", report)).streaming_content)
    text = pdf_text(data)
    assert "fewer than 5" in text
    assert PUPIL_IDENTIFIER not in text and SUMMARY not in text


def test_the_lead_cannot_start_two_reports_for_one_year(school, lead, login):
    client = login(lead)
    _start(client)
    response = client.post(START, {"academic_year": academic_year().key}, follow=True)
    assert "Choose an academic year that has no report yet." in response.content.decode()
    assert AnnualReport.objects.count() == 1
    with pytest.raises(ValidationError):
        services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)


def test_another_schools_report_is_not_found(school, other_school, lead, outsider, login):
    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    client = login(outsider)
    for name in ("annual-report-detail", "annual-report-pdf", "annual-report-edit"):
        assert client.get(_url(name, report)).status_code == 404


def test_the_report_page_runs_the_same_queries_at_any_size(school, lead, governor, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = services.annual_report_start(school=school, academic_year=academic_year().key, by=lead)
    client = login(governor)
    counts = []
    for size in (1, 3):
        fill_school(school, lead, size=size)
        client.get(_url("annual-report-detail", report))  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("annual-report-detail", report)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
