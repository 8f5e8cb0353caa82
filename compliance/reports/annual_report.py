"""What the annual Prevent and safeguarding report to governors says, and its PDF.

``annual_report_content(report)`` gathers the year's figures (from ``report_data.school_report``,
read as governors read it: referral counts below 5 say "fewer than 5") and the Prevent Lead's
narrative into a plain dict of words and numbers. The page and the PDF only lay that dict out, and
the headteacher's sign-off stores it, so what the chair signs and the PDF shows is what the head
signed. A share with nothing to measure (no one required, no plan) reads "No data yet", never
100% or 0%.
"""

import hashlib
import json

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from assurance.selectors import filtering_year
from core import periods

from ..models import RAG, AnnualReport
from .pdf import render_pdf
from .report_data import school_report

NO_DATA = "No data yet"

# The narrative sections: (field of AnnualReport, heading, what to write there).
NARRATIVE = [
    ("introduction", "Introduction", "The year in brief: what went well, what changed, what needs the governors."),
    (
        "leadership",
        "Leadership and partnership",
        "Who leads on Prevent; work with the local authority, police and Prevent coordinator.",
    ),
    ("risk", "Understanding and managing risk", "The risk assessment's findings and what was done about them."),
    ("training", "Training and staff awareness", "Who was trained, briefings held, gaps and how they will close."),
    (
        "online_safety",
        "Online safety, filtering and monitoring",
        "The yearly review of filtering and monitoring, what it found and what was decided.",
    ),
    (
        "resilience",
        "Building pupils' resilience",
        "The curriculum, assemblies and visitors that help pupils challenge extremist views.",
    ),
    ("priorities", "Priorities for next year", "What the school will do next year, and how governors will know."),
]
NARRATIVE_FIELDS = [name for name, _, _ in NARRATIVE]


def annual_report_period(report):
    """The academic year ``report`` covers, as a ``periods.Period``."""
    return periods.parse(report.academic_year)


def _day(value):
    """A date in words ("3 October 2026"): the content is what people read, stored as they read it."""
    return date_format(value, "j F Y") if value else None


def _share(done, required, percent, due_by=None):
    if not required:
        return NO_DATA
    if due_by:
        return f"{percent}% so far, due by {date_format(due_by, 'j F Y')}"
    return f"{percent}%"


def _plan(section):
    plan = section.plan
    if plan is None:
        return {"title": None, "academic_year": None, "status": None, "total": 0, "counts": {}, "areas": []}
    counts = {label: section.counts[rag] for rag, label in RAG.choices}
    return {
        "title": plan.title,
        "academic_year": plan.academic_year,
        "status": plan.get_status_display(),
        "total": section.total,
        "green_share": f"{round(100 * section.counts['green'] / section.total)}%" if section.total else NO_DATA,
        "counts": counts,
        "areas": [
            {
                "title": area.title,
                "counts": {label: area.counts[rag] for rag, label in RAG.choices},
                "total": area.total,
            }
            for area in section.areas
        ],
    }


def _risk_assessment(summary):
    state = summary.risk_assessment
    if state is None:
        return None
    return {
        "last_reviewed": _day(state.last_reviewed_on),
        "review_due": _day(state.review_due_on),
        "signed_off": state.signed_off,
        "noted": state.noted,
        "total": summary.risk_total,
        "high": summary.risk_counts["high"],
        "medium": summary.risk_counts["medium"],
        "low": summary.risk_counts["low"],
        "open": summary.open_risks,
    }


def _self_assessment(result):
    if result is None:
        return None
    return {
        "edition": result.edition.title,
        "rated": result.rated,
        "total": result.total,
        "below_expected": result.below_expected,
        "sections": [
            {"title": s.section.title, "rated": s.rated, "total": s.total, "below_expected": s.below_expected}
            for s in result.sections
        ],
    }


def _filtering(school, period, summary):
    reviews, checks, gaps = filtering_year(school, period.start, period.end)
    record = summary.filtering.record
    return {
        "senior_leader": record.senior_leader.full_name if record and record.senior_leader else "",
        "governor": record.governor.full_name if record and record.governor else "",
        "filtering_provider": record.filtering_provider if record else "",
        "monitoring_provider": record.monitoring_provider if record else "",
        "reviews": [{"on": _day(r.reviewed_on), "findings": r.findings} for r in reviews],
        "checks": checks,
        "gaps": gaps,
    }


def annual_report_content(report, *, now=None):
    """The report's content as a JSON-ready dict: the year's figures as of now, and the narrative."""
    school, period = report.school, annual_report_period(report)
    data = school_report(school, period, exact_referrals=False)
    summary = data.assurance
    now = now or timezone.now()
    return {
        "school": {"name": school.name, "urn": school.urn, "local_authority": school.local_authority},
        "year": {"key": period.key, "label": period.label, "start": _day(period.start), "end": _day(period.end)},
        "figures_as_of": date_format(timezone.localtime(now), "j F Y, H:i"),
        "plan": _plan(data.plan),
        "confirmations": [
            {"label": line.label, "required": line.required, "done": line.done}
            | {"share": _share(line.done, line.required, line.percent, line.due_by)}
            for line in data.confirmations
        ],
        "training": [
            {"label": line.label, "required": line.required, "done": line.done, **line.extra}
            | {"share": _share(line.done, line.required, line.percent)}
            for line in data.training
        ],
        "risk_assessment": _risk_assessment(summary),
        "self_assessment": _self_assessment(summary.self_assessment),
        "filtering": _filtering(school, period, summary),
        "speakers": {
            "total": data.speakers["total"],
            "decisions": [{"label": line.label, "value": line.value} for line in data.speakers["decisions"]],
        },
        # Counts only, as governors see them (referrals.disclosure): never a reference or a name.
        "referrals": {
            "opened": data.referrals["opened"],
            "closed": data.referrals["closed"],
            "decisions": [{"label": line.label, "value": line.value} for line in data.referrals["decisions"]],
            "outcomes": [{"label": line.label, "value": line.value} for line in data.referrals["outcomes"]],
        },
        "narrative": [{"key": name, "title": title, "text": getattr(report, name)} for name, title, _ in NARRATIVE],
    }


def content_sha256(content):
    """The SHA-256 of the content in a canonical form (sorted keys, no spaces)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def annual_report_filename(report, extension="pdf"):
    """E.g. ``ken-stimpson-community-school-annual-prevent-report-2025-26.pdf``."""
    return f"{slugify(report.school.name)}-annual-prevent-report-{report.academic_year.replace('/', '-')}.{extension}"


def shown_content(report):
    """The content a page shows: what the head signed once signed, else the live draft."""
    head = next((s for s in report.sign_offs.all() if s.stage == s.Stage.HEAD), None)
    return head.content if head else annual_report_content(report)


def render_annual_report_pdf(content, sign_offs, *, draft=False):
    """The PDF bytes of the report's ``content`` with its ``sign_offs`` [(stage label, name, when)];
    a ``draft`` says on its cover that it is not the signed report."""
    context = {
        "content": content,
        "sign_offs": sign_offs,
        "draft": draft,
        "printed_on": timezone.localdate(),
    }
    return render_pdf("compliance/annual_report_pdf.html", context)


def years_to_offer(school, today=None):
    """Academic years a Lead may start a report for: this year and the last two, without one yet."""
    have = set(AnnualReport.objects.filter(school=school).values_list("academic_year", flat=True))
    this_year = periods.academic_year_of(today)
    years = [this_year, periods.previous_academic_year(this_year)]
    years.append(periods.previous_academic_year(years[-1]))
    return [year for year in years if year not in have]
