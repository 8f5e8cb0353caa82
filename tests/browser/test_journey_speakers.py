"""Journey 3: staff ask for a speaker; the Lead records the checks, declines in writing, downloads the
internal record and sends the speaker a neutral letter."""

import re

from playwright.sync_api import expect

from .pages import assert_fits, download_bytes, nav

EVENT = "Assembly: faith and community in Peterborough"


def test_it_takes_a_speaker_request_from_staff_to_a_declined_letter(site, staff, lead):
    page = site.open(staff)
    nav(page, "Speakers").click()
    site.axe.check(page)
    page.get_by_role("link", name="Ask for a speaker or letting").first.click()
    site.axe.check(page)
    page.get_by_role("link", name="In-person speaker").click()
    page.get_by_role("button", name="Send the request").click()  # empty: every problem listed at the top
    expect(page.get_by_role("alert")).to_contain_text("with what you entered")
    site.axe.check(page)

    page.get_by_label("Speaker(s)").fill("Imam Yusuf Rahman")
    page.get_by_label("Organisation").fill("Peterborough Interfaith Forum")
    page.get_by_label("Event title").fill(EVENT)
    page.get_by_label("Date and time").fill("2027-01-20T10:30")
    page.get_by_label("Place").fill("Main hall")
    page.get_by_label("Year groups").fill("Years 10 and 11")
    page.get_by_label("Outline", exact=True).fill("How faith groups in the city work together after the 2025 floods.")
    page.get_by_label("Invited by").select_option(label=str(staff))
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_be_visible()
    site.axe.check(page)

    page = site.open(lead)
    expect(page.get_by_role("link", name="Speaker requests to check")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"New request from {staff}")  # the Lead is told
    nav(page, "Speakers").click()
    site.axe.check(page)
    page.get_by_role("link", name=EVENT).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
    site.axe.check(page)

    checks = page.get_by_role("region", name="Due diligence")
    to_record = checks.get_by_role("link", name=re.compile(r"^Record(?! again)"))
    first = True
    while to_record.count():
        to_record.first.click()
        if first:
            site.axe.check(page)
        page.get_by_label("Concerns" if first else "No concerns", exact=True).check()
        page.get_by_label("Notes and sources").fill(
            "Online search: a 2024 post by the speaker calls for exclusion of other faiths."
            if first
            else "Searched; nothing found."
        )
        page.get_by_role("button", name="Record the check").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
        first = False
    expect(checks).to_contain_text("Every required check is done")
    site.axe.check(page)

    page.get_by_role("link", name="Decide", exact=True).first.click()
    site.axe.check(page)
    page.get_by_label("Decline").check()
    page.get_by_role("button", name="Record the decision").click()  # no justification yet
    expect(page.get_by_role("alert")).to_contain_text("Justification: This field is required")
    site.axe.check(page)
    page.get_by_label("Justification").fill(
        "The speaker's published views conflict with the school's duty to promote mutual respect."
    )
    page.get_by_role("button", name="Record the decision").click()
    decision = page.get_by_role("region", name="Decision")
    expect(decision).to_contain_text("Decline")
    site.axe.check(page)

    with page.expect_download() as download:
        decision.get_by_role("link", name=re.compile("Download the internal decision record")).click()
    assert download_bytes(download.value).startswith(b"%PDF")

    # The letter to the speaker: neutral wording, reviewed, then recorded as sent.
    decision.get_by_role("link", name="Prepare the letter to the speaker").click()
    site.axe.check(page)
    page.get_by_label("Their role").fill("Prevent Lead")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("mutual respect")
    site.axe.check(page)
    page.get_by_role("button", name="Mark the letter reviewed").click()
    page.get_by_label("By email").check()
    page.get_by_role("button", name="Record that it was sent").click()
    expect(page.get_by_role("main")).to_contain_text("SHA-256")
    expect(page.get_by_role("main")).not_to_contain_text("mutual respect")  # the letter holds no reason

    # The requester is told, and sees the internal record with its justification.
    page = site.open(staff)
    expect(page.get_by_role("main")).to_contain_text(f"Your request “{EVENT}” was decided")
    nav(page, "Speakers").click()
    page.get_by_role("link", name=EVENT).first.click()
    decision = page.get_by_role("region", name="Decision")
    expect(decision).to_contain_text("Decline")
    expect(decision).to_contain_text("mutual respect")


def test_it_shows_the_speaker_request_form_at_320_pixels(site, staff):
    page = site.open(staff, width=320)
    page.goto("/speakers/new/")
    assert_fits(page)
