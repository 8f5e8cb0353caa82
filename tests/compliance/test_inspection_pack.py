"""The inspection evidence pack: one ZIP with the school's Prevent evidence and a manifest that
verifies, never any referral case detail, only for the Lead and the head of the school; built in
the background, its job's page showing progress and then offering the ZIP."""

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.audit import AuditAction
from accounts.demo import DEMO_URN
from accounts.models import AuditEvent, Role, School, User
from background.models import Job
from compliance.reports.inspection_pack import inspection_pack_build
from referrals.models import Case
from tests.referrals.factories import make_case, make_decision

from ..background.jobs import job_result, start_job
from .reports_text import pdf_text
from .reports_world import fill_school

PAGE = reverse("compliance:inspection-pack")
BUILD = reverse("compliance:inspection-pack-build")

# What referral cases hold that must never reach the pack.
PUPIL_MARKER = "PUPIL-QX7731"
SUMMARY_MARKER = "Zanzibarquokka concern about a classmate"
RATIONALE_MARKER = "Xylophonewombat advice from the police"


def _download(client):
    """The pack as its builder gets it: the button (POST) starts the job, whose page offers the ZIP."""
    job = start_job(client, BUILD)
    assert job.kind == Job.Kind.INSPECTION_PACK and job.status == Job.Status.DONE, job.message
    response, data = job_result(client, job)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return zipfile.ZipFile(io.BytesIO(data))


def _texts(archive):
    """{path: every text a reader could find in the file}: its bytes, and a PDF's extracted text."""
    texts = {}
    for name in archive.namelist():
        data = archive.read(name)
        text = data.decode("utf-8", errors="ignore")
        if data.startswith(b"%PDF"):
            text += "\n" + pdf_text(data)
        texts[name] = name + "\n" + text
    return texts


def _seed_markers(school, lead):
    for n in range(2):
        case = make_case(
            school,
            lead,
            raised_on=timezone.localdate(),
            pupil_identifier=f"{PUPIL_MARKER}{n}",
            summary=SUMMARY_MARKER,
        )
        make_decision(case, lead, rationale=RATIONALE_MARKER, decided_on=timezone.localdate())


def _secrets(school):
    """Every case reference, pupil identifier and summary of the school: none may be in the pack."""
    cases = Case.objects.filter(school=school)
    secrets = {PUPIL_MARKER, SUMMARY_MARKER, RATIONALE_MARKER}
    for case in cases:
        secrets |= {case.reference, case.pupil_identifier, case.summary}
    assert len(cases) >= 2
    return secrets


def _verify_manifest(archive):
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["path"] for entry in manifest["files"]}
    assert listed == set(archive.namelist()) - {"manifest.json", "SHA256SUMS", "README.txt"}
    for entry in manifest["files"]:
        data = archive.read(entry["path"])
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert len(data) == entry["size"]
    sums = archive.read("SHA256SUMS").decode().splitlines()
    assert sums == [f"{entry['sha256']}  {entry['path']}" for entry in manifest["files"]]
    return manifest


@pytest.fixture
def demo(db, seeded_demo):
    school = School.objects.get(pk=seeded_demo)
    lead = User.objects.filter(memberships__school=school, memberships__role=Role.PREVENT_LEAD).first()
    _seed_markers(school, lead)
    return school, lead


def test_the_demo_schools_pack_holds_the_evidence_and_its_manifest_verifies(demo, login):
    school, lead = demo
    client = login(lead)
    assert "Build the inspection evidence pack" in client.get(PAGE).content.decode()
    archive = _download(client)
    manifest = _verify_manifest(archive)
    names = archive.namelist()
    folders = {name.split("/")[0] for name in names}
    assert folders >= {
        "01-action-plan",
        "02-risk-assessment",
        "03-self-assessment",
        "04-filtering-and-monitoring",
        "05-confirmations",
        "06-training",
        "07-speakers",
        "08-frozen-reports",
        "09-evidence",
        "README.txt",
    }
    assert "05-confirmations/confirmations-by-edition.csv" in names
    assert "06-training/training-matrix.csv" in names
    assert "07-speakers/speaker-register.csv" in names
    assert any(name.startswith("07-speakers/letters/") and name.endswith(".pdf") for name in names)
    frozen = [name for name in names if name.startswith("08-frozen-reports/")]
    assert any("annual-prevent-report" in name for name in frozen) and len(frozen) == 2
    assert any(name.startswith("09-evidence/") and not name.endswith("index.csv") for name in names)
    assert manifest["school"]["urn"] == DEMO_URN and manifest["not_included"] == []
    # The stored frozen files are in the pack byte for byte.
    from compliance.models import AnnualReportSignOff, ReportSnapshot

    snapshot = ReportSnapshot.objects.filter(school=school).first()
    assert hashlib.sha256(archive.read(f"08-frozen-reports/{snapshot.filename}")).hexdigest() == snapshot.sha256
    annual = AnnualReportSignOff.objects.get(report__school=school, stage="chair")
    assert hashlib.sha256(archive.read(f"08-frozen-reports/{annual.filename}")).hexdigest() == annual.sha256
    event = AuditEvent.objects.filter(object_type="compliance.reports.inspection_pack").latest("pk")
    assert event.actor == lead and event.action == AuditAction.EXPORT
    assert event.changes["files"] == len(manifest["files"])


def test_no_case_reference_pupil_identifier_or_case_text_is_anywhere_in_the_pack(demo, login):
    school, lead = demo
    secrets = _secrets(school)
    texts = _texts(_download(login(lead)))
    # The search reads inside the PDFs: their text is there to search.
    assert any(school.name in text for path, text in texts.items() if path.endswith(".pdf"))
    assert any("fewer than 5" in text for text in texts.values())
    for path, text in texts.items():
        found = [secret for secret in secrets if secret and secret in text]
        assert not found, f"{path} holds referral case detail: {found}"


def test_an_empty_school_gets_a_pack_that_says_what_is_missing(school, lead, login):
    archive = _download(login(lead))
    manifest = _verify_manifest(archive)
    missing = {entry["what"] for entry in manifest["not_included"]}
    assert {"Prevent risk assessment", "Prevent self-assessment", "Frozen compliance report"} <= missing
    assert "Not included:" in archive.read("README.txt").decode()


def test_another_schools_lead_gets_only_their_own_school(school, other_school, lead, outsider, login):
    fill_school(school, lead)
    _seed_markers(school, lead)
    archive = _download(login(outsider))
    manifest = _verify_manifest(archive)
    assert manifest["school"]["urn"] == other_school.urn
    for path, text in _texts(archive).items():
        assert school.name not in text and "Lee Lead" not in text, path


@pytest.mark.parametrize("persona", ["staff", "dsl", "governor", "trust"])
def test_people_who_must_not_have_the_pack_are_refused(request, school, persona, login):
    client = login(request.getfixturevalue(persona))
    assert client.post(BUILD).status_code == 403
    assert client.get(PAGE).status_code == 403
    assert not Job.objects.exists()
    assert not AuditEvent.objects.filter(object_type="compliance.reports.inspection_pack").exists()


def test_the_builder_is_a_plain_function_a_task_can_call(school, lead):
    fill_school(school, lead)
    pack = inspection_pack_build(school, by=lead)
    archive = zipfile.ZipFile(io.BytesIO(pack.data))
    assert _verify_manifest(archive) == pack.manifest
    assert pack.filename.endswith(".zip") and "inspection-evidence-pack" in pack.filename


def test_the_job_page_shows_the_progress_of_each_part_and_only_its_builder_gets_the_zip(
    school, lead, head, login, monkeypatch
):
    import compliance.tasks

    seen = []
    build = compliance.tasks.inspection_pack_build

    def watched(school, *, by, progress):
        def told(done, total):
            job = Job.objects.get(kind=Job.Kind.INSPECTION_PACK)
            seen.append((done, total, job.done, job.total, job.status))
            return progress(done, total)

        return build(school, by=by, progress=told)

    monkeypatch.setattr(compliance.tasks, "inspection_pack_build", watched)
    client = login(lead)
    assert client.get(BUILD).status_code == 405  # building is a POST, never a link
    job = start_job(client, BUILD)
    assert [done for done, *_ in seen] == list(range(1, 9)) and {total for _, total, *_ in seen} == {9}
    assert all(status == Job.Status.RUNNING for *_, status in seen)
    job.refresh_from_db()
    assert (job.done, job.total) == (8, 9) and job.status == Job.Status.DONE
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The inspection evidence pack is ready" in page and job.result_name in page
    assert reverse("background:job-download", args=[job.pk]) in page
    # The head may build their own pack, but never download the Lead's.
    other = login(head)
    assert other.get(reverse("background:job-download", args=[job.pk])).status_code == 404
