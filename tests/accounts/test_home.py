import pytest
from django.urls import reverse


def nav_links(response):
    html = response.content.decode()
    nav = html[html.index('id="main-nav"') : html.index("</nav>")]
    return nav


@pytest.mark.django_db
def test_staff_see_who_the_prevent_lead_and_dsl_are(login, staff, lead, dsl):
    response = login(staff).get(reverse("home"))
    html = response.content.decode()
    assert "Lee Lead" in html and lead.email in html
    assert "Dee Dsl" in html and dsl.email in html
    assert "How to report a concern" in html


@pytest.mark.django_db
def test_staff_lead_and_governor_see_different_navigation(login, staff, lead, governor, client):
    as_staff = nav_links(login(staff).get(reverse("home")))
    as_lead = nav_links(login(lead).get(reverse("home")))
    as_governor = nav_links(login(governor).get(reverse("home")))
    assert "People" in as_lead and "People" not in as_staff and "People" not in as_governor
    assert len({as_staff, as_lead, as_governor}) == 3


@pytest.mark.django_db
def test_leads_see_what_needs_their_attention(login, lead):
    html = login(lead).get(reverse("home")).content.decode()
    assert "Needs your attention" in html


@pytest.mark.django_db
def test_governors_see_the_way_to_governance_not_staff_tasks(login, governor):
    html = login(governor).get(reverse("home")).content.decode()
    assert "For governors and oversight" in html
    assert "Needs your attention" not in html


@pytest.mark.django_db
def test_the_header_names_the_school_and_the_roles(login, lead):
    html = login(lead).get(reverse("home")).content.decode()
    assert "Ken Stimpson Community School" in html
    assert "Prevent Lead/SPOC, Staff" in html


@pytest.mark.django_db
def test_a_person_with_no_school_is_told_what_to_do(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "not a member of any school" in response.content.decode()
