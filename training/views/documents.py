"""Pages for documents: staff read and confirm; the Lead publishes, follows progress and chases."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from accounts.access import capability_required, for_school
from accounts.audit import AuditAction, record_event
from accounts.submissions import submit_once
from background.jobs import job_start
from background.models import Job
from core.form_errors import add_service_error
from core.spreadsheets import csv_response
from core.uploads import serve_upload

from ..catalogue import catalogue
from ..default_documents import documents_create_defaults
from ..exports import PROGRESS_HEADER, PROGRESS_TEXT_COLUMNS, progress_rows
from ..forms.documents import ConfirmForm, DocumentForm, OnBehalfForm, VersionForm, WithdrawForm
from ..models import Acknowledgement, Document, DocumentVersion
from ..selectors import documents as selectors
from ..services.documents import (
    acknowledgement_confirm,
    acknowledgement_withdraw,
    document_retire,
    document_save,
    version_publish,
)
from ..tasks import send_document_reminders

PER_PAGE = 50


def _document(request, pk):
    document = for_school(request, Document.objects.select_related("current_version", "owner"), pk=pk)
    document.school = request.school  # the middleware's: no query when a page or service reads it
    return document


def catalogue_edition(document, label):
    """The guidance catalogue's edition ``label`` of the document (matched by its short name), or None."""
    entry = catalogue().get(document.slug) if label else None
    return entry.edition(label) if entry else None


# Staff ----------------------------------------------------------------------------------------


@capability_required("read_documents")
def document_list(request):
    tasks = selectors.outstanding_for_user(request.school, request.user, request.roles)
    done = Paginator(selectors.confirmed_by_user(request.school, request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "training/document_list.html", {"tasks": tasks, "page": done})


@capability_required("read_documents")
@submit_once
def document_detail(request, pk):
    document = _document(request, pk)
    version = document.current_version
    required = document.is_for(request.roles) and not document.is_retired
    reading = document.reading_for(request.roles)
    statement = selectors.confirmation_statement(document, version, reading) if version else ""
    edition = selectors.edition_confirmations(request.user, document)
    confirmation = selectors.live_confirmation(edition)
    form = None
    if version and required and confirmation is None:
        form = ConfirmForm(request.POST or None, statement=statement, initial={"version": version.pk})
    if request.method == "POST":
        if form is None:
            if confirmation is not None:
                # The button pressed twice: the first press already recorded it.
                messages.info(
                    request, f"You confirmed this on {timezone.localtime(confirmation.confirmed_at):%-d %B %Y}."
                )
                return redirect("training:document-detail", pk=document.pk)
            raise Http404("Nothing to confirm here.")
        if form.is_valid():
            if form.cleaned_data["version"] != version.pk:
                form.add_error(None, "A newer version has been published since you opened the page: read it below.")
            else:
                try:
                    acknowledgement_confirm(
                        user=request.user, version=version, statement=statement, document=document, edition=edition
                    )
                except ValidationError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(
                        request, f"Thank you: you have confirmed you read {document.title} ({version.label})."
                    )
                    return redirect("training:document-list")
    return render(
        request,
        "training/document_detail.html",
        {
            "document": document,
            "version": version,
            "reading": reading,
            "required": required,
            "confirmation": confirmation,
            "form": form,
        },
    )


@capability_required("read_documents")
def version_file(request, pk):
    version = for_school(request, DocumentVersion.objects.select_related("document"), pk=pk)
    if not version.file:
        raise Http404("This version is a link, not a file.")
    return serve_upload(version.file, f"{version.document.slug}-{slugify(version.label)}.pdf")


# The Lead ---------------------------------------------------------------------------------------


@capability_required("view_acknowledgement_progress")
def document_overview(request):
    rates = selectors.acknowledgement_rates(request.school)
    others = Document.objects.filter(school=request.school).exclude(pk__in=[r.document.pk for r in rates])
    return render(
        request,
        "training/document_overview.html",
        {
            "rates": rates,
            "unpublished": [d for d in others if not d.is_retired],
            "retired": [d for d in others if d.is_retired],
            "has_documents": bool(rates) or bool(others),
        },
    )


@capability_required("manage_documents")
@submit_once
def document_form(request, pk=None):
    document = _document(request, pk) if pk else None
    form = DocumentForm(request.POST or None, instance=document, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            document = document_save(
                school=request.school,
                by=request.user,
                document=document,
                expected_version=form.expected_version,
                **form.document_fields(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"{document.title} has been saved.")
            if pk is None:
                messages.info(request, "Now publish its first version so that staff can read it.")
                return redirect("training:version-publish", pk=document.pk)
            return redirect("training:document-progress", pk=document.pk)
    return render(request, "training/document_form.html", {"form": form, "document": document})


@require_POST
@capability_required("manage_documents")
@submit_once
def document_retire_view(request, pk):
    document = document_retire(document=_document(request, pk), by=request.user)
    messages.success(request, f"{document.title} has been retired: nobody is asked to read it now. Its record stays.")
    return redirect("training:document-overview")


@capability_required("manage_documents")
@submit_once
def version_publish_view(request, pk):
    document = _document(request, pk)
    has_current = document.current_version is not None
    # "?edition=2026": the catalogue's edition, offered on the Lead's home, fills the form in.
    edition = catalogue_edition(document, request.GET.get("edition", ""))
    form = VersionForm(
        request.POST or None, request.FILES or None, has_current=has_current, document=document, edition=edition
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = version_publish(
                document=document,
                by=request.user,
                label=data["label"],
                effective_on=data["effective_on"],
                file=data.get("file"),
                url=data.get("url", ""),
                summary=data.get("summary", ""),
                is_minor=data.get("is_minor", False),
                confirm_by=data.get("confirm_by"),
                reading=form.reading(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if version.is_minor:
                messages.success(request, f"{version} is published as a minor change: confirmations still count.")
            else:
                messages.success(
                    request,
                    f"{version} is published: everyone who must read it has it to confirm by "
                    f"{version.confirm_by:%-d %B %Y}.",
                )
            return redirect("training:document-progress", pk=document.pk)
    return render(request, "training/document_publish.html", {"form": form, "document": document, "edition": edition})


@capability_required("view_acknowledgement_progress")
def document_progress(request, pk):
    document = _document(request, pk)
    people, by_role = selectors.document_progress(document)
    confirmed = sum(1 for p in people if p.acknowledgement)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/document_progress.html",
        {
            "document": document,
            "version": document.current_version,
            "page": page,
            "required": len(people),
            "confirmed": confirmed,
            "by_role": by_role,
            "versions": selectors.version_history(document),
            "withdrawn": selectors.withdrawn_confirmations(document),
        },
    )


@capability_required("view_acknowledgement_progress")
def document_progress_csv(request, pk):
    document = _document(request, pk)
    rows = progress_rows(document)
    record_event(action=AuditAction.EXPORT, by=request.user, school=request.school, obj=document)
    filename = f"{document.slug}-acknowledgements.csv"
    return csv_response(filename, PROGRESS_HEADER, rows, text_columns=PROGRESS_TEXT_COLUMNS)


@capability_required("manage_documents")
@submit_once
def acknowledgement_on_behalf(request, pk):
    document = _document(request, pk)
    version = document.current_version
    if version is None or document.is_retired:
        raise Http404("No version to confirm.")
    people, _ = selectors.document_progress(document)
    outstanding = {p.user.pk: p for p in people if p.acknowledgement is None}
    form = OnBehalfForm(request.POST or None, people=[p.user for p in outstanding.values()])
    if request.method == "POST" and form.is_valid():
        person = outstanding[form.cleaned_data["person"].pk]
        statement = selectors.confirmation_statement(document, version, document.reading_for(person.roles))
        try:
            acknowledgement_confirm(
                user=person.user,
                version=version,
                statement=statement,
                on_behalf_by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"Recorded that {person.user.full_name} read {document.title} ({version.label}).")
            return redirect("training:document-progress", pk=document.pk)
    return render(request, "training/acknowledgement_on_behalf.html", {"form": form, "document": document})


@capability_required("manage_documents")
@submit_once
def acknowledgement_withdraw_view(request, pk):
    acknowledgement = for_school(
        request, Acknowledgement.objects.select_related("user", "version__document", "school"), pk=pk
    )
    document = acknowledgement.version.document
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            acknowledgement_withdraw(
                acknowledgement=acknowledgement, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                f"The confirmation is withdrawn: {acknowledgement.user.full_name} has {document.title} to read again.",
            )
            return redirect("training:document-progress", pk=document.pk)
    return render(
        request,
        "training/acknowledgement_withdraw.html",
        {"form": form, "acknowledgement": acknowledgement, "document": document},
    )


@capability_required("view_acknowledgement_progress")
def chase_list(request):
    page = Paginator(selectors.chase_list(request.school), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "training/document_chase.html", {"page": page})


@require_POST
@capability_required("manage_documents")
@submit_once
def remind_outstanding(request):
    # The emails go from a background task; the Lead follows it on the job's page.
    job = job_start(
        kind=Job.Kind.REMINDERS,
        school=request.school,
        by=request.user,
        task=send_document_reminders,
        next_url=reverse("training:document-chase"),
        school_id=request.school.pk,
        by_id=request.user.pk,
        base_url=request.build_absolute_uri("/")[:-1],
    )
    return redirect(job)


@require_POST
@capability_required("manage_documents")
@submit_once
def document_defaults(request):
    added = documents_create_defaults(school=request.school, by=request.user)
    if added:
        messages.success(
            request, f"{len(added)} documents added. Publish the school's own policies so staff can read them."
        )
    else:
        messages.info(request, "The school already has every default document.")
    return redirect("training:document-overview")
