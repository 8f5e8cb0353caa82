"""Latency and queries of the key pages, in process, on one generated database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_250 .venv/bin/python bench/pages.py --json out.json

Each page is requested twice to warm up, then ``--repeat`` times (the trust overview, which
reads every school, once and ``--overview-repeat`` times); queries are counted on the last
request. Signs in with django.test.Client.force_login (a real session row). Confirm POSTs each
use a different unconfirmed (person, document) pair, and the confirmations the bench made are
deleted at the end, so the database can be benched again.
"""

import argparse
import collections
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

bootstrap.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import School  # noqa: E402
from bench.personas import delete_bench_confirmations, personas, unconfirmed  # noqa: E402
from training.models import Acknowledgement  # noqa: E402

WARMUP = 2
# The trust overview at 250 schools runs over 10,000 queries; Django keeps 9,000 by default.
connection.queries_log = collections.deque(maxlen=1_000_000)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(label, request, repeat, expect=200, warmup=WARMUP):
    """Time ``request()`` (which returns a response) ``repeat`` times after ``warmup`` untimed ones;
    the queries are counted on the last timed request."""
    for _ in range(warmup):
        request()
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = request()
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != expect:
            raise SystemExit(f"{label}: HTTP {response.status_code}, expected {expect}")
    row = {
        "page": label,
        "queries": len(queries),
        "min_ms": round(min(times), 1),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "n": repeat,
    }
    print(
        f"{label:<34} {row['queries']:>5} queries  best {row['min_ms']:>8.1f} ms  p50 {row['p50_ms']:>8.1f} ms"
        f"  p95 {row['p95_ms']:>8.1f} ms",
        flush=True,
    )
    return row


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def confirm_posts(repeat):
    """Time the confirm POST, each with its own unconfirmed pair; returns the row and the new acks."""
    schools = list(School.objects.filter(urn__startswith="9001").order_by("urn"))
    pairs = unconfirmed(schools, WARMUP + repeat)
    if len(pairs) < WARMUP + repeat:
        raise SystemExit(f"Only {len(pairs)} unconfirmed pairs: regenerate the dataset.")
    started = timezone.now() - datetime.timedelta(seconds=1)
    # Signed in beforehand (as the person would be, having opened the page), so that the timed
    # request is the POST alone.
    clients = {user.pk: client_for(user) for user, _ in pairs}
    for user, document in pairs:
        clients[user.pk].get(reverse("training:document-detail", args=[document.pk]))
    queue = iter(pairs)

    def post():
        user, document = next(queue)
        url = reverse("training:document-detail", args=[document.pk])
        return clients[user.pk].post(url, {"version": document.current_version_id, "agree": "on"})

    row = measure("Document confirm (POST)", post, repeat, expect=302)
    made = Acknowledgement.objects.filter(user__in=[u for u, _ in pairs], confirmed_at__gte=started)
    return row, made


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--overview-repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    p = personas()
    schools = School.objects.filter(organisation=p.school.organisation).count()
    print(f"{schools} schools, database {connection.settings_dict['NAME']}")
    staff, lead, governor, officer = (client_for(u) for u in (p.staff, p.lead, p.governor, p.officer))
    confirm_target = unconfirmed([p.school], 1)[0]
    reader = client_for(confirm_target[0])
    detail = reverse("training:document-detail", args=[confirm_target[1].pk])
    pages = [
        ("Framework floor", staff, reverse("bench-floor"), args.repeat),
        ("Staff home", staff, reverse("home"), args.repeat),
        ("Document confirm (GET)", reader, detail, args.repeat),
        ("Lead's home", lead, reverse("home"), args.repeat),
        ("Confirmation progress", lead, reverse("training:document-progress", args=[p.kcsie.pk]), args.repeat),
        ("Training matrix", lead, reverse("training:matrix"), args.repeat),
        ("Speaker register", lead, reverse("speakers:register"), args.repeat),
        ("Action plan", lead, reverse("compliance:plan"), args.repeat),
        ("Governor dashboard", governor, reverse("compliance:dashboard"), args.repeat),
        ("Governor PDF", governor, reverse("compliance:report-pdf"), max(3, args.repeat // 4)),
        ("Trust overview", officer, reverse("compliance:overview"), args.overview_repeat),
    ]
    rows = []
    for label, client, url, repeat in pages:
        # The trust overview reads every school: at most one untimed request (none when timed once).
        warmup = min(1, args.overview_repeat - 1) if label == "Trust overview" else WARMUP
        rows.append(measure(label, lambda c=client, u=url: c.get(u), repeat, warmup=warmup))
        if label == "Document confirm (GET)":
            row, made = confirm_posts(args.repeat)
            rows.append(row)
            deleted = delete_bench_confirmations(made)
            print(f"  (deleted the {deleted} confirmations the bench made)")
    rows[-1]["per_school_ms"] = round(rows[-1]["p50_ms"] / schools, 1)
    result = {"schools": schools, "rows": rows}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
