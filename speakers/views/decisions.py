from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error

from .. import services
from ..forms import DecisionForm, EvaluationForm
from ..letters import decision_letter_pdf
from ..models import SpeakerRequest
from ..selectors import decisions_of, outstanding_checks
from ..services import DecisionConflict, evaluation_record, evaluation_refusal
from .loading import visible_request


@capability_required("decide_speakers")
@submit_once
def decide(request, pk):
    """Record a decision in writing (or a new one that supersedes the latest)."""
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    decisions = decisions_of(speaker_request)
    current = decisions[-1] if decisions else None
    # The form follows the decision the person saw when they opened the page (posted back as
    # "supersedes"); the service then refuses it if another has been recorded since.
    seen = _seen_decision(request, decisions) if request.method == "POST" else current
    form = DecisionForm(request.POST or None, current=seen)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_record(
                speaker_request=speaker_request,
                by=request.user,
                outcome=data["outcome"],
                justification=data["justification"],
                conditions=data["conditions"],
                other_conditions=data["other_conditions"],
                supersedes_id=data["supersedes"],
                reason_for_change=data.get("reason_for_change", ""),
            )
        except DecisionConflict as exc:
            # Someone else decided first: show the decision that stands, keep what this person
            # wrote, and let them decide again only as a change of that decision, with a reason.
            conflict, current = exc, exc.standing
            form = DecisionForm(initial={**data, "supersedes": current.pk}, current=current)
            speaker_request.refresh_from_db()
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"The decision ({decision.get_outcome_display().lower()}) has been recorded. The requester sees it "
                "on this page; prepare the letter to the speaker or hirer below.",
            )
            return redirect("speakers:request-detail", pk=pk)
    context = {
        "form": form,
        "conflict": conflict,
        "speaker_request": speaker_request,
        "current": current,
        "outstanding": outstanding_checks(speaker_request),
    }
    return render(request, "speakers/decision_form.html", context)


def _seen_decision(request, decisions):
    seen = request.POST.get("supersedes", "")
    return next((d for d in decisions if str(d.pk) == seen), None)


@capability_required("view_speaker_requests")
def decision_record(request, pk, decision_id):
    """The internal decision record as a PDF (with its justification): for the register, the
    governors and the requester; never sent to the speaker or hirer."""
    speaker_request = visible_request(request, pk)
    decisions = decisions_of(speaker_request)
    decision = next((d for d in decisions if d.pk == decision_id), None)
    if decision is None:
        raise Http404("No such decision on this request.")
    pdf = decision_letter_pdf(speaker_request=speaker_request, decision=decision, decisions=decisions)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="decision-record-{speaker_request.pk}-{decision.pk}.pdf"'
    return response


@capability_required("manage_speakers")
@submit_once
def evaluate(request, pk):
    """After an approved event: did it go as agreed, and would we invite them again?"""
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    problem = evaluation_refusal(speaker_request)
    form = EvaluationForm(request.POST or None) if not problem else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            evaluation_record(speaker_request=speaker_request, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The evaluation has been recorded.")
            return redirect("speakers:request-detail", pk=pk)
    context = {"form": form, "speaker_request": speaker_request, "problem": problem}
    return render(request, "speakers/evaluation_form.html", context)
