"""The inspection evidence pack: one ZIP a Prevent Lead can hand to an inspector or the local
authority, with a manifest giving each file's SHA-256 and size.

It holds the action plan (the compliance report's PDF, with the plan and its live evidence), the
risk assessment (its PDF), the self-assessment and the filtering and monitoring records (CSV),
confirmations by edition, the training matrix and the speaker register (CSV), the decision letters,
the latest frozen report and annual report, and the files uploaded as evidence for the plan's
actions. Each part is made by the exporter its own page uses.

Never any referral case detail: Prevent concerns appear only as counts in the reports, with counts
below 5 withheld as governors see them (``referrals.disclosure``); no case reference, pupil
identifier or name of a referred person is read into the pack.

``inspection_pack_build(school, by=...)`` is a plain function: the background task
``tasks.build_inspection_pack`` calls it, and the job's page offers the ZIP.
"""

import csv
import hashlib
import io
import json
import mimetypes
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils import timezone
from django.utils.text import slugify

from accounts.audit import AuditAction, record_event
from assurance import plan_link
from assurance.exports import risk_assessment_pdf
from assurance.models import RiskAssessment, SelfAssessment
from assurance.report_tables import assurance_tables
from assurance.selectors import (
    current_risk_assessment,
    filtering_year,
    risk_assessment_state,
    risks_of,
    self_assessment_result,
)
from core import periods
from core.spreadsheets import safe_cell
from speakers.csv_export import register_csv
from speakers.letters import decision_letter_pdf
from speakers.selectors import decisions_of, register
from training.exports import PROGRESS_HEADER, matrix_table, progress_rows
from training.selectors.courses import training_matrix
from training.selectors.documents import current_documents, version_history

from ..models import AnnualReportSignOff, EvidenceItem, ReportSnapshot
from ..selectors import current_plan, plans_of
from .report_data import school_report
from .report_render import render_report_pdf

NO_CASE_DETAIL = (
    "This pack holds no referral case detail: Prevent concerns appear only as counts in the reports, "
    "with any count below 5 shown as 'fewer than 5'. Case records stay in the school's safeguarding system."
)


@dataclass
class PackFile:
    path: str
    title: str
    data: bytes

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Pack:
    filename: str
    data: bytes
    manifest: dict
    files: list = field(default_factory=list)


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([value if isinstance(value, int | float) else safe_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")  # with a BOM, so that Excel reads the accents


def _plan_files(school, year):
    report = school_report(school, year, exact_referrals=False)
    name = f"{slugify(school.name)}-action-plan-and-compliance-report-{year.key.replace('/', '-')}.pdf"
    title = f"The action plan with its live evidence and the year's figures ({year.label})"
    return [PackFile(f"01-action-plan/{name}", title, render_report_pdf(report))]


def _risk_assessment_files(school, year, today, missing):
    assessment = RiskAssessment.objects.filter(
        school=school, academic_year=year.academic_year
    ).first() or current_risk_assessment(school)
    if assessment is None:
        missing.append({"what": "Prevent risk assessment", "why": "No risk assessment has been recorded."})
        return []
    risks = list(risks_of(assessment))
    linked = plan_link.linked_actions(school, "risk", [r.pk for r in risks])
    for risk in risks:
        risk.linked_actions = linked.get(risk.pk, [])
    pdf = risk_assessment_pdf(assessment, risks, risk_assessment_state(assessment, today))
    path = f"02-risk-assessment/prevent-risk-assessment-{assessment.academic_year.replace('/', '-')}.pdf"
    return [PackFile(path, f"The Prevent risk assessment {assessment.academic_year}", pdf)]


def _assurance_files(school, year, report_assurance, missing):
    files = []
    tables = {title: (header, rows) for title, header, rows in assurance_tables(report_assurance)}
    assessment = SelfAssessment.objects.filter(school=school, academic_year=year.academic_year).first()
    if assessment is None:
        missing.append({"what": "Prevent self-assessment", "why": f"None was started for {year.academic_year}."})
    else:
        files.append(
            PackFile(
                "03-self-assessment/self-assessment-by-section.csv",
                "The self-assessment: statements at each level, by section",
                _csv(*tables["Self-assessment"]),
            )
        )
        result = self_assessment_result(assessment)
        rows = []
        for statement in result.edition.statements:
            rating = result.ratings.get(statement.key)
            rows.append(
                [statement.number, statement.text]
                + (
                    [rating.level, rating.get_rag_display(), rating.evidence, rating.note, str(rating.rated_by)]
                    + [f"{timezone.localtime(rating.rated_at):%Y-%m-%d}"]
                    if rating
                    else ["", "not rated", "", "", "", ""]
                )
            )
        header = ["Number", "Statement", "Level", "RAG", "Evidence", "RAG note", "Rated by", "Rated on"]
        path = "03-self-assessment/self-assessment-statements.csv"
        files.append(PackFile(path, "Every statement's rating", _csv(header, rows)))
    files.append(
        PackFile(
            "04-filtering-and-monitoring/filtering-and-monitoring.csv",
            "Filtering and monitoring: who is responsible, providers, reviews and checks",
            _csv(*tables["Filtering and monitoring"]),
        )
    )
    reviews, _, _ = filtering_year(school, year.start, year.end)
    header = ["Reviewed on", "Who took part", "What was checked", "Findings", "Blocking decisions"]
    rows = [[r.reviewed_on, r.participants, r.checked, r.findings, r.blocking_decisions] for r in reviews]
    files.append(
        PackFile(
            "04-filtering-and-monitoring/filtering-reviews.csv",
            f"The filtering and monitoring reviews of {year.label}",
            _csv(header, rows),
        )
    )
    return files


def _confirmation_files(school):
    documents = current_documents(school)
    summary = []
    files = []
    for document in documents:
        for version in version_history(document):
            is_current = version.pk == document.current_version_id
            summary.append(
                [document.title, version.label, version.effective_on, f"{version.published_at:%Y-%m-%d}"]
                + ["yes" if is_current else "no", version.confirmation_count]
            )
        path = f"05-confirmations/{slugify(document.title)}-{slugify(document.current_version.label)}.csv"
        title = f"Who has confirmed {document.title} ({document.current_version.label})"
        files.append(PackFile(path, title, _csv(PROGRESS_HEADER, progress_rows(document))))
    header = ["Document", "Edition", "In force from", "Published", "Current edition", "Confirmations recorded"]
    index = PackFile(
        "05-confirmations/confirmations-by-edition.csv", "Confirmations of each edition", _csv(header, summary)
    )
    return [index, *files]


def _training_files(school):
    header, rows = matrix_table(training_matrix(school))
    title = "The training matrix: everyone's required courses"
    return [PackFile("06-training/training-matrix.csv", title, _csv(header, rows))]


def _speaker_files(school):
    requests = list(register(school).select_related("school"))
    files = [
        PackFile(
            "07-speakers/speaker-register.csv",
            "The external speaker and letting register (without personal contact details)",
            register_csv(requests, with_contacts=False).encode("utf-8-sig"),
        )
    ]
    for speaker_request in requests:
        decisions = decisions_of(speaker_request)
        if not decisions:
            continue
        decision = decisions[-1]
        pdf = decision_letter_pdf(speaker_request=speaker_request, decision=decision, decisions=decisions)
        name = slugify(speaker_request.event_title)[:60]
        path = f"07-speakers/letters/decision-letter-{speaker_request.pk}-{name}.pdf"
        files.append(PackFile(path, f"Decision letter: {speaker_request.event_title}", pdf))
    return files


def _read(field_file):
    with field_file.open("rb") as stored:
        return stored.read()


def _frozen_report_files(school, missing):
    files = []
    snapshot = ReportSnapshot.objects.filter(school=school).first()
    if snapshot is None:
        missing.append({"what": "Frozen compliance report", "why": "No report has been frozen for governors yet."})
    else:
        title = f"The latest frozen report: {snapshot.title} ({snapshot.period_label})"
        files.append(PackFile(f"08-frozen-reports/{snapshot.filename}", title, _read(snapshot.file)))
    annual = (
        AnnualReportSignOff.objects.filter(report__school=school, stage=AnnualReportSignOff.Stage.CHAIR)
        .select_related("report")
        .order_by("-report__academic_year")
        .first()
    )
    if annual is None:
        missing.append({"what": "Annual report to governors", "why": "No annual report has been signed off yet."})
    else:
        title = f"The latest signed annual Prevent and safeguarding report ({annual.report.academic_year})"
        files.append(PackFile(f"08-frozen-reports/{annual.filename}", title, _read(annual.file)))
    return files


def _evidence_files(school, year, missing):
    plan = plans_of(school).filter(academic_year=year.academic_year).first() or current_plan(school)
    if plan is None:
        missing.append({"what": "Evidence files of the plan", "why": "The school has no action plan."})
        return []
    items = EvidenceItem.objects.filter(school=school, action__plan=plan).select_related("action", "added_by")
    files, index = [], []
    for item in items.order_by("action__position", "pk"):
        in_pack = ""
        if item.kind == EvidenceItem.Kind.FILE and item.file:
            suffix = PurePath(item.original_name or item.file.name).suffix.lower()[:10]
            if not suffix:
                suffix = mimetypes.guess_extension(mimetypes.guess_type(item.file.name)[0] or "") or ""
            in_pack = f"09-evidence/{item.pk}-{slugify(item.title)[:60] or 'evidence'}{suffix}"
            try:
                data = _read(item.file)
            except OSError:
                missing.append({"what": f"Evidence file “{item.title}”", "why": "The stored file could not be read."})
                in_pack = ""
            else:
                files.append(PackFile(in_pack, f"Evidence for “{item.action.text}”: {item.title}", data))
        index.append(
            [item.action.text, item.get_kind_display(), item.title, item.link, item.text, in_pack]
            + [f"{timezone.localtime(item.added_at):%Y-%m-%d}", str(item.added_by), item.sha256]
        )
    header = ["Action", "Kind", "Title", "Link", "Text", "File in this pack", "Added on", "Added by"]
    header.append("SHA-256 recorded at upload")
    title = f"Every piece of evidence recorded against the plan's actions ({plan.title})"
    return [PackFile("09-evidence/evidence-index.csv", title, _csv(header, index)), *files]


def inspection_pack_files(school, today=None, progress=None):
    """(the pack's files, what could not be included and why) for this academic year.

    ``progress(done, total)``, if given, is told as each part is made (a background job's page);
    the last step, zipping them, is the builder's.
    """
    today = today or timezone.localdate()
    year = periods.academic_year(today)
    missing = []
    report = school_report(school, year, exact_referrals=False)
    parts = [
        lambda: _plan_files(school, year),
        lambda: _risk_assessment_files(school, year, today, missing),
        lambda: _assurance_files(school, year, report.assurance, missing),
        lambda: _confirmation_files(school),
        lambda: _training_files(school),
        lambda: _speaker_files(school),
        lambda: _frozen_report_files(school, missing),
        lambda: _evidence_files(school, year, missing),
    ]
    files = []
    for done, part in enumerate(parts, start=1):
        files += part()
        if progress:
            progress(done, len(parts) + 1)
    return files, missing, year


def _readme(manifest):
    lines = [
        f"Inspection evidence pack: {manifest['school']['name']} (URN {manifest['school']['urn']})",
        f"Academic year {manifest['academic_year']}, built {manifest['built_at']} by {manifest['built_by']}.",
        "",
        NO_CASE_DETAIL,
        "",
        "To check that no file has been altered: sha256sum -c SHA256SUMS (Linux, macOS: shasum -a 256 -c), or compare",
        "each file's SHA-256 below with certutil -hashfile <file> SHA256 (Windows).",
        "",
        "Files:",
    ]
    for entry in manifest["files"]:
        lines.append(f"  {entry['path']} ({entry['size']} bytes)")
        lines.append(f"    {entry['title']}")
        lines.append(f"    SHA-256 {entry['sha256']}")
    if manifest["not_included"]:
        lines += ["", "Not included:"]
        lines += [f"  {entry['what']}: {entry['why']}" for entry in manifest["not_included"]]
    return ("\n".join(lines) + "\n").encode()


def inspection_pack_build(school, *, by, today=None, progress=None):
    """The pack as a ZIP (``Pack``), its building audited; ``by`` is the person it is built for.

    ``progress(done, total)``, if given, is told as each part is made (``tasks.build_inspection_pack``).
    """
    files, missing, year = inspection_pack_files(school, today, progress)
    built_at = timezone.localtime()
    manifest = {
        "school": {"name": school.name, "urn": school.urn, "local_authority": school.local_authority},
        "academic_year": year.academic_year,
        "built_at": built_at.isoformat(timespec="seconds"),
        "built_by": by.full_name,
        "about": NO_CASE_DETAIL,
        "files": [{"path": f.path, "title": f.title, "sha256": f.sha256, "size": len(f.data)} for f in files],
        "not_included": missing,
    }
    sums = "".join(f"{f.sha256}  {f.path}\n" for f in files).encode()
    buffer = io.BytesIO()
    stamp = built_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [
            ("README.txt", _readme(manifest)),
            ("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode()),
            ("SHA256SUMS", sums),
            *[(f.path, f.data) for f in files],
        ]:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    filename = f"{slugify(school.name)}-inspection-evidence-pack-{built_at:%Y-%m-%d}.zip"
    record_event(
        action=AuditAction.EXPORT,
        by=by,
        school=school,
        object_type="compliance.reports.inspection_pack",
        object_id=year.key,
        changes={"files": len(files), "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)},
    )
    return Pack(filename=filename, data=data, manifest=manifest, files=files)
