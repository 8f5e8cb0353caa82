"""Journey: the Lead writes the annual Prevent report, the head and then the chair of governors sign
it off, the governor downloads the frozen PDF, and the Lead builds and downloads the inspection evidence pack."""

import hashlib
import io
import json
import zipfile

from django.utils import timezone
from playwright.sync_api import expect

from compliance.models import AnnualReport
from compliance.services import academic_year_of
from core.periods import academic_year
from tests.compliance.factories import template_plan
from tests.compliance.reports_text import pdf_text

from .pages import download_bytes

INTRODUCTION = "A year of steady Prevent work, with every member of staff trained."


def test_the_annual_report_is_written_signed_twice_and_downloaded(site, lead, head, governor):
    school = lead.memberships.first().school
    template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    year = academic_year().key

    page = site.open(lead)
    page.get_by_role("link", name="Annual Prevent and safeguarding reports to governors").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual Prevent and safeguarding reports to governors")
    site.axe.check(page)
    page.get_by_label("Academic year").select_option(year)
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the annual report's sections")
    site.axe.check(page)
    page.get_by_label("Introduction").fill(INTRODUCTION)
    page.get_by_role("button", name="Save the sections").click()
    expect(page.get_by_text("The report's sections have been saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual Prevent and safeguarding report {year}")
    site.axe.check(page)

    page = site.open(head)
    page.goto("/reports/annual/")
    page.get_by_role("link", name=f"Annual report {year}").click()
    page.get_by_role("button", name="Sign off as headteacher").click()
    expect(page.get_by_text("You have signed off the report.")).to_be_visible()

    page = site.open(governor)
    page.get_by_role("link", name="Annual Prevent and safeguarding reports to governors").click()
    page.get_by_role("link", name=f"Annual report {year}").click()
    page.get_by_role("button", name="Sign off as chair of governors").click()
    expect(page.get_by_text("It is now frozen.")).to_be_visible()
    site.axe.check(page)
    sign_off = AnnualReport.objects.get(school=school).sign_offs.get(stage="chair")
    with page.expect_download() as download:
        page.get_by_role("link", name=sign_off.filename).click()
    data = download_bytes(download.value)
    assert hashlib.sha256(data).hexdigest() == sign_off.sha256
    assert INTRODUCTION in pdf_text(data)


def test_the_lead_downloads_the_inspection_pack(site, lead):
    page = site.open(lead)
    page.get_by_role("link", name="The inspection evidence pack").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inspection evidence pack")
    site.axe.check(page)
    page.get_by_role("button", name="Build the inspection evidence pack (ZIP)").click()
    # Built in the background: the job's page says when it is ready and offers the ZIP.
    expect(page.get_by_role("heading", level=1)).to_have_text("Inspection evidence pack")
    expect(page.get_by_text("The inspection evidence pack is ready")).to_be_visible()
    site.axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    archive = zipfile.ZipFile(io.BytesIO(download_bytes(download.value)))
    manifest = json.loads(archive.read("manifest.json"))
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
