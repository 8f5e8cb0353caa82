"""The types of concern a new deployment starts with, as the Home Office's Prevent statistics
classify referrals (individuals referred to and supported through the Prevent programme, the
yearly release; mixed, unclear or unstable includes school massacre and incel interest, kept
apart here so that a school sees them). They are editable data (ConcernCategory): check each new
release and change them in the admin, never here for an existing database.
"""

CONCERN_CATEGORIES = [
    ("islamist", "Islamist", ""),
    ("extreme-right-wing", "Extreme right-wing", ""),
    ("left-wing-anarchist-single-issue", "Left-wing, anarchist or single-issue", ""),
    ("conflicted", "Conflicted", "More than one ideology, none of them dominant."),
    ("mixed-unclear-unstable", "Mixed, unclear or unstable (MUU)", "No single clear ideology."),
    ("school-massacre", "School massacre interest", "Counted as mixed, unclear or unstable in the statistics."),
    ("incel", "Incel interest", "Counted as mixed, unclear or unstable in the statistics."),
    (
        "vulnerability-no-ideology",
        "Vulnerability present but no ideology or counter-terrorism risk",
        "",
    ),
    ("no-vulnerability-ideology-risk", "No vulnerability, ideology or counter-terrorism risk", ""),
    ("unknown", "Not yet known", "Until the concern is understood or the police triage says."),
]
