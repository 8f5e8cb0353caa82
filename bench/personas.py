"""Who the bench signs in as, in the first school of a generated dataset (seed 1)."""

from dataclasses import dataclass

from accounts.dataset import email_of, urn_of
from accounts.models import School, User
from training.models import Acknowledgement, Document
from training.models.documents import ALL_STAFF

SEED = 1


@dataclass
class Personas:
    school: School
    staff: User
    lead: User
    governor: User
    officer: User
    kcsie: Document


def personas(seed=SEED):
    school = School.objects.get(urn=urn_of(seed, 0))
    return Personas(
        school=school,
        # staff50 holds the staff role only (staff0-2 are the Lead, DSL and head).
        staff=User.objects.get(email=email_of(seed, 0, "staff50")),
        lead=User.objects.get(email=email_of(seed, 0, "staff0")),
        governor=User.objects.get(email=email_of(seed, 0, "governor0")),
        officer=User.objects.get(email=f"officer{seed}@la.dataset.example"),
        kcsie=Document.objects.get(school=school, slug="kcsie"),
    )


def unconfirmed(schools, limit):
    """Up to ``limit`` (user, document) pairs of plain staff who have yet to confirm an all-staff
    document's current version, taken from ``schools`` in turn: each confirm POST needs one."""
    pairs = []
    for school in schools:
        documents = [
            d
            for d in Document.objects.filter(school=school, current_version__isnull=False).select_related(
                "current_version"
            )
            if set(ALL_STAFF) <= set(d.audience)
        ]
        staff = list(
            User.objects.filter(memberships__school=school, memberships__role="staff", email__contains="staff")
            .exclude(email__regex=r"^staff[012]@")
            .order_by("pk")
        )
        for document in documents:
            confirmed = set(
                Acknowledgement.objects.filter(
                    major_version_id=document.current_version.major_id, withdrawal__isnull=True
                ).values_list("user_id", flat=True)
            )
            pairs.extend((user, document) for user in staff if user.pk not in confirmed)
            if len(pairs) >= limit:
                return pairs[:limit]
    return pairs


def delete_bench_confirmations(queryset):
    """Remove the confirmations a bench made, so that the next run finds the same data.

    Acknowledgements are append-only in the database (core.append_only): the bench, which
    runs as the owner on its own generated database, lifts the trigger for this one delete.
    """
    from django.db import connection, transaction

    from core import append_only
    from training.models import Acknowledgement

    with transaction.atomic():
        append_only.remove(connection, [Acknowledgement])
        deleted, _ = queryset.delete()
        append_only.install(connection, [Acknowledgement])
    return deleted
