"""The roles a job title from a staff list gives: the school's table (JobTitleRole), then these
defaults, else staff. The Lead changes the school's table on the People pages."""

from .models import JobTitleRole, Role

STAFF, LEAD, DSL, HEAD, GOVERNOR = Role.STAFF, Role.PREVENT_LEAD, Role.DSL, Role.HEADTEACHER, Role.GOVERNOR

DEFAULT_JOB_TITLE_ROLES = {
    "headteacher": [STAFF, HEAD],
    "head teacher": [STAFF, HEAD],
    "executive headteacher": [STAFF, HEAD],
    "principal": [STAFF, HEAD],
    "head of school": [STAFF, HEAD],
    "designated safeguarding lead": [STAFF, DSL],
    "deputy designated safeguarding lead": [STAFF, Role.DEPUTY_DSL],
    "dsl": [STAFF, DSL],
    "deputy dsl": [STAFF, Role.DEPUTY_DSL],
    "safeguarding lead": [STAFF, DSL],
    "prevent lead": [STAFF, LEAD],
    "prevent single point of contact": [STAFF, LEAD],
    "prevent spoc": [STAFF, LEAD],
    "governor": [GOVERNOR],
    "chair of governors": [GOVERNOR],
}


def normalise_title(title):
    return " ".join(title.split()).lower()


def job_title_table(school):
    """{normalised title: roles}: the defaults with the school's own rows over them (one query)."""
    table = dict(DEFAULT_JOB_TITLE_ROLES)
    table.update({row.title: list(row.roles) for row in JobTitleRole.objects.filter(school=school)})
    return table


def roles_for_title(table, title):
    return sorted(table.get(normalise_title(title), [STAFF]))
