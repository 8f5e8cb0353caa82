"""Who is told of a governor's question: the school's leaders who answer them (not the asker)."""

from django.urls import reverse

from notifications.models import Kind
from notifications.selectors import people_with_capability
from notifications.services import notify


def question_asked_notify(entry):
    """Tell those who answer governors' questions that one was asked against a frozen report."""
    snapshot = entry.snapshot
    notify(
        school=snapshot.school,
        recipients=people_with_capability(snapshot.school, "answer_challenge", exclude=entry.asked_by),
        kind=Kind.GOVERNOR_QUESTION,
        text=f"{entry.asked_by} asked a question about the report “{snapshot.title}”: it is waiting for an answer",
        link=reverse("compliance:snapshot-detail", kwargs={"pk": snapshot.pk}) + f"#question-{entry.pk}",
        key=f"governor-question:{entry.pk}",
    )
