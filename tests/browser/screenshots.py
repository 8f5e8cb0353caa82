"""`make screenshots`: the demo's main pages at desktop and phone width, into docs/screenshots/.

Seeds the demo into a throw-away SQLite database, starts the development server on a free port,
signs in through the sign-in form as the demo's staff member, Lead and governor, and saves a
screen-sized PNG of each page at 1280 and 390 px wide. Pages whose feature is not there (a URL name
that does not resolve) are left out with a note.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DB = Path("/tmp/screens.sqlite3")
SERVER_LOG = Path("/tmp/screens-server.log")
ENV = {
    **os.environ,
    "DEBUG": "1",
    "REQUIRE_2FA": "0",
    "DATABASE_URL": f"sqlite:///{DB}",
    "DJANGO_SETTINGS_MODULE": "prevent_site.settings",
}
PASSWORD = "prevent-demo-2026"  # accounts/demo.py's DEMO_PASSWORD, printed by `make run` too
# One screen of each page, as a person sees it on opening it: (width, height).
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}

# (who, file name, URL name or path)
SHOTS = [
    ("staff", "staff-home", "home"),
    ("staff", "staff-documents", "training:document-list"),
    ("staff", "staff-report-concern", "referrals:report-concern"),
    ("lead", "lead-home", "home"),
    ("lead", "lead-action-plan", "compliance:plan"),
    ("lead", "lead-documents", "training:document-overview"),
    ("lead", "lead-speakers", "speakers:register"),
    ("lead", "lead-referrals", "referrals:case-list"),
    ("governor", "governor-home", "home"),
    ("governor", "governor-dashboard", "compliance:dashboard"),
]
# The demo's sign-ins (accounts/demo.py's KEY_PEOPLE).
PEOPLE = {"staff": "staff@example.org", "lead": "lead@example.org", "governor": "governor@example.org"}


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "accounts/login/", timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server at {url} did not start: see {SERVER_LOG}")


def resolve(name):
    """The path of a URL name, or None when that page does not exist (yet)."""
    if name.startswith("/"):
        return name
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def main():
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    DB.unlink(missing_ok=True)
    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    os.environ.update({k: ENV[k] for k in ("DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")})
    import django

    django.setup()

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server_log = open(SERVER_LOG, "w")  # noqa: SIM115 - closed with the server below
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=ENV,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    saved, missing = [], []
    try:
        wait_for(base)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            for who, email in PEOPLE.items():
                for label, (width, height) in SIZES.items():
                    context = browser.new_context(
                        base_url=base, viewport={"width": width, "height": height}, device_scale_factor=1
                    )
                    page = context.new_page()
                    page.goto("/accounts/login/")
                    page.get_by_label("Email address").fill(email)
                    page.get_by_label("Password").fill(PASSWORD)
                    page.get_by_role("button", name="Sign in").click()
                    page.wait_for_load_state()
                    for person, name, target in SHOTS:
                        if person != who:
                            continue
                        path = resolve(target)
                        if path is None:
                            if label == "desktop":
                                missing.append(f"{name} ({target})")
                            continue
                        response = page.goto(path)
                        if response.status != 200:
                            raise SystemExit(f"{path} answered {response.status} for {email}: not saving an error page")
                        page.wait_for_load_state("networkidle")
                        file = OUT / f"{name}-{label}.png"
                        page.screenshot(path=file)
                        saved.append(file.name)
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
        server_log.close()
    print(f"Saved {len(saved)} screenshots in {OUT.relative_to(ROOT)}: {', '.join(saved)}")
    if missing:
        print(f"Left out (no such page yet): {', '.join(missing)}")


if __name__ == "__main__":
    main()
