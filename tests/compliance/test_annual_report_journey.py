"""Tried as a new user would, through the pages' own links: in the demo school a governor finds and
downloads last year's signed annual report; the Lead finds, builds and downloads the inspection pack."""

import hashlib
import html
import io
import json
import re
import zipfile

import pytest

from accounts.models import Role, School, User
from compliance.models import AnnualReport

from ..background.jobs import start_job
from .reports_text import pdf_text


def _link(page, words):
    """The href of the link whose text is ``words`` on ``page``."""
    for href, text in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', page, flags=re.S):
        if words in html.unescape(re.sub(r"<[^>]+>", "", text)):
            return html.unescape(href)
    raise AssertionError(f"No link {words!r} on the page")


def _form(page, button):
    """(action, hidden fields) of the form whose button says ``button`` on ``page``."""
    for attrs, body in re.findall(r"<form([^>]*)>(.*?)</form>", page, flags=re.S):
        if button in html.unescape(re.sub(r"<[^>]+>", "", body)):
            action = html.unescape(re.search(r'action="([^"]+)"', attrs).group(1))
            hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body)
            return action, {name: html.unescape(value) for name, value in hidden}
    raise AssertionError(f"No form with the button {button!r} on the page")


def _person(school, role):
    return User.objects.filter(memberships__school=school, memberships__role=role).order_by("pk").first()


@pytest.fixture
def demo_school(db, seeded_demo):
    return School.objects.get(pk=seeded_demo)


def test_a_governor_downloads_the_signed_annual_report(demo_school, login):
    client = login(_person(demo_school, Role.GOVERNOR))
    home = client.get("/").content.decode()
    reports = client.get(_link(home, "Annual Prevent and safeguarding reports to governors")).content.decode()
    frozen = AnnualReport.objects.get(school=demo_school, status=AnnualReport.Status.FROZEN)
    assert "Signed by the chair of governors and frozen" in reports
    detail = client.get(_link(reports, f"Annual report {frozen.academic_year}")).content.decode()
    sign_off = frozen.sign_offs.get(stage="chair")
    assert sign_off.sha256 in detail
    response = client.get(_link(detail, sign_off.filename))
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == sign_off.sha256
    text = pdf_text(data)
    assert "Annual Prevent and safeguarding report to governors" in text and "Chair of governors" in text
    # This year's draft is there too, readable, with a draft PDF that says it is not the signed one.
    draft = AnnualReport.objects.get(school=demo_school, status=AnnualReport.Status.DRAFT)
    detail = client.get(_link(reports, f"Annual report {draft.academic_year}")).content.decode()
    assert "Sign off as" not in detail  # a governor signs as chair only after the head
    draft_pdf = pdf_text(client.get(_link(detail, "Download a draft PDF")).content)
    assert "Draft: this copy is not the report signed off" in draft_pdf


def test_the_lead_downloads_the_inspection_pack(demo_school, login):
    client = login(_person(demo_school, Role.PREVENT_LEAD))
    home = client.get("/").content.decode()
    page = client.get(_link(home, "The inspection evidence pack")).content.decode()
    # The button builds it in the background; the job's page says when it is ready and offers it.
    action, fields = _form(page, "Build the inspection evidence pack")
    job_page = client.get(start_job(client, action, fields).get_absolute_url()).content.decode()
    assert "The inspection evidence pack is ready" in job_page
    response = client.get(_link(job_page, "Download"))
    assert response["Content-Disposition"].startswith('attachment; filename="')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    assert "This pack holds no referral case detail" in archive.read("README.txt").decode()
