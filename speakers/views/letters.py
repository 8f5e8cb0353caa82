"""The letter to the speaker or hirer, and the dates of a letting series."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error

from .. import services
from ..forms import LetterForm, LetterSentForm, LettingDateCancelForm
from ..models import Letter, LettingDate, SpeakerRequest
from ..selectors import latest_decision
from ..speaker_letters import (
    LETTER_FIELDS,
    letter_draft,
    letter_initial,
    letter_mark_sent,
    letter_pdf,
    letter_review,
    letter_update,
)


def _request_and_decision(request, pk, decision_id):
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    decision = for_school(request, speaker_request.decisions.select_related("decided_by"), pk=decision_id)
    return speaker_request, decision


def _letter(request, pk, decision_id):
    speaker_request, decision = _request_and_decision(request, pk, decision_id)
    letter = Letter.objects.filter(decision=decision).select_related("reviewed_by", "drafted_by").first()
    if letter is None:
        raise Http404("No letter has been drafted for this decision.")
    letter.request = speaker_request  # the school is loaded once
    return letter


@capability_required("manage_speakers")
@submit_once
def letter_edit(request, pk, decision_id):
    """Draft the letter for the decision that stands, or change a draft before it is sent."""
    speaker_request, decision = _request_and_decision(request, pk, decision_id)
    letter = Letter.objects.filter(decision=decision).first()
    if letter is not None and letter.state == Letter.State.SENT:
        messages.info(request, "This letter has been sent and can no longer be changed.")
        return redirect("speakers:letter-detail", pk=pk, decision_id=decision_id)
    if letter is None and (current := latest_decision(speaker_request)) and current.pk != decision.pk:
        messages.error(request, "A letter is drafted for the decision that stands, not one it superseded.")
        return redirect("speakers:request-detail", pk=pk)
    initial = None if letter else letter_initial(speaker_request, decision, request.user)
    form = LetterForm(request.POST or None, instance=letter, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in LETTER_FIELDS}
        try:
            if letter is None:
                letter_draft(speaker_request=speaker_request, decision=decision, by=request.user, **data)
            else:
                letter_update(letter=letter, by=request.user, expected_version=form.expected_version, **data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The letter has been saved as a draft. Read it through, then mark it reviewed.")
            return redirect("speakers:letter-detail", pk=pk, decision_id=decision_id)
    context = {"form": form, "speaker_request": speaker_request, "decision": decision, "letter": letter}
    return render(request, "speakers/letter_form.html", context)


@capability_required("manage_speakers")
def letter_detail(request, pk, decision_id):
    """The letter as the speaker or hirer reads it, with its state: draft, reviewed or sent."""
    letter = _letter(request, pk, decision_id)
    sent = getattr(letter, "sent", None)
    context = {
        "letter": letter,
        "speaker_request": letter.request,
        "school": letter.request.school,
        "decision": letter.decision,
        "sent": sent,
        "dated": sent.sent_at if sent else timezone.now(),
        "draft": sent is None,
        "sent_form": LetterSentForm() if letter.state == Letter.State.REVIEWED else None,
    }
    return render(request, "speakers/letter_detail.html", context)


@capability_required("manage_speakers")
@require_POST
@submit_once
def letter_reviewed(request, pk, decision_id):
    letter = _letter(request, pk, decision_id)
    try:
        letter_review(letter=letter, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The letter is reviewed: send it, then record that it was sent.")
    return redirect("speakers:letter-detail", pk=pk, decision_id=decision_id)


@capability_required("manage_speakers")
@require_POST
@submit_once
def letter_sent(request, pk, decision_id):
    letter = _letter(request, pk, decision_id)
    form = LetterSentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say how the letter was sent.")
        return redirect("speakers:letter-detail", pk=pk, decision_id=decision_id)
    try:
        letter_mark_sent(letter=letter, by=request.user, sent_how=form.cleaned_data["sent_how"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The letter is recorded as sent, with a copy of exactly what was sent.")
    return redirect("speakers:letter-detail", pk=pk, decision_id=decision_id)


@capability_required("manage_speakers")
def letter_download(request, pk, decision_id):
    """The letter as a PDF: as sent once it is sent, else the draft (marked as one)."""
    letter = _letter(request, pk, decision_id)
    response = HttpResponse(letter_pdf(letter), content_type="application/pdf")
    state = "sent" if letter.state == Letter.State.SENT else "draft"
    response["Content-Disposition"] = f'attachment; filename="letter-{pk}-{decision_id}-{state}.pdf"'
    return response


@capability_required("manage_speakers")
@submit_once
def letting_date_cancel(request, pk, date_id):
    """Cancel one date of a letting series, with the reason; the rest of the series stands."""
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    letting_date = for_school(request, LettingDate, request=speaker_request, pk=date_id)
    letting_date.request = speaker_request
    if letting_date.is_cancelled:
        messages.info(request, "This date has already been cancelled.")
        return redirect("speakers:request-detail", pk=pk)
    form = LettingDateCancelForm(request.POST or None, instance=letting_date)
    if request.method == "POST" and form.is_valid():
        try:
            services.letting_date_cancel(
                letting_date=letting_date, by=request.user, reason=form.cleaned_data["cancel_reason"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{timezone.localtime(letting_date.starts_at):%-d %B %Y} has been cancelled.")
            return redirect("speakers:request-detail", pk=pk)
    context = {"form": form, "speaker_request": speaker_request, "letting_date": letting_date}
    return render(request, "speakers/letting_date_cancel.html", context)
