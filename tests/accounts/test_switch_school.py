import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import MembershipFactory, SchoolFactory


@pytest.fixture
def second_school(lead):
    second = SchoolFactory(name="Stanground Academy")
    MembershipFactory(user=lead, school=second, role=Role.STAFF)
    return second


@pytest.mark.django_db
def test_it_starts_in_the_first_school_by_name(login, lead, second_school):
    response = login(lead).get(reverse("home"))
    assert response.context["current_school"].name == "Ken Stimpson Community School"
    assert "Switch school" in response.content.decode()


@pytest.mark.django_db
def test_a_member_of_two_schools_switches_and_holds_the_roles_of_the_new_one(login, lead, second_school):
    client = login(lead)
    response = client.post(reverse("accounts:switch-school"), {"school": second_school.pk, "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.context["current_school"] == second_school
    assert response.context["role_labels"] == ["Staff"]
    # Staff in the second school: no People page there.
    assert client.get(reverse("accounts:member-list")).status_code == 403


@pytest.mark.django_db
def test_it_will_not_switch_to_a_school_the_user_is_not_in(login, lead, other_school):
    response = login(lead).post(reverse("accounts:switch-school"), {"school": other_school.pk})
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_trust_officer_sees_every_school_of_the_trust(login, trust, school):
    sibling = SchoolFactory(name="A Sibling School", organisation=school.organisation)
    response = login(trust).get(reverse("home"))
    assert set(response.context["school_options"]) == {school, sibling}
    assert response.context["role_labels"] == ["Trust/LA officer"]


@pytest.mark.django_db
def test_it_ignores_an_unsafe_next_address(login, lead, second_school):
    response = login(lead).post(
        reverse("accounts:switch-school"), {"school": second_school.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
