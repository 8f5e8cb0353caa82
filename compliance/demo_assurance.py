"""The demo plan's actions raised from the risk assessment and the self-assessment (after
assurance.demo): the two self-assessment statements below the expected level and the risk with
the highest rating each become an action, once."""

import uuid

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from assurance import statements
from assurance.models import Risk, SelfAssessment
from core.periods import academic_year_of

from .models import ActionSource
from .raised_actions import action_raise
from .selectors import current_plan


@transaction.atomic
def seed(school):
    if current_plan(school) is None or ActionSource.objects.filter(school=school).exists():
        return
    lead = User.objects.filter(memberships__school=school, memberships__role=Role.PREVENT_LEAD).first()
    year = academic_year_of(timezone.localdate())
    assessment = SelfAssessment.objects.filter(school=school, academic_year=year).first()
    if assessment is not None:
        edition = statements.load(assessment.edition)
        for rating in assessment.ratings.order_by("pk"):
            if edition.below_expected(rating.level):
                action_raise(school=school, kind="rating", source=rating, by=lead, nonce=uuid.uuid4().hex)
    risks = Risk.objects.filter(school=school, assessment__academic_year=year).exclude(further_action="")
    highest = max(risks, key=lambda r: (r.score, -r.pk), default=None)
    if highest is not None:
        action_raise(school=school, kind="risk", source=highest, by=lead, nonce=uuid.uuid4().hex)
