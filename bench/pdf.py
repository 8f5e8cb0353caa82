"""The governor PDF and the trust PDF: time, pages per second, WeasyPrint's share, peak memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/prevent_bench_250 .venv/bin/python bench/pdf.py --json out.json

The governor PDF's total time (gather the data, render the template, lay it out) is divided by
WeasyPrint's own time for the same HTML, so the data and template cost show separately. Peak
memory is measured in a fresh child process per PDF (resource.getrusage's ru_maxrss), so one
PDF's peak does not hide another's; the child's resident memory before it starts is shown too.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

bootstrap.setup()

import logging  # noqa: E402

from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import HTML  # noqa: E402

from accounts.models import School  # noqa: E402
from bench.personas import personas  # noqa: E402
from compliance.reports import headlines  # noqa: E402
from compliance.reports.pdf import REPORT_CSS, STATIC_DIR, RestrictedURLFetcher  # noqa: E402
from compliance.reports.report_data import school_report  # noqa: E402
from compliance.reports.report_render import render_overview_pdf, render_report_pdf, report_charts  # noqa: E402
from core import periods  # noqa: E402

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def weasyprint_only(html):
    """Seconds WeasyPrint takes to lay out and write ``html``, and the number of pages."""
    start = time.perf_counter()
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=RestrictedURLFetcher()).render()
    document.write_pdf()
    return time.perf_counter() - start, len(document.pages)


def governor(repeat):
    school = personas().school
    period = periods.academic_year()
    render_report_pdf(school_report(school, period))  # warm caches (fonts, templates)
    totals, data, template, weasy = [], [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        render_report_pdf(school_report(school, period))
        totals.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = school_report(school, period)
        data.append(time.perf_counter() - start)
        start = time.perf_counter()
        context = {"report": report, "charts": report_charts(report), "printed_on": timezone.localdate()}
        html = render_to_string("compliance/report.html", {**context, "report_css_url": REPORT_CSS.as_uri()})
        template.append(time.perf_counter() - start)
        seconds, pages = weasyprint_only(html)
        weasy.append(seconds)
    # Best of n: on a shared machine the fastest run is the one least slowed by other work.
    total, only = min(totals), min(weasy)
    return {
        "pages": pages,
        "total_s": round(total, 3),
        "data_s": round(min(data), 3),
        "template_s": round(min(template), 3),
        "weasyprint_s": round(only, 3),
        "pages_per_s": round(pages / total, 1),
        "total_over_weasyprint": round(total / only, 2),
        "html_kb": round(len(html) / 1024),
    }


def trust():
    """The trust PDF of every school of the officer's authority, from the stored headline
    figures (as the overview serves it; nightly ``refresh_headlines`` keeps them): time per
    school and pages."""
    schools = list(School.objects.filter(organisation=personas().school.organisation).order_by("name"))
    period = periods.academic_year()
    # What cron would have stored already, so that the timing is of the request alone.
    headlines.overview_rows(schools, period, compute_missing=len(schools))
    start = time.perf_counter()
    rows = headlines.overview_rows(schools, period)
    data = time.perf_counter() - start
    start = time.perf_counter()
    pdf = render_overview_pdf("Bench", period, rows)
    render = time.perf_counter() - start
    return {
        "schools": len(schools),
        "data_s": round(data, 2),
        "pdf_s": round(render, 2),
        "per_school_ms": round((data + render) / len(schools) * 1000, 1),
        "pdf_kb": round(len(pdf) / 1024),
    }


def child(which):
    """Run in a fresh process: one PDF, then its peak resident memory."""
    before = rss_mb()
    result = governor(1) if which == "governor" else trust()
    result["rss_before_mb"] = round(before, 1)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


def in_child(which):
    out = subprocess.run(
        [sys.executable, __file__, "--child", which],
        capture_output=True,
        text=True,
        check=True,
        env=bootstrap.environment(),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", choices=["governor", "trust"])
    parser.add_argument("--no-trust", action="store_true", help="Skip the trust PDF.")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    result = {"governor": governor(args.repeat), "governor_memory": in_child("governor")}
    print("Governor PDF:", result["governor"])
    print("Governor PDF memory:", result["governor_memory"])
    if not args.no_trust:
        result["trust"] = in_child("trust")
        print("Trust PDF (with memory):", result["trust"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
