from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from .audit_actions import AuditAction


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in by email: staff, governors, trust officers, administrators."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("site administrator", default=False, help_text="May use the Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(models.Model):
    """A multi-academy trust or a local authority that oversees several schools."""

    class Kind(models.TextChoices):
        TRUST = "trust", "Multi-academy trust"
        LOCAL_AUTHORITY = "la", "Local authority"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class School(models.Model):
    class Phase(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special"
        ALTERNATIVE = "alternative", "Alternative provision"
        POST_16 = "post_16", "Post-16"

    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=10, unique=True, help_text="Unique reference number.")
    local_authority = models.CharField(max_length=100)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="schools"
    )
    cpoms_url = models.URLField("CPOMS link", blank=True, help_text="Where staff record a safeguarding concern.")
    head_sees_referrals = models.BooleanField(
        "headteacher sees referral cases",
        default=False,
        help_text="Referral cases are seen by the Prevent Lead and DSL; tick to include the head.",
    )
    deputy_dsl_sees_referrals = models.BooleanField(
        "deputy DSLs see referral cases",
        default=False,
        help_text="Deputy DSLs are trained to the DSL's standard; tick to give them the DSL's access to referral "
        "cases. Only the Prevent Lead or a site administrator changes it.",
    )
    # Sign-in (accounts.sso): the provider the school's staff use, which accounts it accepts,
    # and whether a password still works.
    sign_in_provider = models.CharField(
        "single sign-on provider",
        max_length=30,
        blank=True,
        help_text="The organisation account your staff sign in with (set up for this site by its administrator).",
    )
    sign_in_domains = models.CharField(
        "email domains",
        max_length=500,
        blank=True,
        help_text="Only addresses at these domains sign in with the provider, e.g. school.org.uk, trust.org.uk.",
    )
    sign_in_tenant = models.CharField(
        "Microsoft tenant ID",
        max_length=64,
        blank=True,
        help_text="The Directory (tenant) ID of your Microsoft 365, from the Entra admin centre. "
        "Sign-ins from any other tenant are refused.",
    )
    password_sign_in = models.BooleanField(
        "staff may sign in with a password",
        default=True,
        help_text="Untick once everyone signs in with the provider: a person who belongs to no school that "
        "allows passwords can then only use the provider.",
    )
    publish_risk_assessment_summary = models.BooleanField(
        "staff read the Prevent risk assessment's summary",
        default=False,
        help_text="Governors and leaders read the whole risk assessment; tick to let every member of staff read "
        "its summary (the risks and how they are managed, never the local picture).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def sign_in_domain_list(self):
        return [d.strip().lower().lstrip("@") for d in self.sign_in_domains.replace(";", ",").split(",") if d.strip()]


class Role(models.TextChoices):
    STAFF = "staff", "Staff"
    PREVENT_LEAD = "prevent_lead", "Prevent Lead/SPOC"
    DSL = "dsl", "Designated Safeguarding Lead"
    DEPUTY_DSL = "deputy_dsl", "Deputy DSL"
    HEADTEACHER = "headteacher", "Headteacher"
    GOVERNOR = "governor", "Governor"
    # Not held through Membership: given in every school of an organisation by an
    # OrganisationMembership (see accounts.middleware).
    TRUST_OFFICER = "trust_officer", "Trust/LA officer"

    # The sets of roles the app names, each defined here once and in the order above (lists
    # stored from them, such as a course's required roles, come out the same every time).

    @classmethod
    def in_school(cls):
        """Every role held through a Membership of the school: all but the trust officer's."""
        return tuple(role for role in cls if role != cls.TRUST_OFFICER)

    @classmethod
    def school_staff(cls):
        """Every role of someone who works in the school: all its roles but the governor's."""
        return tuple(role for role in cls.in_school() if role != cls.GOVERNOR)

    @classmethod
    def in_school_choices(cls):
        """(value, label) of each role a school gives (forms, a membership's choices)."""
        return [(role.value, role.label) for role in cls.in_school()]


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class Membership(models.Model):
    """One role a user holds in one school. A user with several roles has several rows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.in_school_choices())
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["school", "user__full_name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "school", "role"], name="membership_unique_role")]
        indexes = [models.Index(fields=["school", "role"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} at {self.school}"


class OrganisationMembership(models.Model):
    """A trust or local-authority officer: read-only oversight of every school of the organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="officers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="org_membership_unique")]

    def __str__(self):
        return f"{self.user} — officer of {self.organisation}"


class AuditEvent(models.Model):
    """One append-only line of the audit trail: who did what to which record, when, from where.

    Each school's events form a chain (events with no school, the site's): an event carries its
    place in its chain (``seq``), the hash of the one before it and a keyed hash of its content,
    so an edited or missing event breaks the chain (``manage.py verify_audit_chain``; the newest
    ones are checked against the anchor). Written only through ``accounts.audit.record_event``.
    """

    # The database refuses UPDATE, DELETE and TRUNCATE (core.append_only).
    append_only = True
    append_only_message = "The audit trail is append-only: events cannot be changed or deleted."

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # One closed list for every app (accounts.audit_actions); record_event refuses any other.
    action = models.CharField(max_length=50, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    seq = models.PositiveBigIntegerField("place in its chain")
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["school", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]
        constraints = [
            # Two writers that missed each other's event could not both extend a chain: a fork fails.
            models.UniqueConstraint(fields=["school", "seq"], name="audit_event_one_per_place_in_school_chain"),
            models.UniqueConstraint(
                fields=["seq"], condition=models.Q(school__isnull=True), name="audit_event_one_per_place_in_site_chain"
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"


class UserSession(models.Model):
    """Which database session belongs to whom, so that a user's sessions can be ended together
    (password changed, account disabled) without decoding every session in the table."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} since {self.signed_in_at:%Y-%m-%d %H:%M}"


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor cancelled (possibly expired)."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)


class Invitation(models.Model):
    """An invitation to join a school, sent by email with a single-use link that expires.

    A new account: the school made it (with its roles) and the link sets a password. An account
    that already exists (e.g. in another school of the trust): the school holds no membership
    until the person accepts, and sees only the email address it typed until then.
    """

    class Kind(models.TextChoices):
        NEW_ACCOUNT = "new_account", "New account"
        MEMBERSHIP = "membership", "Existing account"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text="The address the school typed, and where the link goes.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    roles = models.JSONField(default=list, help_text="The roles the school offers.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # Only a hash of the link's token is kept: a copy of the database opens no account.
    token_hash = models.CharField(max_length=64, unique=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "user"],
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_person",
            )
        ]

    def __str__(self):
        return f"Invitation of {self.email} to {self.school}"

    @property
    def is_open(self):
        return self.accepted_at is None and self.cancelled_at is None

    @property
    def is_expired(self):
        return self.is_open and self.expires_at <= timezone.now()

    @property
    def role_labels(self):
        return [Role(r).label for r in self.roles if r in Role.values]

    @property
    def state(self):
        """One word a Lead reads on the People page."""
        if self.accepted_at:
            return "joined"
        if self.cancelled_at:
            return "cancelled"
        return "expired" if self.is_expired else "invited"


class JobTitleRole(models.Model):
    """The roles a job title from the school's MIS gives on import (accounts.staff_import).

    A school's rows win over the defaults in ``accounts.job_titles``; a title in neither is staff.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="job_title_roles")
    title = models.CharField(max_length=150, help_text="As the MIS writes it; case and spacing are ignored.")
    roles = models.JSONField(default=list)

    class Meta:
        ordering = ["school", "title"]
        constraints = [models.UniqueConstraint(fields=["school", "title"], name="job_title_role_unique")]

    def __str__(self):
        return f"{self.title} → {', '.join(self.roles)}"

    def save(self, *args, **kwargs):
        self.title = " ".join(self.title.split()).lower()
        super().save(*args, **kwargs)


# Kept in its own module with the decorator that writes it; imported here so Django finds it.
from .submissions import Submission  # noqa: E402, F401
