"""The self-assessment's pages: the year's assessment by section with its chart, rating a
statement (with its earlier ratings), and the summary."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import capability_required, require
from accounts.submissions import submit_once
from core.periods import academic_year_of

from .. import charts, plan_link, selectors, statements
from ..forms import SelfAssessmentSummaryForm, StatementRatingForm
from ..models import StatementRating
from ..services import self_assessment as services
from . import loading


@capability_required("view_assurance")
def self_assessment_current(request):
    assessment = selectors.self_assessments_of(request.school).first()
    if assessment is None:
        context = {"this_year": academic_year_of(timezone.localdate()), "edition": statements.current()}
        return render(request, "assurance/self_assessment_empty.html", context)
    return _detail(request, assessment)


@capability_required("view_assurance")
def self_assessment_detail(request, pk):
    return _detail(request, loading.self_assessment(request, pk))


def _detail(request, assessment):
    result = selectors.self_assessment_result(assessment)
    linked = plan_link.linked_actions(request.school, "rating", [r.pk for r in result.ratings.values()])
    can_raise = request.caps.edit_assurance and request.caps.edit_plan
    page_nonce = uuid.uuid4().hex
    sections = []
    for section in result.sections:
        rows = []
        for statement in section.section.statements:
            rating = result.ratings.get(statement.key)
            below = rating is not None and result.edition.below_expected(rating.level)
            actions = linked.get(rating.pk, []) if rating else []
            rows.append(
                {
                    "statement": statement,
                    "rating": rating,
                    "level": result.edition.level(rating.level) if rating else None,
                    "below": below,
                    "actions": actions,
                    "raise_url": plan_link.raise_url("rating", rating.pk)
                    if below and can_raise and not actions
                    else "",
                    "nonce": f"{page_nonce}-rating-{rating.pk}" if rating else "",
                }
            )
        sections.append({"result": section, "rows": rows})
    context = {
        "assessment": assessment,
        "result": result,
        "edition": result.edition,
        "sections": sections,
        "chart": charts.sections_chart(result),
        "colours": charts.level_colours(result.edition),
        "assessments": selectors.self_assessments_of(request.school).only("pk", "academic_year"),
        "this_year": academic_year_of(timezone.localdate()),
        "can_edit": request.caps.edit_assurance,
    }
    return render(request, "assurance/self_assessment.html", context)


@require_POST
@capability_required("edit_assurance")
@submit_once
def self_assessment_start(request):
    assessment = services.self_assessment_start(school=request.school, by=request.user)
    messages.success(request, f"The {assessment.academic_year} self-assessment is ready: rate each statement.")
    return redirect("assurance:self-assessment-detail", pk=assessment.pk)


@capability_required("view_assurance")
@submit_once
def statement_rate(request, pk, statement):
    """A statement with its earlier ratings; the Lead and head rate it (again) here."""
    assessment = loading.self_assessment(request, pk)
    edition = statements.load(assessment.edition)
    found = edition.statement(statement)
    if found is None:
        raise Http404("No such statement in this edition of the tool.")
    ratings = list(
        StatementRating.objects.filter(assessment=assessment, statement=found.key)
        .select_related("rated_by")
        .order_by("-rated_at", "-pk")
    )
    if request.method == "POST":
        require(request, "edit_assurance")  # everyone who reads may see the ratings; leaders rate
    form = None
    if request.caps.edit_assurance:
        latest = ratings[0] if ratings else None
        initial = (
            {"level": latest.level, "evidence": latest.evidence, "rag": latest.rag, "note": latest.note}
            if latest
            else {}
        )
        form = StatementRatingForm(request.POST or None, edition=edition, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.statement_rate(assessment=assessment, by=request.user, statement=found.key, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Statement {found.number} is rated at level {data['level']}.")
                return redirect(f"{_detail_url(assessment)}#section-{found.section}")
    linked = plan_link.linked_actions(request.school, "rating", [r.pk for r in ratings])
    context = {
        "assessment": assessment,
        "edition": edition,
        "section": edition.section(found.section),
        "statement": found,
        "ratings": [{"rating": r, "level": edition.level(r.level), "actions": linked.get(r.pk, [])} for r in ratings],
        "form": form,
    }
    return render(request, "assurance/statement_rate.html", context)


def _detail_url(assessment):
    return reverse("assurance:self-assessment-detail", kwargs={"pk": assessment.pk})


@capability_required("edit_assurance")
@submit_once
def self_assessment_summary_edit(request, pk):
    assessment = loading.self_assessment(request, pk)
    form = SelfAssessmentSummaryForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_summarise(
                assessment=assessment,
                by=request.user,
                expected_version=form.expected_version,
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The summary has been saved.")
            return redirect("assurance:self-assessment-detail", pk=assessment.pk)
    return render(request, "assurance/self_assessment_summary_form.html", {"form": form, "assessment": assessment})
