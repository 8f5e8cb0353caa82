"""The 'Done when' of real people signing in, as a new school would try it in the browser.

The Lead imports three people from an Arbor staff export; one accepts the emailed invitation and
sets a password; one signs in through the school's OpenID Connect provider (a real provider on a
local port); the third's link has expired and they get a new one; all three confirm KCSIE. The
Lead's People page shows each one's state at every step.
"""

import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Invitation
from tests.training.factories_documents import document

KCSIE = "Keeping children safe in education"
ARBOR = Path(__file__).resolve().parents[2] / "docs" / "mis" / "arbor-staff.csv"
NEW_PASSWORD = "a long new password 2026"
PEOPLE = ["Aisha Khan", "Tom O'Brien", "Zoë Brontë-Smith"]


def link_to(email):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return re.search(r"https?://\S+/accounts/invitation/[\w-]+/", message.body).group(0)


def state_of(page, name):
    """The person's row among the members on the Lead's People page."""
    page.goto("/accounts/people/")
    return page.get_by_role("row", name=re.compile("^" + re.escape(name)))


def confirm_kcsie(site, page):
    page.goto("/documents/")
    page.get_by_role("link", name=KCSIE).first.click()
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    expect(page.get_by_text("You have nothing to read right now")).to_be_visible()
    site.axe.check(page)


def test_three_imported_people_join_by_password_provider_and_renewed_link(site, school, lead, oidc_provider, settings):
    settings.SITE_URL = site.base_url
    school.sign_in_provider = "local"
    school.sign_in_domains = "kenstimpson.example"
    school.save()
    document(school, lead)
    oidc_provider.person(
        "tom-obrien", email="t.obrien@kenstimpson.example", email_verified=True, name="Tom O'Brien", amr=["pwd", "mfa"]
    )

    # The Lead imports the Arbor export: a preview of three joiners, then one step.
    leader = site.open(lead)
    leader.get_by_role("link", name="People").click()
    leader.get_by_role("link", name="Import from CSV").click()
    site.axe.check(leader)
    leader.get_by_label("Staff list (CSV)").set_input_files(str(ARBOR))
    leader.get_by_role("button", name="Check the file").click()
    expect(leader.get_by_text("Arbor staff export")).to_be_visible()
    expect(leader.get_by_role("heading", name=re.compile("Joiners: 3"))).to_be_visible()
    site.axe.check(leader)
    leader.get_by_role("button", name="Import 3 people").click()
    expect(leader.get_by_role("status")).to_contain_text("Imported 3 people")
    for name in PEOPLE:
        expect(state_of(leader, name)).to_contain_text("Invited, not yet joined")
    site.axe.check(leader)

    # 1. Aisha follows the emailed link and sets a password.
    aisha = site.new_page()
    aisha.goto(link_to("a.khan@kenstimpson.example"))
    expect(aisha.get_by_role("button", name="Sign in with Local test provider")).to_be_visible()
    site.axe.check(aisha)
    aisha.locator("#id_new_password1").fill(NEW_PASSWORD)
    aisha.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    aisha.get_by_role("button", name="Set my password and sign in").click()
    expect(aisha.get_by_role("status")).to_contain_text("Your password is set")
    expect(state_of(leader, "Aisha Khan")).to_contain_text("Joined")
    confirm_kcsie(site, aisha)

    # 2. Tom signs in with the school's provider: to the provider and back, no password here.
    tom = site.new_page()
    tom.goto("/accounts/login/")
    site.axe.check(tom)
    tom.get_by_role("button", name="Sign in with Local test provider").click()
    tom.get_by_placeholder("sub").fill("tom-obrien")
    tom.get_by_role("button", name="Authorize").click()
    expect(tom.get_by_role("link", name=re.compile("Documents to read"))).to_be_visible()
    expect(state_of(leader, "Tom O'Brien")).to_contain_text("Joined")
    confirm_kcsie(site, tom)

    # 3. Zoë's link has expired by the time she opens it: she asks for a new one.
    Invitation.objects.filter(email="z.bronte-smith@kenstimpson.example").update(
        expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    expect(state_of(leader, "Zoë Brontë-Smith")).to_contain_text("Invitation expired")
    zoe = site.new_page()
    zoe.goto(link_to("z.bronte-smith@kenstimpson.example"))
    expect(zoe.get_by_role("heading", level=1)).to_contain_text("has expired")
    site.axe.check(zoe)
    old_link = link_to("z.bronte-smith@kenstimpson.example")
    zoe.get_by_role("button", name="Email me a new link").click()
    expect(zoe.get_by_role("heading", level=1)).to_contain_text("We have emailed you a new link")
    new_link = link_to("z.bronte-smith@kenstimpson.example")
    assert new_link != old_link
    expect(state_of(leader, "Zoë Brontë-Smith")).to_contain_text("Invited, not yet joined")
    zoe.goto(new_link)
    zoe.locator("#id_new_password1").fill(NEW_PASSWORD)
    zoe.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    zoe.get_by_role("button", name="Set my password and sign in").click()
    expect(zoe.get_by_role("status")).to_contain_text("Your password is set")
    confirm_kcsie(site, zoe)

    # The Lead sees all three joined, and the document confirmed by all three.
    for name in PEOPLE:
        expect(state_of(leader, name)).to_contain_text("Joined")
    assert not [msg for page in (leader, aisha, tom, zoe) for msg in page.csp_violations]
