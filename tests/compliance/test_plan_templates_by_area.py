"""Templates chosen per school: the national plan with its local authority's contacts, the seed's
plan only where its contacts are right, and templates that are checked when loaded."""

import io
import re
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from compliance import plan_templates
from compliance.checks import plan_templates_check
from compliance.models import ActionPlan, Owner
from compliance.services import plan_create_from_template
from referrals.models import LocalContact
from tests.factories import SchoolFactory, member

SEED = Path(__file__).resolve().parent / "data" / "prevent-action-plan-cambridgeshire-peterborough.txt"

# Anything that would send a member of staff to Cambridgeshire or Peterborough.
CAMBRIDGESHIRE = ["0345 045 5203", "01733 864180", "Cambridgeshire", "Peterborough", "Cambs", "cambs.pnn.police.uk"]


def _normal(text):
    return re.sub(r"\s+", " ", text).strip()


def _seed_contact_cells():
    """The seed document's passages that give its local contacts (numbers, email, web address),
    cut from its text: referrals, the police's advice line, the children's social care form."""
    text = _normal(SEED.read_text(encoding="utf-8"))
    patterns = [
        r"Prevent referrals are made to .*?\(Peterborough\)\.",
        r"Advice may be sought .*?pnn\.police\.uk",
        r"Referrals should be made using .*?/childrenboard/",
    ]
    return [re.search(pattern, text).group(0) for pattern in patterns]


def _plan_text(plan):
    parts = [plan.title, plan.statement]
    parts += [_normal(text) for text in plan.actions.values_list("text", flat=True)]
    return "\n".join(parts)


def test_a_school_in_an_authority_without_an_entry_gets_no_cambridgeshire_contact_and_is_told_what_to_add(db):
    school = SchoolFactory(name="Leeds Test Academy", local_authority="Leeds")
    plan = plan_create_from_template(school=school, by=None, academic_year="2026/27")
    text = _plan_text(plan)
    for fact in CAMBRIDGESHIRE:
        assert fact not in text, fact
    missing = "Your local authority's Prevent referral contact is not yet recorded: the Prevent Lead should add it"
    assert f"{missing} (Contacts)." in text
    assert "Your local authority's children's social care (MASH) referral contact is not yet recorded" in text
    # The national contacts are the same for every school.
    assert "https://www.gov.uk/guidance/making-a-referral-to-prevent" in text


def test_a_school_in_peterborough_gets_the_seeds_contacts_word_for_word(db):
    cells = _seed_contact_cells()
    assert len(cells) == 3  # referrals, police advice, the children's social care form
    school = SchoolFactory(local_authority="Peterborough")
    text = _plan_text(plan_create_from_template(school=school, by=None, academic_year="2026/27"))
    for cell in cells:
        assert cell in text, cell
    other = SchoolFactory(local_authority="Peterborough")
    seed_plan = plan_create_from_template(
        school=other, by=None, academic_year="2026/27", template_key=plan_templates.SEED
    )
    for cell in cells:
        assert cell in _plan_text(seed_plan), cell


def test_the_national_plan_follows_the_2023_guidance_in_current_terms(db):
    school = SchoolFactory(local_authority="Leeds")
    plan = plan_create_from_template(school=school, by=None, academic_year="2026/27")
    assert plan.template_key == "national-2023"
    assert [area.title for area in plan.areas.all()] == [
        "Leadership",
        "Working in partnership",
        "Capabilities: understanding risk and training",
        "Reducing permissive environments",
        "Referral and sharing information",
        "Monitoring and assurance",
    ]
    permissive = plan.areas.get(title="Reducing permissive environments")
    duties = " ".join(permissive.duties.values_list("text", flat=True))
    for topic in ["speakers", "premises", "IT", "curriculum"]:
        assert topic in duties
    everything = _plan_text(plan) + " ".join(
        plan.areas.values_list("duties__evidence_lines__text", flat=True).exclude(duties__evidence_lines__text=None)
    )
    assert "susceptible" in everything
    assert "vulnerable" not in everything
    for outdated in [
        "2019",
        "June 2015",
        "elearning.prevent.homeoffice.gov.uk",
        "pnn.police.uk",
        "Part One and Annex A",
    ]:
        assert outdated not in everything, outdated
    assert "Prevent duty guidance: England and Wales (Home Office, 2023)" in everything
    # Every action has an owner by role, governors included.
    owners = set(plan.actions.values_list("owner", flat=True))
    assert "" not in owners
    assert Owner.GOVERNING_BODY in owners
    kcsie = plan.actions.get(measure_key="documents.confirmed", measure_params={"document": "kcsie"})
    assert "Part one" in kcsie.text


def test_a_school_elsewhere_names_its_own_contacts_once_the_lead_has_added_them(db):
    school = SchoolFactory(local_authority="Leeds")
    LocalContact.objects.create(
        school=school, name="Leeds Front Door", phone="0113 000 0000", purpose="prevent_referral", order=1
    )
    text = _plan_text(plan_create_from_template(school=school, by=None, academic_year="2026/27"))
    assert "Prevent referrals (the local route): Leeds Front Door, tel. 0113 000 0000." in text
    assert "Prevent referral contact is not yet recorded" not in text
    assert "contact for advice on Prevent concerns is not yet recorded" in text


def test_a_lead_elsewhere_is_offered_only_the_national_plan(client, db):
    school = SchoolFactory(local_authority="Leeds")
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD)
    client.force_login(lead)
    page = client.get(reverse("compliance:plan"))
    assert [key for key, _ in page.context["form"].fields["template"].choices] == ["national-2023"]
    assert "The contact directory has no local contacts for Leeds yet" in page.content.decode()
    refused = client.post(
        reverse("compliance:plan-create"), {"template": plan_templates.SEED, "academic_year": "2026/27"}
    )
    assert refused.status_code == 400
    assert not ActionPlan.objects.filter(school=school).exists()


def test_the_command_gives_a_school_its_default_template_unless_told(db):
    school = SchoolFactory(urn="123456", local_authority="Leeds")
    out = io.StringIO()
    call_command("create_plan", school.urn, "--year", "2026/27", stdout=out)
    assert ActionPlan.objects.get(school=school).template_key == "national-2023"


def test_each_template_says_where_it_comes_from_and_when():
    for key in plan_templates.template_keys():
        template = plan_templates.load(key)
        assert template["source"] and template["date"] and template["label"]
    assert plan_templates.load(plan_templates.SEED)["offered_to"] == ["Cambridgeshire", "Peterborough"]
    assert plan_templates.is_offered(plan_templates.SEED, "City of Peterborough")
    assert not plan_templates.is_offered(plan_templates.SEED, "Leeds")


def test_the_shipped_templates_pass_the_start_up_check():
    assert plan_templates_check(None) == []


def _national():
    return yaml.safe_load((plan_templates.FOLDER / "national-2023.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "spoil, message",
    [
        (
            lambda t: t["areas"][0]["duties"][0]["evidence"][0]["actions"][0].update(text="Call {contact:prevnt}"),
            "unknown placeholder {contact:prevnt}",
        ),
        (lambda t: t.update(statement="{schol} has a duty"), "unknown placeholder {schol}"),
        (
            lambda t: t["areas"][0]["duties"][0]["evidence"][0]["actions"][0].update(owner="caretaker"),
            "unknown owner 'caretaker'",
        ),
        (lambda t: t.pop("source"), "missing source"),
        (lambda t: t.pop("date"), "missing date"),
        (lambda t: t.update(offered_to="Leeds"), "offered_to must be"),
        (lambda t: t.update(key="another"), "its key must be its file name"),
        (lambda t: t.update(colour="red"), "unknown field(s) colour"),
        (lambda t: t["areas"][1].pop("title"), "an area needs a title"),
    ],
)
def test_a_bad_template_is_refused_with_what_is_wrong(spoil, message):
    template = _national()
    spoil(template)
    with pytest.raises(ImproperlyConfigured) as error:
        plan_templates.validate(template, "national-2023.yaml")
    assert message in str(error.value)


def test_a_template_that_is_not_yaml_is_refused(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("key: broken\nareas: [\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="not valid YAML"):
        plan_templates.read(path)


def test_the_lead_names_the_contacts_added_later_in_the_plans_waiting_lines(client, db):
    school = SchoolFactory(local_authority="Leeds")
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD)
    plan = plan_create_from_template(school=school, by=lead, academic_year="2026/27")
    client.force_login(lead)
    page = client.get(reverse("compliance:plan")).content.decode()
    assert "3 lines of this plan are waiting for the school's local contacts" in page
    assert "Name the contacts the school has added" not in page  # nothing to name yet
    LocalContact.objects.create(
        school=school, name="Leeds Front Door", phone="0113 000 0000", purpose="prevent_referral"
    )
    assert "Name the contacts the school has added" in client.get(reverse("compliance:plan")).content.decode()
    client.post(reverse("compliance:plan-fill-contacts", args=[plan.pk]))
    text = _plan_text(plan)
    assert "Prevent referrals (the local route): Leeds Front Door, tel. 0113 000 0000." in text
    assert "Prevent referral contact is not yet recorded" not in text
    assert "contact for advice on Prevent concerns is not yet recorded" in text  # still not added
    changed = plan.actions.get(text__startswith="Prevent referrals (the local route)")
    assert changed.history.filter(summary="Updated").exists()
