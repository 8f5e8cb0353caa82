"""Briefings: the Lead records one and invites roles; staff confirm, the Lead marks, absentees listed."""

import datetime

from django.urls import reverse

from accounts.models import AuditEvent, Role
from compliance.measures import REGISTRY
from training.models import Briefing, BriefingAttendance

from .factories_courses import BriefingFactory

TODAY = datetime.date.today()


def test_it_lets_the_lead_record_a_briefing(login, lead):
    client = login(lead)
    response = client.post(
        reverse("training:briefing-add"),
        {
            "held_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
            "title": "Prevent briefing",
            "topics": "Staff's duties under the Prevent duty; signs and indicators of radicalisation",
            "materials_link": "https://www.educateagainsthate.com/",
            "invited_roles": [Role.STAFF.value],
        },
    )
    briefing = Briefing.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "training:briefing-detail", args=[briefing.pk]
    )
    assert briefing.recorded_by == lead and briefing.invited_roles == ["staff"]
    page = client.get(response["Location"]).content.decode()
    assert "Briefing “Prevent briefing” saved." in page and "Invited, not recorded as attending" in page


def test_it_explains_what_is_missing(login, lead):
    response = login(lead).post(reverse("training:briefing-add"), {"title": ""})
    assert response.status_code == 200
    assert "There are problems with what you entered" in response.content.decode()


def test_a_second_editor_is_told_and_not_overwritten(login, lead, head):
    briefing = BriefingFactory(school=lead.memberships.first().school, recorded_by=lead)
    data = {
        "held_on": briefing.held_on.isoformat(),
        "title": "Changed by the head",
        "topics": briefing.topics,
        "invited_roles": ["staff"],
        "version": briefing.version,
    }
    assert login(head).post(reverse("training:briefing-edit", args=[briefing.pk]), data).status_code == 302
    data["title"] = "Changed by the lead"
    response = login(lead).post(reverse("training:briefing-edit", args=[briefing.pk]), data)
    assert response.status_code == 200 and "Someone else saved a change" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.title == "Changed by the head"


def test_staff_confirm_their_attendance_once(login, school, staff, lead):
    briefing = BriefingFactory(school=school, recorded_by=lead)
    client = login(staff)
    response = client.post(reverse("training:briefing-confirm", args=[briefing.pk]), follow=True)
    assert "your attendance is confirmed" in response.content.decode()
    response = client.post(reverse("training:briefing-confirm", args=[briefing.pk]), follow=True)
    assert "You had already confirmed" in response.content.decode()
    attendance = BriefingAttendance.objects.get()
    assert attendance.user == staff and attendance.confirmed_by == staff
    assert AuditEvent.objects.filter(object_type="training.briefingattendance").count() == 1


def test_staff_cannot_confirm_a_briefing_not_yet_held(login, school, staff, lead):
    briefing = BriefingFactory(school=school, recorded_by=lead, held_on=TODAY + datetime.timedelta(days=3))
    response = login(staff).post(reverse("training:briefing-confirm", args=[briefing.pk]), follow=True)
    assert "once the briefing has been held" in response.content.decode()
    assert not BriefingAttendance.objects.exists()


def test_the_lead_marks_absentees_and_sees_who_is_left(login, school, staff, lead, dsl, head, governor):
    briefing = BriefingFactory(school=school, recorded_by=lead, invited_roles=["staff"])
    client = login(lead)
    page = client.get(reverse("training:briefing-detail", args=[briefing.pk]))
    assert {u.full_name for u in page.context["absentees"]} == {"Sam Staff", "Lee Lead", "Dee Dsl", "Hal Head"}
    response = client.post(reverse("training:briefing-mark", args=[briefing.pk]), {"people": [staff.pk, dsl.pk]})
    assert response.status_code == 302
    page = client.get(reverse("training:briefing-detail", args=[briefing.pk]))
    assert "2 attendances marked." in page.content.decode()
    assert {u.full_name for u in page.context["absentees"]} == {"Lee Lead", "Hal Head"}
    assert "marked by Lee Lead" in page.content.decode()
    # The live evidence: invited who attended the latest briefing
    result = REGISTRY["briefings.attendance"].compute(school)
    assert (result.numerator, result.denominator) == (2, 4)
    assert sorted(result.shortfall) == ["Hal Head", "Lee Lead"]


def test_staff_do_not_see_the_register(login, school, staff, lead):
    briefing = BriefingFactory(school=school, recorded_by=lead)
    page = login(staff).get(reverse("training:briefing-detail", args=[briefing.pk]))
    assert page.status_code == 200 and "absentees" not in page.context
    assert (
        login(staff).post(reverse("training:briefing-mark", args=[briefing.pk]), {"people": [staff.pk]}).status_code
        == 403
    )


def test_briefings_to_confirm_show_on_the_home_page(login, school, staff, lead):
    BriefingFactory(school=school, recorded_by=lead)
    page = login(staff).get(reverse("home")).content.decode()
    assert "Briefings to confirm" in page


def _briefing_data(briefing, **extra):
    return {
        "held_on": briefing.held_on.isoformat(),
        "title": briefing.title,
        "topics": briefing.topics,
        "invited_roles": ["staff"],
        "version": briefing.version,
        **extra,
    }


def test_the_materials_file_stays_when_an_edit_uploads_none_and_goes_when_cleared(login, lead):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.files import PDF_BYTES

    client = login(lead)
    briefing = BriefingFactory(school=lead.memberships.first().school, recorded_by=lead)
    upload = SimpleUploadedFile("slides.pdf", PDF_BYTES, content_type="application/pdf")
    url = reverse("training:briefing-edit", args=[briefing.pk])
    assert client.post(url, _briefing_data(briefing, materials=upload)).status_code == 302
    briefing.refresh_from_db()
    assert briefing.materials.name.endswith(".pdf")
    kept = briefing.materials.name

    assert client.post(url, _briefing_data(briefing, title="Renamed")).status_code == 302
    briefing.refresh_from_db()
    assert briefing.title == "Renamed" and briefing.materials.name == kept
    assert client.get(reverse("training:briefing-materials", args=[briefing.pk])).status_code == 200

    assert client.post(url, _briefing_data(briefing, **{"materials-clear": "on"})).status_code == 302
    briefing.refresh_from_db()
    assert not briefing.materials
    assert client.get(reverse("training:briefing-materials", args=[briefing.pk])).status_code == 404
