"""The Prevent Lead's view of their school's audit trail."""

from django.shortcuts import render

from .access import capability_required
from .audit_search import AuditSearchForm, BoundedPaginator, school_events


@capability_required("view_audit")
def audit_list(request):
    form = AuditSearchForm(request.GET or None, school=request.school)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        events = school_events(request.school).none()
    else:
        events = school_events(request.school, **{k: v for k, v in filters.items() if v})
    page = BoundedPaginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(filters and any(filters.values()))},
    )
