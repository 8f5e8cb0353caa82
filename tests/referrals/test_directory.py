"""The contact directory: keyed by local authority, each entry with its source, checked when loaded;
and what staff are told where their authority has no entry."""

import copy

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from accounts.models import Role
from referrals import directory
from referrals.checks import contact_directory_check
from referrals.models import ContactPurpose, LocalContact
from referrals.selectors import local_contacts_state, plan_contact_texts
from tests.factories import SchoolFactory, member


def _data():
    return yaml.safe_load(directory.PATH.read_text(encoding="utf-8"))


def test_the_shipped_directory_is_valid_and_every_entry_has_a_source():
    assert contact_directory_check(None) == []
    book = directory.directory()
    for contact in [*book.national, *(c for area in book.areas for c in area.contacts)]:
        assert contact.source.title and contact.source.date, contact.name
    for area in book.areas:
        assert area.source.title and area.source.date


@pytest.mark.parametrize(
    "name",
    [
        "Peterborough",
        "peterborough",
        "City of Peterborough",
        "Peterborough City Council",
        "Cambridgeshire County Council",
    ],
)
def test_it_finds_an_area_however_the_authority_is_written(name):
    assert directory.directory().area_for(name).name == "Cambridgeshire and Peterborough"


@pytest.mark.parametrize("name", ["Leeds", "Norfolk", "", "Council"])
def test_it_has_no_area_for_an_authority_it_does_not_list(name):
    assert directory.directory().area_for(name) is None


def _spoil(change):
    data = copy.deepcopy(_data())
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["areas"][0]["contacts"][0].pop("source"), "a source (title, url, date) is needed"),
        (lambda d: d["areas"][0]["contacts"][0]["source"].update(date="last year"), "the source needs a date"),
        (lambda d: d["national"][0]["source"].pop("title"), "the source needs a title"),
        (lambda d: d["areas"][0].pop("source"), "a source (title, url, date) is needed"),
        (lambda d: d["areas"][0]["contacts"][0].update(purposes=["prevent_refferal"]), "'prevent_refferal'"),
        (lambda d: d["national"][1].update(purposes=["prevent_referral"]), "'prevent_referral' is not one of"),
        (lambda d: d["national"].pop(4), "no national contact for 'anti_terrorist_hotline'"),
        (lambda d: d["areas"].append({**d["areas"][0], "name": "Again"}), "'Cambridgeshire' is already in area"),
        (lambda d: d["areas"][0]["plan_text"].update(prevent_advice="Call {contact:x}"), "may not hold a placeholder"),
        (lambda d: d["areas"][0]["plan_text"].update(emergency="Call 999"), "not a local purpose"),
        (lambda d: d["areas"][0].update(local_authorities=[]), "local_authorities must list"),
        (lambda d: d["areas"][0]["contacts"][0].update(fax="01733 0"), "unknown field(s) ['fax']"),
        (lambda d: d["national"][0]["source"].update(url="gov.uk"), "must be a web address"),
    ],
)
def test_a_bad_directory_is_refused_with_what_is_wrong(change, message):
    with pytest.raises(ImproperlyConfigured) as error:
        directory.parse(_spoil(change))
    assert message in str(error.value)


def test_a_directory_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text("national: [\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="not valid YAML"):
        directory.load(path)


def test_a_school_elsewhere_gets_a_request_to_add_each_local_contact_never_another_areas(db):
    texts = plan_contact_texts(SchoolFactory(local_authority="Leeds"))
    assert texts[ContactPurpose.PREVENT_REFERRAL] == (
        "Your local authority's Prevent referral contact is not yet recorded: "
        "the Prevent Lead should add it (Contacts)."
    )
    assert "0345" not in " ".join(texts.values())
    assert texts[ContactPurpose.DFE_HELPLINE] == (
        "DfE counter-extremism helpline, tel. 020 7340 7264, counter.extremism@education.gov.uk"
    )


def test_the_state_of_a_schools_local_contacts(db):
    leeds = SchoolFactory(local_authority="Leeds")
    assert not local_contacts_state(leeds).is_complete
    LocalContact.objects.create(school=leeds, name="Leeds Front Door", purpose="prevent_referral")
    assert local_contacts_state(leeds).is_complete
    assert local_contacts_state(SchoolFactory(local_authority="Peterborough")).in_directory


def test_staff_elsewhere_are_told_the_local_contacts_are_not_recorded(client, db):
    school = SchoolFactory(local_authority="Leeds")
    client.force_login(member(school, Role.STAFF))
    page = client.get(reverse("referrals:report-concern")).content.decode()
    assert "Your local authority's Prevent contacts (Leeds) are not yet recorded" in page
    assert "The Prevent Lead should add the school's local contacts" in page
    assert "0345 045 5203" not in page and "01733 864180" not in page
    assert "0800 789 321" in page


def test_the_lead_elsewhere_is_asked_to_add_them_with_a_link(client, db):
    school = SchoolFactory(local_authority="Leeds")
    client.force_login(member(school, Role.STAFF, Role.PREVENT_LEAD))
    page = client.get(reverse("referrals:report-concern")).content.decode()
    assert f'href="{reverse("referrals:contact-list")}">Add the school\'s local contacts</a>' in page
    contacts = client.get(reverse("referrals:contact-list")).content.decode()
    assert "the contact directory has no entry for Leeds" in contacts


def test_staff_see_where_the_areas_contacts_come_from(world, login):
    page = login(world.staff).get(reverse("referrals:report-concern")).content.decode()
    assert "Cambridgeshire and Peterborough schools&#x27; Prevent action plan" in page
    assert "(2019)" in page


def test_a_copied_default_keeps_what_it_is_for(world):
    from referrals.services import contacts_create_defaults

    contacts_create_defaults(school=world.school)
    purposes = dict(LocalContact.objects.filter(school=world.school).values_list("name", "purpose"))
    assert purposes["Customer Service Centre (Peterborough)"] == "prevent_referral"
    assert purposes["Anti-Terrorist Hotline"] == "anti_terrorist_hotline"
