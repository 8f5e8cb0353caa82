"""Who is told of what: a new speaker request, a decision, a governor's question, a case action
falling due, training about to lapse; each on the home page and by email after the commit."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from compliance.reports import headlines
from compliance.reports.snapshots import challenge_ask
from notifications.models import EmailState, Kind, Notification
from referrals.notices import case_actions_due_notify
from training.notices import training_lapse_notify

from ..referrals.factories import make_action, make_case
from ..security.matrix.reports import _snapshot
from ..speakers.factories import complete_checks, decide, make_request
from ..training.factories_courses import CourseFactory, TrainingRecordFactory


def _of(kind):
    return list(Notification.objects.filter(kind=kind).order_by("recipient__full_name"))


def test_it_tells_the_deciders_of_a_new_speaker_request_and_emails_them_after_the_commit(
    school, staff, lead, head, dsl, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request = make_request(school, staff, event_title="Faith panel")
        assert mail.outbox == []  # nothing goes before the commit
    # One for the emails (the other refreshes the trust overview's figures: compliance.reports.headlines).
    assert len([c for c in callbacks if not isinstance(c, headlines._Refresh)]) == 1
    told = _of(Kind.SPEAKER_REQUEST)
    assert [n.recipient for n in told] == [head, lead]  # those who decide; not the DSL, not the requester
    assert "Sam Staff" in told[0].text and "“Faith panel”" in told[0].text
    assert told[0].link == f"/speakers/{request.pk}/"
    assert sorted(m.to[0] for m in mail.outbox) == [head.email, lead.email]
    assert all(n.email_state == EmailState.SENT for n in Notification.objects.all())
    message = mail.outbox[0]
    assert "A new speaker request" in message.subject and "“Faith panel”" in message.body
    assert message.alternatives and "“Faith panel”" in message.alternatives[0][0]


def test_the_requester_learns_the_decision_but_not_its_justification(
    school, staff, lead, django_capture_on_commit_callbacks
):
    request = complete_checks(make_request(school, staff, event_title="Careers talk"), lead)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = decide(request, lead, outcome="decline", justification="The LA Prevent officer advises against.")
    [told] = _of(Kind.SPEAKER_DECISION)
    assert told.recipient == staff and told.text == "Your request “Careers talk” was decided: declined"
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert "Prevent officer" not in message.body and "Prevent officer" not in told.text
    with django_capture_on_commit_callbacks(execute=True):
        decide(request, lead, outcome="approve", supersedes_id=first.pk, reason_for_change="New advice.")
    latest = Notification.objects.filter(kind=Kind.SPEAKER_DECISION).latest("pk")
    assert latest.text == "The decision on your request “Careers talk” was changed: approved"


def test_no_one_is_told_of_their_own_request_or_decision(school, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = complete_checks(make_request(school, lead), lead)
        decide(request, lead)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_governors_question_tells_those_who_answer(
    school, governor, lead, head, staff, django_capture_on_commit_callbacks
):
    snapshot = _snapshot(type("World", (), {"school": school, "lead": lead})())
    with django_capture_on_commit_callbacks(execute=True):
        entry = challenge_ask(snapshot=snapshot, question="Who still needs Channel training?", by=governor)
    told = _of(Kind.GOVERNOR_QUESTION)
    assert [n.recipient for n in told] == [head, lead]
    assert "Gita Governor asked a question" in told[0].text
    assert told[0].link.endswith(f"#question-{entry.pk}")
    assert len(mail.outbox) == 2


def test_case_actions_falling_due_tell_those_who_record_referrals_once_and_say_nothing_of_the_case(
    school, lead, dsl, head, staff
):
    today = timezone.localdate()
    case = make_case(school, lead, raised_on=today - datetime.timedelta(days=10), summary="Secret summary")
    make_action(case, lead, due_on=today + datetime.timedelta(days=2), description="Secret description")
    make_action(case, lead, due_on=today + datetime.timedelta(days=20))  # not yet
    assert case_actions_due_notify(today) == 2  # the Lead and the DSL; not the head (the school's setting)
    assert case_actions_due_notify(today) == 0  # once
    told = _of(Kind.CASE_ACTION_DUE)
    assert {n.recipient for n in told} == {lead, dsl}
    assert all("Secret" not in n.text and case.reference not in n.text for n in told)
    # Overdue now: told again, once.
    later = today + datetime.timedelta(days=3)
    assert case_actions_due_notify(later) == 2
    assert case_actions_due_notify(later) == 0
    assert "is not done yet" in Notification.objects.filter(kind=Kind.CASE_ACTION_DUE).latest("pk").text


def test_the_case_action_email_says_only_that_one_is_due(school, lead, settings):
    settings.SITE_URL = "https://prevent.example.org"
    today = timezone.localdate()
    case = make_case(school, lead, raised_on=today - datetime.timedelta(days=10))
    make_action(case, lead, due_on=today + datetime.timedelta(days=1), description="Secret description")
    call_command("notifications_scan_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [message] = mail.outbox
    assert "A case action is due — sign in to see it." in message.body
    assert "Secret" not in message.body and case.reference not in message.body
    assert str(case.pk) not in message.body.replace(str(today.year), "")
    assert "https://prevent.example.org/notifications/" in message.body


def test_training_about_to_lapse_tells_the_person_once_per_record(school, staff, lead):
    today = timezone.localdate()
    course = CourseFactory(school=school, refresh_months=12, title="Prevent awareness")
    # Completed a year ago less 20 days: lapses in 20 days.
    lapsing = TrainingRecordFactory(course=course, user=staff, completed_on=_months_ago(today, 12, plus_days=20))
    TrainingRecordFactory(course=course, user=lead, completed_on=_months_ago(today, 12, plus_days=45))  # not yet
    assert training_lapse_notify(today) == 1
    assert training_lapse_notify(today) == 0
    [told] = _of(Kind.TRAINING_LAPSING)
    assert told.recipient == staff and "Prevent awareness" in told.text
    assert told.key == f"training-lapse:{lapsing.pk}"
    assert told.email_state == EmailState.PENDING  # the scan's command sends them all at once
    call_command("notifications_scan_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [[staff.email]]
    told.refresh_from_db()
    assert told.email_state == EmailState.SENT


def _months_ago(today, months, plus_days=0):
    from training.expiry import add_months

    return add_months(today, -months) + datetime.timedelta(days=plus_days)
