"""The risk assessment, self-assessment and filtering pages (assurance), and raising plan actions
from them (compliance). Governors, the DSL and trust officers read; the Lead and head change;
the head signs off; governors note. Staff read the risk assessment's summary only where the school
publishes it (off here: see tests/assurance/test_access.py for on)."""

from compliance.models import ActionPlan
from tests.assurance import factories as f
from tests.compliance.factories import template_plan

from . import LEADERS, Entry

READERS = {"lead", "dsl", "head", "governor", "trust"}  # view_assurance


def _ra(w):
    from assurance.models import RiskAssessment

    return RiskAssessment.objects.filter(school=w.school).first() or f.risk_assessment(w.school, w.lead)


def _risk(w):
    assessment = _ra(w)
    return assessment.risks.first() or f.risk(assessment, w.lead)


def _sa(w):
    from assurance.models import SelfAssessment

    return SelfAssessment.objects.filter(school=w.school).first() or f.self_assessment(w.school, w.lead)


def _fm(w):
    from assurance.models import FilteringRecord

    return FilteringRecord.objects.filter(school=w.school).first() or f.filtering(w.school, w.lead)


def _risk_with_plan(w):
    if not ActionPlan.objects.filter(school=w.school).exists():
        template_plan(w.school, w.lead, year=f.this_year())
    return {"kind": "risk", "pk": _risk(w).pk}


def _an_action(w):
    return ActionPlan.objects.get(school=w.school).actions.order_by("pk").first().pk


def _pk(loader):
    return lambda w: {"pk": loader(w).pk}


ENTRIES = {
    "assurance:index": Entry(allowed=READERS),
    # The risk assessment
    "assurance:risk-assessment": Entry(allowed=READERS),
    "assurance:risk-assessment-start": Entry(allowed=LEADERS, method="post", ok=(302,)),
    "assurance:risk-assessment-summary": Entry(allowed=READERS),
    "assurance:risk-assessment-publish": Entry(
        allowed=LEADERS, method="post", data=lambda w: {"publish": "yes"}, ok=(302,)
    ),
    "assurance:risk-assessment-detail": Entry(allowed=READERS, kwargs=_pk(_ra)),
    "assurance:risk-assessment-edit": Entry(allowed=LEADERS, kwargs=_pk(_ra)),
    "assurance:risk-add": Entry(allowed=LEADERS, kwargs=_pk(_ra)),
    "assurance:risk-assessment-review": Entry(allowed=LEADERS, kwargs=_pk(_ra)),
    "assurance:risk-assessment-sign-off": Entry(
        allowed={"head"}, kwargs=_pk(_ra), method="post", data=lambda w: {"nonce": f.nonce()}, ok=(302,)
    ),
    "assurance:risk-assessment-note": Entry(
        allowed={"governor"}, kwargs=_pk(_ra), method="post", data=lambda w: {"nonce": f.nonce()}, ok=(302,)
    ),
    "assurance:risk-assessment-pdf": Entry(allowed=READERS, kwargs=_pk(_ra)),
    "assurance:risk-assessment-xlsx": Entry(allowed=READERS, kwargs=_pk(_ra)),
    "assurance:risk-detail": Entry(allowed=READERS, kwargs=_pk(_risk)),
    "assurance:risk-edit": Entry(allowed=LEADERS, kwargs=_pk(_risk)),
    # The self-assessment
    "assurance:self-assessment": Entry(allowed=READERS),
    "assurance:self-assessment-start": Entry(allowed=LEADERS, method="post", ok=(302,)),
    "assurance:self-assessment-detail": Entry(allowed=READERS, kwargs=_pk(_sa)),
    "assurance:self-assessment-summary": Entry(allowed=LEADERS, kwargs=_pk(_sa)),
    "assurance:statement-rate": Entry(allowed=READERS, kwargs=lambda w: {"pk": _sa(w).pk, "statement": "lm-policy"}),
    # Filtering and monitoring
    "assurance:filtering": Entry(allowed=READERS),
    "assurance:filtering-start": Entry(allowed=LEADERS, method="post", ok=(302,)),
    "assurance:filtering-detail": Entry(allowed=READERS, kwargs=_pk(_fm)),
    "assurance:filtering-edit": Entry(allowed=LEADERS, kwargs=_pk(_fm)),
    "assurance:filtering-review-add": Entry(allowed=LEADERS, kwargs=_pk(_fm)),
    "assurance:filtering-check-add": Entry(allowed=LEADERS, kwargs=_pk(_fm)),
    # Plan actions raised from them (compliance)
    "compliance:raise-action": Entry(
        allowed=LEADERS, kwargs=_risk_with_plan, method="post", data=lambda w: {"nonce": f.nonce()}, ok=(302,)
    ),
    "compliance:link-action": Entry(
        allowed=LEADERS, kwargs=_risk_with_plan, method="post", data=lambda w: {"action": _an_action(w)}, ok=(302,)
    ),
}
