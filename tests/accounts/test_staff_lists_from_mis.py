"""Staff lists as the MIS exports them (docs/mis/): read in any column order and encoding, job
titles mapped to roles by the school's table, joiners / changes / leavers previewed, then applied
in one step. Leavers lose access and keep their records; returners come back."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.job_titles import job_title_table
from accounts.mis_formats import decode
from accounts.models import AuditEvent, Invitation, JobTitleRole, Membership, Role, User
from accounts.staff_import import parse_staff_file
from tests.factories import member

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "mis"


def parse(school, raw):
    return parse_staff_file(decode(raw), job_title_table(school))


def preview(client, raw, whole_list=False, name="staff.csv"):
    data = {"file": SimpleUploadedFile(name, raw)}
    if whole_list:
        data["whole_list"] = "on"
    return client.post(reverse("accounts:member-import"), data)


def apply(client, response):
    data = {k: v for k, v in response.context["confirm"].initial.items() if v is not False}
    return client.post(reverse("accounts:member-import"), data, follow=True)


@pytest.mark.parametrize(
    ("sample", "key", "expected"),
    [
        (
            "arbor-staff.csv",
            "arbor",
            [
                ("Aisha Khan", "a.khan@kenstimpson.example", ["staff"]),
                ("Tom O'Brien", "t.obrien@kenstimpson.example", ["dsl", "staff"]),
                ("Zoë Brontë-Smith", "z.bronte-smith@kenstimpson.example", ["staff"]),
            ],
        ),
        (
            "sims-staff.csv",
            "sims",
            [
                ("Chidi Okafor", "c.okafor@kenstimpson.example", ["staff"]),
                ("Shiv Walsh", "s.walsh@kenstimpson.example", ["staff"]),
                ("Ravi Patel", "r.patel@kenstimpson.example", ["headteacher", "staff"]),
            ],
        ),
        (
            "bromcom-staff.csv",
            "bromcom",
            [
                ("Jane Nowak", "j.nowak@kenstimpson.example", ["staff"]),
                # a deputy DSL by job title: the DSL's case access only where the school grants it
                ("Liam Fenn", "l.fenn@kenstimpson.example", ["deputy_dsl", "staff"]),
                ("Emma Marsh", "e.marsh@kenstimpson.example", ["staff"]),
            ],
        ),
    ],
)
def test_it_reads_each_mis_sample_as_it_comes(school, sample, key, expected):
    parsed = parse(school, (SAMPLES / sample).read_bytes())
    assert parsed.problems == []
    assert parsed.format_key == key
    assert [(r.name, r.email, r.roles) for r in parsed.rows] == expected
    assert not any(r.errors for r in parsed.rows)


def test_the_samples_come_in_the_encodings_schools_send(school):
    assert (SAMPLES / "bromcom-staff.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    raw = (SAMPLES / "sims-staff.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # Windows-1252, as Excel saves it
    assert "Siobhán" in decode(raw)


def test_columns_in_any_order(school):
    rows = list(csv.reader(io.StringIO((SAMPLES / "arbor-staff.csv").read_text(encoding="utf-8"))))
    shuffled = io.StringIO()
    csv.writer(shuffled).writerows([list(reversed(r)) for r in rows])
    parsed = parse(school, shuffled.getvalue().encode())
    assert [r.email for r in parsed.rows][0] == "a.khan@kenstimpson.example"
    assert parsed.rows[1].roles == ["dsl", "staff"]


def test_the_leads_job_title_table_gives_roles(client, lead, school):
    client.force_login(lead)
    response = client.post(
        reverse("accounts:job-titles"),
        {
            "titles-TOTAL_FORMS": "1",
            "titles-INITIAL_FORMS": "0",
            "titles-0-title": "  Teacher of   ENGLISH ",
            "titles-0-roles": ["staff", "prevent_lead"],
        },
    )
    assert response.status_code == 302
    assert JobTitleRole.objects.get(school=school).title == "teacher of english"
    parsed = parse(school, (SAMPLES / "arbor-staff.csv").read_bytes())
    assert parsed.rows[0].roles == ["prevent_lead", "staff"]
    assert AuditEvent.objects.filter(object_type="accounts.jobtitlerole", actor=lead).exists()


def test_an_arbor_export_previews_joiners_and_applies_them_in_one_step(client, lead, school, mailoutbox, settings):
    settings.SITE_URL = "https://prevent.example.org"
    client.force_login(lead)
    response = preview(client, (SAMPLES / "arbor-staff.csv").read_bytes())
    html = response.content.decode()
    assert "Arbor staff export" in html
    assert "Joiners: 3" in html and "Leavers: not checked" in html
    assert not User.objects.filter(email="a.khan@kenstimpson.example").exists()
    done = apply(client, response)
    assert "Imported 3 people: 3 new (invited by email to set a password)" in done.content.decode()
    tom = User.objects.get(email="t.obrien@kenstimpson.example")
    assert sorted(Membership.objects.current().filter(user=tom, school=school).values_list("role", flat=True)) == [
        "dsl",
        "staff",
    ]
    assert Invitation.objects.open().filter(school=school).count() == 3


def test_a_head_cannot_give_the_dsl_role_by_import_the_row_needs_the_lead(client, head, school):
    client.force_login(head)
    response = preview(client, (SAMPLES / "bromcom-staff.csv").read_bytes())
    assert "Needs the Prevent Lead" in response.content.decode()
    apply(client, response)
    liam = User.objects.get(email="l.fenn@kenstimpson.example")
    assert list(Membership.objects.current().filter(user=liam).values_list("role", flat=True)) == ["staff"]


def test_the_whole_staff_list_makes_leavers_who_keep_their_records(client, lead, staff, dsl, governor, school):
    from tests.training.factories_documents import confirm, document

    confirm(staff, document(school, lead))
    client.force_login(lead)
    text = f"name,email,job title,roles\nDee Dsl,{dsl.email},Teacher,\nNew One,new.one@school.example,Teacher,\n"
    response = preview(client, text.encode(), whole_list=True)
    html = response.content.decode()
    assert "Leavers: 1" in html and staff.email in html
    assert "is a governor, not in staff lists, and stays" in html
    assert "(you) is not in the file, and stays" in html
    apply(client, response)
    assert not Membership.objects.current().filter(user=staff, school=school).exists()
    assert staff.acknowledgements.count() == 1  # the record stays
    assert Membership.objects.current().filter(user=governor).exists()
    assert Membership.objects.current().filter(user=lead).exists()
    # The leaver signs in to a home with nothing to do.
    client.force_login(staff)
    home = client.get("/")
    assert "Documents to read" not in home.content.decode()


def test_without_the_whole_list_nobody_leaves(client, lead, staff, school):
    client.force_login(lead)
    response = preview(client, b"name,email\nNew One,new.one@school.example\n")
    apply(client, response)
    assert Membership.objects.current().filter(user=staff, school=school).exists()


def test_a_returner_comes_back_to_their_membership(client, lead, school):
    former = member(school, Role.STAFF, email="back@school.example", full_name="Bea Back")
    Membership.objects.filter(user=former).update(left_on="2025-07-20")
    client.force_login(lead)
    response = preview(client, b"name,email,job title\nBea Back,back@school.example,Teacher\n")
    assert "Returning to the school" in response.content.decode()
    done = apply(client, response)
    assert "1 returned" in done.content.decode()
    assert Membership.objects.current().filter(user=former, school=school).count() == 1
    assert Membership.objects.filter(user=former, school=school).count() == 1  # the same row, reactivated
    assert not Invitation.objects.filter(user=former).exists()  # they had joined before


def test_a_preview_that_no_longer_matches_applies_nothing(client, lead, staff, school):
    client.force_login(lead)
    response = preview(client, b"name,email\nNew One,new.one@school.example\n", whole_list=True)
    Membership.objects.create(user=member(school, email="late@school.example"), school=school, role=Role.DSL)
    done = apply(client, response)
    assert "changed since the preview" in done.content.decode()
    assert not User.objects.filter(email="new.one@school.example").exists()
