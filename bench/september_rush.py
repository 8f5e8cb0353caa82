"""The September rush: N members of staff sign in and confirm KCSIE at once.

Runs gunicorn against PostgreSQL on this machine (127.0.0.1 only), drives it over HTTP with a
pool of threads, then checks the database: exactly N confirmations, no duplicates, and an
unbroken audit chain. Prints the figures for docs/reliability.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_hardening \
        .venv/bin/python bench/september_rush.py --staff 1000 --threads 20
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "september rush bench 2026"  # noqa: S105 - a throw-away bench account

SETUP = """
import datetime, json, sys
from django.contrib.auth.hashers import make_password
from accounts.models import Membership, Role, School, User
from training.models import Document, DocumentVersion
from training.services.documents import document_save
n, run = int(sys.argv[1]), sys.argv[2]
school, _ = School.objects.get_or_create(urn="BENCH01", defaults={
    "name": "Bench Academy", "local_authority": "Peterborough", "phase": School.Phase.SECONDARY})
hashed = make_password(sys.argv[3])
existing = set(User.objects.filter(email__endswith="@bench.example").values_list("email", flat=True))
User.objects.bulk_create([User(email=f"staff{i}@bench.example", full_name=f"Bench Staff {i}", password=hashed)
                          for i in range(n) if f"staff{i}@bench.example" not in existing])
users = User.objects.filter(email__endswith="@bench.example")
users.update(password=hashed, is_active=True)
have = set(Membership.objects.filter(school=school, role=Role.STAFF).values_list("user_id", flat=True))
Membership.objects.bulk_create([Membership(user=u, school=school, role=Role.STAFF) for u in users if u.pk not in have])
doc = document_save(school=school, by=None, title=f"Keeping children safe in education ({run})",
                    slug=f"kcsie-{run}", kind=Document.Kind.STATUTORY_GUIDANCE, audience=[str(Role.STAFF)],
                    reading={str(Role.STAFF): "Part one"}, references_prevent=True)
version = DocumentVersion.objects.create(document=doc, label="2025", effective_on=datetime.date(2025, 9, 1),
                                         url="https://www.gov.uk/government/publications/keeping-children-safe-in-education--2")
Document.objects.filter(pk=doc.pk).update(current_version=version)
print(json.dumps({"document": doc.pk, "version": version.pk}))
"""

CHECK = """
import json, sys
from django.db.models import Count
from accounts.audit import broken_links
from training.models import Acknowledgement
version = int(sys.argv[1])
acks = Acknowledgement.objects.filter(version_id=version)
dupes = acks.values("user_id").annotate(n=Count("pk")).filter(n__gt=1).count()
breaks = len(broken_links())
print(json.dumps({"confirmations": acks.count(), "people_confirmed_twice": dupes, "audit_chain_breaks": breaks}))
"""


def manage(env, *args, stdin=None):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def run_script(env, code, *args):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write("import django, sys\ndjango.setup()\n" + code)
    result = subprocess.run(
        [PYTHON, script.name, *args], cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True
    )
    os.unlink(script.name)
    if result.returncode != 0:
        sys.exit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


class Visitor:
    """One member of staff's browser: cookies, CSRF token, timings."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.timings = []

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path, data=None):
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode() if data else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.timings.append(time.perf_counter() - started)
        return status, text


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def one_person(base, index, document):
    visitor = Visitor(base)
    try:
        visitor.request("/accounts/login/")
        status, _ = visitor.request(
            "/accounts/login/", {"username": f"staff{index}@bench.example", "password": PASSWORD}
        )
        if status != 302:
            return visitor.timings, f"sign-in answered {status}"
        status, page = visitor.request(f"/documents/{document}/")
        match = re.search(r'name="version" value="(\d+)"', page)
        if status != 200 or not match:
            return visitor.timings, f"document page answered {status}"
        status, _ = visitor.request(f"/documents/{document}/", {"version": match.group(1), "agree": "on"})
        if status != 302:
            return visitor.timings, f"confirmation answered {status}"
        return visitor.timings, None
    except OSError as error:
        return visitor.timings, f"connection: {error}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres://") or "@127.0.0.1" not in database:
        sys.exit("Set DATABASE_URL to a PostgreSQL database on 127.0.0.1 (this script never targets another host).")
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prevent_site.settings",
        "DEBUG": "0",
        "SECURE": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Fixed, so that the audit chain written by earlier runs still verifies.
        "AUDIT_HMAC_KEY": os.environ.get("AUDIT_HMAC_KEY", "bench-only-audit-key"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": static_root,
        "REQUIRE_2FA": "0",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "50",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    run = time.strftime("%Y%m%d%H%M%S")
    setup = run_script(env, SETUP, str(args.staff), run, PASSWORD)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "prevent_site.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            results = list(pool.map(lambda i: one_person(base, i, setup["document"]), range(args.staff)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    timings = sorted(t for person, _ in results for t in person)
    errors = [error for _, error in results if error]
    check = run_script(env, CHECK, str(setup["version"]))
    summary = {
        "staff": args.staff,
        "threads": args.threads,
        "gunicorn_workers": args.workers,
        "seconds": round(elapsed, 1),
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "p50_ms": round(statistics.median(timings) * 1000),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000),
        "max_ms": round(timings[-1] * 1000),
        "people_with_errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        **check,
    }
    print(json.dumps(summary, indent=1))
    ok = not errors and check["confirmations"] == args.staff and not check["people_confirmed_twice"]
    sys.exit(0 if ok and not check["audit_chain_breaks"] else 1)


if __name__ == "__main__":
    main()
