"""Reads about documents and acknowledgements, shared by pages, reminders, reports and measures.

Who must read a document is computed from people's current roles and the document's audience,
never stored per person: someone who joins after a version was published finds it outstanding
at their first sign-in. Each function runs a fixed number of queries whatever the number of
staff or documents (noted in each docstring).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Membership, Role
from core.per_request import per_request

from ..catalogue import catalogue
from ..models import Acknowledgement, Document, DocumentVersion


@dataclass
class DocumentTask:
    """A document someone has to read: its current version and what part of it they read."""

    document: Document
    version: DocumentVersion
    reading: str

    @property
    def statement(self):
        return confirmation_statement(self.document, self.version, self.reading)


@dataclass
class DocumentRate:
    """For the current version of one document: how many must confirm it, and who has not."""

    document: Document
    version: DocumentVersion
    required: int
    confirmed: int
    outstanding: list = field(default_factory=list)  # Members (pk, full_name, email), by name

    @property
    def percent(self):
        """The share confirmed, or None when nobody is required to confirm (no data, never 100%)."""
        return round(100 * self.confirmed / self.required) if self.required else None

    @property
    def due_by(self):
        """The version's confirm-by date while it has not passed and people are still to confirm:
        they are in progress, not outstanding. None once it has passed, or when everyone has."""
        if self.outstanding and self.version.is_in_progress(timezone.localdate()):
            return self.version.confirm_by
        return None


@dataclass(eq=False)
class Member:
    """A current member as the whole-school counts need them: who, and their roles; read as
    plain values, so that a school of 1,000 staff costs no thousand loaded rows."""

    pk: int
    full_name: str
    email: str
    roles: set

    def __str__(self):
        return self.full_name or self.email


@dataclass
class PersonProgress:
    user: object
    roles: list
    acknowledgement: Acknowledgement | None

    @property
    def role_labels(self):
        labels = dict(Role.choices)
        return [labels.get(r, r) for r in self.roles]


def confirmation_statement(document, version, reading):
    """The words a person ticks, e.g. "I have read and understood Part one of Keeping children
    safe in education (2025)"."""
    what = f"{reading} of {document.title}" if reading else document.title
    return f"I have read and understood {what} ({version.label})."


@per_request
def current_documents(school):
    """The school's documents in use that have a published version, by title. One query."""
    return list(
        Document.objects.filter(school=school, retired_on__isnull=True, current_version__isnull=False)
        .select_related("current_version")
        .order_by("title")
    )


@per_request
def school_members(school):
    """{user: set of current roles} for the school's active members. One query, once per request."""
    members = defaultdict(set)
    for m in (
        Membership.objects.current()
        .filter(school=school, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user_id", "role")
    ):
        members[m.user].add(m.role)
    return dict(members)


@per_request
def member_roles(school):
    """[Member] for the school's active members, by name. One query, once per request."""
    members = {}
    for user_id, role, full_name, email in (
        Membership.objects.current()
        .filter(school=school, user__is_active=True)
        .order_by("user__full_name", "user_id", "role")
        .values_list("user_id", "role", "user__full_name", "user__email")
    ):
        if user_id not in members:
            members[user_id] = Member(user_id, full_name, email, set())
        members[user_id].roles.add(role)
    return list(members.values())


def confirmation_values(school, version):
    """{user_id: (confirmed_at, version label, on-behalf note)} of the live confirmations that count
    for ``version``, as plain values (the progress CSV's). One query."""
    return {
        user_id: (confirmed_at, label, note)
        for user_id, confirmed_at, label, note in Acknowledgement.objects.filter(
            school=school, major_version_id=version.major_id, withdrawal__isnull=True
        ).values_list("user_id", "confirmed_at", "version__label", "on_behalf_note")
    }


def _live_confirmations(school, versions, user=None):
    """{(user_id, major version id): acknowledgement} for live (not withdrawn) confirmations that
    count for ``versions``. One query."""
    majors = {v.major_id for v in versions}
    if not majors:
        return {}
    qs = Acknowledgement.objects.filter(school=school, major_version_id__in=majors, withdrawal__isnull=True)
    if user is not None:
        qs = qs.filter(user=user)
    return {(a.user_id, a.major_version_id): a for a in qs.select_related("version", "on_behalf_by")}


def _confirmed_pairs(school, versions):
    """{(user_id, major version id)} of live confirmations that count for ``versions``: what the
    rates need, as plain pairs rather than thousands of loaded rows. One query."""
    majors = {v.major_id for v in versions}
    if not majors:
        return set()
    return set(
        Acknowledgement.objects.filter(school=school, major_version_id__in=majors, withdrawal__isnull=True)
        .order_by()
        .values_list("user_id", "major_version_id")
    )


def outstanding_for_user(school, user, roles):
    """The documents ``user`` (holding ``roles`` in ``school``) must still confirm, as
    DocumentTasks by title. One query."""
    confirmed = Acknowledgement.objects.filter(
        user=user,
        withdrawal__isnull=True,
        major_version_id=Coalesce(OuterRef("current_version__amends_id"), OuterRef("current_version_id")),
    )
    documents = (
        Document.objects.filter(school=school, retired_on__isnull=True, current_version__isnull=False)
        .select_related("current_version")
        .annotate(confirmed=Exists(confirmed))
        .order_by("title")
    )
    return [
        DocumentTask(d, d.current_version, d.reading_for(roles))
        for d in documents
        if d.is_for(roles) and not d.confirmed
    ]


def confirmation_for(user, document):
    """The live acknowledgement of ``user`` that counts for the document's current version, or None."""
    version = document.current_version
    if version is None:
        return None
    return (
        Acknowledgement.objects.filter(user=user, major_version_id=version.major_id, withdrawal__isnull=True)
        .select_related("version", "on_behalf_by")
        .first()
    )


def edition_confirmations(user, document):
    """Every acknowledgement of ``user`` for the edition of the document's current version, live
    and withdrawn, with their withdrawal: what the confirm page and ``acknowledgement_confirm``
    both need, in one query. Empty when the document has no version."""
    version = document.current_version
    if version is None:
        return []
    return list(
        Acknowledgement.objects.filter(user=user, major_version_id=version.major_id).select_related(
            "version", "on_behalf_by", "withdrawal"
        )
    )


def live_confirmation(confirmations):
    """The live (not withdrawn) one of a person's acknowledgements of an edition, or None."""
    return next((a for a in confirmations if not is_withdrawn(a)), None)


def is_withdrawn(acknowledgement):
    return hasattr(acknowledgement, "withdrawal")


def confirmed_by_user(school, user):
    """The user's live acknowledgements in the school, newest first, with version and document.
    One query."""
    return list(
        Acknowledgement.objects.filter(user=user, school=school, withdrawal__isnull=True)
        .select_related("version__document", "on_behalf_by")
        .order_by("-confirmed_at")
    )


@per_request
def acknowledgement_rates(school):
    """For each current document of the school, a DocumentRate of its current version: people
    required to confirm it (current members whose roles are in its audience), how many have
    confirmed it (or the major version it amends), and who is outstanding. Three queries,
    whatever the number of staff or documents, once per request. Used by the governors' dashboard,
    reports and live measures."""
    documents = current_documents(school)
    members = member_roles(school)
    done = _confirmed_pairs(school, [d.current_version for d in documents])
    rates = []
    for document in documents:
        major = document.current_version.major_id
        required = [m for m in members if document.is_for(m.roles)]
        outstanding = [u for u in required if (u.pk, major) not in done]
        rates.append(
            DocumentRate(
                document=document,
                version=document.current_version,
                required=len(required),
                confirmed=len(required) - len(outstanding),
                outstanding=outstanding,
            )
        )
    return rates


@per_request
def outstanding_by_person(school):
    """[(user, [DocumentTask, ...])] for everyone with something to confirm, by name: the
    reminders, which email each user. Three queries, once per request."""
    return _outstanding(school, school_members(school).items())


def chase_list(school):
    """[(Member, [DocumentTask, ...])] for everyone with something to confirm, by name: the chase
    list's rows, from plain values (name, email, roles). Three queries."""
    return _outstanding(school, ((m, m.roles) for m in member_roles(school)))


def _outstanding(school, people):
    documents = current_documents(school)
    done = _confirmed_pairs(school, [d.current_version for d in documents])
    # Each document's audience and edition worked out once, not once per person, and what a
    # set of roles reads of it once per set of roles (a thousand staff hold a handful of sets).
    audiences = [(d, d.current_version, frozenset(d.audience), d.current_version.major_id) for d in documents]
    readings = {}
    result = []
    for person, roles in people:
        held = frozenset(roles)
        tasks = []
        for d, version, audience, major in audiences:
            if audience.isdisjoint(held) or (person.pk, major) in done:
                continue
            if (d.pk, held) not in readings:
                readings[(d.pk, held)] = d.reading_for(held)
            tasks.append(DocumentTask(d, version, readings[(d.pk, held)]))
        if tasks:
            result.append((person, tasks))
    return result


def document_progress(document):
    """Progress on the document's current version: (people, by_role).

    ``people`` is a list of PersonProgress for everyone who must read it (outstanding first, then
    by name); ``by_role`` a list of (role label, required, confirmed, outstanding). Two queries.
    """
    version = document.current_version
    members = school_members(document.school_id)
    done = _live_confirmations(document.school_id, [version]) if version else {}
    people = []
    counts = defaultdict(lambda: [0, 0])
    for user, roles in members.items():
        if not document.is_for(roles):
            continue
        ack = done.get((user.pk, version.major_id)) if version else None
        people.append(PersonProgress(user, sorted(r for r in roles if r in document.audience), ack))
        for role in roles & set(document.audience):
            counts[role][0] += 1
            counts[role][1] += ack is not None
    people.sort(key=lambda p: (p.acknowledgement is not None, p.user.full_name))
    labels = dict(Role.choices)
    by_role = [(labels[r], *counts[r], counts[r][0] - counts[r][1]) for r in Role.values if r in counts]
    return people, by_role


def version_history(document):
    """The document's versions, newest first, each with ``confirmation_count`` (live ones read
    at that version). One query."""
    return list(
        document.versions.select_related("published_by").annotate(
            confirmation_count=Count("acknowledgements", filter=Q(acknowledgements__withdrawal__isnull=True))
        )
    )


def withdrawn_confirmations(document):
    """Withdrawn acknowledgements of the document's versions, newest first. One query."""
    return list(
        Acknowledgement.objects.filter(version__document=document, withdrawal__isnull=False)
        .select_related("user", "version", "withdrawal__by")
        .order_by("-withdrawal__at")
    )


def people_with_documents_outstanding(school):
    """How many current members have at least one document to confirm: counted in the database
    (the Lead's home shows the number, not the list). Two queries."""
    documents = current_documents(school)
    if not documents:
        return 0
    outstanding = Q()
    for document in documents:
        confirmed = Acknowledgement.objects.filter(
            user=OuterRef("user"), major_version_id=document.current_version.major_id, withdrawal__isnull=True
        )
        outstanding |= Q(role__in=list(document.audience)) & ~Exists(confirmed)
    return (
        Membership.objects.current()
        .filter(school=school, user__is_active=True)
        .filter(outstanding)
        .values("user")
        .distinct()
        .count()
    )


def document_confirmation_rate(school, key):
    """The DocumentRate of the current version of the school's document whose slug or kind is
    ``key`` (the first such by title), or None if there is none. Three queries."""
    rates = acknowledgement_rates(school)
    return next((rate for rate in rates if key in (rate.document.slug, rate.document.kind)), None)


# The guidance catalogue against the school's documents.


@dataclass(frozen=True)
class NewerEdition:
    """An edition in the catalogue newer than the school's current version of the document."""

    document: Document
    edition: object  # training.catalogue.Edition

    @property
    def is_in_force(self):
        return self.edition.in_force <= timezone.localdate()


def newer_catalogue_editions(school, today=None):
    """For each of the school's documents in use, the catalogue's newest edition published by
    ``today`` if it comes into force after the school's current version and the school has never
    published it (by its label). Two queries."""
    today = today or timezone.localdate()
    book = catalogue()
    slugs = [entry.slug for entry in book.documents if entry.editions]
    documents = list(
        Document.objects.filter(school=school, retired_on__isnull=True, slug__in=slugs)
        .select_related("current_version")
        .order_by("title")
    )
    published = set(DocumentVersion.objects.filter(document__in=documents).values_list("document_id", "label"))
    newer = []
    for document in documents:
        edition = book.get(document.slug).newest_published(today)
        if edition is None or (document.pk, edition.label) in published:
            continue
        current = document.current_version
        if current is None or edition.in_force > current.effective_on:
            newer.append(NewerEdition(document, edition))
    return newer


def catalogue_documents_missing(school):
    """The catalogue's documents the school does not have (by short name), as catalogue entries. One query."""
    held = set(Document.objects.filter(school=school).values_list("slug", flat=True))
    return [entry for entry in catalogue().documents if entry.slug not in held]


def documents_without_version(school):
    """The school's documents in use that have no published version yet (its own policies, until the
    Lead publishes them), by title. One query."""
    return list(
        Document.objects.filter(school=school, retired_on__isnull=True, current_version__isnull=True).order_by("title")
    )
