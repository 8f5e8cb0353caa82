"""Where the three instruments stand, side by side."""

from django.shortcuts import render
from django.utils import timezone

from accounts.access import capability_required
from core.periods import academic_year_of

from .. import selectors


@capability_required("view_assurance")
def index(request):
    today = timezone.localdate()
    year = academic_year_of(today)
    summary = selectors.assurance_summary(request.school, year, today)
    return render(request, "assurance/index.html", {"summary": summary, "this_year": year})
