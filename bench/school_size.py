"""The key pages of one school, in process: its time over the framework floor, to compare sizes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_1k .venv/bin/python bench/school_size.py
    ... bench/school_size.py --profile "Governor dashboard"     # cProfile of one page, top 30 by cumulative time
    ... bench/school_size.py --profile "Matrix CSV" --sort tottime   # ... by each function's own time

``make bench`` runs it on the first school of the 100-staff dataset and on a school of 1,000
staff (``generate_dataset --schools 1 --staff-per-school 1000``), and bench/school_size_report.py
puts the two side by side: a page of the big school should cost at most 1.5× its time at 100 staff,
both measured as a ratio to the floor of the same run, with the same number of queries.
"""

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

bootstrap.setup()

from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Membership  # noqa: E402
from bench.pages import client_for, measure  # noqa: E402
from bench.personas import personas  # noqa: E402

# (label, who, URL name and arguments): the pages a Lead and governors use most, and the exports.
KEY_PAGES = [
    ("Framework floor", "staff", "bench-floor", ()),
    ("Staff home", "staff", "home", ()),
    ("Lead's home", "lead", "home", ()),
    ("Action plan", "lead", "compliance:plan", ()),
    ("Governor dashboard", "governor", "compliance:dashboard", ()),
    ("Training matrix", "lead", "training:matrix", ()),
    ("Chase list", "lead", "training:document-chase", ()),
    ("Progress CSV", "lead", "training:document-progress-csv", ("kcsie",)),
    ("Matrix CSV", "lead", "training:matrix-csv", ()),
]


def urls(p):
    args = {"kcsie": p.kcsie.pk}
    return {label: (who, reverse(name, args=[args[a] for a in arguments])) for label, who, name, arguments in KEY_PAGES}


def profile(client, url, top=30, sort="cumulative"):
    import cProfile
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats(sort)
    stats.print_stats(top) if sort == "tottime" else stats.print_stats(
        re.escape(str(Path(__file__).resolve().parent.parent)), top
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", help="Profile this page (a label of KEY_PAGES) instead of timing them all.")
    parser.add_argument("--sort", default="cumulative", help="With --profile: cumulative, or tottime (own time).")
    args = parser.parse_args()
    p = personas()
    staff = Membership.objects.current().filter(school=p.school).values("user").distinct().count()
    print(f"{p.school.name}: {staff} people, database {connection.settings_dict['NAME']}")
    clients = {who: client_for(getattr(p, who)) for who in ("staff", "lead", "governor")}
    pages = urls(p)
    if args.profile:
        who, url = pages[args.profile]
        profile(clients[who], url, sort=args.sort)
        return
    rows = [measure(label, lambda c=clients[who], u=url: c.get(u), args.repeat) for label, (who, url) in pages.items()]
    # The floor again after the pages, its best of both runs: on a shared machine one run of it
    # can land in a busy moment and move every ratio.
    who, url = pages["Framework floor"]
    again = measure("Framework floor (again)", lambda: clients[who].get(url), args.repeat)
    rows[0]["min_ms"] = min(rows[0]["min_ms"], again["min_ms"])
    floor = rows[0]["min_ms"]
    for row in rows:
        row["over_floor"] = round(row["min_ms"] / floor, 2)
    if args.json:
        args.json.write_text(json.dumps({"people": staff, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
