"""The referrals app's models: cases and their records (cases), the concern categories and Channel
(channel), and what keeps or disposes of a record (retention)."""

from .cases import (
    LOCAL_PURPOSES,
    AgencyContact,
    AgreedAction,
    AgreedActionQuerySet,
    AppendOnly,
    Case,
    CaseAccess,
    ChannelPanel,
    ContactPurpose,
    Decision,
    InformationSharing,
    LocalContact,
    Outcome,
    YearGroup,
)
from .channel import ChannelConsent, ChannelExit, ChannelReview, ConcernCategory, PoliceTriage
from .retention import LegalHold, ReferralSettings, RetentionReview

__all__ = [
    "LOCAL_PURPOSES",
    "AgencyContact",
    "AgreedAction",
    "AgreedActionQuerySet",
    "AppendOnly",
    "Case",
    "CaseAccess",
    "ChannelConsent",
    "ChannelExit",
    "ChannelPanel",
    "ChannelReview",
    "ConcernCategory",
    "ContactPurpose",
    "Decision",
    "InformationSharing",
    "LegalHold",
    "LocalContact",
    "Outcome",
    "PoliceTriage",
    "ReferralSettings",
    "RetentionReview",
    "YearGroup",
]
