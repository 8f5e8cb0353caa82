"""Every number of the governors' dashboard, the PDF report, the exports and the trust overview.

``school_report(school, period)`` gathers them once into a ``SchoolReport``; each of those
outputs only lays it out, so their numbers are equal by construction. The other apps are read
through their selectors only (DESIGN.md). Referral figures are counts: no reference, pupil
identifier or free text ever enters a report, and a report is made for a viewer: unless
``exact_referrals`` (the viewer sees the cases), small counts read "fewer than 5"
(``referrals.disclosure``). The default is the governors' report.

A fixed number of queries per school whatever the number of actions, people or documents
(one more per distinct live measure linked in the plan).
"""

import datetime
import hashlib
import inspect
import json
import logging
from urllib.parse import urlencode

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from assurance.selectors import assurance_summary
from core import periods
from referrals.disclosure import FEWER_THAN_5, SHARE_NOT_SHOWN, shown_count, shown_share
from referrals.models import Decision as ReferralDecision
from referrals.models import Outcome as ReferralOutcome
from referrals.selectors import referral_statistics
from speakers.models import Decision as SpeakerDecision
from speakers.models import SpeakerRequest
from speakers.selectors import speaker_summary
from training.selectors.courses import training_coverage
from training.selectors.documents import acknowledgement_rates

from ..measures import NO_DATA, REGISTRY, measure_label, no_data_words
from ..models import RAG, ReportSnapshot
from ..selectors import attach_measures, current_plan, plan_actions, plans_of
from .governors_summary import governors_summary
from .report_lines import (
    ActionLine,
    AreaBlock,
    Change,
    CountLine,
    DutyBlock,
    EvidenceBlock,
    Figure,
    MeasureLine,
    PlanSection,
    RateLine,
    SchoolReport,
    in_progress_words,
)

logger = logging.getLogger(__name__)


def _link(name, *args, query=""):
    """The URL named ``name``, or "" where that page does not exist (yet)."""
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return ""


def _capability_of(url):
    """The capability the page at ``url`` asks for (see accounts.access), or "" if unknown."""
    if not url:
        return ""
    try:
        return getattr(resolve(url.split("?")[0]).func, "capability", "")
    except Resolver404:
        return ""


def _withheld(kind, exact):
    """True if the measure counts Prevent concerns and this viewer does not see exact counts: then
    even an empty count is withheld ("not shown"), never "no data yet" (which would tell it is 0)."""
    return kind is not None and kind.counts_referrals and not exact


def _measure_shown(kind, result, exact):
    """(numerator, denominator, percent) of a measure's result as the viewer sees them."""
    if kind is None or not kind.counts_referrals:
        return result.numerator, result.denominator, result.percent
    return (
        shown_count(result.numerator, exact=exact),
        shown_count(result.denominator, exact=exact),
        shown_share(result.numerator, result.denominator, result.percent or 0, exact=exact),
    )


def _plan_section(school, period, exact):
    plan = plans_of(school).filter(academic_year=period.academic_year).first() or current_plan(school)
    section = PlanSection(plan=plan)
    if plan is None:
        return section, []
    section.url = _link("compliance:plan-detail", plan.pk) or _link("compliance:plan")
    actions = attach_measures(school, list(plan_actions(plan)))
    areas, duties, lines = {}, {}, {}
    for action in actions:
        evidence = action.evidence
        duty = evidence.duty
        area = duty.area
        if area.pk not in areas:
            areas[area.pk] = AreaBlock(title=area.title)
            section.areas.append(areas[area.pk])
        if duty.pk not in duties:
            duties[duty.pk] = DutyBlock(text=duty.text)
            areas[area.pk].duties.append(duties[duty.pk])
        if evidence.pk not in lines:
            lines[evidence.pk] = EvidenceBlock(text=evidence.text)
            duties[duty.pk].evidence.append(lines[evidence.pk])
        rag = action.rag
        areas[area.pk].counts[rag] += 1
        section.counts[rag] += 1
        measure = ""
        if action.measure_key:
            kind = REGISTRY.get(action.measure_key)
            label = measure_label(action.measure_key, action.measure_result)
            result = action.measure_result
            if result is None:
                measure = f"{label}: not available"
            elif result.no_data and not _withheld(kind, exact):
                measure = f"{label}: {no_data_words(kind)} (needs {action.threshold}%)"
            else:
                percent = _measure_shown(kind, result, exact)[2]
                shown = f"{percent}%" if isinstance(percent, int) else percent
                if result.in_progress:
                    measure = f"{label}: {shown} so far, {in_progress_words(result.due_by)}"
                else:
                    measure = f"{label}: {shown} (needs {action.threshold}%)"
        lines[evidence.pk].actions.append(
            ActionLine(
                text=action.text,
                owner=action.owner_text,
                status=action.get_status_display(),
                rag=rag,
                target_date=action.target_date,
                measure=measure,
                evidence_count=action.evidence_count + action.earlier_evidence_count,
                rag_reason=action.rag_reason,
            )
        )
    return section, actions


def _needs_no_parameters(compute):
    parameters = list(inspect.signature(compute).parameters.values())[1:]
    return all(p.default is not p.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) for p in parameters)


def _measure_lines(school, actions, exact):
    """Every live measure: those the plan's actions link to, then any other kind needing no parameters."""
    lines, seen = [], set()
    for action in actions:
        result = getattr(action, "measure_result", None)
        if not action.measure_key or result is None:
            continue
        key = (action.measure_key, json.dumps(action.measure_params, sort_keys=True))
        if key in seen:
            continue
        seen.add(key)
        kind = REGISTRY.get(action.measure_key)
        lines.append(_measure_line(kind, action.measure_key, action.measure_params, result, action.threshold, exact))
    for kind in sorted(REGISTRY.values(), key=lambda k: k.label):
        # A kind the plan already shows (with whatever parameters) is not repeated with its defaults.
        if kind.key in {key for key, _ in seen} or not _needs_no_parameters(kind.compute):
            continue
        try:
            result = kind.compute(school)
        except Exception:
            logger.exception("Measure %s failed for school %s", kind.key, school.pk)
            continue
        lines.append(_measure_line(kind, kind.key, {}, result, kind.default_threshold, exact))
    return lines


def _measure_line(kind, key, params, result, threshold, exact):
    # Words naming the document or course (its title), never the parameters' keys.
    label = measure_label(key, result)
    if getattr(result, "no_data", False) and not _withheld(kind, exact):
        # Nothing recorded to measure (e.g. no risk assessment yet, nobody invited): words, never a share.
        numerator, denominator, percent = "—", "—", no_data_words(kind)
    else:
        numerator, denominator, percent = _measure_shown(kind, result, exact)
    return MeasureLine(
        key=f"{key}.{_short_hash(json.dumps(params, sort_keys=True))}" if params else key,
        label=label,
        numerator=numerator,
        denominator=denominator,
        percent=percent,
        threshold=threshold,
        # A link only where the page names the capability it needs, so the dashboard can ask.
        url=result.detail_url if _capability_of(result.detail_url) else "",
        cap=_capability_of(result.detail_url),
        due_by=getattr(result, "due_by", None),
    )


def _confirmations(school):
    return [
        RateLine(
            key=str(rate.document.pk),
            label=f"{rate.document.title} ({rate.version.label})",
            required=rate.required,
            done=rate.confirmed,
            percent=rate.percent,
            url=_link("training:document-progress", rate.document.pk),
            cap="view_acknowledgement_progress",
            due_by=rate.due_by,
            slug=rate.document.slug,
            version_label=rate.version.label,
        )
        for rate in acknowledgement_rates(school)
    ]


def _training(school):
    lines = []
    for item in training_coverage(school):
        lines.append(
            RateLine(
                key=str(item.course.pk),
                label=item.course.title,
                required=item.required,
                done=item.held,
                percent=round(100 * item.held / item.required) if item.required else None,
                extra={"expiring": item.expiring, "expired": item.expired, "missing": item.missing},
                url=_link("training:matrix"),
                cap="view_training_matrix",
                slug=item.course.slug,
                dsl_expires_on=item.dsl_expires_on,
                dsl_missing=item.dsl_missing,
            )
        )
    return lines


def _speakers(school, period):
    summary = speaker_summary(school, period.start, period.end)
    kinds = dict(SpeakerRequest.Kind.choices)
    outcomes = {**dict(SpeakerDecision.Outcome.choices), "none": "Not yet decided"}
    return {
        "total": summary["total"],
        "kinds": [CountLine(kinds[k], summary["by_kind"].get(k, 0), k) for k in kinds],
        "decisions": [CountLine(outcomes[k], summary["by_decision"].get(k, 0), k) for k in outcomes],
        "url": _link("speakers:register"),
        "cap": "view_speaker_register",
    }


def _referrals(school, period, exact):
    stats = referral_statistics(school, period.start, period.end)
    kinds, outcomes = dict(ReferralDecision.Kind.choices), dict(ReferralOutcome.choices)

    def shown(value):
        return shown_count(value, exact=exact)

    return {
        "opened": shown(stats["opened"]),
        "closed": shown(stats["closed"]),
        "decisions": [CountLine(kinds[k], shown(stats["decisions"].get(k, 0)), k) for k in kinds],
        "outcomes": [CountLine(outcomes[k], shown(stats["outcomes"].get(k, 0)), k) for k in outcomes],
        "url": _link("referrals:statistics", query=urlencode({"year": period.academic_year})),
        "cap": "view_referral_statistics",
    }


def _short_hash(value):
    return hashlib.sha256(value.encode()).hexdigest()[:8]


def _figures(report):
    plan, figures = report.plan, []
    plan_cap = "view_plan"
    figures.append(Figure("plan.actions", "Actions in the plan", plan.total, url=plan.url, cap=plan_cap))
    for rag, label in RAG.choices:
        url = plan.url and f"{plan.url.split('?')[0]}?rag={rag}"
        figures.append(Figure(f"plan.{rag}", f"Actions rated {label.lower()}", plan.counts[rag], url=url, cap=plan_cap))
    for line in report.measures:
        key = f"measure.{line.key}"
        unit = "%" if isinstance(line.percent, int) else ""
        due_by = line.due_by
        value = None if line.percent == NO_DATA else line.percent
        figures.append(Figure(key, line.label, value, unit, url=line.url, cap=line.cap, due_by=due_by))
    for line in report.confirmations:
        key = f"confirmations.{line.key}"
        label = f"Confirmed: {line.label}"
        figures.append(Figure(key, label, line.percent, "%", url=line.url, cap=line.cap, due_by=line.due_by))
    for line in report.training:
        key = f"training.{line.key}"
        figures.append(Figure(key, f"Trained: {line.label}", line.percent, "%", url=line.url, cap=line.cap))
    speakers = report.speakers
    figures.append(
        Figure("speakers.total", "External speaker and letting requests", speakers["total"], **_at(speakers))
    )
    for line in speakers["decisions"]:
        key = f"speakers.{line.key}"
        figures.append(Figure(key, f"Speaker requests: {line.label.lower()}", line.value, **_at(speakers)))
    referrals = report.referrals
    figures.append(Figure("referrals.opened", "Prevent concerns recorded", referrals["opened"], **_at(referrals)))
    figures.append(Figure("referrals.closed", "Prevent concerns closed", referrals["closed"], **_at(referrals)))
    for line in referrals["decisions"]:
        key = f"referrals.decision.{line.key}"
        figures.append(Figure(key, f"Decisions: {line.label}", line.value, **_at(referrals)))
    return figures


def _assurance_figures(summary):
    """The instruments' figures a frozen report compares (their dates are in the report's section)."""
    url, cap = _link("assurance:index"), "view_assurance"
    result = summary.self_assessment
    # Without a risk assessment (or a self-assessment) there is nothing to count: no data, not 0.
    has_ra = summary.risk_assessment is not None
    return [
        Figure(
            "assurance.risks",
            "Risks in the Prevent risk assessment",
            summary.risk_total if has_ra else None,
            url=url,
            cap=cap,
        ),
        Figure(
            "assurance.risks_high",
            "Risks rated high",
            summary.risk_counts["high"] if has_ra else None,
            url=url,
            cap=cap,
        ),
        Figure(
            "assurance.risks_open",
            "Risks with further action open",
            summary.open_risks if has_ra else None,
            url=url,
            cap=cap,
        ),
        Figure(
            "assurance.self_assessment_below",
            "Self-assessment statements below the expected level",
            result.below_expected if result else None,
            url=url,
            cap=cap,
        ),
        Figure(
            "assurance.filtering_checks",
            "Filtering checks this term",
            summary.filtering.checks_this_term,
            url=url,
            cap=cap,
        ),
    ]


def _at(section):
    return {"url": section["url"], "cap": section["cap"]}


def _counts_referrals(key):
    """True for a figure key (see _figures) that counts Prevent concerns."""
    if key.startswith("referrals."):
        return True
    if not key.startswith("measure."):
        return False
    name = key.removeprefix("measure.")
    kind = REGISTRY.get(name) or REGISTRY.get(name.rsplit(".", 1)[0])  # with parameters: "<kind>.<hash>"
    return bool(kind and kind.counts_referrals)


def _changes(figures, snapshot, exact):
    """What changed since ``snapshot``, its referral figures shown as this viewer may see them.

    A snapshot frozen before small counts were withheld may hold them exactly; one frozen for
    the governors holds "fewer than 5" where the Lead now sees the number.
    """
    if snapshot is None:
        return []
    before = snapshot.figures or {}

    def then(key, old):
        value, unit = old.get("value"), old.get("unit", "")
        if value is None or value == "no data":
            return NO_DATA
        if old.get("due_by"):
            return in_progress_words(datetime.date.fromisoformat(old["due_by"]))
        if exact or not _counts_referrals(key):
            return f"{value}{unit}"
        # A share frozen without its counts cannot be checked against the rule: withheld.
        return SHARE_NOT_SHOWN if unit == "%" else str(shown_count(value, exact=False))

    changes = []
    for figure in figures:
        old = before.get(figure.key)
        if old is None:
            changes.append(Change(figure.label, "—", figure.display))
            continue
        was = then(figure.key, old)
        unchanged = was == figure.display or (
            old.get("value") == FEWER_THAN_5 and shown_count(figure.value, exact=False) == FEWER_THAN_5
        )
        if not unchanged:
            changes.append(Change(figure.label, was, figure.display))
    current = {f.key for f in figures}
    for key, old in before.items():
        if key not in current:
            changes.append(Change(old.get("label", key), then(key, old), "—"))
    return changes


def school_report(school, period=None, *, exact_referrals=False):
    """Everything the dashboard, the PDF, the exports and the overview show for ``school``.

    ``exact_referrals``: the viewer sees the cases (``referrals.disclosure.sees_exact_counts``),
    so referral counts are exact; otherwise small ones read "fewer than 5".
    """
    period = period or periods.academic_year()
    plan, actions = _plan_section(school, period, exact_referrals)
    report = SchoolReport(
        school=school,
        period=period,
        generated_at=timezone.now(),
        plan=plan,
        measures=_measure_lines(school, actions, exact_referrals),
        confirmations=_confirmations(school),
        training=_training(school),
        speakers=_speakers(school, period),
        referrals=_referrals(school, period, exact_referrals),
    )
    report.assurance = assurance_summary(school, period.academic_year, min(timezone.localdate(), period.end))
    report.figures = _figures(report) + _assurance_figures(report.assurance)
    report.last_snapshot = ReportSnapshot.objects.filter(school=school).select_related("created_by").first()
    report.changes = _changes(report.figures, report.last_snapshot, exact_referrals)
    report.governors = governors_summary(report, actions)
    return report
