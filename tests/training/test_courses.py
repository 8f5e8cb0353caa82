"""Courses: the defaults a school starts with, and the Lead's changes."""

from django.urls import reverse

from accounts.models import AuditEvent
from training.default_courses import HOME_OFFICE_ELEARNING, MAY_REFER_GROUP
from training.models import Course

from .factories_courses import CourseFactory


def test_it_offers_the_default_courses_when_there_are_none(login, lead):
    client = login(lead)
    page = client.get(reverse("training:course-list")).content.decode()
    assert "Add the default courses" in page
    response = client.post(reverse("training:course-defaults"), follow=True)
    assert "6 default courses added." in response.content.decode()
    courses = {c.slug: c for c in Course.objects.all()}
    assert list(courses) == [
        "prevent-awareness",
        "prevent-referrals",
        "channel-awareness",
        "dsl-training",
        "safeguarding-update",
        "governor-safeguarding",
    ]
    assert courses["prevent-awareness"].link == HOME_OFFICE_ELEARNING
    assert courses["prevent-awareness"].refresh_months == 24
    assert courses["safeguarding-update"].refresh_months == 12
    assert courses["governor-safeguarding"].required_roles == ["governor"]
    assert [g.name for g in courses["prevent-referrals"].required_groups.all()] == [MAY_REFER_GROUP]
    assert AuditEvent.objects.filter(object_type="training.course").count() == 6
    # A second press adds nothing.
    assert "0 default courses added." in client.post(reverse("training:course-defaults"), follow=True).content.decode()


def test_staff_see_the_courses_but_cannot_add_them(login, school, staff):
    CourseFactory(school=school, title="Home Office Prevent awareness (course 1)")
    client = login(staff)
    page = client.get(reverse("training:course-list")).content.decode()
    assert "Home Office Prevent awareness (course 1)" in page and "Add a course" not in page
    assert client.post(reverse("training:course-defaults")).status_code == 403


def test_the_lead_changes_a_course_and_a_stale_edit_is_refused(login, school, lead, head):
    course = CourseFactory(school=school, slug="prevent-awareness")
    data = {
        "title": "Prevent awareness",
        "slug": "prevent-awareness",
        "provider": "Home Office",
        "link": "https://www.elearning.prevent.homeoffice.gov.uk/",
        "kind": "e_learning",
        "refresh_months": "36",
        "required_roles": ["staff", "governor"],
        "description": "",
        "position": "1",
        "version": course.version,
    }
    response = login(lead).post(reverse("training:course-edit", args=[course.pk]), data)
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.refresh_months == 36 and course.required_roles == ["staff", "governor"] and course.version == 2
    data["title"] = "Stale"
    response = login(head).post(reverse("training:course-edit", args=[course.pk]), data)
    assert "Someone else saved a change" in response.content.decode()
    course.refresh_from_db()
    assert course.title == "Prevent awareness"


def test_it_refuses_a_second_course_with_the_same_short_name(login, school, lead):
    CourseFactory(school=school, slug="prevent-awareness")
    data = {"title": "Again", "slug": "prevent-awareness", "kind": "e_learning", "position": "0"}
    response = login(lead).post(reverse("training:course-add"), data)
    assert response.status_code == 200
    assert Course.objects.count() == 1


def test_it_does_not_open_another_schools_course(login, lead, other_school):
    course = CourseFactory(school=other_school)
    assert login(lead).get(reverse("training:course-edit", args=[course.pk])).status_code == 404
