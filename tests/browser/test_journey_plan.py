"""Journey 6: the Lead updates an action in the plan and attaches a PDF as evidence."""

import io

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfWriter

from compliance.models import Action
from compliance.services import academic_year_of
from tests.compliance.factories import template_plan

from .pages import assert_fits, nav


def small_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Staff Prevent briefing, September"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_it_lets_the_lead_update_an_action_and_attach_evidence(site, lead):
    plan = template_plan(lead.memberships.first().school, lead, year=academic_year_of(timezone.localdate()))
    action = Action.objects.filter(plan=plan).order_by("position", "pk").first()
    pdf = small_pdf()

    page = site.open(lead)
    nav(page, "Action plan").click()
    site.axe.check(page)
    page.get_by_role("link", name=action.text).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(action.text)
    site.axe.check(page)

    page.get_by_role("link", name="Update this action").click()
    site.axe.check(page)
    page.get_by_label("Status").select_option(label="In place")
    page.get_by_label("Last reviewed on").fill(timezone.localdate().isoformat())
    page.get_by_label("Notes").fill("Briefing given to all staff at the September INSET day.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(action.text)
    expect(page.get_by_role("definition").filter(has_text="In place").first).to_be_visible()
    expect(page.get_by_role("region", name="History")).to_contain_text("Briefing given to all staff")
    site.axe.check(page)

    evidence = page.get_by_role("region", name="Evidence", exact=True)
    evidence.get_by_role("button", name="Add evidence").click()  # nothing chosen: errors at the top
    expect(page.get_by_role("heading", level=1)).to_have_text("Add evidence")
    expect(page.get_by_role("alert")).to_be_visible()
    site.axe.check(page)
    page.get_by_role("radio", name="File", exact=True).check()
    page.get_by_label("Title").fill("Staff Prevent briefing, September")
    page.locator("input[type=file]").set_input_files(  # the radio is called "File" too
        {"name": "prevent-briefing.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_role("status")).to_be_visible()
    evidence = page.get_by_role("region", name="Evidence", exact=True)
    expect(evidence).to_contain_text("Staff Prevent briefing, September")
    site.axe.check(page)

    # The file opens in the browser (inline): fetch it as the signed-in Lead.
    href = evidence.get_by_role("link", name="prevent-briefing.pdf").get_attribute("href")
    response = page.context.request.get(href)
    assert response.ok
    assert response.body() == pdf


def test_it_shows_the_plan_at_320_pixels_without_sideways_scrolling(site, staff, lead):
    template_plan(lead.memberships.first().school, lead, year=academic_year_of(timezone.localdate()))
    page = site.open(staff, width=320)
    page.goto("/plan/mine/")
    assert_fits(page)
