"""Issue 22's figures in docs/performance.md's generated section: the September rush
(bench/september_rush.py) and the task queue (bench/task_queue.py), with their targets."""


def ok(flag):
    return "met" if flag else "**missed**"


def row(*cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def rush_rows(r, big):
    idle, loaded, get = r["idle_post"], r["rush_post"], r["rush_get"]
    one_each = r["people_confirmed_once"] == r["staff"] and not r["people_confirmed_twice"]
    waits = ", ".join(f"{kind} {n}" for kind, n in sorted(r["lock_waits"].items())) or "none"
    rss = r["worker_rss_mb"]
    return [
        f"### The September rush @{big} schools (`bench/september_rush.py`)",
        "",
        f"{r['staff']:,} distinct members of staff, {r['staff'] // r['schools']} in each of {r['schools']} schools,"
        f" arrive at random over {r['minute_s']:.0f} s (Poisson), each opening the document page and confirming;"
        f" gunicorn, {r['workers']} sync workers, signed-in database sessions. Idle: {idle['n']} other people"
        " confirm one at a time on the same server just before.",
        "",
        row("Confirm POST", "requests", "p50 ms", "p95 ms", "max ms"),
        "|---|---:|---:|---:|---:|",
        row("idle (one at a time)", idle["n"], idle["p50_ms"], idle["p95_ms"], idle["max_ms"]),
        row("in the rush", loaded["n"], loaded["p50_ms"], loaded["p95_ms"], loaded["max_ms"]),
        row("(document page GET in the rush)", get["n"], get["p50_ms"], get["p95_ms"], get["max_ms"]),
        "",
        row("Target", "Result"),
        "|---|---|",
        row(
            "p95 in the rush ≤ 3× idle",
            f"{r['p95_over_idle_p95']:.2f}× idle p95, {r['p95_over_idle_p50']:.2f}× idle p50:"
            f" {ok(r['p95_over_idle_p95'] <= 3)}",
        ),
        row("0 errors", f"{r['errors']} ({ok(not r['errors'])})" + (f": {r['error_kinds']}" if r["errors"] else "")),
        row(
            "exactly one confirmation each (counted in the database)",
            f"{r['people_confirmed_once']:,} of {r['staff']:,} once, {r['people_not_confirmed']} none,"
            f" {r['people_confirmed_twice']} twice ({ok(one_each)}); audit chain breaks {r['audit_chain_breaks']}",
        ),
        row(
            "within a minute",
            f"last arrival at {r['minute_s']:.0f} s, last answer at {r['last_answer_s']:.1f} s;"
            f" the latest start was {r['latest_start_s']:.2f} s behind its arrival",
        ),
        row(
            "no request waits on another school's work",
            f"lock waits seen in {r['lock_samples']} samples (every 20 ms): {waits};"
            f" waits on another school's audit chain {r['chain_lock_waits_on_other_schools']}"
            f" ({ok(not r['chain_lock_waits_on_other_schools'])}); up to {r['most_chain_locks_held_at_once']}"
            " schools' chain locks held at once",
        ),
        row("gunicorn worker RSS after the rush", f"{', '.join(f'{m:.0f}' for m in rss)} MB ({ok(max(rss) < 150)})"),
    ]


def queue_rows(q, big):
    rem, pdf = q["reminders"], q["pdf"]
    home = rem["staff_home_while_running"]
    connections_ok = (
        rem["connections"] == rem["batches_expected"]
        and rem["emails"] == rem["reminders_logged"]
        and rem["most_emails_on_a_connection"] <= rem.get("batch_size", 100)
    )
    lines = [
        f"### The task queue @{big} schools (`bench/task_queue.py`)",
        "",
        "One `manage.py worker` process (database queue), a real SMTP server on 127.0.0.1 (aiosmtpd)"
        " counting connections. The web side (gunicorn) has no reachable mail server: the Lead's Remind"
        " button and the daily command only queue.",
        "",
        row("Reminder run", "figure"),
        "|---|---|",
        row(
            "queued by",
            f"the Remind button (POST, {rem['remind_button']['status']}, {rem['remind_button']['ms']:.0f} ms)"
            f" and `send_acknowledgement_reminders` ({rem['cron_command_s']:.1f} s): {rem['tasks_queued']} tasks;"
            f" emails sent by then: {rem['emails_sent_before_worker']}",
        ),
        row(
            "sent by one worker",
            f"{rem['emails']:,} emails to {rem['schools_reminded']} schools' staff in {rem['work_seconds']:.0f} s"
            f" ({rem['tasks_done']} tasks done, {rem['tasks_failed']} failed;"
            f" the longest task {rem['task_seconds_max']:.1f} s)",
        ),
        row(
            "per worker",
            f"**{rem['tasks_per_second']:.2f} reminder tasks/s, {rem['emails_per_second']:.0f} emails/s**",
        ),
        row(
            "SMTP connections (target: one per batch)",
            f"{rem['connections']} for {rem['batches_expected']} batches of at most {rem.get('batch_size', 100)}"
            f" (the most on one connection: {rem['most_emails_on_a_connection']}): {ok(connections_ok)}",
        ),
        row(
            "no web request open while it runs",
            f"the staff home, every 0.5 s meanwhile: {home['requests']} requests, {home['errors']} errors,"
            f" p50 {home['p50_ms']} ms, max {home['max_ms']} ms; {ok(rem['emails_sent_before_worker'] == 0)}",
        ),
        row("worker peak RSS", f"{rem['worker_peak_rss_mb']:.0f} MB"),
        "",
        row("Trust PDF", "schools", "built", "s each", "PDFs/s per worker", "KB", "worker peak RSS MB (target < 300)"),
        "|---|---:|---:|---:|---:|---:|---:|",
        pdf_row("database queue", pdf),
    ]
    if "rq_pdf" in q:
        lines.append(pdf_row("RQ", q["rq_pdf"]))
    if "rq_reminders" in q:
        r = q["rq_reminders"]
        lines += [
            "",
            f"RQ (one `manage.py worker`, forking a work horse per task), the first {r['tasks_queued']} schools'"
            f" reminders: {r['emails']:,} emails on {r['connections']} connections in {r['work_seconds']:.0f} s,"
            f" {r['tasks_per_second']:.2f} tasks/s, {r['emails_per_second']:.0f} emails/s,"
            f" peak RSS {r['worker_peak_rss_mb']:.0f} MB.",
        ]
    return lines


def pdf_row(label, p):
    times = p["seconds_each"] or [0]
    each = "–".join(f"{s:.1f}" for s in sorted({min(times), max(times)}))
    return row(
        label,
        p["schools"],
        f"{p['pdfs']} of {p['of']}",
        each,
        f"{p['pdfs_per_second']:.3f}",
        p["pdf_kb"],
        f"{p['worker_peak_rss_mb']:.0f} ({ok(p['worker_peak_rss_mb'] < 300)})",
    )
