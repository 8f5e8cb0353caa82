"""Requests per second under gunicorn (sync workers, 2 per core) of the staff home and the
confirm POST, against the framework floor (bench/urls.py's /bench/floor/, same middleware),
measured in the same run; then each worker's resident memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_250 .venv/bin/python bench/throughput.py

Sessions are real database sessions (SessionStore, as a sign-in makes them); the CSRF token is
fetched from the document page, as a browser would. Each confirm POST uses a different
unconfirmed (person, document) pair; the bench deletes the confirmations it made at the end.
Each endpoint runs for ``--seconds`` with ``--clients`` concurrent connections (bounded).
"""

import argparse
import datetime
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

bootstrap.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import School, UserSession  # noqa: E402
from accounts.sessions import SIGNED_IN_AT  # noqa: E402
from bench.personas import delete_bench_confirmations, personas, unconfirmed  # noqa: E402
from training.models import Acknowledgement  # noqa: E402

BACKEND = "accounts.backends.EmailBackend"  # the password backend of settings.AUTHENTICATION_BACKENDS


def session_for(user):
    """A database session for ``user``, as signing in makes it; returns its key."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SIGNED_IN_AT] = time.time()
    session.create()
    UserSession.objects.create(user=user, session_key=session.session_key)
    return session.session_key


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workers, **env):
        self.port = free_port()
        self.workers = workers
        self.env = env  # settings of the web processes' own (e.g. EMAIL_URL)
        self.process = None

    def __enter__(self):
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "prevent_site.wsgi:application",
                f"--workers={self.workers}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
                "--chdir",
                str(bootstrap.ROOT),
            ],
            env=bootstrap.environment(DJANGO_SETTINGS_MODULE="bench.settings", **self.env),
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                self.request("GET", "/accounts/login/")
                return self
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def request(self, method, path, cookies=None, body=None, answer=None):
        """(status, Set-Cookie, body); ``answer``, a dict, also gets the response's headers."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        if answer is not None:
            answer.update(response.getheaders())
        return response.status, response.getheader("Set-Cookie") or "", data

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        rss = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss.append(int(line.split()[1]) / 1024)
        return rss


def load(server, make_request, seconds, clients, expect):
    """Run ``make_request()`` -> (method, path, cookies, body) from ``clients`` threads for ``seconds``."""
    done, errors, lock = [0], [], threading.Lock()
    stop = time.perf_counter() + seconds

    def run():
        while time.perf_counter() < stop:
            try:
                args = make_request()
            except StopIteration:
                return
            status, _, _ = server.request(*args)
            with lock:
                if status == expect:
                    done[0] += 1
                else:
                    errors.append(status)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        print(f"  {len(errors)} unexpected responses, e.g. {errors[:5]}")
    return {"requests": done[0], "errors": len(errors), "rps": round(done[0] / elapsed, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    p = personas()
    schools = list(School.objects.filter(organisation=p.school.organisation).order_by("urn"))
    staff_cookie = {settings.SESSION_COOKIE_NAME: session_for(p.staff)}
    pairs = unconfirmed(schools, 2000)
    sessions = {}
    for user, _ in pairs:
        if user.pk not in sessions:
            sessions[user.pk] = session_for(user)
    started = timezone.now() - datetime.timedelta(seconds=1)
    result = {"workers": args.workers, "clients": args.clients, "seconds": args.seconds, "pairs": len(pairs)}
    with Server(args.workers) as server:
        # One CSRF token, fetched from the document page as a browser would, serves every POST.
        user, document = pairs[0]
        cookies = {settings.SESSION_COOKIE_NAME: sessions[user.pk]}
        detail = reverse("training:document-detail", args=[document.pk])
        status, set_cookie, html = server.request("GET", detail, cookies)
        csrf_cookie = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookie).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        queue = iter(pairs)
        queue_lock = threading.Lock()

        def floor():
            return ("GET", "/bench/floor/", staff_cookie, None)

        def home():
            return ("GET", "/", staff_cookie, None)

        def confirm():
            with queue_lock:
                user, document = next(queue)
            body = urlencode({"csrfmiddlewaretoken": token, "version": document.current_version_id, "agree": "on"})
            cookies = {settings.SESSION_COOKIE_NAME: sessions[user.pk], settings.CSRF_COOKIE_NAME: csrf_cookie}
            return ("POST", reverse("training:document-detail", args=[document.pk]), cookies, body)

        load(server, floor, 3, args.clients, 200)  # warm up every worker
        load(server, home, 3, args.clients, 200)
        floors = []
        for label, make, expect in [
            ("floor", floor, 200),
            ("staff home", home, 200),
            ("floor", floor, 200),
            ("confirm POST", confirm, 302),
        ]:
            row = load(server, make, args.seconds, args.clients, expect)
            print(f"{label:<14} {row['rps']:>7.1f} requests/s ({row['requests']} in {args.seconds:.0f} s)", flush=True)
            if label == "floor":
                floors.append(row["rps"])
            else:
                result[label] = row
        result["floor"] = {"rps": round(sum(floors) / len(floors), 1), "runs": floors}
        for label in ("staff home", "confirm POST"):
            result[label]["ratio"] = round(result[label]["rps"] / result["floor"]["rps"], 2)
        result["worker_rss_mb"] = [round(r, 1) for r in server.worker_rss_mb()]
        print("worker RSS after the run (MB):", result["worker_rss_mb"])
    deleted = delete_bench_confirmations(
        Acknowledgement.objects.filter(user_id__in=list(sessions), confirmed_at__gte=started)
    )
    print(f"(deleted the {deleted} confirmations the bench made)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
