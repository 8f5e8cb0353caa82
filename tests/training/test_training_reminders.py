"""send_training_reminders: missing, expired and lapsing training, once a day whatever the runs."""

import datetime

from django.core import mail
from django.core.management import call_command

from accounts.models import Role
from training.models import TrainingReminder

from .factories_courses import CourseFactory, TrainingRecordFactory

TODAY = datetime.date.today()


def test_it_reminds_people_once_a_day(school, staff, lead, dsl, governor):
    course = CourseFactory(
        school=school, title="Home Office Prevent awareness (course 1)", required_roles=[Role.STAFF.value]
    )
    TrainingRecordFactory(course=course, user=staff, completed_on=TODAY - datetime.timedelta(days=700))  # lapsing
    TrainingRecordFactory(course=course, user=dsl, completed_on=TODAY - datetime.timedelta(days=30))  # valid
    call_command("send_training_reminders", base_url="https://prevent.example")
    assert sorted(m.to[0] for m in mail.outbox) == ["lee@school.example", "sam@school.example"]
    to_sam = next(m for m in mail.outbox if m.to == ["sam@school.example"])
    assert "Home Office Prevent awareness (course 1): lapses on" in to_sam.body
    assert "https://prevent.example/training/" in to_sam.body
    assert to_sam.alternatives and "<ul>" in to_sam.alternatives[0][0]
    assert f"<title>{to_sam.subject}</title>" in to_sam.alternatives[0][0]
    to_lee = next(m for m in mail.outbox if m.to == ["lee@school.example"])
    assert "no record yet" in to_lee.body

    call_command("send_training_reminders")
    assert len(mail.outbox) == 2  # the same day twice sends nothing more
    assert TrainingReminder.objects.count() == 2


def test_it_sends_nothing_when_everyone_is_trained(school, staff):
    course = CourseFactory(school=school, required_roles=[Role.STAFF.value])
    TrainingRecordFactory(course=course, user=staff)
    call_command("send_training_reminders")
    assert mail.outbox == []


def test_the_commands_say_what_they_queued_or_sent(school, staff):
    import io

    CourseFactory(school=school, required_roles=[Role.STAFF.value])
    out = io.StringIO()
    call_command("send_training_reminders", now=True, stdout=out)
    assert out.getvalue().splitlines() == [f"{school.name}: 1 reminder sent", "1 training reminder sent."]
    out = io.StringIO()
    call_command("send_training_reminders", stdout=out)
    assert "Training reminders queued for 1 schools." in out.getvalue()
    out = io.StringIO()
    call_command("send_acknowledgement_reminders", now=True, stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 reminders sent in all."
