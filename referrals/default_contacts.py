"""The contacts a new school starts with: the national ones, and the local ones of its area, from
the contact directory (``referrals/data/contacts.yaml``). The school edits its copies after."""

from .directory import DefaultContact, directory
from .models import LocalContact

__all__ = ["DefaultContact", "local_defaults", "national_defaults", "defaults_for", "default_contact_rows"]


def local_defaults(local_authority):
    """The directory's local contacts for a local authority, or none if it has no entry."""
    area = directory().area_for(local_authority)
    return list(area.contacts) if area else []


def national_defaults():
    return list(directory().national)


def defaults_for(school):
    """(local, national) default contacts for the school: local first, as staff call them first."""
    return local_defaults(school.local_authority), national_defaults()


def default_contact_rows(school):
    """The school's default contacts as unsaved ``LocalContact`` rows: local first, then national,
    numbered in that order."""
    local, national = defaults_for(school)
    return [
        LocalContact(
            school=school,
            name=default.name,
            role=default.role,
            phone=default.phone,
            email=default.email,
            web_address=default.web_address,
            notes=default.notes,
            purpose=default.purpose,
            is_national=is_national,
            order=(order + 1) * 10,
        )
        for order, (default, is_national) in enumerate([(c, False) for c in local] + [(c, True) for c in national])
    ]
