"""The three instruments as plain tables for the report's CSV and XLSX: (title, header, rows)."""


def _date(value):
    return value.isoformat() if value else ""


def assurance_tables(summary):
    """The risk assessment, the self-assessment by section, and filtering and monitoring."""
    if summary is None:
        return []
    state = summary.risk_assessment
    risk_rows = [["Academic year", summary.academic_year]]
    if state is None:
        risk_rows.append(["Risk assessment", "none for this year"])
    else:
        risk_rows += [
            ["Last reviewed", _date(state.last_reviewed_on)],
            ["Next review by", _date(state.review_due_on)],
            ["Signed off by the headteacher", "yes" if state.signed_off else "no"],
            ["Noted by governors", "yes" if state.noted else "no"],
            ["Risks", summary.risk_total],
            ["Rated high", summary.risk_counts["high"]],
            ["Rated medium", summary.risk_counts["medium"]],
            ["Rated low", summary.risk_counts["low"]],
            ["With further action open", summary.open_risks],
        ]
    result = summary.self_assessment
    section_rows = []
    levels = result.edition.levels if result else ()
    if result:
        for section in result.sections:
            section_rows.append(
                [section.section.title, *[section.by_level[level.number] for level in levels], section.unrated]
                + [section.below_expected]
            )
    filtering = summary.filtering
    record = filtering.record
    filtering_rows = [
        ["Senior leader responsible", record.senior_leader.full_name if record and record.senior_leader else ""],
        ["Governor responsible", record.governor.full_name if record and record.governor else ""],
        ["Filtering provider", record.filtering_provider if record else ""],
        ["Monitoring provider", record.monitoring_provider if record else ""],
        ["Last reviewed", _date(filtering.last_reviewed_on)],
        ["Next review by", _date(filtering.review_due_on)],
        ["Checks this term", filtering.checks_this_term],
        ["Gaps found this term", filtering.gaps_this_term],
    ]
    return [
        ("Prevent risk assessment", ["Item", "Value"], risk_rows),
        (
            "Self-assessment",
            ["Section", *[f"Level {level.number}" for level in levels], "Not rated", "Below expected"],
            section_rows,
        ),
        ("Filtering and monitoring", ["Item", "Value"], filtering_rows),
    ]
