"""The Lead's access log and the statistics governors and the trust see (counts only)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.access import capability_required
from core import periods

from ..disclosure import sees_exact_counts, shown_count
from ..guards import hidden_unless
from ..models import Decision, Outcome
from ..selectors import access_log as access_log_of
from ..selectors import referral_statistics


@hidden_unless("view_referral_access_log")
def access_log(request):
    page = Paginator(access_log_of(request.school), 50).get_page(request.GET.get("page"))
    return render(request, "referrals/access_log.html", {"page": page})


def _year_choice(request):
    """The academic year asked for ("2025/26") if one of the last eleven, else this one; and the
    last six, to choose from."""
    years = [periods.academic_year_of()]
    while len(years) < 11:
        years.append(periods.previous_academic_year(years[-1]))
    year = request.GET.get("year", years[0])
    return (year if year in years else years[0]), years[:6]


@capability_required("view_referral_statistics")
def statistics(request):
    year, offered = _year_choice(request)
    terms = periods.terms(year)
    counts = [referral_statistics(request.school, term.start, term.end) for term in terms]
    rows = [("Cases opened", [c["opened"] for c in counts])]
    rows += [(label, [c["decisions"][kind] for c in counts]) for kind, label in Decision.Kind.choices]
    outcome_rows = [("Cases closed", [c["closed"] for c in counts])]
    outcome_rows += [(label, [c["outcomes"][value] for c in counts]) for value, label in Outcome.choices]
    exact = sees_exact_counts(request.caps)

    def shown(label, values):
        return label, [shown_count(v, exact=exact) for v in values], shown_count(sum(values), exact=exact)

    context = {
        "year": year,
        "year_label": year,
        "years": [(y, y) for y in offered],
        "terms": terms,
        "rows": [shown(label, values) for label, values in rows],
        "outcome_rows": [shown(label, values) for label, values in outcome_rows],
    }
    return render(request, "referrals/statistics.html", context)
