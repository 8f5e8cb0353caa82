"""One school's records and files, out to a folder and back into an empty database.

The export holds the school, its organisation, every record that points at the school (and
every record that points at those, and so on), the people those records name, and the
uploaded files. Sign-in secrets that must be set up again (two-factor devices), sessions and
lockout counters are left out.
"""

import datetime
import json
import shutil
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from .models import Organisation, School, User

RECORDS_FILE = "records.json"
FILES_DIR = "files"
MANIFEST_FILE = "manifest.json"
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


def export_school(school, folder):
    """Write the school's records (JSON) and files to ``folder``; returns {model label: count}."""
    folder = Path(folder)
    (folder / FILES_DIR).mkdir(parents=True, exist_ok=True)
    found = school_records(school)
    objects, counts, files = [], {}, []
    for model in _exportable_models():
        pks = found.get(model)
        if not pks:
            continue
        rows = list(model._base_manager.filter(pk__in=pks).order_by("pk"))
        objects.extend(rows)
        counts[model._meta.label] = len(rows)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                files += [getattr(row, field.attname).name for row in rows if getattr(row, field.attname)]
    # Django's JSON serializer keeps only milliseconds; full timestamps keep audit hashes valid.
    records = serializers.serialize("python", objects)
    with open(folder / RECORDS_FILE, "w", encoding="utf-8") as out:
        json.dump(records, out, indent=1, default=_exact)
    for name in sorted(set(files)):
        target = folder / FILES_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
    manifest = {"school": school.name, "urn": school.urn, "counts": counts, "files": len(set(files))}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return counts


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
    """Load an export into this database (which must not hold that school); returns the manifest."""
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    if School.objects.filter(urn=manifest["urn"]).exists():
        raise ValueError(f"This database already holds the school with URN {manifest['urn']}.")
    records = json.loads((folder / RECORDS_FILE).read_text(encoding="utf-8"))
    with transaction.atomic():
        objects = list(serializers.deserialize("python", records))
        _refuse_overlap(objects)
        # As loaddata does: rows go in whatever their order, foreign keys are checked at the end.
        with connection.constraint_checks_disabled():
            for obj in objects:
                # Insert only: a row that is already there is never overwritten.
                obj.object.save_base(raw=True, force_insert=True)
                for name, values in (obj.m2m_data or {}).items():
                    getattr(obj.object, name).set(values)
        saved_models = {type(obj.object) for obj in objects}
        connection.check_constraints(table_names=[m._meta.db_table for m in saved_models])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(saved_models)):
                cursor.execute(statement)
        files_root = folder / FILES_DIR
        for path in sorted(p for p in files_root.rglob("*") if p.is_file()):
            name = path.relative_to(files_root).as_posix()
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(path, "rb") as source:
                saved = default_storage.save(name, source)
            if saved != name:
                raise ValueError(f"Could not restore {name} under its own name.")
    return manifest
