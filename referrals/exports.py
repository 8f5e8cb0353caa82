"""A case as a table (section, date, what, detail, by): the case page's CSV download, for the
school's own file."""

CASE_HEADER = ["Section", "Date", "What", "Detail", "By"]


def case_table(case, parts):
    """(header, rows) of ``case`` and its parts (``referrals.selectors.case_records``), section by section."""
    rows = [
        ("Case", case.raised_on, "Concern raised", case.summary, case.raised_by),
        ("Case", "", "Pupil identifier", case.pupil_identifier, ""),
        ("Case", "", "Year group", case.get_year_group_display(), ""),
        ("Case", "", "Type of concern", str(case.concern_category or "Not recorded"), ""),
    ]
    rows += [("Decision", d.decided_on, d.get_kind_display(), d.rationale, d.decided_by) for d in parts["decisions"]]
    rows += [
        (
            "Agency contact",
            c.contacted_on,
            f"{c.get_agency_display()} {c.agency_detail}".strip(),
            f"{c.get_method_display()}; their reference {c.their_reference or 'none'}; {c.response}",
            "",
        )
        for c in parts["agency_contacts"]
    ]
    rows += [
        (
            "Police triage",
            t.triaged_on,
            t.get_outcome_display(),
            f"reference {t.police_reference or 'none'}; {t.note}",
            "",
        )
        for t in parts["triages"]
    ]
    rows += [("Channel panel", p.panel_on, p.get_adoption_display(), p.support_summary, "") for p in parts["panels"]]
    rows += [
        ("Channel consent", c.on, c.get_status_display(), f"{c.get_given_by_display()} {c.reason}".strip(), "")
        for c in parts["consents"]
    ]
    rows += [("Left Channel", e.left_on, "Left Channel", e.note, "") for e in parts["exits"]]
    rows += [
        (
            "Channel review",
            r.due_on,
            f"{r.months}-month review",
            r.get_outcome_display() or "not yet",
            r.reviewed_by or "",
        )
        for r in parts["reviews"]
    ]
    rows += [
        ("Agreed action", a.due_on, a.description, f"done {a.done_on}" if a.done_on else "not done", a.owner)
        for a in parts["actions"]
    ]
    rows += [
        ("Information shared", s.shared_on, f"{s.what} with {s.shared_with}", s.get_lawful_basis_display(), s.shared_by)
        for s in parts["sharing"]
    ]
    if case.closed_on:
        rows.append(("Closed", case.closed_on, case.get_outcome_display(), case.outcome_note, case.closed_by))
        rows.append(("Closed", "", "Retention review date", case.retention_review_on, ""))
    rows += [
        ("Legal hold", h.placed_at.date(), "Released" if h.released_at else "In place", h.reason, h.placed_by)
        for h in parts["holds"]
    ]
    return CASE_HEADER, rows
