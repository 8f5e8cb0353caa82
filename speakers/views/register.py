from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import capability_required
from accounts.audit import AuditAction, record_event

from ..csv_export import register_csv
from ..filters import RegisterFilter
from ..models import Decision
from ..selectors import register, upcoming_events


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@capability_required("view_speaker_register")
def register_list(request):
    """Every request of the school with its status, filtered; upcoming events first."""
    filterset = RegisterFilter(request.GET or None, queryset=register(request.school))
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "query": _query_without_page(request),
        "upcoming": upcoming_events(request.school),
        "outcomes": dict(Decision.Outcome.choices),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    }
    return render(request, "speakers/register.html", context)


@capability_required("view_speaker_register")
def register_export(request):
    """The filtered register as CSV; governors' copy has no personal contact details."""
    filterset = RegisterFilter(request.GET or None, queryset=register(request.school))
    with_contacts = request.caps.manage_speakers
    body = register_csv(filterset.qs, with_contacts=with_contacts)
    record_event(
        action=AuditAction.EXPORT,
        by=request.user,
        school=request.school,
        object_type="speakers.register",
        changes={"filters": request.GET.dict(), "with_contacts": with_contacts},
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="speaker-register-{stamp}.csv"'
    return response
