"""The two schools every PDF is made for: the demo's, and one with very long names everywhere and
200 actions, so that any text or table that does not fit its page shows."""

import datetime
import os
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import DEMO_URN
from accounts.models import Role, School
from assurance.models import RiskAssessment
from compliance.demo import _demo_pdf
from compliance.models import Action, ActionPlan, AnnualReport, Area, Duty, Evidence, EvidenceItem, ReportSnapshot
from compliance.reports.annual_report import NARRATIVE_FIELDS
from compliance.reports.annual_report_services import annual_report_edit, annual_report_start
from compliance.reports.snapshots import snapshot_freeze
from compliance.services import action_update, evidence_add
from core import periods
from core.periods import academic_year_of
from speakers.models import Decision, Letter
from tests.assurance import factories as assurance
from tests.factories import OrganisationFactory, OrganisationMembershipFactory, SchoolFactory, member
from tests.site.personas import demo_personas
from tests.speakers.factories import complete_checks, decide, draft_letter, make_request
from tests.training.factories_documents import document
from training.models import Course
from training.services.courses import courses_create_defaults, training_record_create
from training.services.documents import acknowledgement_confirm


def demo_world():
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    school = School.objects.get(urn=DEMO_URN)
    return SimpleNamespace(
        school=school,
        people=demo_personas(),
        snapshot=ReportSnapshot.objects.filter(school=school).first(),
        risk_assessment=RiskAssessment.objects.filter(school=school).order_by("-pk").first(),
        speaker_decision=Decision.objects.filter(request__school=school).order_by("pk").first(),
        speaker_letter=Letter.objects.filter(request__school=school, state=Letter.State.SENT).order_by("pk").first(),
        evidence_file=EvidenceItem.objects.filter(school=school, kind=EvidenceItem.Kind.FILE).first(),
        annual_draft=AnnualReport.objects.filter(school=school, status=AnnualReport.Status.DRAFT).first(),
        annual_signed=AnnualReport.objects.filter(school=school, status=AnnualReport.Status.FROZEN).first(),
    )


def long(words, length):
    """``words`` repeated to ``length`` characters, cut at a space (real words, never one long token)."""
    text = words
    while len(text) < length:
        text = f"{text} {words}"
    return text[:length].rsplit(" ", 1)[0]


SCHOOL = "The Sir Christopher Wren and Saint Bartholomew-the-Great Church of England Voluntary Aided Community"
PERSON = "Professor Dame Alexandra Wilhelmina Montgomery-Featherstonehaugh-Cholmondeley"
ACTION = "Make sure that every member of staff, including supply teachers, volunteers and contractors,"
DOCUMENT = "Keeping children safe in education: statutory guidance for schools and colleges, Part one"


def long_world(*, actions=200):
    """A school of a trust whose names, titles and texts are as long as the forms allow."""
    today = timezone.localdate()
    year = academic_year_of(today)
    trust = OrganisationFactory(name=long("The Fenland and Nene Valley Multi-Academy Learning Partnership", 190))
    school = SchoolFactory(name=long(SCHOOL, 195), organisation=trust, local_authority=long("Cambridgeshire", 95))
    for n in range(2):
        SchoolFactory(name=long(f"Peterborough Partnership Academy number {n} of the Trust", 190), organisation=trust)
    people = {
        "lead": member(school, Role.STAFF, Role.PREVENT_LEAD, full_name=long(PERSON, 148), email="lead@long.example"),
        "head": member(school, Role.STAFF, Role.HEADTEACHER, full_name=long("Headteacher " + PERSON, 148)),
        "governor": member(school, Role.GOVERNOR, full_name=long("Governor " + PERSON, 148)),
        "trust": OrganisationMembershipFactory(organisation=trust, user__full_name=long(PERSON, 148)).user,
    }
    lead = people["lead"]
    staff = [member(school, Role.STAFF, full_name=long(f"Teacher {n} {PERSON}", 148)) for n in range(8)]

    plan_title = long("Prevent action plan " + SCHOOL, 190)
    plan = ActionPlan.objects.create(school=school, academic_year=year, title=plan_title)
    lines = []
    for a in range(5):
        area_title = long(f"Area {a}: leadership, partnership and capabilities", 190)
        area = Area.objects.create(plan=plan, title=area_title, position=a)
        duty = Duty.objects.create(area=area, text=long(f"Duty {a}: " + ACTION, 600), position=0)
        for e in range(2):
            lines.append(Evidence.objects.create(duty=duty, text=long(f"Evidence {a}.{e}: " + ACTION, 600), position=e))
    statuses = list(Action.Status)
    Action.objects.bulk_create(
        Action(
            school=school,
            plan=plan,
            evidence=lines[n % len(lines)],
            # Every tenth as long as the form allows, the rest a long sentence: 200 of the longest
            # would only make the test slower, not find more.
            text=long(f"Action {n}: " + ACTION, 700 if n % 10 == 0 else 180),
            owner_label=long("The Prevent Lead/SPOC with the designated safeguarding lead and deputies", 190),
            position=n,
            status=statuses[n % len(statuses)],
            target_date=today + datetime.timedelta(days=(n % 90) - 30),
        )
        for n in range(actions)
    )

    doc = document(school, lead, slug="kcsie-long", title=long(DOCUMENT, 195), label=long("September 2025 edition", 95))
    for person in staff[:5]:
        acknowledgement_confirm(user=person, version=doc.current_version, statement="I have read Part one.")
    courses_create_defaults(school=school, by=lead)
    course = Course.objects.filter(school=school).order_by("position").first()
    Course.objects.filter(pk=course.pk).update(title=long("Home Office Prevent awareness e-learning, refresher", 195))
    for person in staff[:3]:
        training_record_create(school=school, by=lead, user=person, course=course, completed_on=today, verify=True)

    speaker_request = make_request(
        school,
        lead,
        event_title=long("Assembly talk on community cohesion and faith in the city", 195),
        speaker_names=long(PERSON, 195),
        organisation=long("The Peterborough and Fenland Interfaith and Community Cohesion Forum", 195),
    )
    complete_checks(speaker_request, lead)
    speaker_decision = decide(speaker_request, lead, justification=long("Checks found nothing of concern.", 1500))
    speaker_letter = draft_letter(
        speaker_request,
        lead,
        state="sent",
        signatory_name=long(PERSON, 145),
        conditions=long(
            "A member of staff is present throughout the session and the talk keeps to the agreed outline.", 1500
        ),
    )

    risk_assessment = assurance.risk_assessment(school, lead, implemented_on=today)
    for n in range(6):
        assurance.risk(
            risk_assessment,
            lead,
            n,
            risk=long(f"Risk {n}: pupils see extremist material online", 500),
            hazard=long("Social media, gaming chat and video platforms", 500),
            controls=long("Filtering and monitoring; online safety lessons.", 1500),
            further_action=long("Train lunchtime supervisors and volunteers.", 1000),
        )
    sa = assurance.self_assessment(school, lead)
    assurance.rate(sa, lead)
    assurance.filtering_review(assurance.filtering(school, lead), lead)

    first = Action.objects.filter(plan=plan).order_by("position").first()
    upload = ContentFile(_demo_pdf(long("Briefing slides for " + SCHOOL, 195), school), name="briefing.pdf")
    evidence_file = evidence_add(action=first, by=lead, kind=EvidenceItem.Kind.FILE, title="Briefing", file=upload)

    annual = annual_report_start(school=school, academic_year=periods.academic_year().key, by=lead)
    narrative = {name: long(f"{name}: " + ACTION, 2000) for name in NARRATIVE_FIELDS}
    annual = annual_report_edit(report=annual, narrative=narrative, expected_version=annual.version, by=lead)

    title = long("Full governing body, autumn term", 150)
    snapshot = snapshot_freeze(school=school, period=periods.academic_year(), title=title, by=lead)
    # Changed since that frozen report, so the live report has something to say about it.
    first.refresh_from_db()
    action_update(action=first, by=lead, expected_version=first.version, status=Action.Status.NEEDS_ATTENTION)
    return SimpleNamespace(
        school=school,
        people=people,
        snapshot=snapshot,
        risk_assessment=risk_assessment,
        speaker_decision=speaker_decision,
        speaker_letter=speaker_letter,
        evidence_file=evidence_file,
        annual_draft=annual,
        annual_signed=None,
    )
