"""The setup checklist of a new school, and the setup tasks on the Lead's home page."""

import datetime

import time_machine
from django.urls import reverse

from accounts.models import Role
from compliance.models import ActionPlan
from referrals.models import LocalContact
from tests.factories import SchoolFactory, member
from training.default_documents import documents_create_defaults
from training.services.courses import courses_create_defaults

SETUP = reverse("compliance:setup")
NOVEMBER = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)


def _steps(client):
    return {step.key: step for step in client.get(SETUP).context["steps"]}


@time_machine.travel(NOVEMBER, tick=False)
def test_a_new_school_elsewhere_starts_with_every_step_to_do(client, db):
    school = SchoolFactory(local_authority="Leeds")
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD)
    client.force_login(lead)
    response = client.get(SETUP)
    page = response.content.decode()
    steps = _steps(client)
    assert list(steps) == ["template", "documents", "courses", "contacts", "risk_assessment", "filtering"]
    assert [steps[k].done for k in ("template", "documents", "courses", "contacts")] == [False] * 4
    assert "The contact directory has no entry for Leeds" in steps["contacts"].summary
    # The template is chosen here: only the national plan is offered in Leeds.
    assert [key for key, _ in response.context["plan_form"].fields["template"].choices] == ["national-2023"]
    assert f'action="{reverse("compliance:plan-create")}"' in page
    attention = {item.label: item for item in client.get(reverse("home")).context["attention"]}
    contacts = attention[
        "No local Prevent contacts are recorded for Leeds: add the school's local contacts "
        '(the plan and "How to report a concern" are waiting for them)'
    ]
    assert contacts.url == reverse("referrals:contact-list") and contacts.urgent
    assert attention["Finish setting up the school"].count == 4


@time_machine.travel(NOVEMBER, tick=False)
def test_the_steps_are_done_as_the_school_sets_them_up(client, school, lead):
    client.force_login(lead)
    documents_create_defaults(school=school, by=lead)
    courses_create_defaults(school=school, by=lead)
    client.post(reverse("compliance:plan-create"), {"template": "national-2023", "academic_year": "2026/27"})
    assert ActionPlan.objects.filter(school=school).exists()
    steps = _steps(client)
    assert steps["template"].done
    assert "National plan under the Prevent duty guidance (2023)" in steps["template"].summary
    assert steps["courses"].done
    assert steps["contacts"].done  # Peterborough: in the directory
    assert "Cambridgeshire and Peterborough" in steps["contacts"].summary
    # The school's own policies still have to be published.
    assert not steps["documents"].done
    assert "Publish the school's own version of: Acceptable use policy" in steps["documents"].summary
    assert "Finish setting up the school" in [i.label for i in client.get(reverse("home")).context["attention"]]


@time_machine.travel(NOVEMBER, tick=False)
def test_the_lead_elsewhere_completes_the_contacts_step_by_adding_the_referral_route(client, db):
    school = SchoolFactory(local_authority="Leeds")
    lead = member(school, Role.STAFF, Role.PREVENT_LEAD)
    client.force_login(lead)
    client.post(
        reverse("referrals:contact-add"),
        {"name": "Leeds Front Door", "purpose": "prevent_referral", "phone": "0113 000 0000", "order": 1},
    )
    assert LocalContact.objects.get(school=school).purpose == "prevent_referral"
    assert _steps(client)["contacts"].done
    labels = [item.label for item in client.get(reverse("home")).context["attention"]]
    assert not any(label.startswith("No local Prevent contacts") for label in labels)


def test_the_assurance_steps_say_when_they_cannot_be_read(client, school, lead):
    from django.apps import apps

    client.force_login(lead)
    steps = _steps(client)
    if not apps.is_installed("assurance"):
        assert steps["risk_assessment"].done is None
        assert steps["risk_assessment"].status == "Not yet available"
        assert not steps["risk_assessment"].can_open
    else:
        assert steps["risk_assessment"].done is False
        assert steps["risk_assessment"].can_open


def test_staff_and_governors_may_not_open_the_checklist(login, staff, governor):
    assert login(staff).get(SETUP).status_code == 403
    assert login(governor).get(SETUP).status_code == 403


def test_the_head_sees_the_checklist_without_the_contacts_link(login, head):
    steps = _steps(login(head))
    assert not steps["contacts"].can_open  # contacts are the Lead's
    assert steps["template"].can_open
