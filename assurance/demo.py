"""The demo school's risk assessment (complete: reviewed, signed off, noted), its self-assessment
(part-done) and its filtering and monitoring (a yearly review and this term's checks).

Each part is made only if the school has none for this academic year, so running the demo twice
changes nothing. The plan actions raised from them are made by compliance.demo_assurance.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from core.periods import academic_year_of, academic_year_start, term_of

from .models import FilteringCheck, FilteringRecord, Heading, Risk, RiskAssessment, RiskReview, SelfAssessment
from .services import filtering as filtering_services
from .services import risk_assessment as ra_services
from .services import self_assessment as sa_services

LOCAL_PICTURE = (
    "From the Peterborough counter-terrorism local profile briefing: extreme right-wing material is the most "
    "common concern among young people referred locally, much of it shared on TikTok, Telegram and gaming "
    "chat. Islamist-inspired referrals are fewer but steady. A growing number of referrals show no clear "
    "ideology (school massacre and incel interest). No proscribed group is known to be active near the school; "
    "one community venue near the city centre has hosted speakers the police advised against. "
    "(Demo text: a school records its own local picture here.)"
)

# (heading, risk, hazard, likelihood, impact, controls, further action, lead key, days to complete, status)
RISKS = [
    (
        Heading.ONLINE,
        "Pupils are drawn to extremist material online, outside school as well as in it.",
        "Extreme right-wing content shared among young people locally on TikTok, Telegram and gaming chat "
        "(local profile briefing).",
        3,
        3,
        "Filtering and monitoring on every school device, alerts to the DSL; online safety taught in Computing "
        "and PSHE in every year; staff briefed on online signs.",
        "Hold a parents' workshop on online radicalisation with the local authority's Prevent Education Officer.",
        "lead",
        60,
        Risk.Status.IN_HAND,
    ),
    (
        Heading.UNDERSTANDING_RISK,
        "Staff miss the signs in pupils with mixed, unclear or unstable ideologies.",
        "Local and national referrals increasingly involve no clear ideology (incel and school massacre interest).",
        2,
        3,
        "Annual Prevent briefing for all staff; the DSL's weekly safeguarding bulletin; CPOMS for every concern.",
        "Add two case studies of mixed and unclear ideologies to the spring term staff briefing.",
        "dsl",
        90,
        Risk.Status.OPEN,
    ),
    (
        Heading.LEADERSHIP,
        "Staff who joined this year have not had Prevent awareness training.",
        "Eleven new staff since September; the induction programme is spread over the first half term.",
        2,
        2,
        "Induction pack covers how to report a concern; the DSL meets every new member of staff in their first week.",
        "Every new member of staff completes the Home Office Prevent awareness course within four weeks of starting.",
        "lead",
        30,
        Risk.Status.IN_HAND,
    ),
    (
        Heading.PERMISSIVE_ENVIRONMENTS,
        "External speakers or hirers use the school to promote extremist views.",
        "Evening lettings to community groups; departments invite outside speakers.",
        1,
        3,
        "Due diligence on every speaker and letting request, a decision in writing, supervision on the day, "
        "hire agreement with a safeguarding clause.",
        "",
        "",
        None,
        Risk.Status.MANAGED,
    ),
    (
        Heading.SHARING_INFORMATION,
        "A Prevent concern is not passed on when a pupil changes school.",
        "In-year transfers; safeguarding files sometimes arrive weeks late.",
        2,
        2,
        "CPOMS files transferred within five days; the DSL phones the new school's DSL for every pupil with a "
        "Prevent concern.",
        "",
        "",
        None,
        Risk.Status.MANAGED,
    ),
    (
        Heading.LEADERSHIP,
        "Governors cannot hold leaders to account for the Prevent duty.",
        "Three governors are new this year.",
        1,
        2,
        "The safeguarding governor meets the DSL every term; the Prevent report goes to every full governing body.",
        "Prevent training for all governors at the spring term meeting.",
        "head",
        100,
        Risk.Status.OPEN,
    ),
]

# (statement, level, rag, evidence, note): twelve of the tool's statements rated, two below expected.
RATINGS = [
    ("lm-prevent-lead", 2, "green", "Job description and time allocation for the Prevent Lead; minutes of SLT.", ""),
    ("lm-policy", 2, "green", "Child protection policy, September, section 9 on Prevent.", "Reviewed and adopted."),
    ("lm-governors", 2, "amber", "Termly safeguarding report to governors.", "New governors not yet trained."),
    ("ra-in-place", 1, "green", "This year's risk assessment, reviewed and signed off.", ""),
    ("ra-local-picture", 2, "green", "Local profile briefing notes from the LA Prevent coordinator.", ""),
    ("wp-referrals", 2, "green", "Referral decisions recorded with reasons in the referral log.", ""),
    (
        "wp-parents",
        4,
        "red",
        "Prevent is not mentioned on the website or in the parents' handbook.",
        "Parents do not know the school's approach or how to raise a concern.",
    ),
    ("tr-all-staff", 2, "amber", "Training matrix: 92% of staff hold Prevent awareness.", "New staff still to train."),
    ("tr-dsl", 1, "green", "DSL and deputies: Prevent referrals and Channel awareness certificates.", ""),
    (
        "tr-impact",
        3,
        "amber",
        "Staff complete the course, but nothing checks what they understood.",
        "No check of understanding after training.",
    ),
    ("os-filtering", 2, "green", "Filtering review and this term's checks.", ""),
    ("sp-speakers", 1, "green", "Speaker register: every request checked and decided in writing.", ""),
]

# (category, method, result, notes)
CHECKS = [
    (FilteringCheck.Category.TERRORISM, "Test searches on a Year 9 pupil account", "blocked", ""),
    (FilteringCheck.Category.EXTREMISM, "Test searches on a Year 9 pupil account", "blocked", ""),
    (FilteringCheck.Category.CHILD_ABUSE, "The SWGfL filter test site on a pupil laptop", "blocked", ""),
    (FilteringCheck.Category.SELF_HARM, "Test searches on a Year 7 pupil account", "blocked", ""),
    (
        FilteringCheck.Category.MONITORING,
        "Typed a flagged phrase in a pupil's document",
        "not_blocked",
        "No alert reached the DSL: the monitoring provider's alert address was out of date.",
    ),
    (FilteringCheck.Category.GAMBLING, "Test searches on a sixth-form account", "blocked", ""),
]


def _person(school, role):
    return User.objects.filter(memberships__school=school, memberships__role=role).order_by("pk").first()


def _nonce():
    return uuid.uuid4().hex


def _risk_assessment(school, lead, head, dsl, governor, today, year_start):
    assessment = ra_services.risk_assessment_start(school=school, by=lead)
    implemented = max(year_start, today - datetime.timedelta(days=75))
    ra_services.risk_assessment_update(
        assessment=assessment,
        by=lead,
        expected_version=assessment.version,
        completed_by=lead,
        implemented_on=implemented,
        national_context=assessment.national_context,
        local_context=LOCAL_PICTURE,
        local_profile_briefing_on=implemented,
        local_profile_source="Peterborough City Council Prevent coordinator",
    )
    people = {"lead": lead, "dsl": dsl, "head": head}
    for heading, risk, hazard, likelihood, impact, controls, action, lead_key, days, status in RISKS:
        ra_services.risk_add(
            assessment=assessment,
            by=lead,
            nonce=_nonce(),
            heading=heading,
            risk=risk,
            hazard=hazard,
            likelihood=likelihood,
            impact=impact,
            controls=controls,
            further_action=action,
            lead=people.get(lead_key),
            due_on=today + datetime.timedelta(days=days) if days else None,
            status=status,
        )
    ra_services.risk_review_record(
        assessment=assessment,
        by=lead,
        nonce=_nonce(),
        reviewed_on=max(implemented, today - datetime.timedelta(days=14)),
        reason=RiskReview.Reason.LOCAL_PICTURE,
        notes="New local profile briefing: online extreme right-wing risk raised to likely; parents' workshop added.",
    )
    ra_services.risk_assessment_sign_off(
        assessment=assessment, by=head, nonce=_nonce(), comment="Signed off after the review."
    )
    ra_services.risk_assessment_note(
        assessment=assessment,
        by=governor,
        nonce=_nonce(),
        meeting_on=max(implemented, today - datetime.timedelta(days=7)),
        comment="Noted by the full governing body.",
    )


def _self_assessment(school, lead):
    assessment = sa_services.self_assessment_start(school=school, by=lead)
    for statement, level, rag, evidence, note in RATINGS:
        sa_services.statement_rate(
            assessment=assessment,
            by=lead,
            nonce=_nonce(),
            statement=statement,
            level=level,
            evidence=evidence,
            rag=rag,
            note=note,
        )


def _filtering(school, lead, head, governor, today, year_start):
    record = filtering_services.filtering_start(school=school, by=lead)
    filtering_services.filtering_update(
        record=record,
        by=lead,
        expected_version=record.version,
        senior_leader=head,
        governor=governor,
        filtering_provider="The trust's web filtering service",
        monitoring_provider="Device monitoring on every school laptop, alerts to the DSL",
        monitoring_approach="Physical monitoring in lessons; alerts to the DSL the same day; weekly log review.",
        notes="",
    )
    filtering_services.filtering_review_record(
        record=record,
        by=lead,
        nonce=_nonce(),
        reviewed_on=max(year_start, today - datetime.timedelta(days=40)),
        participants="Helen Marsh (headteacher), Martin Cole (DSL), the trust's IT manager, Anita Sharma (governor)",
        checked="Filtering categories against the UK Safer Internet Centre's list; who gets alerts; sixth-form and "
        "staff rules; devices taken home.",
        findings="Filtering meets the standards. Sixth-form access to news sites was over-blocked. Laptops taken "
        "home are filtered but not monitored.",
        blocking_decisions="All illegal and inappropriate categories blocked for pupils. News and current affairs "
        "allowed for the sixth form for politics lessons (decided by the headteacher). Only the IT manager, on the "
        "DSL's request, may unblock a site.",
    )
    start = term_of(today).start
    for n, (category, method, result, notes) in enumerate(CHECKS):
        filtering_services.filtering_check_record(
            record=record,
            by=lead,
            nonce=_nonce(),
            checked_on=max(start, today - datetime.timedelta(days=7 * (len(CHECKS) - n))),
            category=category,
            method=method,
            result=result,
            done_by="Martin Cole (DSL) with the IT technician",
            notes=notes,
        )


@transaction.atomic
def seed(school):
    """The three instruments of the demo school for this academic year; nothing if already there."""
    today = timezone.localdate()
    year = academic_year_of(today)
    year_start = academic_year_start(today)
    lead = _person(school, Role.PREVENT_LEAD)
    head = _person(school, Role.HEADTEACHER) or lead
    dsl = _person(school, Role.DSL) or lead
    governor = _person(school, Role.GOVERNOR)
    if lead is None or governor is None:
        return
    if not RiskAssessment.objects.filter(school=school, academic_year=year).exists():
        _risk_assessment(school, lead, head, dsl, governor, today, year_start)
    if not SelfAssessment.objects.filter(school=school, academic_year=year).exists():
        _self_assessment(school, lead)
    if not FilteringRecord.objects.filter(school=school, academic_year=year).exists():
        _filtering(school, lead, head, governor, today, year_start)
