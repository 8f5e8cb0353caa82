"""Demo: a report frozen for the autumn governors' meeting, with a governor's question answered.

Runs after the plan's demo (compliance/demo.py) so that the frozen report shows the plan.
Does nothing when the demo school already has a frozen report.
"""

from accounts.models import Role, User
from core import periods

from .models import ReportSnapshot
from .reports.snapshots import challenge_answer, challenge_ask, snapshot_freeze

TITLE = "Full governing body, autumn term"


def _person(school, role):
    return User.objects.filter(memberships__school=school, memberships__role=role).order_by("pk").first()


def seed(school):
    if ReportSnapshot.objects.filter(school=school).exists():
        return
    lead = _person(school, Role.PREVENT_LEAD)
    governor = _person(school, Role.GOVERNOR)
    head = _person(school, Role.HEADTEACHER) or lead
    if lead is None:
        return
    snapshot = snapshot_freeze(school=school, period=periods.academic_year(), title=TITLE, by=lead)
    if governor is None:
        return
    answered = challenge_ask(
        snapshot=snapshot,
        question="Channel awareness training shows gaps. Who still needs it, and by when will it be done?",
        by=governor,
    )
    challenge_answer(
        entry=answered,
        answer="The DSL and the deputy DSL are booked on the Home Office course before the spring half term; "
        "the Prevent Lead will bring the certificates to the next meeting.",
        by=head,
    )
    challenge_ask(
        snapshot=snapshot,
        question="Were all the external speakers this term checked before they came in?",
        by=governor,
    )
