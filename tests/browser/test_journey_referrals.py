"""Journey 4: the Lead records a concern through to a referral decision; a governor gets "not found"."""

from playwright.sync_api import expect

from referrals.services import concern_categories_ensure

from .pages import nav


def test_it_records_a_concern_through_to_a_decision_that_governors_cannot_open(site, staff, lead, governor):
    concern_categories_ensure()  # the migration's rows do not outlive a flush between live-server tests
    page = site.open(lead)
    nav(page, "Referrals").click()
    site.axe.check(page)
    page.get_by_role("link", name="Record a concern").first.click()
    site.axe.check(page)
    page.get_by_role("button", name="Open the case").click()  # empty: errors summarised at the top
    expect(page.get_by_role("alert")).to_contain_text("with what you entered")
    site.axe.check(page)

    page.get_by_label("Pupil's identifier in the safeguarding system").fill("CPOMS-48213")
    page.get_by_label("Year group").select_option(label="Year 10")
    page.get_by_label("Type of concern").select_option(label="Extreme right-wing")
    page.get_by_label("Raised by").select_option(label=f"{staff.full_name} ({staff.job_title})")
    page.get_by_label("Short summary").fill(
        "Pupil shared extremist material in a group chat and repeated its slogans in a lesson."
    )
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("status")).to_be_visible()
    reference = page.get_by_role("heading", level=1).inner_text()
    case_address = page.url
    site.axe.check(page)

    page.get_by_role("link", name="Record a decision").click()
    site.axe.check(page)
    page.get_by_label("Prevent referral to the police").check()
    page.get_by_label("Rationale").fill(
        "Advice from the LA Prevent officer: the material and the repeated slogans meet the threshold."
    )
    page.get_by_role("button", name="Save").click()
    decisions = page.get_by_role("region", name="Decisions")
    expect(decisions).to_contain_text("Prevent referral to the police")
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    site.axe.check(page)

    governor_page = site.open(governor)
    expect(nav(governor_page, "Referrals")).to_have_count(0)
    response = governor_page.goto(case_address)
    assert response.status == 404
    expect(governor_page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(governor_page.get_by_text(reference)).to_have_count(0)
    site.axe.check(governor_page)
