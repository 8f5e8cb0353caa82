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
    return []


def lead_attention(request):
    """What needs the Prevent Lead's (or the head's) attention in the school."""
    return []


def key_people(school):
    """The Prevent Lead/SPOC and DSL(s) that staff should know, with their contact details."""
    return {
        "leads": people_with_role(school, Role.PREVENT_LEAD),
        "dsls": people_with_role(school, Role.DSL),
    }
