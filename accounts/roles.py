"""The one place that decides who may do what.

Each capability maps to the roles that hold it (the sets of roles are named on ``Role``). Views
declare the capability they need (``accounts.access.capability_required``) and ask any other
through ``request.caps`` (a ``Capabilities`` object set by the middleware): ``request.caps.<name>``,
``name in request.caps`` for a name held in a variable, ``accounts.access.require`` to refuse.
Templates ask ``caps.<name>``. ``can`` is for code without a request (services, notifications).
"""

from .models import Role

STAFF = Role.STAFF
LEAD = Role.PREVENT_LEAD
DSL = Role.DSL
DEPUTY = Role.DEPUTY_DSL
HEAD = Role.HEADTEACHER
GOVERNOR = Role.GOVERNOR
TRUST = Role.TRUST_OFFICER

SCHOOL_STAFF = frozenset(Role.school_staff())  # everyone who works in the school
IN_SCHOOL = frozenset(Role.in_school())  # and the governors: every role but the trust officer's

CAPABILITIES: dict[str, frozenset[str]] = {
    # accounts
    "view_home": IN_SCHOOL | {TRUST},
    "manage_members": frozenset({LEAD, HEAD}),
    # How the school's people sign in: its single sign-on provider, domains, tenant, passwords on/off.
    "manage_sign_in": frozenset({LEAD, HEAD}),
    # The roles that open referral cases (REFERRAL_ROLES) are granted only by a Lead (never to
    # themselves) or a site administrator: a head cannot promote anyone, herself included, to see cases.
    "grant_referral_roles": frozenset({LEAD}),
    "view_audit": frozenset({LEAD}),
    # The setup checklist of a new school: template, documents, courses, contacts, assurance.
    "set_up_school": frozenset({LEAD, HEAD}),
    # compliance: the action plan
    "view_plan": IN_SCHOOL | {TRUST},
    "edit_plan": frozenset({LEAD, HEAD}),
    "own_actions": SCHOOL_STAFF,
    # training: documents and acknowledgements
    "read_documents": IN_SCHOOL,
    "manage_documents": frozenset({LEAD, HEAD}),
    "view_acknowledgement_progress": frozenset({LEAD, HEAD, DSL}),
    # training: courses, records, briefings
    "record_own_training": IN_SCHOOL,
    "manage_training": frozenset({LEAD, HEAD}),
    "view_training_matrix": frozenset({LEAD, HEAD, DSL}),
    # speakers and lettings
    "request_speakers": SCHOOL_STAFF,
    # A request's page, files and decision record: the loader (speakers/views/loading.py) then lets
    # in its requester (request_speakers), manage_speakers and view_speaker_register; 404 for others.
    "view_speaker_requests": IN_SCHOOL,
    "manage_speakers": frozenset({LEAD, HEAD}),
    "decide_speakers": frozenset({LEAD, HEAD}),
    "view_speaker_register": frozenset({LEAD, HEAD, GOVERNOR}),
    # referrals: the head and deputy DSLs only where the school turns it on (see can())
    "view_referrals": frozenset({LEAD, DSL}),
    "record_referrals": frozenset({LEAD, DSL}),
    "view_referral_access_log": frozenset({LEAD}),
    "view_referral_statistics": frozenset({LEAD, DSL, DEPUTY, HEAD, GOVERNOR, TRUST}),
    # The pupil identifier's pattern, the retention period, deputy DSLs' access (a referral-role grant).
    "manage_referral_settings": frozenset({LEAD}),
    "manage_contacts": frozenset({LEAD}),
    "view_contacts": IN_SCHOOL,
    # governors and reports
    "view_dashboard": frozenset({LEAD, HEAD, GOVERNOR, TRUST}),
    "download_reports": frozenset({LEAD, HEAD, GOVERNOR, TRUST}),
    "freeze_reports": frozenset({LEAD}),
    "record_challenge": frozenset({GOVERNOR, LEAD, HEAD}),
    "answer_challenge": frozenset({LEAD, HEAD}),  # governors ask; the school's leaders answer
    "view_organisation_overview": frozenset({TRUST}),
    # The annual Prevent and safeguarding report: the Lead writes it, the head then the chair of
    # governors (a governor, signing in that role) sign it off; it is read with download_reports.
    "edit_annual_report": frozenset({LEAD}),
    "sign_annual_report_as_head": frozenset({HEAD}),
    "sign_annual_report_as_chair": frozenset({GOVERNOR}),
    # The inspection evidence pack (a ZIP of the plan, assurance, registers and evidence; no case detail).
    "download_inspection_pack": frozenset({LEAD, HEAD}),
    # assurance: the Prevent risk assessment, the self-assessment, filtering and monitoring.
    # Staff read the risk assessment's summary only where the school publishes it (ROLES_BY_SCHOOL_SETTING).
    "view_assurance": frozenset({LEAD, HEAD, DSL, GOVERNOR, TRUST}),
    "view_risk_assessment_summary": frozenset({LEAD, HEAD, DSL, GOVERNOR, TRUST}),
    "edit_assurance": frozenset({LEAD, HEAD}),
    "sign_off_risk_assessment": frozenset({HEAD}),
    "note_risk_assessment": frozenset({GOVERNOR}),
}

# Capabilities a school may extend to its headteacher by a setting on School.
HEAD_BY_SCHOOL_SETTING = {
    "view_referrals": "head_sees_referrals",
    "record_referrals": "head_sees_referrals",
}

# Capabilities a school may extend to more roles by a setting on School: {capability: (roles, setting)}.
ROLES_BY_SCHOOL_SETTING = {
    "view_risk_assessment_summary": (SCHOOL_STAFF, "publish_risk_assessment_summary"),
    # The DSL's access to cases, for deputy DSLs where the school grants it (a Lead's or site admin's act).
    "view_referrals": (frozenset({DEPUTY}), "deputy_dsl_sees_referrals"),
    "record_referrals": (frozenset({DEPUTY}), "deputy_dsl_sees_referrals"),
}

# Roles whose holders see referral cases: granting them is the grant_referral_roles capability.
REFERRAL_ROLES = frozenset({LEAD, DSL, DEPUTY})

# Roles that must use two-factor sign-in when REQUIRE_2FA is on.
ROLES_REQUIRING_2FA = frozenset({LEAD, DSL, DEPUTY, HEAD, TRUST})


def can(roles, capability, school=None):
    """True if any of ``roles`` holds ``capability`` (in ``school``, for school settings)."""
    if capability not in CAPABILITIES:
        raise KeyError(f"Unknown capability {capability!r}: add it to accounts/roles.py")
    if CAPABILITIES[capability] & set(roles):
        return True
    setting = HEAD_BY_SCHOOL_SETTING.get(capability)
    if setting and school is not None and HEAD in roles and getattr(school, setting):
        return True
    extended_to, setting = ROLES_BY_SCHOOL_SETTING.get(capability, (frozenset(), ""))
    return bool(school is not None and extended_to & set(roles) and getattr(school, setting))


class Capabilities:
    """What the current user may do in the current school; ``caps.edit_plan`` in templates."""

    def __init__(self, roles, school):
        self.roles = frozenset(roles)
        self.school = school

    def __getattr__(self, capability):
        if capability.startswith("_"):
            raise AttributeError(capability)
        return can(self.roles, capability, self.school)

    def __contains__(self, capability):
        return can(self.roles, capability, self.school)
