"""What the home page shows each role: tasks for staff, what needs attention for leads.

Each app contributes through its own selectors; this module only gathers them, so the
home page depends on the apps and never the other way round.
"""

from dataclasses import dataclass

from accounts.models import Role
from accounts.selectors import people_with_role


@dataclass
class Item:
    """One line on the home page: a label, an optional count and where to act on it."""

    label: str
    url: str
    count: int | None = None
    urgent: bool = False


def staff_tasks(request):
    """What the signed-in person has to do themselves."""
    tasks = []
    tasks += _documents_to_read(request)
    return tasks


def _documents_to_read(request):
    from django.urls import reverse

    from training.selectors.documents import outstanding_for_user

    if not request.caps.read_documents:
        return []
    count = len(outstanding_for_user(request.user, request.school, request.roles))
    if not count:
        return []
    return [Item(label="Documents to read", url=reverse("training:document-list"), count=count, urgent=True)]


def lead_attention(request):
    """What needs the Prevent Lead's (or the head's) attention in the school."""
    items = []
    items += _documents_attention(request)
    return items


def _documents_attention(request):
    from django.urls import reverse

    from training.selectors.documents import people_with_documents_outstanding

    if not request.caps.view_acknowledgement_progress:
        return []
    count = people_with_documents_outstanding(request.school)
    if not count:
        return []
    return [Item(label="Staff with documents outstanding", url=reverse("training:document-chase"), count=count)]


def key_people(school):
    """The Prevent Lead/SPOC and DSL(s) that staff should know, with their contact details."""
    return {
        "leads": people_with_role(school, Role.PREVENT_LEAD),
        "dsls": people_with_role(school, Role.DSL),
    }
