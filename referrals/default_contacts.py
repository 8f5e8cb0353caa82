"""The contacts a new school starts with: the national ones, and the local ones of its area, from
the contact directory (``referrals/data/contacts.yaml``). The school edits its copies after."""

from .directory import DefaultContact, directory

__all__ = ["DefaultContact", "local_defaults", "national_defaults", "defaults_for"]


def local_defaults(local_authority):
    """The directory's local contacts for a local authority, or none if it has no entry."""
    area = directory().area_for(local_authority)
    return list(area.contacts) if area else []


def national_defaults():
    return list(directory().national)


def defaults_for(school):
    """(local, national) default contacts for the school: local first, as staff call them first."""
    return local_defaults(school.local_authority), national_defaults()
