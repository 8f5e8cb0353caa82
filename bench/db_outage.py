"""PostgreSQL goes away in the middle of the September rush, then comes back.

The database server itself is shared, so the outage is made between the app and PostgreSQL:
gunicorn connects through a small TCP relay on 127.0.0.1, and the relay is cut (every open
connection closed, new ones refused) for ``--outage`` seconds in the middle of the load. Then
it checks: requests during the outage got the friendly error page (never a traceback), the app
recovered by itself, and no half-written record exists (every confirmation has its audit event).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_hardening \
        .venv/bin/python bench/db_outage.py --staff 300 --outage 10
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.september_rush import PASSWORD, PYTHON, ROOT, SETUP, Visitor, manage, run_script  # noqa: E402

CHECK = """
import json, sys
from accounts.audit import broken_links
from accounts.models import AuditEvent
from training.models import Acknowledgement
version = int(sys.argv[1])
acks = list(Acknowledgement.objects.filter(version_id=version).values_list("pk", flat=True))
logged = set(AuditEvent.objects.filter(object_type="training.acknowledgement", object_id__in=[str(a) for a in acks])
             .values_list("object_id", flat=True))
print(json.dumps({"confirmations": len(acks), "confirmations_without_audit_event": len(acks) - len(logged),
                  "audit_chain_breaks": len(broken_links())}))
"""


class Relay:
    """A TCP relay 127.0.0.1:listen -> 127.0.0.1:target that can be cut and restored."""

    def __init__(self, listen, target):
        self.listen, self.target = listen, target
        self.up = threading.Event()
        self.up.set()
        self.sockets, self.lock = [], threading.Lock()
        self.server = socket.create_server(("127.0.0.1", listen))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.server.accept()
            if not self.up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.up.clear()
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
            self.sockets = []

    def restore(self):
        self.up.set()


def one_person(base, index, document, log, retries=40):
    """Sign in and confirm; on an error page wait a second and try again, as a person would."""
    visitor = Visitor(base)

    def step(path, data=None):
        for _ in range(retries):
            status, text = visitor.request(path, data)
            log.append((time.time(), status, "Something went wrong" in text, "Traceback" in text))
            if status < 500:
                return status, text
            time.sleep(1)
        return status, text

    step("/accounts/login/")
    status, _ = step("/accounts/login/", {"username": f"staff{index}@bench.example", "password": PASSWORD})
    status, text = step(f"/documents/{document}/")
    match = re.search(r'name="version" value="(\d+)"', text)
    if match:
        step(f"/documents/{document}/", {"version": match.group(1), "agree": "on"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=300)
    parser.add_argument("--threads", type=int, default=10)
    parser.add_argument("--outage", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--relay-port", type=int, default=54329)
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "")
    parts = urllib.parse.urlsplit(database)
    if parts.scheme != "postgres" or parts.hostname != "127.0.0.1":
        sys.exit("Set DATABASE_URL to a PostgreSQL database on 127.0.0.1.")
    relayed = parts._replace(netloc=f"{parts.username}@127.0.0.1:{args.relay_port}").geturl()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prevent_site.settings",
        "DEBUG": "0",
        "SECURE": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # Fixed, so that the audit chain written by earlier runs still verifies.
        "AUDIT_HMAC_KEY": os.environ.get("AUDIT_HMAC_KEY", "bench-only-audit-key"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
        "REQUIRE_2FA": "0",
        "LOG_LEVEL": "CRITICAL",
        "AXES_FAILURE_LIMIT": "50",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    setup = run_script(env, SETUP, str(args.staff), "outage" + time.strftime("%Y%m%d%H%M%S"), PASSWORD)
    relay = Relay(args.relay_port, parts.port or 5432)
    base = f"http://127.0.0.1:{args.port}"
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    server = subprocess.Popen(  # noqa: S603
        [gunicorn, "prevent_site.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", "3", "--timeout", "60"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": relayed},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log, window = [], {}
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)

        def outage():
            time.sleep(max(5.0, args.staff / 20))
            window["start"] = time.time()
            relay.cut()
            time.sleep(args.outage)
            relay.restore()
            window["end"] = time.time()

        cutter = threading.Thread(target=outage)
        cutter.start()
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            list(pool.map(lambda i: one_person(base, i, setup["document"], log), range(args.staff)))
        cutter.join()
        # After the load: the app must answer normally again without a restart.
        status_after = urllib.request.urlopen(base + "/accounts/login/", timeout=10).status  # noqa: S310
    finally:
        server.terminate()
        server.wait(timeout=30)
    during = [entry for entry in log if window["start"] <= entry[0] <= window["end"] + 1]
    after = [entry for entry in log if entry[0] > window["end"] + 5]
    check = run_script(env, CHECK, str(setup["version"]))
    summary = {
        "staff": args.staff,
        "outage_seconds": args.outage,
        "requests": len(log),
        "requests_during_outage": len(during),
        "failed_during_outage": sum(1 for e in during if e[1] >= 500),
        "failed_with_friendly_page": sum(1 for e in log if e[1] >= 500 and e[2]),
        "failed_total": sum(1 for e in log if e[1] >= 500),
        "tracebacks_shown": sum(1 for e in log if e[3]),
        "confirmations_expected": args.staff,
        "requests_after_recovery": len(after),
        "failed_after_recovery": sum(1 for e in after if e[1] >= 500),
        "sign_in_page_after_load": status_after,
        **check,
    }
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
