"""Assurance records for tests, made through the services (as the pages make them)."""

import datetime
import uuid

from django.utils import timezone

from assurance.models import FilteringCheck, Heading, Risk
from assurance.services import filtering as filtering_services
from assurance.services import risk_assessment as ra_services
from assurance.services import self_assessment as sa_services
from core.periods import academic_year_of


def this_year():
    return academic_year_of(timezone.localdate())


def nonce():
    return uuid.uuid4().hex


def risk_assessment(school, by, year=None, implemented_on=None):
    assessment = ra_services.risk_assessment_start(school=school, by=by, academic_year=year)
    if implemented_on:
        ra_services.risk_assessment_update(
            assessment=assessment, by=by, expected_version=assessment.version, implemented_on=implemented_on
        )
    return assessment


def risk(assessment, by, n=0, *, likelihood=2, impact=2, further_action="Train lunchtime staff.", lead=None, **extra):
    fields = {
        "heading": Heading.ONLINE if n % 2 else Heading.LEADERSHIP,
        "risk": f"Risk {n}: pupils see extremist material online",
        "hazard": "Social media and gaming chat",
        "likelihood": likelihood,
        "impact": impact,
        "controls": "Filtering and monitoring; online safety lessons.",
        "further_action": further_action,
        "lead": lead or by,
        "due_on": timezone.localdate() + datetime.timedelta(days=30),
        "status": Risk.Status.OPEN,
        **extra,
    }
    return ra_services.risk_add(assessment=assessment, by=by, nonce=nonce(), **fields)


def self_assessment(school, by, year=None):
    return sa_services.self_assessment_start(school=school, by=by, academic_year=year)


def rate(assessment, by, statement="lm-policy", level=2, rag="green", note=""):
    return sa_services.statement_rate(
        assessment=assessment,
        by=by,
        nonce=nonce(),
        statement=statement,
        level=level,
        evidence="The policy, reviewed in September.",
        rag=rag,
        note=note,
    )


def filtering(school, by, year=None):
    return filtering_services.filtering_start(school=school, by=by, academic_year=year)


def filtering_review(record, by, reviewed_on=None):
    return filtering_services.filtering_review_record(
        record=record,
        by=by,
        nonce=nonce(),
        reviewed_on=reviewed_on or timezone.localdate(),
        participants="The head, the DSL and the IT manager",
        checked="Every category",
        findings="Sixth-form news sites over-blocked.",
        blocking_decisions="News allowed for the sixth form.",
    )


def filtering_check(record, by, checked_on=None, result="blocked", category=FilteringCheck.Category.EXTREMISM):
    return filtering_services.filtering_check_record(
        record=record,
        by=by,
        nonce=nonce(),
        checked_on=checked_on or timezone.localdate(),
        category=category,
        method="Test searches on a pupil account",
        result=result,
        done_by="The DSL",
    )
