"""Journeys 1 and 2: staff confirm KCSIE (keyboard only); a new version makes it outstanding again."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.training.factories_documents import document

from .pages import assert_fits, nav, tab_to

KCSIE = "Keeping children safe in education"


def test_it_lets_staff_confirm_kcsie_with_the_keyboard_alone(site, staff, lead):
    document(staff.memberships.first().school, lead)
    page = site.new_page()
    page.goto("/accounts/login/")
    site.axe.check(page)

    # Sign in: the email field has focus when the page opens.
    expect(page.get_by_label("Email address")).to_be_focused()
    page.keyboard.type(staff.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("link", name=re.compile("Documents to read"))).to_be_visible()
    site.axe.check(page)
    tab_to(page, "Documents to read")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name=re.compile("To read"))).to_contain_text("1")
    site.axe.check(page)
    tab_to(page, KCSIE)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text(KCSIE)
    site.axe.check(page)
    # Confirming without ticking: the error is announced and summarised at the top.
    tab_to(page, "Confirm", tag="button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Tick the statement")
    expect(page.get_by_role("alert")).to_be_focused()
    agree = page.get_by_role("checkbox")
    expect(agree).to_have_attribute("aria-describedby", re.compile(r"\S"))
    site.axe.check(page)

    tab_to(page, "I have read", tag="input")  # the statement's checkbox, not the summary's link to it
    page.keyboard.press("Space")
    expect(agree).to_be_checked()
    tab_to(page, "Confirm", tag="button")
    page.keyboard.press("Enter")

    # Back on the list: a message says so, and KCSIE has moved to "Done".
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    expect(page.get_by_text("You have nothing to read right now")).to_be_visible()
    expect(page.get_by_role("region", name="Done")).to_contain_text(KCSIE)
    site.axe.check(page)


def test_it_shows_staff_pages_at_320_pixels(site, staff, lead):
    doc = document(staff.memberships.first().school, lead)
    page = site.open(staff, width=320)
    for path in ("/", "/documents/", f"/documents/{doc.pk}/"):
        page.goto(path)
        assert_fits(page)


def test_it_makes_kcsie_outstanding_again_when_the_lead_publishes_a_new_version(site, staff, lead):
    from tests.training.factories_documents import confirm

    doc = document(staff.memberships.first().school, lead, label="2025")
    confirm(staff, doc)

    page = site.open(lead)
    nav(page, "Documents").click()
    site.axe.check(page)
    page.get_by_role("link", name="Everyone's progress and managing documents").click()
    site.axe.check(page)
    page.get_by_role("link", name=KCSIE).click()
    site.axe.check(page)
    page.get_by_role("link", name="Publish a new version").click()
    site.axe.check(page)
    page.get_by_label("Label").fill("2026")
    page.get_by_label("In force from").fill("2026-09-01")
    page.get_by_label("Link").fill("https://www.gov.uk/government/publications/keeping-children-safe-in-education--2")
    page.get_by_label("What changed").fill("New section on filtering and monitoring.")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_be_visible()
    site.axe.check(page)

    staff_page = site.open(staff)
    expect(staff_page.get_by_role("link", name=re.compile("Documents to read"))).to_be_visible()
    staff_page.get_by_role("link", name=re.compile("Documents to read")).click()
    to_read = staff_page.get_by_role("region", name=re.compile("To read"))
    expect(to_read.get_by_role("link", name=f"{KCSIE} (2026)")).to_be_visible()
    site.axe.check(staff_page)
