"""The courses a new school starts with: current guidance's defaults, each editable (DOMAIN.md)."""

from accounts.models import Role

# The Home Office's Prevent duty training service, which replaced the old e-learning site
# (www.elearning.prevent.homeoffice.gov.uk) that the 2019 plan cites.
HOME_OFFICE_ELEARNING = "https://www.support-people-susceptible-to-radicalisation.service.gov.uk/"
HOME_OFFICE = "Home Office"
# KCSIE: deputy DSLs are trained to the same standard as the DSL.
DSL_AND_DEPUTIES = [Role.DSL, Role.DEPUTY_DSL]

# The named group the Prevent Lead/SPOC fills with the staff who may make a referral.
MAY_REFER_GROUP = "Relevant staff identified by the Prevent Lead/SPOC"

DEFAULT_COURSES = [
    {
        "slug": "prevent-awareness",
        "title": "Home Office Prevent awareness (course 1)",
        "provider": HOME_OFFICE,
        "link": HOME_OFFICE_ELEARNING,
        "kind": "e_learning",
        "refresh_months": 24,
        "required_roles": list(Role.school_staff()),
        "description": "What Prevent is, the signs that someone may be susceptible to radicalisation, "
        "and how to share a concern. Keep the certificate: the Home Office keeps completion data only briefly.",
    },
    {
        "slug": "prevent-referrals",
        "title": "Home Office Prevent referrals (course 2)",
        "provider": HOME_OFFICE,
        "link": HOME_OFFICE_ELEARNING,
        "kind": "e_learning",
        "refresh_months": 24,
        "required_roles": [*DSL_AND_DEPUTIES, Role.PREVENT_LEAD],
        "groups": [MAY_REFER_GROUP],
        "description": "How to make a good referral to Prevent: for the DSL, deputies and anyone who may refer.",
    },
    {
        "slug": "channel-awareness",
        "title": "Home Office Channel awareness (course 3)",
        "provider": HOME_OFFICE,
        "link": HOME_OFFICE_ELEARNING,
        "kind": "e_learning",
        "refresh_months": 24,
        "required_roles": [*DSL_AND_DEPUTIES, Role.PREVENT_LEAD],
        "description": "How the Channel panel works and what is asked of the school.",
    },
    {
        "slug": "dsl-training",
        "title": "DSL training",
        "provider": "Local safeguarding partnership",
        "link": "",
        "kind": "face_to_face",
        "refresh_months": 24,
        "required_roles": DSL_AND_DEPUTIES,
        "description": "Formal DSL training at least every two years; knowledge refreshed at least yearly.",
    },
    {
        "slug": "safeguarding-update",
        "title": "Safeguarding and online safety update",
        "provider": "School",
        "link": "",
        "kind": "briefing",
        "refresh_months": 12,
        "required_roles": list(Role.school_staff()),
        "description": "Yearly update for all staff, including online safety"
        " and their role in filtering and monitoring.",
    },
    {
        "slug": "governor-safeguarding",
        "title": "Governor safeguarding",
        "provider": "Local authority governor services",
        "link": "",
        "kind": "face_to_face",
        "refresh_months": 36,
        "required_roles": [Role.GOVERNOR],
        "description": "At induction, then updated regularly (every three years unless the school decides otherwise).",
    },
]
