"""The September rush: 1,000 members of staff across 50 schools confirm a document within a minute.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_250 .venv/bin/python bench/september_rush.py

On a generated dataset of at least ``--schools`` schools (``generate_dataset``), against gunicorn
(sync workers, 2 per core, DEBUG off) on 127.0.0.1:

1. picks ``--staff`` distinct members of staff, the same number from each of the first
   ``--schools`` schools, each with an all-staff document still to confirm; and a few more
   from the next schools for the idle measure. They are signed in already (database sessions,
   as a sign-in makes them: on a September morning people sign in over the day, and each
   sign-in's deliberately slow password hash is not the confirmation's cost);
2. idle: those few confirm one at a time (open the document page, then POST the confirmation);
3. the rush: the ``--staff`` people arrive at random (Poisson) over ``--minute`` seconds, each
   opening the page and confirming, from a pool of client threads large enough that nobody's
   start waits for another's answer;
4. checks the database: every one of them confirmed exactly once, the schools' audit chains are
   whole; and, sampled every 20 ms during the rush, which locks requests waited for in
   PostgreSQL: each school's audit chain has a lock of its own, so a confirmation may wait only
   on its own school's (an advisory lock whose key is the school's id).

The target (issue 22): the confirm POST's p95 under the rush at most 3x its idle latency, no
errors, exactly one confirmation each. The confirmations are deleted afterwards (the audit
events stay: they are append-only), so the bench can run again.
"""

import argparse
import datetime
import json
import random
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

bootstrap.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.audit import _CHAIN_LOCK_CLASS, broken_links  # noqa: E402
from accounts.models import School  # noqa: E402
from bench.personas import delete_bench_confirmations, personas, unconfirmed  # noqa: E402
from bench.throughput import Server, load, session_for  # noqa: E402
from training.models import Acknowledgement  # noqa: E402

LOCKS = """
SELECT l.locktype, l.classid, l.objid, l.granted FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
  AND (l.locktype = 'advisory' OR NOT l.granted)
"""


def people(schools, per_school):
    """``per_school`` (user, document) pairs from each school, a different person each."""
    chosen = []
    for school in schools:
        seen = set()
        for user, document in unconfirmed([school], 40 * per_school):
            if user.pk not in seen:
                seen.add(user.pk)
                chosen.append((user, document))
            if len(seen) == per_school:
                break
        if len(seen) < per_school:
            raise SystemExit(f"{school}: only {len(seen)} people with a document to confirm")
    return chosen


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, int(round(len(ordered) * fraction)) - 1)]


class Browser:
    """One signed-in person: open the document page (its CSRF token and version), then confirm."""

    def __init__(self, server, user, document, session_key):
        self.server, self.user, self.document = server, user, document
        self.cookies = {settings.SESSION_COOKIE_NAME: session_key}
        self.path = reverse("training:document-detail", args=[document.pk])

    def confirm(self):
        """Returns (GET seconds, POST seconds, error or None)."""
        get_s = post_s = None
        try:
            started = time.perf_counter()
            status, set_cookie, html = self.server.request("GET", self.path, self.cookies)
            get_s = time.perf_counter() - started
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            version = re.search(rb'name="version" value="(\d+)"', html)
            if status != 200 or not token or not version:
                return get_s, None, f"document page answered {status}"
            csrf = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookie)
            cookies = {**self.cookies, settings.CSRF_COOKIE_NAME: csrf.group(1)} if csrf else self.cookies
            form = {"csrfmiddlewaretoken": token.group(1).decode(), "version": version.group(1), "agree": "on"}
            body = urlencode(form)
            started = time.perf_counter()
            answer = {}
            status, _, _ = self.server.request("POST", self.path, cookies, body, answer)
            post_s = time.perf_counter() - started
            location = answer.get("Location", "")
            if status != 302 or location != reverse("training:document-list"):
                return get_s, post_s, f"confirmation answered {status} {location}"
            return get_s, post_s, None
        except OSError as error:
            return get_s, post_s, f"connection: {error}"


class LockSampler(threading.Thread):
    """Samples PostgreSQL's locks every 20 ms: waits by kind, and the audit-chain locks held at once."""

    def __init__(self, schools):
        super().__init__(daemon=True)
        self.schools = {s.pk for s in schools}
        self.stop = threading.Event()
        self.samples = 0
        self.waits = {}  # lock kind -> samples with a request waiting for one
        self.chain_waits_other_school = 0
        self.most_chains_held = 0

    def run(self):
        from django.db import connections

        with connections["default"].cursor() as cursor:
            while not self.stop.is_set():
                cursor.execute(LOCKS)
                held = set()
                for kind, lock_class, key, granted in cursor.fetchall():
                    chain = kind == "advisory" and lock_class == _CHAIN_LOCK_CLASS
                    if granted:
                        if chain:
                            held.add(key)
                        continue
                    kind = "audit chain (advisory)" if chain else kind
                    self.waits[kind] = self.waits.get(kind, 0) + 1
                    if chain and key not in self.schools:
                        self.chain_waits_other_school += 1
                self.most_chains_held = max(self.most_chains_held, len(held))
                self.samples += 1
                time.sleep(0.02)
        connections["default"].close()


def idle(server, browsers):
    posts, errors = [], []
    for browser in browsers:
        _, post_s, error = browser.confirm()
        errors += [error] if error else []
        posts += [post_s] if post_s is not None else []
        time.sleep(0.2)
    return posts, errors


def rush(server, browsers, minute, threads, seed):
    rng = random.Random(seed)
    arrivals, at = [], 0.0
    for _ in browsers:
        at += rng.expovariate(len(browsers) / minute)
        arrivals.append(at)
    scale = minute / arrivals[-1]  # the last person arrives at the minute's end
    arrivals = [a * scale for a in arrivals]
    start = time.perf_counter() + 0.5
    late = []

    def one(args):
        browser, arrive = args
        wait = start + arrive - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        late.append(max(0.0, -wait))
        result = browser.confirm()
        return (*result, time.perf_counter() - start)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(one, zip(browsers, arrivals, strict=True)))
    return results, max(late)


def stats(seconds):
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(percentile(ms, 0.95), 1),
        "max_ms": round(max(ms), 1),
    }


def count(pairs, since):
    """Confirmations made since ``since`` by each of ``pairs``: people with 0, 1, 2+."""
    users = [u.pk for u, _ in pairs]
    majors = {d.current_version.major_id for _, d in pairs}
    made = (
        Acknowledgement.objects.filter(user_id__in=users, major_version_id__in=majors, confirmed_at__gte=since)
        .values("user_id")
        .annotate(n=Count("pk"))
    )
    by_user = {row["user_id"]: row["n"] for row in made}
    return {
        "confirmations": sum(by_user.values()),
        "people_confirmed_once": sum(1 for u in users if by_user.get(u) == 1),
        "people_not_confirmed": sum(1 for u in users if u not in by_user),
        "people_confirmed_twice": sum(1 for n in by_user.values() if n > 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--minute", type=float, default=60, help="Seconds over which the staff arrive.")
    parser.add_argument("--idle", type=int, default=40, help="Confirmations timed one at a time first.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (docs/operations.md: 4).")
    parser.add_argument("--threads", type=int, default=300, help="Client threads (enough that arrivals never wait).")
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Run it on PostgreSQL (DATABASE_URL): the locks it watches are PostgreSQL's.")
    organisation = personas().school.organisation
    schools = list(School.objects.filter(organisation=organisation).order_by("urn"))
    if len(schools) < args.schools + 1:
        raise SystemExit(f"The dataset has {len(schools)} schools: generate at least {args.schools + 1}.")
    per_school = args.staff // args.schools
    rushing = people(schools[: args.schools], per_school)
    extra = schools[args.schools :]
    calm = people(extra[: max(1, -(-args.idle // per_school))], min(per_school, args.idle))[: args.idle]
    print(f"{len(rushing)} people in {args.schools} schools for the rush, {len(calm)} for the idle measure", flush=True)
    since = timezone.now() - datetime.timedelta(seconds=1)
    with Server(args.workers) as server:
        browsers = [Browser(server, u, d, session_for(u)) for u, d in rushing]
        calm_browsers = [Browser(server, u, d, session_for(u)) for u, d in calm]
        staff_cookie = {settings.SESSION_COOKIE_NAME: session_for(personas().staff)}
        load(server, lambda: ("GET", "/", staff_cookie, None), 5, 2 * args.workers, 200)  # warm every worker
        idle_posts, idle_errors = idle(server, calm_browsers)
        sampler = LockSampler(schools[: args.schools])
        sampler.start()
        results, late = rush(server, browsers, args.minute, args.threads, args.seed)
        sampler.stop.set()
        sampler.join()
        rss = server.worker_rss_mb()
    errors = [e for _, _, e, _ in results if e] + idle_errors
    loaded_posts = [p for _, p, _, _ in results if p is not None]
    loaded_gets = [g for g, _, _, _ in results if g is not None]
    idle_stats, loaded_stats = stats(idle_posts), stats(loaded_posts)
    summary = {
        "staff": len(rushing),
        "schools": args.schools,
        "workers": args.workers,
        "minute_s": args.minute,
        "last_answer_s": round(max(t for *_, t in results), 1),
        "latest_start_s": round(late, 2),
        "idle_post": idle_stats,
        "rush_post": loaded_stats,
        "rush_get": stats(loaded_gets),
        "p95_over_idle_p95": round(loaded_stats["p95_ms"] / idle_stats["p95_ms"], 2),
        "p95_over_idle_p50": round(loaded_stats["p95_ms"] / idle_stats["p50_ms"], 2),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        **count(rushing, since),
        "audit_chain_breaks": sum(len(broken_links(school=s)) for s in schools[: args.schools]),
        "lock_samples": sampler.samples,
        "lock_waits": sampler.waits,
        "chain_lock_waits_on_other_schools": sampler.chain_waits_other_school,
        "most_chain_locks_held_at_once": sampler.most_chains_held,
        "worker_rss_mb": [round(r, 1) for r in rss],
    }
    users = [u.pk for u, _ in rushing + calm]
    deleted = delete_bench_confirmations(Acknowledgement.objects.filter(user_id__in=users, confirmed_at__gte=since))
    print(json.dumps(summary, indent=1))
    print(f"(deleted the {deleted} confirmations the bench made)")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
