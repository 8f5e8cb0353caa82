"""Local contacts: seeded from the Cambridgeshire and Peterborough plan, edited by the Lead, shown to staff."""

from django.urls import reverse

from accounts.models import AuditEvent
from referrals.models import LocalContact
from referrals.services import contacts_create_defaults
from tests.factories import SchoolFactory

SEEDED = [
    "0345 045 5203",
    "01733 864180",
    "101, extension 2596 or 2595",
    "Prevent@cambs.pnn.police.uk",
    "Referral Form to Cambridgeshire or Peterborough Children&#x27;s Social Care",
    "https://www.safeguardingcambspeterborough.org.uk/childrenboard/",
    "999",
    "020 7340 7264",
    "counter.extremism@education.gov.uk",
    "0800 789 321",
]


def test_it_shows_staff_the_steps_the_cpoms_link_and_the_contacts(world, login):
    world.school.cpoms_url = "https://kenstimpson.cpoms.net/"
    world.school.save()
    contacts_create_defaults(school=world.school)
    page = login(world.staff).get(reverse("referrals:report-concern")).content.decode()
    assert 'href="https://kenstimpson.cpoms.net/"' in page
    for text in SEEDED:
        assert text in page, text
    assert "Change the contacts" not in page


def test_it_shows_the_defaults_before_the_school_has_saved_any(world, login):
    page = login(world.governor).get(reverse("referrals:report-concern")).content.decode()
    assert "01733 864180" in page
    assert "0800 789 321" in page
    assert not LocalContact.objects.exists()


def test_it_gives_a_school_elsewhere_only_the_national_contacts(db):
    school = SchoolFactory(local_authority="Norfolk")
    created = contacts_create_defaults(school=school)
    assert {c.name for c in created} == {
        "Emergency services",
        "National Prevent referral form",
        "Police Prevent advice line (ACT Early)",
        "DfE counter-extremism helpline",
        "Anti-Terrorist Hotline",
    }
    assert all(c.is_national for c in created)


def test_it_adds_the_defaults_once(world, login):
    client = login(world.lead)
    client.post(reverse("referrals:contact-defaults"))
    # The area's four contacts from the seed and the directory's five national ones.
    assert LocalContact.objects.filter(school=world.school).count() == 9
    response = client.post(reverse("referrals:contact-defaults"), follow=True)
    assert "nothing was added" in response.content.decode()
    assert LocalContact.objects.filter(school=world.school).count() == 9
    assert AuditEvent.objects.filter(action="create", object_type="referrals.localcontact").count() == 9


def test_it_lets_the_lead_change_a_contact_and_tells_a_second_editor(world, login):
    contact = LocalContact.objects.create(school=world.school, name="LA Prevent officer", phone="01733 000000")
    client = login(world.lead)
    url = reverse("referrals:contact-edit", args=[contact.pk])
    data = {"name": "LA Prevent officer", "phone": "01733 111111", "order": 5, "version": 1}
    response = client.post(url, data, follow=True)
    assert "has been saved" in response.content.decode()
    contact.refresh_from_db()
    assert contact.phone == "01733 111111"
    response = client.post(url, {**data, "phone": "01733 222222"})
    assert "Someone else saved a change" in response.content.decode()
    contact.refresh_from_db()
    assert contact.phone == "01733 111111"


def test_it_lets_the_lead_add_and_remove_a_contact(world, login):
    client = login(world.lead)
    response = client.post(reverse("referrals:contact-add"), {"name": "Channel coordinator", "order": 1})
    assert response.status_code == 302
    contact = LocalContact.objects.get(name="Channel coordinator")
    client.post(reverse("referrals:contact-delete", args=[contact.pk]))
    assert not LocalContact.objects.filter(pk=contact.pk).exists()


def test_it_does_not_let_the_dsl_change_contacts(world, login):
    assert login(world.dsl).get(reverse("referrals:contact-list")).status_code == 403


def test_it_says_what_to_do_when_there_are_no_contacts(world, login):
    page = login(world.lead).get(reverse("referrals:contact-list")).content.decode()
    assert "No contacts yet" in page
