from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.access import capability_required, for_school
from accounts.submissions import submit_once
from core.form_errors import add_service_error

from ..default_checks import DEFAULT_CHECKS
from ..forms import CheckForm, CheckTemplateForm, RiskForm
from ..models import CheckTemplate, DueDiligenceCheck, SpeakerRequest
from ..services import check_record, check_template_save, checklist_ensure, risk_record


@capability_required("manage_speakers")
@submit_once
def check_edit(request, pk, template_id):
    """Record one due-diligence check of a request: result, notes and sources."""
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    template = for_school(request, CheckTemplate, pk=template_id)
    if not template.applies_to(speaker_request.kind):
        raise Http404("That check is not for this kind of request.")
    existing = DueDiligenceCheck.objects.filter(request=speaker_request, template=template).first()
    form = CheckForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            check_record(
                speaker_request=speaker_request,
                template=template,
                by=request.user,
                result=form.cleaned_data["result"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"'{template.name}' has been recorded.")
            return redirect("speakers:request-detail", pk=pk)
    context = {"form": form, "speaker_request": speaker_request, "template": template, "existing": existing}
    return render(request, "speakers/check_form.html", context)


@capability_required("manage_speakers")
@submit_once
def risk_edit(request, pk):
    speaker_request = for_school(request, SpeakerRequest.objects.select_related("school"), pk=pk)
    form = RiskForm(request.POST or None, instance=speaker_request)
    if request.method == "POST" and form.is_valid():
        try:
            risk_record(
                speaker_request=speaker_request,
                by=request.user,
                rating=form.cleaned_data["risk_rating"],
                reason=form.cleaned_data["risk_reason"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The risk rating has been recorded.")
            return redirect("speakers:request-detail", pk=pk)
    return render(request, "speakers/risk_form.html", {"form": form, "speaker_request": speaker_request})


@capability_required("manage_speakers")
@submit_once
def checklist(request):
    """The school's due-diligence checklist, with a form to add a check."""
    form = CheckTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A school's first change starts from the default checklist (a GET writes nothing).
        checklist_ensure(request.school)
        try:
            template = check_template_save(school=request.school, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"'{template.name}' has been added to the checklist.")
            return redirect("speakers:checklist")
    templates = CheckTemplate.objects.filter(school=request.school)
    defaults = [name for name, _guidance, _only_if, _kinds in DEFAULT_CHECKS]
    return render(request, "speakers/checklist.html", {"form": form, "templates": templates, "defaults": defaults})


@capability_required("manage_speakers")
@submit_once
def checklist_edit(request, pk):
    template = for_school(request, CheckTemplate, pk=pk)
    form = CheckTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            check_template_save(school=request.school, by=request.user, template=template, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"'{template.name}' has been saved.")
            return redirect("speakers:checklist")
    return render(request, "speakers/checklist_edit.html", {"form": form, "template": template})
