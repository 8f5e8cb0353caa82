"""Playwright on Debian's Chromium against pytest-django's live server.

One browser for all the browser tests. Each journey gets its own browser context (the app's CSP in
force); axe-core runs in a second context with ``bypass_csp`` on a copy of the page the journey
is on, so the check never weakens the pages the journey drives.
"""

import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD

from .axe import AxeChecker
from .chromium import CHROMIUM, LAUNCH_ARGS

HERE = Path(__file__).parent
SKIP_REASON = f"browser tests skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(item.fspath).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter):
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if SKIP_REASON in str(r.longrepr)]
    if skipped:
        terminalreporter.section("browser tests", yellow=True, bold=True)
        terminalreporter.write_line(f"{len(skipped)} {SKIP_REASON}", yellow=True, bold=True)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests, stopped when they are done.

    Playwright's sync API runs an event loop in this thread, and Django's ORM refuses to run
    beside one unless told; so the permission and the loop both last exactly as long as the
    browser tests, and no other test (or the subprocesses some of them start) inherits either.
    """
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            yield chromium
            chromium.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="package")
def axe_checker(browser):
    checker = AxeChecker(browser, (HERE / "vendor" / "axe.min.js").read_text())
    yield checker
    checker.close()


@pytest.fixture
def site(transactional_db, live_server, browser, axe_checker):
    """Opens pages as a given person; ``site.open(user)`` returns a signed-in Page."""
    from referrals.services import concern_categories_ensure

    # The types of concern a migrated database holds: a transactional test's flush removed them.
    concern_categories_ensure()
    s = Site(live_server.url, browser, axe_checker)
    yield s
    s.close()


class Site:
    def __init__(self, base_url, browser, axe_checker):
        self.base_url = base_url
        self.browser = browser
        self.axe = axe_checker
        self.contexts = []

    def new_page(self, *, width=1280, height=900):
        context = self.browser.new_context(
            base_url=self.base_url, viewport={"width": width, "height": height}, accept_downloads=True
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.csp_violations = []
        # A CSP violation means a template broke the strict policy (inline style or script).
        page.on(
            "console",
            lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        return page

    def sign_in(self, page, user, password=PASSWORD, *, check=True):
        """Signs in through the real sign-in form, as a person would."""
        page.goto("/accounts/login/")
        if check:
            self.axe.check(page)
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()
        return page

    def open(self, user, *, width=1280):
        page = self.new_page(width=width)
        self.sign_in(page, user, check=False)
        return page

    def close(self):
        for context in self.contexts:
            context.close()
