"""Demo: last academic year's annual Prevent report, signed off by the head and the chair of governors
(frozen), and this year's draft with the Prevent Lead's first sections written.

Runs after the other demos so that the reports show their records. Does nothing when the demo
school already has an annual report.
"""

from accounts.models import Role, User
from core import periods

from .models import AnnualReport
from .reports.annual_report import NARRATIVE_FIELDS
from .reports.annual_report_services import (
    annual_report_edit,
    annual_report_sign_as_chair,
    annual_report_sign_as_head,
    annual_report_start,
)

LAST_YEAR = {
    "introduction": "Prevent work this year built on the risk assessment agreed in the autumn: every member of "
    "staff completed the Home Office awareness course, and the filtering review found no gaps left open.",
    "leadership": "The Prevent Lead met the local authority's Prevent coordinator each term and attended the "
    "safeguarding partnership's briefings; the headteacher reports to the full governing body each term.",
    "risk": "The risk assessment was reviewed in March after the local counter-terrorism profile briefing; "
    "two risks moved from amber to green once the actions agreed were done.",
    "training": "All staff read KCSIE Part one; the DSL and deputy refreshed their training; new staff had "
    "Prevent awareness at induction.",
    "online_safety": "The yearly filtering and monitoring review, with the safeguarding governor, checked "
    "blocking of extremist content and how alerts reach the DSL.",
    "resilience": "Personal development lessons on fundamental British values, and an assembly series on "
    "online misinformation for Years 9 to 11.",
    "priorities": "Train lunchtime supervisors; repeat the filtering checks each term; invite the Prevent "
    "coordinator to the spring staff briefing.",
}

THIS_YEAR = {
    "introduction": "Draft for the summer meeting: the autumn term's work so far.",
    "training": "Briefing on the new KCSIE edition held in September; confirmations are being chased.",
}


def _people(school, role):
    return list(User.objects.filter(memberships__school=school, memberships__role=role).order_by("pk").distinct())


def _write(report, texts, lead):
    narrative = {name: texts.get(name, "") for name in NARRATIVE_FIELDS}
    return annual_report_edit(report=report, narrative=narrative, expected_version=report.version, by=lead)


def seed(school):
    if AnnualReport.objects.filter(school=school).exists():
        return
    leads, heads, governors = (_people(school, role) for role in (Role.PREVENT_LEAD, Role.HEADTEACHER, Role.GOVERNOR))
    if not leads:
        return
    lead = leads[0]
    this_year = periods.academic_year()
    last_year = periods.academic_year(this_year.start.replace(year=this_year.start.year - 1))
    last = annual_report_start(school=school, academic_year=last_year.key, by=lead)
    _write(last, LAST_YEAR, lead)
    if heads and governors:
        annual_report_sign_as_head(report=last, by=heads[0])
        # The chair of governors: another governor than the safeguarding governor where there is one.
        annual_report_sign_as_chair(report=last, by=governors[1] if len(governors) > 1 else governors[0])
    current = annual_report_start(school=school, academic_year=this_year.key, by=lead)
    _write(current, THIS_YEAR, lead)
