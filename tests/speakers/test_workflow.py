"""The rules of the workflow, through the services."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from speakers.models import CheckTemplate, Decision, DueDiligenceCheck, Status
from speakers.services import check_record, evaluation_record

from .factories import complete_checks, decide, make_request

pytestmark = pytest.mark.django_db


def test_it_starts_as_a_draft_without_an_outline_and_waits_for_checks_with_one(school, staff):
    assert make_request(school, staff, outline="").status == Status.DRAFT
    assert make_request(school, staff).status == Status.AWAITING_CHECKS


def test_it_refuses_any_decision_without_an_outline(school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff, outline=""), lead)
    for outcome in ("approve", "decline"):
        with pytest.raises(ValidationError, match="without an outline"):
            decide(speaker_request, lead, outcome=outcome)
    assert not Decision.objects.exists()


def test_it_refuses_approval_until_every_required_check_is_done(school, staff, lead):
    speaker_request = make_request(school, staff)
    with pytest.raises(ValidationError, match="every required check"):
        decide(speaker_request, lead, outcome="approve")
    with pytest.raises(ValidationError, match="every required check"):
        decide(speaker_request, lead, outcome="approve_conditions", conditions=["no_recording"])
    complete_checks(speaker_request, lead)
    assert speaker_request.status == Status.AWAITING_DECISION
    decide(speaker_request, lead, outcome="approve")
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.APPROVED


def test_it_allows_a_decline_before_the_checks_are_done(school, staff, lead):
    speaker_request = make_request(school, staff)
    decide(speaker_request, lead, outcome="decline", justification="Links to a proscribed group.")
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.DECLINED


def test_it_requires_the_prevent_officer_only_once_a_check_found_concerns(school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff), lead)
    assert speaker_request.status == Status.AWAITING_DECISION
    online = CheckTemplate.objects.get(school=school, name="Online and social media search")
    check_record(
        speaker_request=speaker_request, template=online, by=lead, result="concerns", notes="Posts praising a group."
    )
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.AWAITING_CHECKS
    with pytest.raises(ValidationError, match="Views of the local Prevent officer"):
        decide(speaker_request, lead)
    officer = CheckTemplate.objects.get(school=school, only_if_concerns=True)
    check_record(speaker_request=speaker_request, template=officer, by=lead, result="no_concerns", notes="PC Day: ok.")
    decide(speaker_request, lead, outcome="approve_conditions", conditions=["staff_present"])


def test_it_requires_a_written_justification(school, staff, lead):
    speaker_request = make_request(school, staff)
    with pytest.raises(ValidationError, match="justification"):
        decide(speaker_request, lead, outcome="decline", justification="   ")


def test_it_requires_a_condition_for_approval_with_conditions(school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff), lead)
    with pytest.raises(ValidationError, match="condition"):
        decide(speaker_request, lead, outcome="approve_conditions")
    decision = decide(speaker_request, lead, outcome="approve_conditions", other_conditions="Head of RE attends.")
    assert decision.condition_labels == ["Head of RE attends."]


def test_it_refuses_to_change_or_delete_a_decision(school, staff, lead):
    decision = decide(make_request(school, staff), lead, outcome="decline")
    decision.justification = "Rewritten afterwards"
    with pytest.raises(ValidationError, match="never changed"):
        decision.save()
    with pytest.raises(ValidationError, match="never deleted"):
        decision.delete()
    assert Decision.objects.get().justification != "Rewritten afterwards"


def test_it_keeps_both_decisions_when_a_new_one_supersedes(school, staff, lead, head):
    speaker_request = complete_checks(make_request(school, staff), lead)
    first = decide(speaker_request, lead, outcome="approve")
    with pytest.raises(ValidationError, match="why the earlier decision"):
        decide(speaker_request, head, outcome="decline", supersedes_id=first.pk)
    second = decide(
        speaker_request, head, outcome="decline", supersedes_id=first.pk, reason_for_change="New posts found."
    )
    assert second.supersedes == first
    assert list(speaker_request.decisions.order_by("pk")) == [first, second]
    speaker_request.refresh_from_db()
    assert speaker_request.status == Status.DECLINED


def test_it_refuses_a_decision_made_on_an_out_of_date_page(school, staff, lead, head):
    speaker_request = make_request(school, staff)
    decide(speaker_request, lead, outcome="decline")
    with pytest.raises(ValidationError, match="while you were deciding"):
        decide(speaker_request, head, outcome="decline", supersedes_id=None)
    assert Decision.objects.count() == 1


def test_it_makes_one_decision_from_a_form_submitted_twice(login, school, staff, lead):
    speaker_request = make_request(school, staff)
    client = login(lead)
    url = reverse("speakers:decide", args=[speaker_request.pk])
    token = re.search(r'name="submission_token" value="([^"]+)"', client.get(url).content.decode()).group(1)
    data = {"submission_token": token, "outcome": "decline", "justification": "Shares platforms with a banned group."}
    first = client.post(url, data)
    again = client.post(url, data, follow=True)
    assert first.status_code == 302 and again.redirect_chain[0][0] == first["Location"]
    assert "already saved" in again.content.decode()
    assert Decision.objects.count() == 1


def test_it_audits_checks_and_decisions(school, staff, lead):
    speaker_request = complete_checks(make_request(school, staff), lead)
    decision = decide(speaker_request, lead)
    assert AuditEvent.objects.filter(object_type="speakers.duediligencecheck", actor=lead).count() == 5
    event = AuditEvent.objects.get(object_type="speakers.decision", object_id=str(decision.pk))
    assert event.changes["outcome"] == "approve"


def test_it_evaluates_only_an_approved_event_that_has_happened(school, staff, lead):
    future = complete_checks(make_request(school, staff), lead)
    decide(future, lead)
    with pytest.raises(ValidationError, match="not happened yet"):
        evaluation_record(speaker_request=future, by=lead, went_as_agreed=True, notes="ok", invite_again="yes")
    declined = make_request(school, staff, starts_at=timezone.now() - datetime.timedelta(days=1))
    decide(declined, lead, outcome="decline")
    with pytest.raises(ValidationError, match="Only an approved"):
        evaluation_record(speaker_request=declined, by=lead, went_as_agreed=True, notes="ok", invite_again="yes")
    past = complete_checks(make_request(school, staff, starts_at=timezone.now() - datetime.timedelta(days=1)), lead)
    decide(past, lead)
    evaluation_record(speaker_request=past, by=lead, went_as_agreed=True, notes="Went well.", invite_again="yes")
    past.refresh_from_db()
    assert past.status == Status.EVALUATED


def test_it_keeps_one_record_per_check(school, staff, lead):
    speaker_request = make_request(school, staff)
    template = CheckTemplate.objects.filter(school=school).first()
    check_record(speaker_request=speaker_request, template=template, by=lead, result="no_concerns", notes="a")
    check_record(speaker_request=speaker_request, template=template, by=lead, result="concerns", notes="b")
    assert DueDiligenceCheck.objects.get().notes == "b"


def test_it_refuses_a_check_of_another_schools_list(school, other_school, staff, lead, outsider):
    speaker_request = make_request(school, staff)
    make_request(other_school, outsider)
    foreign = CheckTemplate.objects.filter(school=other_school).first()
    with pytest.raises(ValidationError):
        check_record(speaker_request=speaker_request, template=foreign, by=lead, result="no_concerns", notes="x")
