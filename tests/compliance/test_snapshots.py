"""Frozen reports: stored with their SHA-256, downloadable unchanged, and the challenge log."""

import hashlib

from django.urls import reverse
from django.utils import timezone

from compliance.models import ChallengeEntry, ReportSnapshot
from compliance.reports.snapshots import snapshot_intact
from core.periods import academic_year
from tests.referrals.factories import make_case

from .reports_text import pdf_text
from .reports_world import fill_school

FREEZE = reverse("compliance:snapshot-create")


def _freeze(client, title="Full governing body, December"):
    response = client.post(FREEZE, {"title": title, "period": academic_year().key})
    assert response.status_code == 302
    return ReportSnapshot.objects.get(title=title)


def _download(client, snapshot):
    response = client.get(reverse("compliance:snapshot-pdf", args=[snapshot.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content), response


def test_the_lead_freezes_a_report_with_its_hash_and_figures(school, lead, login):
    fill_school(school, lead)
    client = login(lead)
    this_year = academic_year()  # the figures are of today's records, so today's academic year
    response = client.post(FREEZE, {"title": "Full governing body, December", "period": this_year.key}, follow=True)
    snapshot = ReportSnapshot.objects.get()
    assert "The report is frozen" in response.content.decode()
    assert snapshot.created_by == lead and snapshot.period_label == this_year.label
    assert snapshot.figures["referrals.opened"]["value"] == "fewer than 5"  # frozen for the governors
    data, download = _download(client, snapshot)
    assert hashlib.sha256(data).hexdigest() == snapshot.sha256
    assert download["Content-Disposition"].startswith('attachment; filename="ken-stimpson-community-school-')
    assert snapshot.sha256 in client.get(reverse("compliance:snapshot-detail", args=[snapshot.pk])).content.decode()


def test_the_frozen_pdf_stays_identical_after_the_data_changes(school, lead, governor, login):
    fill_school(school, lead)
    snapshot = _freeze(login(lead))
    first, _ = _download(login(governor), snapshot)
    for _ in range(5):  # new concerns after the meeting
        make_case(school, lead, raised_on=timezone.localdate())
    again, _ = _download(login(governor), snapshot)
    assert again == first
    assert hashlib.sha256(again).hexdigest() == snapshot.sha256
    assert snapshot_intact(snapshot)
    assert "Prevent concerns recorded fewer than 5" in pdf_text(again)
    with open(snapshot.file.path, "ab") as stored:  # a change made outside the application
        stored.write(b"%% altered")
    assert not snapshot_intact(snapshot)
    live = pdf_text(login(governor).get(reverse("compliance:report-pdf")).content)
    assert "Prevent concerns recorded 6" in live


def test_the_dashboard_then_shows_what_changed(school, lead, governor, login):
    fill_school(school, lead)
    _freeze(login(lead), title="Autumn meeting")
    make_case(school, lead, raised_on=timezone.localdate())
    page = login(governor).get(reverse("compliance:dashboard")).content.decode()
    # One concern more is no change a governor can see: both are "fewer than 5".
    assert "Nothing has changed since “Autumn meeting”" in page
    for _ in range(4):
        make_case(school, lead, raised_on=timezone.localdate())
    page = login(governor).get(reverse("compliance:dashboard")).content.decode()
    assert "Compared with “Autumn meeting”" in page
    assert '<td class="text-end">fewer than 5</td><td class="text-end">6</td>' in page


def test_a_freeze_without_a_title_is_refused_with_the_reason(school, lead, login):
    response = login(lead).post(FREEZE, {"title": "", "period": academic_year().key})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ReportSnapshot.objects.exists()


def test_governors_ask_and_leaders_answer_once(school, lead, head, governor, login):
    fill_school(school, lead)
    snapshot = _freeze(login(lead))
    detail = reverse("compliance:snapshot-detail", args=[snapshot.pk])
    client = login(governor)
    response = client.post(
        reverse("compliance:challenge-create", args=[snapshot.pk]),
        {"question": "Why is Channel awareness training at 0%?"},
        follow=True,
    )
    assert "Your question is recorded" in response.content.decode()
    entry = ChallengeEntry.objects.get()
    assert entry.asked_by == governor and entry.snapshot == snapshot
    assert "Record the answer" not in client.get(detail).content.decode()  # governors do not answer

    client = login(head)
    answer = reverse("compliance:challenge-answer", args=[entry.pk])
    response = client.post(answer, {"answer": "The DSL is booked on 12 January."}, follow=True)
    assert "The answer is recorded" in response.content.decode()
    response = client.post(answer, {"answer": "Changed my mind."}, follow=True)
    assert "already been answered" in response.content.decode()
    entry.refresh_from_db()
    assert entry.answer == "The DSL is booked on 12 January." and entry.answered_by == head
    page = login(governor).get(detail).content.decode()
    assert "Why is Channel awareness training at 0%?" in page and "booked on 12 January" in page


def test_an_empty_question_is_refused(school, lead, governor, login):
    snapshot = _freeze(login(lead))
    response = login(governor).post(reverse("compliance:challenge-create", args=[snapshot.pk]), {"question": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not ChallengeEntry.objects.exists()


def test_the_list_has_an_empty_state_and_the_snapshots(school, lead, governor, login):
    page = login(governor).get(reverse("compliance:snapshot-list")).content.decode()
    assert "No report has been frozen yet." in page
    assert "Freeze the report" not in page
    _freeze(login(lead), title="Spring meeting")
    assert "Spring meeting" in login(governor).get(reverse("compliance:snapshot-list")).content.decode()


def test_another_schools_snapshot_is_not_found(school, lead, outsider, login):
    snapshot = _freeze(login(lead))
    assert login(outsider).get(reverse("compliance:snapshot-pdf", args=[snapshot.pk])).status_code == 404
