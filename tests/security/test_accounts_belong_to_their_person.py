"""Security findings (issue 14, critical and high): an account belongs to its person, not to
whichever school touches it; nobody grants themselves power.

Personas from tests/conftest.py: school A (lead, head, dsl, staff, governor) and the outsider,
the Prevent Lead of school B.
"""

import hashlib
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from accounts.memberships import check_role_change
from accounts.models import AuditEvent, Invitation, Membership, Role, School, User
from accounts.school_export import MANIFEST_FILE, RECORDS_FILE

from ..factories import SchoolFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """Invitations are emailed when the transaction commits: ``with sending():`` runs those callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def roles_in(user, school):
    return sorted(Membership.objects.current().filter(user=user, school=school).values_list("role", flat=True))


def details(user):
    user.refresh_from_db()
    return (user.email, user.full_name, user.job_title, user.phone, user.password)


# Critical: taking over another school's accounts


def test_a_lead_of_another_school_adding_an_existing_email_only_invites_and_changes_nothing(
    client, outsider, dsl, sending
):
    before = details(dsl)
    client.force_login(outsider)
    with sending():
        response = client.post(
            reverse("accounts:member-add"),
            {"full_name": "Attacker", "email": dsl.email.upper(), "job_title": "x", "phone": "0", "roles": ["staff"]},
            follow=True,
        )
    assert "already has an account, so they have been invited" in response.content.decode()
    assert details(dsl) == before
    assert roles_in(dsl, outsider.memberships.first().school) == []
    invitation = Invitation.objects.get(user=dsl)
    assert invitation.kind == Invitation.Kind.MEMBERSHIP and invitation.email == dsl.email
    # The email names the inviting school and goes to the account's own address only.
    assert [m.to for m in mail.outbox] == [[dsl.email]]
    assert "Other Academy" in mail.outbox[0].subject


def test_the_people_page_does_not_reveal_the_details_of_a_guessed_email(client, outsider, dsl):
    dsl.phone, dsl.job_title = "07700 900123", "Assistant Head (Pastoral)"
    dsl.save()
    client.force_login(outsider)
    client.post(reverse("accounts:member-add"), {"full_name": "Guess", "email": dsl.email, "roles": ["staff"]})
    html = client.get(reverse("accounts:member-list")).content.decode()
    assert dsl.email in html  # the address the school typed, as an open invitation
    assert dsl.full_name not in html and "07700 900123" not in html and dsl.job_title not in html


def test_people_edit_cannot_change_the_details_of_a_person_who_belongs_to_another_school(client, lead, school):
    shared = member(school, Role.STAFF, full_name="Pat Shared", email="pat@school.example")
    Membership.objects.create(user=shared, school=SchoolFactory(), role=Role.DSL)
    before = details(shared)
    client.force_login(lead)
    response = client.post(
        reverse("accounts:member-edit", args=[shared.pk]),
        {"full_name": "Hijacked", "email": "attacker@evil.example", "job_title": "x", "phone": "1", "roles": ["staff"]},
    )
    assert response.status_code == 302
    assert details(shared) == before  # the disabled fields ignore what was posted
    page = client.get(reverse("accounts:member-edit", args=[shared.pk])).content.decode()
    assert "also belongs to another school" in page


def test_a_school_may_change_the_details_of_a_person_who_belongs_to_it_alone(client, lead, staff):
    client.force_login(lead)
    client.post(
        reverse("accounts:member-edit", args=[staff.pk]),
        {
            "full_name": "Sam Renamed",
            "email": "sam.new@school.example",
            "job_title": "Head of Maths",
            "roles": ["staff"],
        },
    )
    staff.refresh_from_db()
    assert (staff.full_name, staff.email) == ("Sam Renamed", "sam.new@school.example")


def test_the_person_changes_their_own_details_and_a_new_email_needs_their_password(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Sam S", "email": "new@school.example", "job_title": "", "phone": ""}
    )
    assert "Enter your current password" in response.content.decode()
    from ..factories import PASSWORD

    client.post(
        reverse("accounts:profile"),
        {"full_name": "Sam S", "email": "new@school.example", "current_password": PASSWORD},
    )
    staff.refresh_from_db()
    assert (staff.full_name, staff.email) == ("Sam S", "new@school.example")


def test_the_csv_import_never_overwrites_an_existing_account(client, lead, school, outsider):
    before = details(outsider)
    client.force_login(lead)
    text = f"name,email,job title,roles\nRenamed Person,{outsider.email},Cleaner,staff\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(reverse("accounts:member-import"), {"file": SimpleUploadedFile("s.csv", text.encode())})
    confirm = preview.context["confirm"].initial  # the file, and the fingerprint of the preview
    client.post(reverse("accounts:member-import"), {k: v for k, v in confirm.items() if v is not False})
    assert details(outsider) == before
    assert roles_in(outsider, school) == []
    assert Invitation.objects.filter(user=outsider, school=school).exists()


def test_every_membership_change_is_audited_in_every_school_the_person_belongs_to(client, lead, school, other_school):
    shared = member(school, Role.STAFF, email="both@school.example")
    Membership.objects.create(user=shared, school=other_school, role=Role.STAFF)
    client.force_login(lead)
    client.post(
        reverse("accounts:member-edit", args=[shared.pk]),
        {"full_name": shared.full_name, "email": shared.email, "roles": ["staff", "dsl"]},
    )
    here = AuditEvent.objects.get(school=school, object_id=str(shared.pk), action="update")
    there = AuditEvent.objects.get(school=other_school, object_id=str(shared.pk))
    assert here.changes["roles"] == [["staff"], ["dsl", "staff"]]
    assert there.changes == {f"roles at {school.name}": [["staff"], ["dsl", "staff"]]}
    assert there.actor == lead


def _rows(schools):
    """Every row that belongs to these schools (their people included), as plain values."""
    from accounts.school_export import school_records

    rows = {}
    for school in schools:
        for model, pks in school_records(school).items():
            for row in model._base_manager.filter(pk__in=pks):
                rows[(model._meta.label, row.pk)] = json.dumps(model_to_dict(row), default=str, sort_keys=True)
    return rows


def test_import_school_into_a_database_with_two_other_schools_touches_none_of_their_rows(tmp_path, school, lead):
    school_b = SchoolFactory(name="Second School")
    school_c = SchoolFactory(name="Third School")
    for s in (school_b, school_c):
        member(s, Role.STAFF, Role.DSL)
    # An export from another deployment: its keys are the keys of school B's rows here.
    call_command("export_school", school_b.urn, str(tmp_path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    records = json.loads((tmp_path / RECORDS_FILE).read_text())
    for record in records:
        if record["model"] == "accounts.school":
            record["fields"].update(name="Moved School", urn="MOVED1")
        if record["model"] == "accounts.user":
            record["fields"]["email"] = "moved-" + record["fields"]["email"]
    (tmp_path / RECORDS_FILE).write_text(json.dumps(records))
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    records_sha256 = hashlib.sha256((tmp_path / RECORDS_FILE).read_bytes()).hexdigest()
    manifest.update(school="Moved School", urn="MOVED1", records_sha256=records_sha256)
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(manifest))

    before = _rows([school, school_b, school_c])
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_school", str(tmp_path))
    assert _rows([school, school_b, school_c]) == before
    assert not School.objects.filter(urn="MOVED1").exists()


# High: nobody grants themselves power


def test_a_head_cannot_give_herself_the_dsl_role_and_read_referral_cases(client, head, school):
    assert not school.head_sees_referrals
    client.force_login(head)
    response = client.post(
        reverse("accounts:member-edit", args=[head.pk]),
        {"full_name": head.full_name, "email": head.email, "roles": ["staff", "headteacher", "dsl"]},
    )
    assert "You cannot give yourself a role" in response.content.decode()
    assert roles_in(head, school) == ["headteacher", "staff"]
    assert client.get(reverse("referrals:case-list")).status_code == 404


@pytest.mark.parametrize("role", ["dsl", "prevent_lead"])
def test_a_head_cannot_give_anyone_a_role_that_opens_referral_cases(client, head, staff, school, role):
    client.force_login(head)
    response = client.post(
        reverse("accounts:member-edit", args=[staff.pk]),
        {"full_name": staff.full_name, "email": staff.email, "roles": ["staff", role]},
    )
    assert "Only the Prevent Lead" in response.content.decode()
    assert roles_in(staff, school) == ["staff"]
    # Nor by adding a new person, nor by the CSV import.
    response = client.post(
        reverse("accounts:member-add"), {"full_name": "New Dsl", "email": "nd@school.example", "roles": [role]}
    )
    assert "Only the Prevent Lead" in response.content.decode()
    assert not User.objects.filter(email="nd@school.example").exists()


def test_nobody_grants_a_role_to_themselves_not_even_the_lead(client, lead, school):
    client.force_login(lead)
    client.post(
        reverse("accounts:member-edit", args=[lead.pk]),
        {"full_name": lead.full_name, "email": lead.email, "roles": ["staff", "prevent_lead", "headteacher"]},
    )
    assert roles_in(lead, school) == ["prevent_lead", "staff"]


def test_the_lead_grants_the_dsl_role_and_the_grant_is_audited_and_shown_on_the_leads_home(client, lead, staff, school):
    client.force_login(lead)
    client.post(
        reverse("accounts:member-edit", args=[staff.pk]),
        {"full_name": staff.full_name, "email": staff.email, "roles": ["staff", "dsl"]},
    )
    assert roles_in(staff, school) == ["dsl", "staff"]
    grant = AuditEvent.objects.get(school=school, action="accounts.referral_role_granted")
    assert (grant.actor, grant.changes) == (lead, {"role": "dsl"})
    home = client.get(reverse("home")).content.decode()
    assert f"{staff.full_name} was given the Designated Safeguarding Lead role by {lead.email}" in home


def test_a_site_administrator_may_grant_the_lead_role():
    school = SchoolFactory()
    admin = UserFactory(is_staff=True)
    person = member(school)
    check_role_change(school=school, by=admin, user=person, before=["staff"], after=["staff", "prevent_lead"])


# Invitations: the way an existing account joins a second school


def _link_token(message):
    import re

    return re.search(r"/accounts/invitation/([\w-]+)/", message.body).group(1)


def test_an_invited_existing_account_joins_only_when_it_accepts(client, outsider, dsl, school, sending):
    client.force_login(outsider)
    with sending():
        client.post(reverse("accounts:member-add"), {"full_name": "x", "email": dsl.email, "roles": ["staff"]})
    token = _link_token(mail.outbox[-1])
    client.logout()
    anonymous = client.get(reverse("accounts:invitation", args=[token]))
    assert "Sign in to accept" in anonymous.content.decode()
    client.force_login(dsl)
    page = client.get(reverse("accounts:invitation", args=[token])).content.decode()
    assert "Join Other Academy?" in page
    client.post(reverse("accounts:invitation", args=[token]), {"answer": "accept"})
    b = outsider.memberships.first().school
    assert roles_in(dsl, b) == ["staff"]
    assert roles_in(dsl, school) == ["dsl", "staff"]  # their first school is untouched
    # Single use.
    assert client.get(reverse("accounts:invitation", args=[token])).status_code == 410


def test_an_invitation_cannot_be_accepted_by_another_account(client, outsider, dsl, staff, sending):
    client.force_login(outsider)
    with sending():
        client.post(reverse("accounts:member-add"), {"full_name": "x", "email": dsl.email, "roles": ["staff"]})
    token = _link_token(mail.outbox[-1])
    client.force_login(staff)
    assert client.post(reverse("accounts:invitation", args=[token]), {"answer": "accept"}).status_code == 403
    assert not Membership.objects.filter(user=staff).exclude(school=staff.memberships.first().school).exists()
