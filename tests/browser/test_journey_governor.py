"""Journey 5: a governor signs in, opens the dashboard and downloads the compliance report PDF."""

from django.utils import timezone
from playwright.sync_api import expect

from compliance.services import academic_year_of
from tests.compliance.factories import template_plan
from tests.training.factories_documents import confirm, document

from .pages import assert_fits, download_bytes


def test_it_gives_a_governor_the_dashboard_and_the_compliance_pdf(site, staff, lead, governor):
    school = lead.memberships.first().school
    template_plan(school, lead, year=academic_year_of(timezone.localdate()))
    confirm(staff, document(school, lead))

    page = site.new_page()
    site.sign_in(page, governor)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    site.axe.check(page)
    page.get_by_role("link", name="Open the governors' dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Governors' dashboard")
    expect(page.get_by_role("region", name="Documents read and confirmed")).to_contain_text(
        "Keeping children safe in education"
    )
    site.axe.check(page)

    pdf = page.get_by_role("link", name="Download the PDF report")
    with page.expect_download() as download:
        pdf.click()
    assert download_bytes(download.value).startswith(b"%PDF")


def test_it_shows_the_dashboard_at_phone_width(site, governor):
    page = site.open(governor, width=320)
    page.goto("/dashboard/")
    site.axe.check(page)
    assert_fits(page)
