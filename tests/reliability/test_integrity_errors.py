"""Two people (or two tabs) doing the same thing at once: one is saved, the other is told why;
never the error page, never a half-saved record.

Found: concurrent corrections of a referral decision, concurrent superseding speaker decisions,
a withdrawal and a first due-diligence check sent twice, two rollovers and a 260-character email
in the staff CSV import all ended on the error page (an IntegrityError or a DataError).
"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from compliance.models import ActionPlan
from referrals.models import Decision
from speakers.models import CheckTemplate, DueDiligenceCheck, Evaluation
from tests.referrals.factories import make_case, make_decision
from tests.speakers.factories import complete_checks, decide, make_request
from tests.training.factories_courses import CourseFactory
from tests.training.factories_documents import confirm, document
from training.models import AcknowledgementWithdrawal, Course

from .conftest import form_values, needs_postgres, run_together, signed_in

TODAY = timezone.localdate()


def _both(url, *senders):
    """Each (client, data) opens the form, then all send it at the same instant."""
    prepared = [(client, {**form_values(client.get(url).content.decode()), **data}) for client, data in senders]
    answers, errors = run_together(*(lambda c=c, d=d: c.post(url, d) for c, d in prepared))
    assert errors == []
    assert all(a.status_code < 500 for a in answers), [a.status_code for a in answers]
    return answers


def _refused(answers):
    assert sorted(a.status_code for a in answers) == [200, 302], [a.status_code for a in answers]
    return next(a for a in answers if a.status_code == 200).content.decode().replace("&#x27;", "'")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_corrections_of_one_referral_decision(school, staff, lead, dsl):
    case = make_case(school, lead)
    first = make_decision(case, lead, decided_on=case.raised_on)
    url = reverse("referrals:decision-add", args=[case.pk])

    def correction(who):
        return {
            "kind": "support",
            "rationale": f"Corrected by {who}: mentoring.",
            "decided_on": TODAY,
            "supersedes": first.pk,
            "correction_reason": f"{who} found the advice was received.",
        }

    answers = _both(url, (signed_in(lead), correction("Lee")), (signed_in(dsl), correction("Dee")))
    page = _refused(answers)
    assert "already been corrected" in page
    assert Decision.objects.filter(supersedes=first).count() == 1
    loser = "Lee" if "Corrected by Lee" not in Decision.objects.get(supersedes=first).rationale else "Dee"
    assert f"Corrected by {loser}: mentoring." in page  # what they wrote is still in the form


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_withdrawn_in_two_tabs_at_once(school, staff, lead):
    ack = confirm(staff, document(school, lead))
    url = reverse("training:acknowledgement-withdraw", args=[ack.pk])
    answers = _both(url, (signed_in(lead), {"reason": "Tab one."}), (signed_in(lead), {"reason": "Tab two."}))
    page = _refused(answers)
    assert "Your withdrawal was not recorded" in page and "already withdrawn on" in page
    assert AcknowledgementWithdrawal.objects.filter(acknowledgement=ack).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_first_check_recorded_by_two_people_at_once(school, staff, lead, head):
    speaker_request = make_request(school, staff)
    template = CheckTemplate.objects.filter(school=school).first()
    url = reverse("speakers:check-edit", args=[speaker_request.pk, template.pk])
    answers = _both(
        url,
        (signed_in(lead), {"result": "no_concerns", "notes": "Lee searched."}),
        (signed_in(head), {"result": "concerns", "notes": "Hal found posts."}),
    )
    assert [a.status_code for a in answers] == [302, 302]  # the second records it again
    assert DueDiligenceCheck.objects.filter(request=speaker_request, template=template).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_event_evaluated_by_two_people_at_once(school, staff, lead, head):
    speaker_request = complete_checks(make_request(school, staff), lead)
    decide(speaker_request, lead)
    type(speaker_request).objects.filter(pk=speaker_request.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    url = reverse("speakers:evaluate", args=[speaker_request.pk])
    data = {"went_as_agreed": "yes", "notes": "Went well.", "invite_again": "yes"}
    answers = _both(url, (signed_in(lead), data), (signed_in(head), data))
    assert "already been evaluated" in _refused(answers)
    assert Evaluation.objects.filter(request=speaker_request).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_plans_for_one_year_made_at_once(school, lead, head):
    url = reverse("compliance:plan-create")
    data = {"template": "cambridgeshire-peterborough-2019", "academic_year": "2030/31"}
    prepared = [
        (c, {**form_values(c.get(reverse("compliance:plan")).content.decode(), action=url), **data})
        for c in (
            signed_in(lead),
            signed_in(head),
        )
    ]
    answers, errors = run_together(*(lambda c=c, d=d: c.post(url, d) for c, d in prepared))
    assert errors == []
    assert sorted(a.status_code for a in answers) == [302, 400]
    assert "already has an action plan for 2030/31" in next(a for a in answers if a.status_code == 400).content.decode()
    assert ActionPlan.objects.filter(school=school, academic_year="2030/31").count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_courses_with_one_short_name_made_at_once(school, lead, head):
    url = reverse("training:course-add")
    data = {"title": "Channel awareness", "slug": "channel", "kind": "e_learning", "position": 1}
    page = _refused(_both(url, (signed_in(lead), data), (signed_in(head), data)))
    # Django's own check or, when both passed it at the same instant, the database's rule.
    errors = re.findall(r"<li>(.*?)</li>", page)
    assert any("already uses this short name" in e or "Slug already exists" in e for e in errors), errors
    assert Course.objects.filter(school=school, slug="channel").count() == 1
    CourseFactory(school=school)  # the school can still add courses


@pytest.mark.django_db
def test_an_email_longer_than_the_column_is_a_row_error_in_the_csv_import(client, school, lead):
    """254 characters is what the column holds; a valid address can be longer (found: 260)."""
    client.force_login(lead)
    long_email = "a" * 60 + "." + "b" * 60 + "@" + ".".join(["c" * 60] * 3) + ".example"
    assert len(long_email) > 254
    csv = f"name,email,job title,roles\nAli Long,{long_email},Teacher,staff\nBea Short,bea@school.example,,staff\n"
    people, memberships = User.objects.count(), Membership.objects.count()
    answer = client.post(
        reverse("accounts:member-import"), {"file": SimpleUploadedFile("staff.csv", csv.encode(), "text/csv")}
    )
    assert answer.status_code == 200
    assert "longer than 254 characters" in answer.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == (people, memberships)
