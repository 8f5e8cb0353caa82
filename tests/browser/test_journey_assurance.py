"""Journey 8: the Lead completes the Prevent risk assessment with three risks and raises a plan
action from one, rates two self-assessment statements and raises an action from the weaker, and
logs a filtering check; a governor then sees all three on the dashboard and in the PDF."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from compliance.models import Action
from compliance.services import academic_year_of
from tests.compliance.factories import template_plan
from tests.compliance.reports_text import pdf_text, squeeze

from .pages import assert_fits, download_bytes, nav

RISKS = [
    ("Pupils are drawn to extremist material on gaming chat", "likely", "Serious", "Parents' workshop on online risk"),
    ("Staff miss signs of mixed or unclear ideologies", "Possible", "Serious", "Case studies at the spring briefing"),
    ("Hirers use the hall to promote extremist views", "Unlikely", "Serious", ""),
]


def _add_risk(page, site, lead, risk, likelihood, impact, further_action):
    page.get_by_role("link", name="Add a risk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a risk")
    page.get_by_label("Heading").select_option(label="Online safety, filtering and monitoring")
    page.get_by_role("textbox", name=re.compile(r"^Risk")).fill(risk)
    page.get_by_label("Hazard").fill("Seen in the local profile briefing")
    page.get_by_role("radio", name=re.compile(f"^{likelihood}$", re.I)).check()
    page.get_by_role("radio", name=impact, exact=True).check()
    page.get_by_label("Existing control measures").fill("Filtering and monitoring; online safety lessons")
    if further_action:
        page.get_by_label("Further action needed").fill(further_action)
        page.get_by_label("Who leads").select_option(label=f"{lead.full_name} ({lead.job_title})")
        page.get_by_label("Date for completion").fill((timezone.localdate() + datetime.timedelta(days=45)).isoformat())
    page.get_by_role("button", name="Add the risk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(risk)


def test_the_lead_completes_the_three_instruments_and_a_governor_sees_them(site, lead, governor):
    school = lead.memberships.first().school
    year = academic_year_of(timezone.localdate())
    template_plan(school, lead, year=year)

    page = site.open(lead)
    nav(page, "Risk assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk assessment and reviews")
    site.axe.check(page)

    # The risk assessment: start it, fill the header, add three risks.
    page.get_by_role("link", name="Prevent risk assessment").click()
    page.get_by_role("button", name=f"Start the {year} risk assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Prevent risk assessment {year}")
    site.axe.check(page)
    page.get_by_role("link", name="Edit the header and context").click()
    page.get_by_label("Date implemented").fill(timezone.localdate().isoformat())
    page.get_by_label("Local risks").fill("From the CTLP briefing: extreme right-wing stickers near the park.")
    site.axe.check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("saved")
    for risk, likelihood, impact, further_action in RISKS:
        _add_risk(page, site, lead, risk, likelihood, impact, further_action)
        if risk == RISKS[0][0]:
            site.axe.check(page)
            # One step: the further action becomes an action of the plan, and its progress shows here.
            page.get_by_role("button", name="Add the further action to the plan").click()
            expect(page.get_by_role("status")).to_contain_text("is now an action of the")
            expect(page.get_by_role("region", name="In the action plan")).to_contain_text("Not started")
            site.axe.check(page)
        page.get_by_role("link", name=f"Back to the {year} risk assessment").click()
    expect(page.get_by_role("region", name="Risks", exact=True)).to_contain_text(RISKS[2][0])
    expect(page.get_by_role("region", name="The assessment")).to_contain_text("3: 2 high, 1 medium, 0 low")
    assert Action.objects.filter(sources__risk__isnull=False, text=RISKS[0][3]).count() == 1

    # The self-assessment: rate two statements, raise an action from the weaker.
    nav(page, "Risk assessment").click()
    page.get_by_role("link", name="Prevent duty self-assessment").click()
    page.get_by_role("button", name=f"Start the {year} self-assessment").click()
    site.axe.check(page)
    for statement, level, rag in [
        ("The child protection policy sets out", "2: Good", "Green"),
        ("The school checks what staff understood", "4: Inadequate", "Red"),
    ]:
        page.get_by_role("link", name=re.compile(statement)).click()
        page.get_by_role("radio", name=re.compile(f"^{level}")).check()
        page.get_by_role("textbox", name=re.compile(r"^Evidence")).fill("What we found")
        page.get_by_role("radio", name=re.compile(f"^{rag}:")).check()
        page.get_by_label("RAG note").fill("Nothing checks what staff understood" if rag == "Red" else "")
        site.axe.check(page)
        page.get_by_role("button", name="Save the rating").click()
        expect(page.get_by_role("status")).to_contain_text("is rated at level")
    expect(page.get_by_role("button", name="Make it a plan action")).to_have_count(1)
    site.axe.check(page)
    page.get_by_role("button", name="Make it a plan action").click()
    expect(page.get_by_role("status")).to_contain_text("Reach level 2 (good): The school checks what staff understood")
    expect(page.get_by_role("button", name="Make it a plan action")).to_have_count(0)

    # Filtering and monitoring: log a check.
    nav(page, "Risk assessment").click()
    page.get_by_role("link", name="Filtering and monitoring").click()
    page.get_by_role("button", name=f"Start the {year} record").click()
    page.get_by_role("link", name="Log a check").click()
    page.get_by_label("What was tested").select_option(label="Extremism")
    page.get_by_label("How it was tested").fill("Test searches on a Year 9 pupil account")
    page.get_by_role("radio", name="Worked as expected").check()
    site.axe.check(page)
    page.get_by_role("button", name="Log the check").click()
    expect(page.get_by_role("region", name="Check log")).to_contain_text("Test searches on a Year 9 pupil account")
    site.axe.check(page)

    # A governor sees all three on the dashboard and in the PDF.
    governor_page = site.open(governor)
    nav(governor_page, "Dashboard").click()
    section = governor_page.get_by_role("region", name="Risk assessment, self-assessment, filtering and monitoring")
    expect(section).to_contain_text("3 (2 high, 1 medium, 0 low)")
    expect(section).to_contain_text("2 of 35")
    expect(section.get_by_role("region", name="Filtering and monitoring")).to_contain_text("Checks this term1")
    site.axe.check(governor_page)
    with governor_page.expect_download() as download:
        governor_page.get_by_role("link", name="Download the PDF report").click()
    text = squeeze(pdf_text(download_bytes(download.value)))
    assert squeeze("Risk assessment, self-assessment, filtering and monitoring") in text
    assert squeeze("2 of 35 statements rated; 1 below the expected level") in text
    assert squeeze("Checks this term 1") in text


def test_the_risk_assessment_fits_a_phone(site, lead):
    from tests.assurance import factories as f

    assessment = f.risk_assessment(lead.memberships.first().school, lead)
    for n in range(3):
        f.risk(assessment, lead, n)
    page = site.open(lead, width=320)
    page.goto(f"/assurance/risk-assessment/{assessment.pk}/")
    site.axe.check(page)
    assert_fits(page)
