import pytest
from django.urls import reverse

from accounts.models import Membership, Role, User
from tests.factories import member


def current_roles(user, school):
    return sorted(Membership.objects.current().filter(user=user, school=school).values_list("role", flat=True))


@pytest.mark.django_db
def test_it_lists_the_current_members_with_their_roles(login, lead, staff, governor):
    html = login(lead).get(reverse("accounts:member-list")).content.decode()
    assert "Sam Staff" in html and "Gita Governor" in html
    assert "Prevent Lead/SPOC" in html


@pytest.mark.django_db
def test_the_list_pins_its_query_count(login, lead, school, django_assert_num_queries):
    client = login(lead)
    for size in (5, 45):
        while Membership.objects.filter(school=school).count() < size:
            member(school)
        # session, user, the user's memberships and schools (2), the members with their
        # roles (1), the open invitations (1; everyone here has joined, so no invitation
        # states are read), and the session's new expiry (savepoint, update, release)
        with django_assert_num_queries(9):
            client.get(reverse("accounts:member-list"))


@pytest.mark.django_db
def test_the_lead_adds_a_person_with_two_roles(login, lead, school):
    response = login(lead).post(
        reverse("accounts:member-add"),
        {
            "full_name": "Nia New",
            "email": "NIA@school.example",
            "job_title": "Teacher",
            "phone": "",
            "roles": ["staff", "dsl"],
        },
        follow=True,
    )
    assert "Nia New has been added" in response.content.decode()
    nia = User.objects.get(email="nia@school.example")
    assert current_roles(nia, school) == ["dsl", "staff"]


@pytest.mark.django_db
def test_adding_someone_who_already_has_an_account_invites_them_and_keeps_their_details(login, lead, school, outsider):
    login(lead).post(
        reverse("accounts:member-add"),
        {"full_name": "Renamed By Another School", "email": outsider.email, "roles": ["staff"]},
    )
    outsider.refresh_from_db()
    assert outsider.full_name == "Otto Outsider"
    assert current_roles(outsider, school) == []  # not a member until they accept
    assert outsider.invitations.get(school=school).roles == ["staff"]
    assert User.objects.filter(email=outsider.email).count() == 1


@pytest.mark.django_db
def test_a_person_needs_at_least_one_role(login, lead):
    response = login(lead).post(reverse("accounts:member-add"), {"full_name": "No Role", "email": "x@school.example"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not User.objects.filter(email="x@school.example").exists()


@pytest.mark.django_db
def test_the_lead_changes_a_members_roles(login, lead, staff, school):
    login(lead).post(
        reverse("accounts:member-edit", args=[staff.pk]),
        {"full_name": staff.full_name, "email": staff.email, "job_title": "Head of Year 9", "roles": ["staff", "dsl"]},
    )
    assert current_roles(staff, school) == ["dsl", "staff"]
    staff.refresh_from_db()
    assert staff.job_title == "Head of Year 9"


@pytest.mark.django_db
def test_the_lead_cannot_remove_their_own_lead_role(login, lead, school):
    response = login(lead).post(
        reverse("accounts:member-edit", args=[lead.pk]),
        {"full_name": lead.full_name, "email": lead.email, "roles": ["staff"]},
    )
    assert "cannot remove your own Prevent Lead role" in response.content.decode()
    assert Role.PREVENT_LEAD in current_roles(lead, school)


@pytest.mark.django_db
def test_a_member_who_leaves_keeps_their_account_and_loses_access(login, lead, staff, school, client):
    response = login(lead).post(reverse("accounts:member-remove", args=[staff.pk]), follow=True)
    assert "has left" in response.content.decode()
    assert current_roles(staff, school) == []
    assert User.objects.filter(pk=staff.pk).exists()
    client.force_login(staff)
    assert client.get(reverse("home")).status_code == 403


@pytest.mark.django_db
def test_another_schools_member_is_not_found(login, lead, outsider):
    assert login(lead).get(reverse("accounts:member-edit", args=[outsider.pk])).status_code == 404


@pytest.mark.django_db
def test_changes_to_people_are_in_the_audit_trail(login, lead, staff):
    from accounts.models import AuditEvent

    login(lead).post(
        reverse("accounts:member-edit", args=[staff.pk]),
        {"full_name": staff.full_name, "email": staff.email, "job_title": staff.job_title, "roles": ["staff", "dsl"]},
    )
    event = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(staff.pk), action="update").get()
    assert event.actor == lead
    assert event.changes["roles"] == [["staff"], ["dsl", "staff"]]
