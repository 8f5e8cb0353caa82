"""Access to the governors' dashboard, reports, snapshots, challenge log and trust overview."""

from django.core.files.base import ContentFile

from . import Entry

GOVERNANCE = {"lead", "head", "governor", "trust"}
CHALLENGERS = {"lead", "head", "governor"}


def _this_year():
    """This academic year, from today: a fixed year would drop out of the form's choices."""
    from core.periods import academic_year

    return academic_year()


def _snapshot(world):
    from compliance.models import ReportSnapshot

    snapshot = ReportSnapshot(
        school=world.school,
        period_key=_this_year().key,
        period_label=_this_year().label,
        title="Full governing body",
        created_by=world.lead,
        filename="report.pdf",
        sha256="0" * 64,
        size=8,
        figures={},
    )
    snapshot.file.save("report.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return snapshot


def _question(world):
    from compliance.models import ChallengeEntry

    return ChallengeEntry.objects.create(snapshot=_snapshot(world), question="Why?", asked_by=world.governor)


ENTRIES = {
    "compliance:dashboard": Entry(allowed=GOVERNANCE),
    "compliance:report-pdf": Entry(allowed=GOVERNANCE),
    "compliance:report-csv": Entry(allowed=GOVERNANCE),
    "compliance:report-xlsx": Entry(allowed=GOVERNANCE),
    "compliance:snapshot-list": Entry(allowed=GOVERNANCE),
    "compliance:snapshot-create": Entry(
        allowed={"lead"},
        method="post",
        data=lambda w: {"title": "Autumn meeting", "period": _this_year().key},
        ok=(302,),
    ),
    "compliance:snapshot-detail": Entry(allowed=GOVERNANCE, kwargs=lambda w: {"pk": _snapshot(w).pk}),
    "compliance:snapshot-pdf": Entry(allowed=GOVERNANCE, kwargs=lambda w: {"pk": _snapshot(w).pk}),
    "compliance:challenge-create": Entry(
        allowed=CHALLENGERS,
        kwargs=lambda w: {"pk": _snapshot(w).pk},
        method="post",
        data=lambda w: {"question": "How do we know staff read the policy?"},
        ok=(302,),
    ),
    "compliance:challenge-answer": Entry(
        allowed={"lead", "head"},
        kwargs=lambda w: {"pk": _question(w).pk},
        method="post",
        data=lambda w: {"answer": "The confirmations table shows it."},
        ok=(302,),
    ),
    "compliance:overview": Entry(allowed={"trust"}),
    # Starts building the combined PDF (a background job) and goes to the job's page.
    "compliance:overview-pdf": Entry(allowed={"trust"}, method="post", ok=(302,)),
    # The page's capability (view_organisation_overview) refuses anyone who is not an officer in
    # the school they work in, before the school asked for is looked up: the outsider and dual get 403.
    # An officer of another trust gets 404 (tests/compliance/test_overview.py).
    "compliance:overview-school": Entry(
        allowed={"trust"}, kwargs=lambda w: {"school_id": w.school.pk}, outsider=403, dual=403
    ),
    "compliance:overview-school-pdf": Entry(
        allowed={"trust"}, kwargs=lambda w: {"school_id": w.school.pk}, outsider=403, dual=403
    ),
}
