"""make bench's school of 1,000 staff beside the 100-staff ones: prepare it, time it, lay out the table.

The 100-staff school is the first school of the smallest dataset (prevent_bench_1); the large one
has a database of its own, ``<prefix>1x1000`` (``generate_dataset --schools 1 --staff-per-school
1000``). bench/school_size.py times the same key pages in each, as ratios to the framework floor of
its own run, and the target is a page at 1,000 staff costing at most 1.5× its time at 100.

    .venv/bin/python bench/school_size_report.py            # both schools, then print the table
"""

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import bootstrap  # noqa: E402

PG = ["-h", "127.0.0.1", "-U", "postgres"]
TARGET = 1.5
# Throughput targets (requests/s as a share of the floor's), read here from the in-process times:
# a page taking N times the floor's time serves about 1/N of its requests.
THROUGHPUT_TARGETS = {"Staff home": 0.40, "Governor dashboard": 0.10}


def big_school_name(staff):
    return f"{bootstrap.database_prefix()}1x{staff}"


def prepare_big_school(staff, years, out, python=sys.executable):
    """The database of one school of ``staff`` staff, generated unless it already holds it."""
    name = big_school_name(staff)
    env = bootstrap.environment(DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}")
    query = f"SELECT 1 FROM pg_database WHERE datname='{name}'"  # noqa: S608 - our own fixed name
    if subprocess.run(["psql", *PG, "-tAc", query], text=True, capture_output=True).stdout.strip() != "1":
        subprocess.run(["createdb", *PG, name], check=True)
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=bootstrap.ROOT, check=True)
    generated = subprocess.run(
        [python, "manage.py", "generate_dataset", "--schools=1", f"--staff-per-school={staff}", f"--years={years}"]
        + ["--no-progress"],
        env=env,
        cwd=bootstrap.ROOT,
        text=True,
        capture_output=True,
    )
    if generated.returncode == 0:
        (out / f"generate_1x{staff}.txt").write_text(generated.stdout)
    elif "already holds" not in generated.stderr:
        raise SystemExit(generated.stderr)
    return env


def time_schools(small_env, big_env, out, repeat, python=sys.executable):
    """Run bench/school_size.py on the 100-staff school then the large one; returns both results."""
    results = {}
    for label, env in (("small", small_env), ("big", big_env)):
        path = out / f"school_size_{label}.json"
        print("$ bench/school_size.py", label, flush=True)
        subprocess.run(
            [python, "bench/school_size.py", "--json", str(path), f"--repeat={repeat}"],
            env=env,
            cwd=bootstrap.ROOT,
            check=True,
        )
        results[label] = json.loads(path.read_text())
    (out / "school_size.json").write_text(json.dumps(results))
    return results


def _row(*cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def school_size_rows(results):
    """The markdown section: each key page's time over the floor at both sizes, and the growth."""
    small, big = results["small"], results["big"]
    at = {label: {r["page"]: r for r in result["rows"]} for label, result in (("small", small), ("big", big))}
    people = f"{small['people']:,} and {big['people']:,} people (staff, governors)"
    lines = [
        f"### One school of 100 staff and one of 1,000 ({people})",
        "",
        "In process, on PostgreSQL, the same run; ms is the best of the timed requests, ÷ floor the page's",
        "best over the framework floor's best in its own database, growth the big school's ÷ floor over",
        f"the small one's (target ≤ {TARGET}×). Queries must be equal at both sizes"
        " (`tests/scale/test_school_size.py`, `tests/scale/test_query_counts.py`).",
        "",
        _row("Page", "queries @100", "queries @1,000", "ms @100", "ms @1,000", "÷ floor @100", "÷ floor @1,000")
        + " growth | target ≤ 1.5× |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for label, row in at["small"].items():
        other = at["big"][label]
        growth = other["over_floor"] / row["over_floor"]
        target = "n/a" if label == "Framework floor" else ("met" if growth <= TARGET else "**missed**")
        if row["queries"] != other["queries"]:
            target += " (queries differ)"
        lines.append(
            _row(
                label,
                row["queries"],
                other["queries"],
                f"{row['min_ms']:.0f}",
                f"{other['min_ms']:.0f}",
                f"{row['over_floor']:.1f}",
                f"{other['over_floor']:.1f}",
                f"{growth:.2f}",
                target,
            )
        )
    lines += ["", "Floor's share of each page's time (an in-process stand-in for throughput ÷ floor):", ""]
    for label, target in THROUGHPUT_TARGETS.items():
        shares = [1 / at[size][label]["over_floor"] for size in ("small", "big")]
        verdict = "met" if min(shares) >= target else "**missed**"
        lines.append(f"- {label}: {shares[0]:.2f} @100, {shares[1]:.2f} @1,000 (target ≥ {target:.2f}: {verdict})")
    return lines


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=Path("/tmp/prevent-bench"))  # noqa: S108 - throw-away results
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        results = json.loads((args.out / "school_size.json").read_text())
    else:
        small = bootstrap.environment(DATABASE_URL=bootstrap.database_url(1))
        big = prepare_big_school(args.staff, args.years, args.out)
        results = time_schools(small, big, args.out, args.repeat)
    print("\n".join(school_size_rows(results)))


if __name__ == "__main__":
    main()
