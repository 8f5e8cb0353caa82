import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Membership, User

GOOD = (
    "name,email,job title,roles\n"
    "Ada Ash,ada@school.example,Teacher,staff\n"
    "Ben Birch,BEN@school.example,SENCo,staff;dsl\n"
)


def upload(client, text):
    return client.post(reverse("accounts:member-import"), {"file": SimpleUploadedFile("staff.csv", text.encode())})


def confirmed(preview):
    """The preview's confirmation, as the Lead's browser posts it back."""
    return {k: v for k, v in preview.context["confirm"].initial.items() if v is not False}


@pytest.mark.django_db
def test_it_shows_a_preview_and_saves_nothing_yet(login, lead):
    response = upload(login(lead), GOOD)
    html = response.content.decode()
    assert "Ada Ash" in html and "Ben Birch" in html
    assert "Import 2 people" in html
    assert not User.objects.filter(email="ada@school.example").exists()


@pytest.mark.django_db
def test_confirming_the_preview_imports_every_row(login, lead, school):
    client = login(lead)
    response = client.post(reverse("accounts:member-import"), confirmed(upload(client, GOOD)), follow=True)
    assert "Imported 2 people: 2 new (invited by email to set a password)" in response.content.decode()
    ben = User.objects.get(email="ben@school.example")
    assert sorted(Membership.objects.filter(user=ben, school=school).values_list("role", flat=True)) == ["dsl", "staff"]


@pytest.mark.django_db
def test_one_bad_row_means_nothing_is_saved_and_each_error_is_shown(login, lead):
    text = GOOD + "No Email,,Teacher,staff\nCara Cole,cara@school.example,Teacher,wizard\nDup,ada@school.example,,\n"
    response = upload(login(lead), text)
    html = response.content.decode()
    assert "3 rows have errors" in html
    assert "is not an email address" in html
    assert "Unknown role: wizard" in html
    assert "The same email is on line 2" in html
    assert "Import" not in response.context.get("confirm", "") if response.context.get("confirm") else True
    assert response.context.get("confirm") is None
    assert User.objects.filter(email__endswith="school.example").count() == 1  # the lead only


@pytest.mark.django_db
def test_existing_members_get_roles_added_and_their_details_are_never_overwritten(login, lead, staff, school):
    client = login(lead)
    text = f"name,email,job title,roles\nSam Staff-Renamed,{staff.email},Head of Maths,staff;dsl\n"
    response = client.post(reverse("accounts:member-import"), confirmed(upload(client, text)), follow=True)
    assert "1 already here (roles added)" in response.content.decode()
    assert User.objects.filter(email=staff.email).count() == 1
    staff.refresh_from_db()
    assert (staff.full_name, staff.job_title) == ("Sam Staff", "Teacher")
    assert set(Membership.objects.filter(user=staff, school=school).values_list("role", flat=True)) == {"staff", "dsl"}


@pytest.mark.django_db
def test_a_tampered_confirmation_imports_nothing(login, lead):
    response = login(lead).post(
        reverse("accounts:member-import"), {"csv_text": "name,email,job title,roles\n,bad,,\n"}, follow=True
    )
    assert "nothing was imported" in response.content.decode()


@pytest.mark.django_db
def test_the_same_confirmation_posted_twice_imports_once(login, lead):
    client = login(lead)
    data = confirmed(upload(client, GOOD))
    client.post(reverse("accounts:member-import"), data)
    client.post(reverse("accounts:member-import"), data)
    assert User.objects.filter(email__in=["ada@school.example", "ben@school.example"]).count() == 2


@pytest.mark.django_db
def test_a_wrong_header_is_explained(login, lead):
    response = upload(login(lead), "first,last\nA,B\n")
    assert "The first line must name the columns" in response.content.decode()


@pytest.mark.django_db
def test_a_windows_1252_file_is_read_not_refused(login, lead):
    text = "name,email,job title,roles\nZoë Brontë,zoe@school.example,Teacher,staff\n"
    response = login(lead).post(
        reverse("accounts:member-import"), {"file": SimpleUploadedFile("staff.csv", text.encode("cp1252"))}
    )
    assert "Zoë Brontë" in response.content.decode()
    assert response.context["confirm"] is not None
