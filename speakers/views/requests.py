from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.access import capability_required
from accounts.submissions import submit_once
from core.form_errors import add_service_error
from core.uploads import serve_upload

from ..forms import FORM_OF_KIND
from ..models import CheckTemplate, Kind
from ..selectors import decisions_of, history_of, letters_of, letting_dates, my_requests, outstanding_checks
from ..services import KIND_FIELDS, approval_problems, request_create, request_update
from .loading import editable_request, shows_contact_details, visible_request


@capability_required("request_speakers")
def request_list(request):
    """My requests: the ones I raised or invited, with their outcome."""
    page = Paginator(my_requests(request.school, request.user), 25).get_page(request.GET.get("page"))
    return render(request, "speakers/request_list.html", {"page": page})


KIND_HINTS = {
    Kind.SPEAKER: "Someone who comes into school to speak to pupils, staff or parents.",
    Kind.VIRTUAL: "Someone who speaks to pupils online, live or recorded for the session (Teams, Zoom...).",
    Kind.RECORDED: "A video or recording from outside the school shown in class or an assembly.",
    Kind.LETTING: "An organisation that hires part of the premises, once or as a series of dates.",
}


@capability_required("request_speakers")
@submit_once
def request_add(request, kind=None):
    """Choose the kind of request, then fill in that kind's own form (``new/<kind>/``).

    A form posted to ``new/`` itself says its kind (a page from before the kinds had their own forms).
    """
    if kind is None and request.method == "POST":
        kind = request.POST.get("kind", Kind.SPEAKER)
    if kind is not None and kind not in FORM_OF_KIND:
        raise Http404("No such kind of request.")
    if kind is None:
        kinds = [(value, label, KIND_HINTS[value]) for value, label in Kind.choices]
        return render(request, "speakers/request_kind.html", {"kinds": kinds})
    form = FORM_OF_KIND[kind](
        request.POST or None, request.FILES or None, school=request.school, initial={"invited_by": request.user}
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in KIND_FIELDS[kind] if name != "kind"}
        data["kind"] = kind
        try:
            speaker_request = request_create(school=request.school, by=request.user, **data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if speaker_request.has_outline:
                messages.success(request, "Your request has been sent to the Prevent Lead for checks and a decision.")
            else:
                messages.warning(
                    request,
                    "Your request is saved as a draft. It cannot be decided until it has an outline: add one.",
                )
            return redirect("speakers:request-detail", pk=speaker_request.pk)
    return render(request, "speakers/request_form.html", {"form": form, "kind_label": Kind(kind).label})


@capability_required("request_speakers")
@submit_once
def request_edit(request, pk):
    speaker_request = editable_request(request, pk)
    if speaker_request.is_decided:
        messages.error(request, "This request has been decided and can no longer be changed.")
        return redirect("speakers:request-detail", pk=pk)
    form = FORM_OF_KIND[speaker_request.kind](
        request.POST or None, request.FILES or None, instance=speaker_request, school=request.school
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.changed_data}
        try:
            request_update(
                speaker_request=speaker_request,
                by=request.user,
                expected_version=form.expected_version,
                **fields,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The request has been saved.")
            return redirect("speakers:request-detail", pk=pk)
    context = {"form": form, "speaker_request": speaker_request, "kind_label": speaker_request.get_kind_display()}
    return render(request, "speakers/request_form.html", context)


def _checklist_rows(speaker_request):
    """Each check of the school's list (and any since retired that was done), with its record."""
    checks = list(speaker_request.checks.select_related("template", "done_by"))
    templates = [
        t
        for t in CheckTemplate.objects.filter(school=speaker_request.school_id, active=True)
        if t.applies_to(speaker_request.kind)
    ]
    outstanding = {t.pk for t in outstanding_checks(speaker_request, templates=templates, checks=checks)}
    by_template = {c.template_id: c for c in checks}
    rows = [(t, by_template.get(t.pk), t.pk in outstanding) for t in templates]
    active_ids = {t.pk for t in templates}
    rows += [(c.template, c, False) for c in checks if c.template_id not in active_ids]
    return rows, len(outstanding)


@capability_required("view_speaker_requests")
def request_detail(request, pk):
    speaker_request = visible_request(request, pk)
    rows, outstanding = _checklist_rows(speaker_request)
    decisions = decisions_of(speaker_request)
    letters = letters_of(speaker_request)
    for decision in decisions:
        decision.speaker_letter = letters.get(decision.pk)
    context = {
        "speaker_request": speaker_request,
        "show_contacts": shows_contact_details(request, speaker_request),
        "check_rows": rows,
        "outstanding": outstanding,
        "decisions": decisions,
        "current": decisions[-1] if decisions else None,
        "dates": letting_dates(speaker_request) if speaker_request.kind == Kind.LETTING else [],
        "kind_problems": [] if speaker_request.is_decided else approval_problems(speaker_request),
        "evaluation": getattr(speaker_request, "evaluation", None),
        "history": history_of(speaker_request),
        "can_edit": not speaker_request.is_decided
        and (request.caps.manage_speakers or shows_contact_details(request, speaker_request)),
    }
    return render(request, "speakers/request_detail.html", context)


def _serve(speaker_request, field, name):
    upload = getattr(speaker_request, field)
    if not upload:
        raise Http404("This request has no such file.")
    ext = upload.name.rsplit(".", 1)[-1]
    return serve_upload(upload, f"{name}-{speaker_request.pk}.{ext}")


@capability_required("view_speaker_requests")
def outline_file(request, pk):
    return _serve(visible_request(request, pk), "outline_file", "outline")


@capability_required("view_speaker_requests")
def hire_agreement_file(request, pk):
    return _serve(visible_request(request, pk), "hire_agreement", "hire-agreement")


@capability_required("view_speaker_requests")
def insurance_file(request, pk):
    return _serve(visible_request(request, pk), "insurance_certificate", "insurance")
