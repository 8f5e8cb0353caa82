"""The shared pages at WCAG 2.2 AA: sign-in, home by role, people; focus, 320 px, form errors."""

import pytest
from playwright.sync_api import expect

from .pages import assert_fits, assert_focus_visible, nav, tab_to


def test_it_signs_in_and_shows_each_role_an_accessible_home(site, world):
    for person in (world.staff, world.lead, world.governor):
        page = site.new_page()
        site.sign_in(page, person)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
        site.axe.check(page)


def test_it_reports_violations_readably_so_a_failure_says_what_to_fix(site):
    page = site.new_page()
    page.goto("/accounts/login/")
    page.evaluate("document.querySelector('main').append(Object.assign(document.createElement('img'), {src: 'x.png'}))")
    with pytest.raises(AssertionError) as failure:
        site.axe.check(page)
    assert "image-alt" in str(failure.value)
    assert "    at img" in str(failure.value)  # where: the element, as a CSS selector


def test_it_fails_a_page_whose_markup_breaks_the_content_security_policy(site):
    page = site.new_page()
    page.goto("/accounts/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)  # the console message arrives asynchronously
    with pytest.raises(AssertionError, match="CSP violations"):
        site.axe.check(page)


def test_it_loads_the_stylesheets(site, staff):
    page = site.open(staff)
    brand_colour = page.get_by_role("link", name="Prevent Duty Tracker").evaluate("e => getComputedStyle(e).color")
    assert brand_colour == "rgb(29, 53, 87)", "static/css/app.css did not load"


def test_it_announces_form_errors_and_summarises_them_at_the_top(site, staff):
    page = site.new_page()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("with what you entered")
    expect(summary).to_be_focused()  # app.js moves focus there, so a screen reader reads it first
    email = page.get_by_label("Email address")
    expect(email).to_have_attribute("aria-invalid", "true")
    error_id = email.get_attribute("aria-describedby")
    assert error_id, "the email input is not linked to its error"
    expect(page.locator(f"[id='{error_id}']")).to_contain_text("This field is required")
    expect(summary.get_by_role("link", name="Email address: This field is required.")).to_have_attribute(
        "href", "#id_username"
    )
    site.axe.check(page)


def test_it_links_errors_on_the_people_form(site, lead):
    page = site.open(lead)
    nav(page, "People").click()
    site.axe.check(page)
    page.get_by_role("link", name="Add a person").click()
    site.axe.check(page)
    page.get_by_role("button", name="Add to the school").click()
    expect(page.get_by_role("alert")).to_be_visible()
    site.axe.check(page)
    # Each invalid input, or the fieldset that groups it (checkboxes), points at its error text.
    described_by = page.locator("[aria-invalid=true]").evaluate_all(
        "es => es.map(e => [e.name, e.getAttribute('aria-describedby')"
        " || (e.closest('fieldset') && e.closest('fieldset').getAttribute('aria-describedby'))])"
    )
    assert described_by
    for name, ids in described_by:
        assert ids, f"{name} is not linked to its error"
        assert any("error" in i and page.locator(f"[id='{i}']").count() for i in ids.split()), name


def test_it_keeps_focus_visible_on_everything_the_keyboard_reaches(site, staff):
    page = site.open(staff)
    page.goto("/")
    seen = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement === document.body ? null : document.activeElement.outerHTML")
        if name is None or name in seen:  # past the last control, or round again
            break
        seen.add(name)
        assert_focus_visible(page)
    assert len(seen) >= 3


def test_it_skips_to_the_main_content(site, staff):
    page = site.open(staff)
    page.goto("/")
    tab_to(page, "Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_it_fits_a_320_pixel_screen(site, staff, lead):
    for person, paths in ((staff, ["/", "/accounts/password_change/"]), (lead, ["/", "/accounts/people/"])):
        page = site.open(person, width=320)
        for path in paths:
            page.goto(path)
            assert_fits(page)
    anonymous = site.new_page(width=320)
    anonymous.goto("/accounts/login/")
    assert_fits(anonymous)


def nav_paths(page):
    return (
        page.get_by_role("navigation", name="Main")
        .get_by_role("link")
        .evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )


def test_it_fits_every_staff_page_in_the_menu_to_320_pixels(site, staff):
    page = site.open(staff, width=320)
    menu = page.get_by_role("button", name="Show the menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()  # at phone width the menu is folded away behind this button
    expect(menu).to_have_attribute("aria-expanded", "true")
    paths = nav_paths(page)
    assert len(paths) >= 3
    for path in paths:
        page.goto(path)
        assert_fits(page)
        site.axe.check(page)


def test_it_passes_axe_on_every_page_in_the_lead_and_governor_menus(site, lead, governor):
    for person in (lead, governor):
        page = site.open(person)
        for path in nav_paths(page):
            page.goto(path)
            site.axe.check(page)


def test_it_passes_axe_for_a_person_with_two_schools_in_each_school(site, dual, school, other_school):
    page = site.open(dual)
    switcher = page.get_by_label("Switch school")
    expect(switcher).to_be_visible()
    site.axe.check(page)  # the switcher and its button (contrast) on the context bar
    switcher.select_option(label=other_school.name)
    page.get_by_role("button", name="Switch", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"You are now working in {other_school.name}")
    site.axe.check(page)
    for path in nav_paths(page):  # the Lead's menu in school B
        page.goto(path)
        site.axe.check(page)
    page.get_by_label("Switch school").select_option(label=school.name)
    page.get_by_role("button", name="Switch", exact=True).click()
    expect(page.locator(".context-bar strong")).to_have_text(school.name)
    for path in nav_paths(page):  # a teacher's menu in school A
        page.goto(path)
        site.axe.check(page)
