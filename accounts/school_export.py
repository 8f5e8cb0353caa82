"""One school's records and files, out to a folder and back into an empty database.

The export holds the school, its organisation, every record that points at the school (and
every record that points at those, and so on), the people those records name, and the
uploaded files. Sign-in secrets that must be set up again (two-factor devices), sessions and
lockout counters are left out.

The school's audit chain (its people's sign-ins included) goes with it whole, so the imported
copy verifies on its own. ``manifest.json`` lists every file with its SHA-256, and the files
that could not be read (a missing upload never aborts the export); the import checks them all,
and the imported chain against the head the manifest recorded.
"""

import datetime
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from .audit import broken_links
from .models import AuditEvent, Organisation, School, User

RECORDS_FILE = "records.json"
FILES_DIR = "files"
MANIFEST_FILE = "manifest.json"
FORMAT = 2
# Never exported: machinery, or secrets a restored account must set up again.
SKIPPED_APPS = {"contenttypes", "auth", "sessions", "admin", "axes", "otp_totp", "otp_static", "django_otp"}
SKIPPED_MODELS = {"accounts.usersession"}


def _exportable_models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in SKIPPED_APPS and m._meta.label_lower not in SKIPPED_MODELS
    ]


def _foreign_keys(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def school_records(school):
    """{model: set of pks} of everything that belongs to ``school``, by following foreign keys."""
    found = {School: {school.pk}}
    if school.organisation_id:
        found[Organisation] = {school.organisation_id}
    # People and organisations are shared between schools: reaching one does not pull in
    # everything that points at it.
    shared = {User, Organisation}
    changed = True
    while changed:
        changed = False
        for model in _exportable_models():
            if model in shared or model is School:
                continue
            query = models.Q()
            for field in _foreign_keys(model):
                target = field.related_model
                if target in found and target not in shared:
                    query |= models.Q(**{f"{field.attname}__in": found[target]})
            if not query:
                continue
            pks = set(model._base_manager.filter(query).values_list("pk", flat=True))
            if not pks <= found.get(model, set()):
                found[model] = found.get(model, set()) | pks
                changed = True
    # The people named by those records.
    people = set()
    for model, pks in found.items():
        for field in _foreign_keys(model):
            if field.related_model is User:
                people |= set(model._base_manager.filter(pk__in=pks).values_list(field.attname, flat=True))
    found[User] = {pk for pk in people if pk is not None}
    return found


def _exact(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return DjangoJSONEncoder().default(value)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_file(name, folder):
    """Copy one stored file into the export; its manifest entry, or None if it cannot be read."""
    target = folder / FILES_DIR / name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
    except OSError:  # missing (FileNotFoundError) or unreadable: listed, the export goes on
        target.unlink(missing_ok=True)
        return None
    return {"name": name, "sha256": _sha256(target), "bytes": target.stat().st_size}


def _school_chain_head(school):
    head = AuditEvent.objects.filter(school=school).order_by("-seq").values_list("seq", "hash").first()
    return {"seq": head[0], "hash": head[1]} if head else {"seq": 0, "hash": ""}


def _write_export(school, folder):
    found = school_records(school)
    objects, counts, files = [], {}, {}
    for model in _exportable_models():
        pks = found.get(model)
        if not pks:
            continue
        rows = list(model._base_manager.filter(pk__in=pks).order_by("pk"))
        objects.extend(rows)
        counts[model._meta.label] = len(rows)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                for row in rows:
                    if getattr(row, field.attname):
                        name = getattr(row, field.attname).name
                        files.setdefault(name, f"{model._meta.label} {row.pk} {field.name}")
    # Django's JSON serializer keeps only milliseconds; full timestamps keep audit hashes valid.
    records = serializers.serialize("python", objects)
    with open(folder / RECORDS_FILE, "w", encoding="utf-8") as out:
        json.dump(records, out, indent=1, default=_exact)
    (folder / FILES_DIR).mkdir()
    copied, missing = [], []
    for name in sorted(files):
        entry = _copy_file(name, folder)
        if entry is None:
            missing.append({"name": name, "record": files[name]})
        else:
            copied.append(entry)
    manifest = {
        "format": FORMAT,
        "school": school.name,
        "urn": school.urn,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "counts": counts,
        "records_sha256": _sha256(folder / RECORDS_FILE),
        "files": copied,
        "missing_files": missing,
        "audit_chain": _school_chain_head(school),
    }
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def export_school(school, folder):
    """Write the school's records (JSON), files and manifest to ``folder``; returns the manifest.

    Written to a temporary folder beside it and renamed at the end: a failed export leaves
    nothing behind that could pass for a whole one. A file that cannot be read is listed in the
    manifest's ``missing_files`` instead of stopping the export.
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty: export into a new folder.")
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.partial-", dir=folder.parent))
    try:
        manifest = _write_export(school, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if folder.exists():
        folder.rmdir()
    work.rename(folder)
    return manifest


def check_export(folder):
    """Problems with an export folder against its manifest: changed, extra or absent files."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        return manifest, ["The manifest has no checksums (an export from an older version): nothing to check."]
    problems = []
    if _sha256(folder / RECORDS_FILE) != manifest["records_sha256"]:
        problems.append(f"{RECORDS_FILE} is not the file that was exported (its SHA-256 differs).")
    listed = {entry["name"]: entry["sha256"] for entry in manifest["files"]}
    files_root = folder / FILES_DIR
    present = {p.relative_to(files_root).as_posix() for p in files_root.rglob("*") if p.is_file()}
    for name, sha256 in sorted(listed.items()):
        if name not in present:
            problems.append(f"{name} is listed in the manifest but not in the folder.")
        elif _sha256(files_root / name) != sha256:
            problems.append(f"{name} is not the file that was exported (its SHA-256 differs).")
    problems += [f"{name} is in the folder but not in the manifest." for name in sorted(present - set(listed))]
    return manifest, problems


def _refuse_overlap(objects):
    """Refuse an import that would touch any row already in this database.

    Records keep the keys they had (so that the audit trail's chain still verifies), so the
    target must hold none of them: a fresh deployment, or one whose keys do not overlap. A
    person or organisation that exists here under the same address or name is refused too,
    since the import may not change an account it did not create.
    """
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj.object), []).append(obj.object)
    clashes = []
    for model, rows in by_model.items():
        found = model._base_manager.filter(pk__in=[row.pk for row in rows]).count()
        if found:
            clashes.append(f"{found} {model._meta.verbose_name_plural}")
    emails = [u.email.lower() for u in by_model.get(User, [])]
    if emails and User.objects.filter(email__in=emails).exists():
        clashes.append("people whose email addresses already have accounts here")
    names = [o.name for o in by_model.get(Organisation, [])]
    if names and Organisation.objects.filter(name__in=names).exists():
        clashes.append("an organisation of the same name")
    if clashes:
        raise ValueError(
            "Nothing was imported: this database already holds records the export would overwrite ("
            + "; ".join(clashes)
            + "). Import a school into a new, empty deployment."
        )


def import_school(folder):
    """Load an export into this database (which must not hold that school); returns the manifest.

    Refused, with nothing saved, if a file differs from the manifest or the imported audit chain
    does not verify up to the head the export recorded.
    """
    folder = Path(folder)
    manifest, problems = check_export(folder)
    if problems and manifest.get("format") == FORMAT:
        raise ValueError("The export does not match its manifest: " + " ".join(problems))
    if School.objects.filter(urn=manifest["urn"]).exists():
        raise ValueError(f"This database already holds the school with URN {manifest['urn']}.")
    records = json.loads((folder / RECORDS_FILE).read_text(encoding="utf-8"))
    with transaction.atomic():
        objects = list(serializers.deserialize("python", records))
        _refuse_overlap(objects)
        # As loaddata does: rows go in whatever their order, foreign keys are checked at the end.
        with connection.constraint_checks_disabled():
            for obj in objects:
                # Insert only: a row that is already there is never overwritten (and the app's
                # database user may not UPDATE evidence at all).
                obj.object.save_base(raw=True, force_insert=True)
                for name, values in (obj.m2m_data or {}).items():
                    getattr(obj.object, name).set(values)
        saved_models = {type(obj.object) for obj in objects}
        connection.check_constraints(table_names=[m._meta.db_table for m in saved_models])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(saved_models)):
                cursor.execute(statement)
        if manifest.get("format") == FORMAT:
            _check_imported_chain(manifest)  # before any file is written to storage
        files_root = folder / FILES_DIR
        paths = {p.relative_to(files_root).as_posix(): p for p in sorted(files_root.rglob("*")) if p.is_file()}
        taken = [name for name in paths if default_storage.exists(name)]
        if taken:
            # Another school's file may have that name: never overwrite it.
            raise ValueError(
                f"Nothing was imported: {len(taken)} files already exist in this deployment's storage "
                f"(e.g. {taken[0]}). Import a school into a new, empty deployment."
            )
        for name, path in paths.items():
            with open(path, "rb") as source:
                saved = default_storage.save(name, source)
            if saved != name:
                raise ValueError(f"Could not restore {name} under its own name.")
    return manifest


def _check_imported_chain(manifest):
    school = School.objects.get(urn=manifest["urn"])
    problems = broken_links(school)
    if problems:
        raise ValueError(
            f"The imported audit trail does not verify ({len(problems)} problems, e.g. event {problems[0][0]} "
            f"{problems[0][1]}). If the school comes from another deployment, add that deployment's "
            "AUDIT_HMAC_KEY to AUDIT_HMAC_PREVIOUS_KEYS."
        )
    if _school_chain_head(school) != manifest["audit_chain"]:
        raise ValueError("The imported audit trail does not end where the exported one did.")
