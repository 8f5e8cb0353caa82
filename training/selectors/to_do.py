"""What a person has to do, counted in the database for the home page: the ids of the documents
and briefings they have to confirm, as querysets that the home page counts with its other counts
in one query (the lists themselves are ``documents.outstanding_for_user`` and
``courses.briefings_to_confirm``, which these must agree with)."""

import datetime

from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from ..models import Acknowledgement, Briefing, Document


def holds_any_of(field, roles):
    """A condition: the JSON list of role codes in ``field`` holds one of ``roles``. Written on its
    text, so that SQLite and PostgreSQL answer it alike: a flat list of codes holds "dsl" exactly
    when its JSON text holds the quoted "dsl" ("deputy_dsl" does not)."""
    text = Cast(field, output_field=TextField())
    condition = Q(pk__in=[])
    for role in sorted(roles):
        condition |= Q(**{f"{field}_text__contains": f'"{role}"'})
    return {f"{field}_text": text}, condition


def documents_to_confirm(school, user, roles):
    """The ids of the documents ``outstanding_for_user`` lists, as a queryset: the home page
    counts them with its other counts, in one query."""
    confirmed = Acknowledgement.objects.filter(
        user=user,
        withdrawal__isnull=True,
        major_version_id=Coalesce(OuterRef("current_version__amends_id"), OuterRef("current_version_id")),
    )
    annotation, for_them = holds_any_of("audience", roles)
    return (
        Document.objects.filter(school=school, retired_on__isnull=True, current_version__isnull=False)
        .alias(**annotation)
        .filter(for_them)
        .filter(~Exists(confirmed))
        .values("pk")
    )


def briefings_to_confirm_ids(school, user, roles, today=None, within_days=90):
    """The ids of the briefings ``briefings_to_confirm`` lists, as a queryset: the home page counts
    them with its other counts, in one query."""
    today = today or timezone.localdate()
    annotation, invited = holds_any_of("invited_roles", roles)
    return (
        Briefing.objects.filter(school=school, held_on__range=(today - datetime.timedelta(days=within_days), today))
        .exclude(attendances__user=user)
        .alias(**annotation)
        .filter(invited)
        .values("pk")
    )
