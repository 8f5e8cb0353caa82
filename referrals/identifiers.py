"""The pupil identifier: the school's CPOMS or MyConcern record reference, never a name.

Found: "Mohammed Khan 10B" was accepted as an identifier. A case names its pupil only by the
reference of the record in the safeguarding system, so the identifier must match the pattern the
school sets (ReferralSettings) and must not look like a name.
"""

import re

from django.core.exceptions import ValidationError

from .models import ReferralSettings
from .models.retention import DEFAULT_IDENTIFIER_PATTERN

# Two capitalised words ("Mohammed Khan", "Khan-Mohammed"), or words of letters separated by spaces.
CAPITALISED_WORDS = re.compile(r"\b[A-Z][a-z'’]+(?:[\s._-]+[A-Z][a-z'’]+)+")
WORDS_WITH_SPACES = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")
LOOKS_LIKE_A_NAME = (
    "This looks like a name ({why}). Enter only the reference of the pupil's record in CPOMS or MyConcern: "
    "the pupil's name never goes in this record."
)


def settings_for(school):
    """The school's ReferralSettings (the defaults, unsaved, until the Lead changes them)."""
    found = ReferralSettings.objects.filter(school=school).first()
    return found or ReferralSettings(school=school)


def check_pupil_identifier(value, *, pattern=DEFAULT_IDENTIFIER_PATTERN):
    """Raise ValidationError, saying why, unless ``value`` is a record reference matching ``pattern``."""
    value = value.strip()
    if CAPITALISED_WORDS.search(value):
        raise ValidationError(LOOKS_LIKE_A_NAME.format(why="two capitalised words"), code="name")
    if WORDS_WITH_SPACES.search(value):
        raise ValidationError(LOOKS_LIKE_A_NAME.format(why="words separated by spaces"), code="name")
    if not re.fullmatch(pattern, value):
        raise ValidationError(
            f"“{value}” is not a record reference in the form this school uses (the pattern {pattern}). "
            "Copy the reference from CPOMS or MyConcern; the Prevent Lead sets the pattern in the referral settings.",
            code="pattern",
        )
    return value
