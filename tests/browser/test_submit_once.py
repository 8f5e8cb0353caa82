"""The submit-once script: a double click on a form's button sends the form once."""

from playwright.sync_api import expect

from referrals.models import Case


def test_two_clicks_on_open_the_case_send_one_request(site, staff, lead):
    page = site.open(lead)
    page.goto("/referrals/cases/add/")
    page.get_by_label("Pupil's identifier in the safeguarding system").fill("CPOMS-DOUBLE")
    page.get_by_label("Year group").select_option(label="Year 9")
    page.get_by_label("Type of concern").select_option(label="Not yet known")
    page.get_by_label("Raised by").select_option(label=f"{staff.full_name} ({staff.job_title})")
    page.get_by_label("Short summary").fill("Comments in class.")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    # Two clicks, the second while the first is on its way (as fast as a hand can't, to be sure).
    page.evaluate(
        """() => {
          const button = [...document.querySelectorAll("main form button")].find(b => b.textContent.includes("Open"));
          button.click();
          setTimeout(() => button.click(), 1);
        }"""
    )
    expect(page.get_by_role("status")).to_contain_text("has been opened")
    assert len(posts) == 1, posts  # the script let one request go (the server would absorb a second)
    assert Case.objects.filter(pupil_identifier="CPOMS-DOUBLE").count() == 1
    assert page.csp_violations == []
