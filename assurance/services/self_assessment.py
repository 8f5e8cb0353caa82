"""Use cases of the self-assessment: start a year on the newest edition, rate a statement, summarise."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import AuditAction, record_event
from core.concurrency import save_versioned
from core.periods import academic_year_of

from .. import statements
from ..models import RAGNote, SelfAssessment, StatementRating
from .records import create_once_audited


@transaction.atomic
def self_assessment_start(*, school, by, academic_year=None):
    """The school's self-assessment for a year (this one by default) on the newest edition of the
    tool, made if there is none yet; asking twice returns the same one."""
    academic_year = academic_year or academic_year_of(timezone.localdate())
    existing = SelfAssessment.objects.filter(school=school, academic_year=academic_year).first()
    if existing is not None:
        return existing
    assessment = SelfAssessment(
        school=school, academic_year=academic_year, edition=statements.current().key, started_by=by
    )
    assessment.full_clean()
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError:
        return SelfAssessment.objects.get(school=school, academic_year=academic_year)
    record_event(
        action=AuditAction.SELF_ASSESSMENT_STARTED,
        by=by,
        school=school,
        obj=assessment,
        changes={"academic_year": academic_year, "edition": assessment.edition},
    )
    return assessment


@transaction.atomic
def statement_rate(*, assessment, by, nonce, statement, level, evidence, rag, note=""):
    """Rate one statement of the tool (a new rating; the latest one counts, earlier ones are kept)."""
    edition = statements.load(assessment.edition)
    found = edition.statement(statement)
    if found is None:
        raise ValidationError(f"The {edition.published_label} edition has no statement {statement!r}.")
    if edition.level(level) is None:
        raise ValidationError({"level": "Choose one of the tool's four levels."})
    if rag not in RAGNote.values:
        raise ValidationError({"rag": "Choose red, amber or green."})
    if not evidence.strip():
        raise ValidationError({"evidence": "Say what the rating rests on."})

    rating, _ = create_once_audited(
        StatementRating,
        nonce=nonce,
        school=assessment.school,
        by=by,
        action=AuditAction.STATEMENT_RATED,
        changes={"statement": found.key, "level": level, "rag": rag, "evidence": evidence, "note": note},
        assessment=assessment,
        section=found.section,
        statement=found.key,
        level=level,
        evidence=evidence,
        rag=rag,
        note=note,
        rated_by=by,
    )
    return rating


@transaction.atomic
def self_assessment_summarise(*, assessment, by, expected_version, summary):
    """The tool's last stage: the school's summary of what it found."""
    before = assessment.summary
    assessment.summary = summary
    assessment.full_clean()
    save_versioned(assessment, expected_version, ["summary"])
    if before != summary:
        record_event(
            action=AuditAction.SELF_ASSESSMENT_SUMMARISED,
            by=by,
            school=assessment.school,
            obj=assessment,
            changes={"summary": [before, summary]},
        )
    return assessment
