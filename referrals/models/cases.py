"""Prevent concerns and the decisions about them; the school's local contacts.

Only what the decisions need is kept here: the child's full file stays in the school's
safeguarding system (CPOMS), so a case names the pupil by that system's identifier and year
group only. Decisions are evidence: append-only, a correction is a new decision that points at
the one it supersedes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.models import School
from core.concurrency import Versioned
from core.dates import happened, planned, retention
from core.plain_text import ACCOUNT, LONG, NOTE


class ContactPurpose(models.TextChoices):
    """What a contact is for: the placeholders a plan template names, ``{contact:<purpose>}``.

    The local purposes differ by local authority (referrals.directory); the national ones are
    the same for every school.
    """

    PREVENT_REFERRAL = "prevent_referral", "Prevent referrals (the local route)"
    PREVENT_ADVICE = "prevent_advice", "Advice on Prevent concerns (police or local authority Prevent team)"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care referrals (MASH or front door)"
    EMERGENCY = "emergency", "Immediate danger"
    NATIONAL_REFERRAL = "national_referral", "The national Prevent referral form"
    POLICE_ADVICE_LINE = "police_advice_line", "The police Prevent advice line"
    DFE_HELPLINE = "dfe_helpline", "The DfE counter-extremism helpline"
    ANTI_TERRORIST_HOTLINE = "anti_terrorist_hotline", "The Anti-Terrorist Hotline"


LOCAL_PURPOSES = [
    ContactPurpose.PREVENT_REFERRAL,
    ContactPurpose.PREVENT_ADVICE,
    ContactPurpose.CHILDRENS_SOCIAL_CARE,
]


class LocalContact(Versioned):
    """Someone to call or write to about a concern: the school's local and national contacts."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="referral_contacts")
    name = models.CharField(max_length=200, help_text="E.g. Customer Service Centre (Peterborough).")
    role = models.CharField("what for / area", max_length=200, blank=True)
    phone = models.CharField(max_length=80, blank=True)
    email = models.EmailField(blank=True)
    web_address = models.URLField(blank=True)
    notes = models.TextField(blank=True, max_length=NOTE)
    purpose = models.CharField(
        "used in the action plan for",
        max_length=30,
        choices=ContactPurpose,
        blank=True,
        help_text="A new action plan names this contact where its template asks for this kind of contact.",
    )
    is_national = models.BooleanField(default=False, help_text="A national contact, the same for every school.")
    order = models.PositiveIntegerField(default=0, help_text="Contacts are listed from the lowest number.")

    class Meta:
        ordering = ["order", "name", "pk"]

    def __str__(self):
        return self.name


class YearGroup(models.TextChoices):
    NURSERY = "N", "Nursery"
    RECEPTION = "R", "Reception"
    Y1 = "1", "Year 1"
    Y2 = "2", "Year 2"
    Y3 = "3", "Year 3"
    Y4 = "4", "Year 4"
    Y5 = "5", "Year 5"
    Y6 = "6", "Year 6"
    Y7 = "7", "Year 7"
    Y8 = "8", "Year 8"
    Y9 = "9", "Year 9"
    Y10 = "10", "Year 10"
    Y11 = "11", "Year 11"
    Y12 = "12", "Year 12"
    Y13 = "13", "Year 13"


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action needed"
    SUPPORT_COMPLETED = "support_completed", "Support in school completed"
    CHANNEL_COMPLETED = "channel_completed", "Channel support completed"
    CHANNEL_DECLINED = "channel_declined", "Channel support declined or not adopted"
    SOCIAL_CARE = "social_care", "Continued under children's social care"
    POLICE = "police", "Managed by the police"
    LEFT_SCHOOL = "left_school", "Pupil left the school (record transferred)"


class Case(models.Model):
    """One Prevent concern about one pupil, from the day it was raised to its close."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="referral_cases")
    reference = models.CharField(max_length=20, editable=False)
    year = models.PositiveIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    pupil_identifier = models.CharField(
        "pupil's identifier in the safeguarding system",
        max_length=50,
        help_text="E.g. the CPOMS ID. Never the pupil's name: the full record stays in CPOMS.",
    )
    year_group = models.CharField(max_length=2, choices=YearGroup.choices)
    raised_on = models.DateField("date raised", default=timezone.localdate, validators=[happened])
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The member of staff who raised the concern.",
    )
    concern_category = models.ForeignKey(
        "referrals.ConcernCategory",
        verbose_name="type of concern",
        null=True,
        blank=True,  # cases recorded before the category was asked for
        on_delete=models.PROTECT,
        related_name="+",
        help_text="As the Home Office's Prevent statistics classify referrals. It may be unclear at first.",
    )
    summary = models.CharField(
        "short summary",
        max_length=500,
        help_text="How the concern arose, in a sentence or two. Details stay in CPOMS.",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # Closing
    closed_on = models.DateField(null=True, blank=True, validators=[happened])
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True, max_length=ACCOUNT)
    birth_year = models.PositiveIntegerField(null=True, blank=True)
    retention_review_on = models.DateField("retention review date", null=True, blank=True, validators=[retention])
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Retention: the day its record was anonymised after a retention review (never while on legal hold).
    anonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "reference"], name="referral_case_unique_reference"),
            models.UniqueConstraint(fields=["school", "year", "number"], name="referral_case_unique_number"),
        ]
        indexes = [models.Index(fields=["school", "raised_on"])]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.closed_on is None

    def delete(self, *args, **kwargs):
        from .retention import refuse_if_on_hold

        refuse_if_on_hold(self, "deleted")
        return super().delete(*args, **kwargs)


class AppendOnly(models.Model):
    """A record that is written once: saving it again or deleting it is refused.

    In Python here, and in the database by triggers (core.append_only), so that raw SQL or
    the app's own database user cannot rewrite it either.
    """

    append_only = True

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(f"A {self._meta.verbose_name} is never changed: record a new one instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"A {self._meta.verbose_name} is never deleted.")


class Decision(AppendOnly):
    """A decision about a case and the reasons for it (KCSIE: a decision not to refer is recorded too)."""

    class Kind(models.TextChoices):
        NO_FURTHER_ACTION = "nfa", "No further action"
        SUPPORT_IN_SCHOOL = "support", "Support in school"
        SEEK_ADVICE = "advice", "Seek advice from the LA Prevent officer or police Prevent team"
        REFER_MASH = "mash", "Refer to children's social care (MASH)"
        PREVENT_REFERRAL = "prevent", "Prevent referral to the police"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    school_path = "case__school"
    kind = models.CharField("decision", max_length=20, choices=Kind.choices)
    rationale = models.TextField(help_text="Why: what was considered and what it was weighed against.", max_length=LONG)
    decided_on = models.DateField(default=timezone.localdate, validators=[happened])
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.decided_on:%d %b %Y})"


class AgencyContact(models.Model):
    """One contact with another agency about the case, and what they said."""

    class Agency(models.TextChoices):
        LA_PREVENT = "la_prevent", "Local authority Prevent officer"
        POLICE_PREVENT = "police_prevent", "Police Prevent team"
        MASH = "mash", "Children's social care (MASH)"
        CHANNEL = "channel", "Channel panel"
        OTHER = "other", "Other"

    class Method(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        FORM = "form", "Referral form"
        MEETING = "meeting", "Meeting"
        LETTER = "letter", "Letter"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agency_contacts")
    school_path = "case__school"
    agency = models.CharField(max_length=20, choices=Agency.choices)
    agency_detail = models.CharField("agency or person (if needed)", max_length=200, blank=True)
    contacted_on = models.DateField("date", default=timezone.localdate, validators=[happened])
    method = models.CharField(max_length=20, choices=Method.choices)
    their_reference = models.CharField(max_length=100, blank=True)
    response = models.TextField(blank=True, help_text="What they advised or decided.", max_length=ACCOUNT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contacted_on", "pk"]

    def __str__(self):
        return f"{self.get_agency_display()} ({self.contacted_on:%d %b %Y})"


class ChannelPanel(models.Model):
    """A Channel panel meeting about the case: whether it adopted the case and the support agreed."""

    class Adoption(models.TextChoices):
        PENDING = "pending", "Not yet decided"
        ADOPTED = "adopted", "Adopted"
        NOT_ADOPTED = "not_adopted", "Not adopted"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="channel_panels")
    school_path = "case__school"
    panel_on = models.DateField("panel date", validators=[planned])
    adoption = models.CharField("adopted", max_length=20, choices=Adoption.choices, default=Adoption.PENDING)
    support_summary = models.TextField(
        blank=True, help_text="The support offered and agreed (consent given).", max_length=ACCOUNT
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["panel_on", "pk"]

    def __str__(self):
        return f"Channel panel {self.panel_on:%d %b %Y}"


class AgreedActionQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(done_on__isnull=True, due_on__lt=today or timezone.localdate())


class AgreedAction(Versioned):
    """An action the school agreed to carry out (e.g. with the Channel panel)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agreed_actions")
    school_path = "case__school"
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("due date", validators=[planned])
    done_on = models.DateField(null=True, blank=True, validators=[happened])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = AgreedActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self):
        return self.done_on is None and self.due_on < timezone.localdate()


class InformationSharing(models.Model):
    """One line of the information-sharing log: what went to whom, on what lawful basis."""

    class LawfulBasis(models.TextChoices):
        PUBLIC_TASK_SAFEGUARDING = (
            "public_task_safeguarding",
            "Public task (Art. 6(1)(e)) with safeguarding of children (Art. 9(2)(g), DPA 2018 Sch. 1 para 18)",
        )
        LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (Art. 6(1)(c))"
        VITAL_INTERESTS = "vital_interests", "Vital interests (Art. 6(1)(d))"
        CONSENT = "consent", "Consent (Art. 6(1)(a))"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="information_sharing")
    school_path = "case__school"
    what = models.CharField("what was shared", max_length=300)
    shared_with = models.CharField("with whom", max_length=200)
    lawful_basis = models.CharField(max_length=40, choices=LawfulBasis.choices)
    shared_on = models.DateField("when", default=timezone.localdate, validators=[happened])
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["shared_on", "pk"]

    def __str__(self):
        return f"{self.what} to {self.shared_with}"


class CaseAccess(AppendOnly):
    """Who opened or exported which case, when: the access log the Prevent Lead reads."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="accesses")
    school_path = "case__school"
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=100)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "case access"
        verbose_name_plural = "case accesses"

    def __str__(self):
        return f"{self.user} {self.what} {self.case} at {self.at:%Y-%m-%d %H:%M}"
