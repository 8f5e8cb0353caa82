"""Access to the annual report to governors (compliance/views/annual_report.py) and the inspection
evidence pack (compliance/views/inspection_pack.py)."""

from . import Entry

GOVERNANCE = {"lead", "head", "governor", "trust"}  # download_reports
PACK = {"lead", "head"}  # download_inspection_pack


def _this_year():
    from core.periods import academic_year

    return academic_year().key


def _draft(world):
    """This year's report of school A (one per year: the same one for every entry of one world)."""
    from compliance.models import AnnualReport
    from compliance.reports.annual_report_services import annual_report_start

    report = AnnualReport.objects.filter(school=world.school, academic_year=_this_year()).first()
    return report or annual_report_start(school=world.school, academic_year=_this_year(), by=world.lead)


def _head_signed(world):
    from compliance.reports.annual_report_services import annual_report_sign_as_head

    report = _draft(world)
    if report.is_draft:
        annual_report_sign_as_head(report=report, by=world.head)
    return report


ENTRIES = {
    "compliance:annual-report-list": Entry(allowed=GOVERNANCE),
    "compliance:annual-report-start": Entry(
        allowed={"lead"}, method="post", data=lambda w: {"academic_year": _this_year()}, ok=(302,)
    ),
    "compliance:annual-report-detail": Entry(allowed=GOVERNANCE, kwargs=lambda w: {"pk": _draft(w).pk}),
    "compliance:annual-report-edit": Entry(allowed={"lead"}, kwargs=lambda w: {"pk": _draft(w).pk}),
    "compliance:annual-report-sign-head": Entry(
        allowed={"head"}, kwargs=lambda w: {"pk": _draft(w).pk}, method="post", ok=(302,)
    ),
    "compliance:annual-report-sign-chair": Entry(
        allowed={"governor"}, kwargs=lambda w: {"pk": _head_signed(w).pk}, method="post", ok=(302,)
    ),
    "compliance:annual-report-pdf": Entry(allowed=GOVERNANCE, kwargs=lambda w: {"pk": _draft(w).pk}),
    "compliance:inspection-pack": Entry(allowed=PACK),
    # Starts building the pack (a background job) and goes to the job's page.
    "compliance:inspection-pack-build": Entry(allowed=PACK, method="post", ok=(302,)),
}
