"""The contacts a new school starts with: the national ones, and the local ones of its area.

The Cambridgeshire and Peterborough entries are copied from the area's Prevent action plan
(``seed/prevent-action-plan-cambridgeshire-peterborough.txt``); the school edits them after.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultContact:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""
    web_address: str = ""
    notes: str = ""


NATIONAL = [
    DefaultContact(
        name="Emergency services",
        role="Immediate risk of harm to a child or others",
        phone="999",
        notes="Call 999 first if anyone is in immediate danger.",
    ),
    DefaultContact(
        name="National Prevent referral form",
        role="Making a referral to Prevent",
        web_address="https://www.gov.uk/guidance/making-a-referral-to-prevent",
        notes=(
            "The national referral form goes to Counter Terrorism Policing, in some areas through the "
            "local authority. Discuss with the Prevent Lead/SPOC or DSL before referring."
        ),
    ),
    DefaultContact(
        name="DfE counter-extremism helpline",
        role="Advice for schools on non-emergency concerns",
        phone="020 7340 7264",
        email="counter.extremism@education.gov.uk",
    ),
    DefaultContact(
        name="Anti-Terrorist Hotline",
        role="Reporting suspected terrorist activity (Counter Terrorism Policing)",
        phone="0800 789 321",
    ),
]

CAMBRIDGESHIRE_AND_PETERBOROUGH = [
    DefaultContact(
        name="Customer Service Centre (Cambridgeshire)",
        role="Prevent referrals",
        phone="0345 045 5203",
        notes="Prevent referrals are made to the Customer Service Centre.",
    ),
    DefaultContact(
        name="Customer Service Centre (Peterborough)",
        role="Prevent referrals",
        phone="01733 864180",
        notes="Prevent referrals are made to the Customer Service Centre.",
    ),
    DefaultContact(
        name="Cambridgeshire Police Prevent team",
        role="Advice on Prevent concerns",
        phone="101, extension 2596 or 2595",
        email="Prevent@cambs.pnn.police.uk",
        notes="Advice may be sought regarding Prevent concerns by calling 101 and selecting extension 2596 or 2595.",
    ),
    DefaultContact(
        name="Cambridgeshire and Peterborough Safeguarding Children Partnership Board",
        role="Referral Form to Cambridgeshire or Peterborough Children's Social Care",
        web_address="https://www.safeguardingcambspeterborough.org.uk/childrenboard/",
        notes=(
            'Referrals should be made using the "Referral Form to Cambridgeshire or Peterborough '
            "Children's Social Care\", found on the partnership board's website."
        ),
    ),
]

LOCAL_BY_AUTHORITY = {
    "cambridgeshire": CAMBRIDGESHIRE_AND_PETERBOROUGH,
    "peterborough": CAMBRIDGESHIRE_AND_PETERBOROUGH,
}


def local_defaults(local_authority):
    """The local contacts known for a local authority (matched on its name), or none."""
    name = (local_authority or "").strip().lower()
    for key, contacts in LOCAL_BY_AUTHORITY.items():
        if key in name:
            return contacts
    return []


def defaults_for(school):
    """(local, national) default contacts for the school: local first, as staff call them first."""
    return local_defaults(school.local_authority), NATIONAL
