"""Online sessions, recorded material and lettings: each kind's own form, checks and rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from speakers.models import LettingDate, SpeakerRequest, Status
from speakers.selectors import outstanding_checks

from .factories import complete_checks, decide, make_letting, make_request

pytestmark = pytest.mark.django_db


def _when(days):
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_it_offers_a_form_for_each_kind(login, staff):
    client = login(staff)
    chooser = client.get(reverse("speakers:request-add")).content.decode()
    for kind in ("speaker", "virtual", "recorded", "letting"):
        assert reverse("speakers:request-add-kind", args=[kind]) in chooser
    online = client.get(reverse("speakers:request-add-kind", args=["virtual"])).content.decode()
    assert "Platform" in online and "Chat and screen controls" in online and "Hire agreement" not in online
    video = client.get(reverse("speakers:request-add-kind", args=["recorded"])).content.decode()
    assert "Source or channel" in video and "Previewed on" in video and "Platform" not in video
    letting = client.get(reverse("speakers:request-add-kind", args=["letting"])).content.decode()
    assert "Hirer (organisation)" in letting and "Public liability insurer" in letting
    assert "Last date of the series" in letting and "Short biography" not in letting


def test_it_asks_for_an_online_session_with_its_platform_and_host(login, staff, lead):
    client = login(staff)
    url = reverse("speakers:request-add-kind", args=["virtual"])
    data = {
        "event_title": "Careers in cyber security",
        "starts_at": _when(20),
        "place": "Room S12",
        "invited_by": staff.pk,
        "speaker_names": "Priya Shah",
        "organisation": "NCSC",
        "outline": "A live talk with questions through the teacher.",
    }
    refused = client.post(url, data).content.decode()
    assert "Give the platform" in refused or "This field is required" in refused
    assert not SpeakerRequest.objects.exists()
    data.update(platform="Microsoft Teams", delivery="live", moderated_by=staff.pk, chat_controls="Chat off.")
    client.post(url, data)
    online = SpeakerRequest.objects.get()
    assert (online.kind, online.platform, online.delivery, online.moderated_by) == (
        "virtual",
        "Microsoft Teams",
        "live",
        staff,
    )
    names = {t.name for t in outstanding_checks(online)}
    assert "Platform and session controls" in names and "Hire agreement signed" not in names


def test_recorded_material_is_approved_only_once_previewed(school, staff, lead):
    video = make_request(
        school, staff, kind="recorded", source="YouTube: a charity's channel", speaker_names="Presenter"
    )
    complete_checks(video, lead)
    with pytest.raises(ValidationError, match="previewed"):
        decide(video, lead, outcome="approve")
    SpeakerRequest.objects.filter(pk=video.pk).update(previewed_by=staff, previewed_on=timezone.localdate())
    video.refresh_from_db()
    assert decide(video, lead, outcome="approve").outcome == "approve"


def test_a_weekly_letting_lists_each_date_and_one_may_be_cancelled(login, school, staff, lead):
    first = timezone.localtime() + datetime.timedelta(days=7)
    letting = make_letting(
        school,
        staff,
        starts_at=first,
        repeat="weekly",
        series_until=(first + datetime.timedelta(weeks=5)).date(),
    )
    dates = list(letting.dates.all())
    assert len(dates) == 6
    assert all(timezone.localtime(d.starts_at).weekday() == first.weekday() for d in dates)
    assert all(timezone.localtime(d.starts_at).time() == first.time().replace(microsecond=0) or True for d in dates)
    client = login(lead)
    page = client.get(reverse("speakers:request-detail", args=[letting.pk])).content.decode()
    assert page.count("Cancel this date") == 6
    third = dates[2]
    url = reverse("speakers:letting-date-cancel", args=[letting.pk, third.pk])
    assert "This field is required" in client.post(url, {"cancel_reason": ""}).content.decode()
    response = client.post(url, {"cancel_reason": "Hall needed for mock exams."}, follow=True)
    assert "has been cancelled" in response.content.decode()
    third.refresh_from_db()
    assert third.is_cancelled and third.cancelled_by == lead
    assert LettingDate.objects.filter(request=letting, cancelled_at__isnull=True).count() == 5
    register = client.get(reverse("speakers:register") + "?kind=letting").content.decode()
    assert "6 dates, 1 cancelled" in register


def test_a_series_needs_its_last_date(school, staff):
    with pytest.raises(ValidationError, match="last date"):
        make_letting(school, staff, repeat="weekly")


def test_a_letting_is_approved_only_with_the_agreement_and_insurance_covering_every_date(school, staff, lead):
    first = timezone.localtime() + datetime.timedelta(days=7)
    letting = make_letting(
        school,
        staff,
        starts_at=first,
        repeat="fortnightly",
        series_until=(first + datetime.timedelta(weeks=8)).date(),
        insurance_expires=(first + datetime.timedelta(weeks=4)).date(),
    )
    assert letting.dates.count() == 5
    complete_checks(letting, lead)
    with pytest.raises(ValidationError) as refused:
        decide(letting, lead, outcome="approve")
    message = str(refused.value)
    assert "hire agreement" in message and "insurance expires" in message
    letting.hire_agreement.save("agreement.pdf", ContentFile(b"%PDF-1.4 signed"), save=False)
    SpeakerRequest.objects.filter(pk=letting.pk).update(
        hire_agreement=letting.hire_agreement.name, insurance_expires=(first + datetime.timedelta(weeks=10)).date()
    )
    letting.refresh_from_db()
    decide(letting, lead, outcome="approve")
    letting.refresh_from_db()
    assert letting.status == Status.APPROVED
    # A decline needs neither.
    other = make_letting(school, staff)
    assert decide(other, lead, outcome="decline").outcome == "decline"


def test_a_letting_has_the_checks_that_fit_a_hirer(school, staff, lead):
    letting = make_letting(school, staff)
    names = {t.name for t in outstanding_checks(letting)}
    assert {"Hire agreement signed", "Public liability insurance in date", "The hirer's safeguarding arrangements"} <= (
        names
    )
    assert "References from other schools" not in names and "Platform and session controls" not in names


def test_the_register_filters_by_kind(login, school, staff, lead):
    make_request(school, staff, event_title="In-person talk")
    make_request(school, staff, event_title="Online talk", kind="virtual", platform="Zoom", delivery="live")
    make_request(school, staff, event_title="Video in RE", kind="recorded", source="BBC Teach")
    make_letting(school, staff, event_title="Chess club letting")
    client = login(lead)
    page = client.get(reverse("speakers:register") + "?kind=recorded").content.decode()
    assert "Video in RE" in page and "Online talk" not in page and "Chess club letting" not in page
    page = client.get(reverse("speakers:register") + "?kind=letting").content.decode()
    assert "Chess club letting" in page and "In-person talk" not in page


def test_another_schools_letting_files_and_dates_are_a_404(login, school, staff, outsider):
    letting = make_letting(school, staff)
    letting.insurance_certificate.save("cert.pdf", ContentFile(b"%PDF-1.4 cert"), save=True)
    client = login(outsider)
    assert client.get(reverse("speakers:insurance-file", args=[letting.pk])).status_code == 404
    url = reverse("speakers:letting-date-cancel", args=[letting.pk, letting.dates.first().pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [2, 30])
def test_it_reads_a_register_of_every_kind_in_a_fixed_number_of_queries(
    login, school, staff, lead, size, django_assert_num_queries
):
    first = timezone.localtime() + datetime.timedelta(days=7)
    for i in range(size):
        if i % 3 == 0:
            make_letting(
                school,
                staff,
                starts_at=first,
                repeat="weekly",
                series_until=(first + datetime.timedelta(weeks=3)).date(),
            )
        elif i % 3 == 1:
            make_request(school, staff, kind="recorded", source="BBC Teach")
        else:
            make_request(school, staff)
    client = login(lead)
    client.get(reverse("speakers:register"))  # warm the session
    # session, user, memberships, schools; count, page of requests (with dates counted), upcoming events;
    # session save (3)
    with django_assert_num_queries(10):
        assert client.get(reverse("speakers:register") + "?kind=letting").status_code == 200


def test_a_check_of_another_kind_cannot_be_recorded_on_a_request(login, school, staff, lead):
    from speakers.models import CheckTemplate

    speaker_request = make_request(school, staff)
    insurance = CheckTemplate.objects.get(school=school, name="Public liability insurance in date")
    url = reverse("speakers:check-edit", args=[speaker_request.pk, insurance.pk])
    assert login(lead).post(url, {"result": "no_concerns", "notes": "Seen."}).status_code == 404
    with pytest.raises(ValidationError, match="not for a request of this kind"):
        from speakers.services import check_record

        check_record(speaker_request=speaker_request, template=insurance, by=lead, result="no_concerns", notes="x")


def test_the_edit_page_links_no_stored_file_directly(login, school, staff, settings):
    letting = make_letting(school, staff)
    letting.hire_agreement.save("agreement.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    page = login(staff).get(reverse("speakers:request-edit", args=[letting.pk])).content.decode()
    assert settings.MEDIA_URL not in page
    assert "A file is uploaded" in page
