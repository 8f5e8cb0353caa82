"""Access to a person's notifications: everyone with a home page sees their own; another person's
notification, or another school's, is a 404."""

from . import Entry

EVERYONE = {"staff", "lead", "dsl", "head", "governor", "trust"}


def _notification(world):
    """A notification of school A for its Prevent Lead."""
    from notifications.models import Kind, Notification

    return Notification.objects.create(
        school=world.school, recipient=world.lead, kind=Kind.SPEAKER_REQUEST, text="New request", link="/speakers/"
    )


ENTRIES = {
    "notifications:list": Entry(allowed=EVERYONE),
    "notifications:settings": Entry(allowed=EVERYONE),
    "notifications:read-all": Entry(allowed=EVERYONE, method="post", ok=(302,)),
    "notifications:read": Entry(
        allowed={"lead"}, kwargs=lambda w: {"pk": _notification(w).pk}, method="post", ok=(302,), denied=404
    ),
}
