"""The setup checklist: what a new school sets up before the plan means anything, step by step.

The plan's template, the documents (with the editions the guidance catalogue says are current),
the courses, the local contacts, the risk assessment and filtering and monitoring. Each step is
read from the app that owns it through its selectors; the last two come from the ``assurance``
app when it is installed, read tolerantly (a step it cannot read is "not yet available").
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.periods import academic_year_of
from referrals.selectors import local_contacts_state
from training.selectors.courses import course_count
from training.selectors.documents import (
    catalogue_documents_missing,
    documents_without_version,
    newer_catalogue_editions,
)

from . import plan_templates
from .selectors import current_plan

logger = logging.getLogger(__name__)


@dataclass
class SetupStep:
    key: str
    title: str
    done: bool | None  # None: this version of the product cannot tell (the app is not installed)
    summary: str
    url: str = ""
    cap: str = ""  # the capability the step's page needs
    link_text: str = ""
    can_open: bool = False  # set by the page: the viewer may open ``url``

    @property
    def status(self):
        return {True: "Done", False: "To do", None: "Not yet available"}[self.done]


def _template_step(school):
    plan = current_plan(school)
    url = reverse("compliance:plan")
    if plan is None:
        default = plan_templates.label(plan_templates.default_for(school.local_authority))
        summary = f"Choose the template the plan starts from (recommended: {default})."
        return SetupStep("template", "The action plan's template", False, summary, url, "edit_plan", "Choose it")
    label = plan_templates.sources().get(plan.template_key, (plan.template_key or "its own layout",))[0]
    summary = f"The {plan.academic_year} plan is made from: {label}."
    return SetupStep("template", "The action plan's template", True, summary, url, "view_plan", "See the plan")


def _documents_step(school):
    url = reverse("training:document-overview")
    missing = catalogue_documents_missing(school)
    newer = newer_catalogue_editions(school)
    unpublished = documents_without_version(school)
    problems = []
    if missing:
        titles = ", ".join(entry.title for entry in missing)
        problems.append(f"Add the default documents of the guidance catalogue ({titles}).")
    for item in newer:
        problems.append(f"{item.document.title} {item.edition.label} is in the guidance catalogue: publish it.")
    if unpublished:
        problems.append("Publish the school's own version of: " + ", ".join(d.title for d in unpublished) + ".")
    summary = " ".join(problems) or "Every document of the guidance catalogue is in use, at its current edition."
    return SetupStep(
        "documents", "Documents and their editions", not problems, summary, url, "manage_documents", "Documents"
    )


def _courses_step(school):
    count = course_count(school)
    url = reverse("training:course-list")
    if count:
        summary = f"{count} course{'s' if count != 1 else ''} set up, with who must hold each."
    else:
        summary = "No courses yet: add the default courses (Prevent awareness, referrals, Channel, DSL, governors)."
    return SetupStep("courses", "Training courses", bool(count), summary, url, "manage_training", "Courses")


def _contacts_step(school):
    state = local_contacts_state(school)
    url = reverse("referrals:contact-list")
    if state.in_directory:
        summary = f"{school.local_authority}: local contacts from the contact directory ({state.area.source})."
    elif state.is_complete:
        summary = f"{school.local_authority}: the school's own local contacts (the directory has no entry)."
    else:
        summary = (
            f"The contact directory has no entry for {school.local_authority}: add the school's local contacts "
            "(the Prevent referral route, the local Prevent team for advice, children's social care)."
        )
    return SetupStep("contacts", "Local contacts", state.is_complete, summary, url, "manage_contacts", "Contacts")


def _link(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _assurance_summary(school):
    """The assurance app's summary of the year, or None where the app is not installed or cannot say."""
    if not apps.is_installed("assurance"):
        return None
    try:
        from assurance.selectors import assurance_summary

        today = timezone.localdate()
        return assurance_summary(school, academic_year_of(today), today)
    except Exception:  # a tolerant read: the checklist must not break on another app's change
        logger.exception("The setup checklist could not read the assurance summary of school %s", school.pk)
        return None


def _risk_assessment_step(summary):
    title = "Prevent risk assessment"
    if summary is None or not hasattr(summary, "risk_assessment"):
        return SetupStep("risk_assessment", title, None, "Not yet available in this version of the product.")
    done = summary.risk_assessment is not None
    text = "This year's risk assessment is started." if done else "No risk assessment for this year yet: start it."
    url = _link("assurance:risk-assessment")
    return SetupStep("risk_assessment", title, done, text, url, "edit_assurance" if url else "", "Risk assessment")


def _filtering_step(summary):
    title = "Filtering and monitoring"
    state = getattr(summary, "filtering", None)
    if state is None:
        return SetupStep("filtering", title, None, "Not yet available in this version of the product.")
    named = bool(getattr(state, "responsible_named", False))
    reviewed = getattr(state, "last_review", None) is not None
    problems = [] if named else ["name the senior leader and governor responsible"]
    problems += [] if reviewed else ["record the first review"]
    text = "Responsible people named and reviewed." if not problems else "To do: " + "; ".join(problems) + "."
    url = _link("assurance:filtering")
    return SetupStep("filtering", title, not problems, text, url, "edit_assurance" if url else "", "Filtering")


def core_steps(school):
    """The steps this app and the ones to its left can read cheaply (a handful of queries): the home
    page counts these; the assurance app lists its own steps there."""
    return [_template_step(school), _documents_step(school), _courses_step(school), _contacts_step(school)]


def setup_steps(school):
    """The checklist's steps for the school, in the order a new school works through them."""
    summary = _assurance_summary(school)
    return [*core_steps(school), _risk_assessment_step(summary), _filtering_step(summary)]
