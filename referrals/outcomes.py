"""Which outcomes a case may close with: they follow from what was recorded on it.

Found: a case whose only decision was "No further action", with no Channel panel, closed as
"Channel support completed", and that fed governors' counts. Each outcome names the records it
needs; a case may close only with an outcome whose records are there. Decisions count unless a
later decision corrected them; for triage and consent the latest record counts.
"""

from dataclasses import dataclass

from .models import ChannelConsent, ChannelPanel, Decision, Outcome, PoliceTriage

Kind = Decision.Kind
Triage = PoliceTriage.Outcome


@dataclass(frozen=True)
class CaseFacts:
    """What was recorded on a case, as far as its closing outcome goes."""

    decisions: frozenset  # kinds of the decisions not corrected by a later one
    triage: str | None  # the latest police triage outcome
    panel_adopted: bool  # a Channel panel adopted the case
    panel_not_adopted: bool  # a Channel panel did not adopt it
    consent: str | None  # the latest Channel consent status
    left_channel: bool  # the date the pupil left Channel is recorded


# outcome -> (is it allowed, given the facts; what it needs, in words)
RULES = {
    Outcome.NO_FURTHER_ACTION: (
        lambda f: (
            bool(f.decisions & {Kind.NO_FURTHER_ACTION, Kind.SEEK_ADVICE})
            or f.triage == Triage.NOT_PROGRESSED
            or f.panel_not_adopted
        ),
        "a decision of no further action (or to seek advice), a police triage that did not progress the case, "
        "or a Channel panel that did not adopt it",
    ),
    Outcome.SUPPORT_COMPLETED: (
        lambda f: Kind.SUPPORT_IN_SCHOOL in f.decisions,
        "a decision of support in school",
    ),
    Outcome.CHANNEL_COMPLETED: (
        lambda f: f.panel_adopted and f.consent == ChannelConsent.Status.GIVEN and f.left_channel,
        "a Channel panel that adopted the case, consent recorded as given, and the date the pupil left Channel",
    ),
    Outcome.CHANNEL_DECLINED: (
        lambda f: (
            f.panel_not_adopted
            or f.consent in {ChannelConsent.Status.REFUSED, ChannelConsent.Status.WITHDRAWN}
            or (Kind.PREVENT_REFERRAL in f.decisions and f.triage not in (None, Triage.ADOPTED_CHANNEL))
        ),
        "a Channel panel that did not adopt the case, consent refused or withdrawn, or a Prevent referral "
        "the police did not adopt for Channel",
    ),
    Outcome.SOCIAL_CARE: (
        lambda f: Kind.REFER_MASH in f.decisions or f.triage == Triage.OTHER_SUPPORT,
        "a decision to refer to children's social care, or a police triage that referred the case to other support",
    ),
    Outcome.POLICE: (
        lambda f: f.triage == Triage.POLICE_LED,
        "a police triage recorded as managed by the police",
    ),
    Outcome.LEFT_SCHOOL: (lambda f: True, ""),
}


def facts_of(case):
    """The CaseFacts of ``case``. Five queries."""
    decisions = Decision.objects.filter(case=case, superseded_by__isnull=True).values_list("kind", flat=True)
    triage = PoliceTriage.objects.filter(case=case).order_by("-triaged_on", "-pk").values_list("outcome", flat=True)
    consent = ChannelConsent.objects.filter(case=case).order_by("-on", "-pk").values_list("status", flat=True)
    adoptions = set(ChannelPanel.objects.filter(case=case).values_list("adoption", flat=True))
    return CaseFacts(
        decisions=frozenset(decisions),
        triage=triage.first(),
        panel_adopted=ChannelPanel.Adoption.ADOPTED in adoptions,
        panel_not_adopted=ChannelPanel.Adoption.NOT_ADOPTED in adoptions,
        consent=consent.first(),
        left_channel=case.channel_exits.exists(),
    )


def allowed_outcomes(facts):
    """The outcomes (Outcome values, in their order) a case with ``facts`` may close with."""
    return [outcome for outcome in Outcome.values if RULES[outcome][0](facts)]


def refusal(outcome, facts):
    """Why ``outcome`` does not follow from ``facts`` (None if it does)."""
    allowed, needs = RULES[outcome]
    if allowed(facts):
        return None
    label = Outcome(outcome).label
    return f"The case cannot close as “{label}”: that outcome needs {needs}, which this case does not have."
