"""Action-plan templates: YAML files in this folder, one plan layout each (the format is described
in cambridgeshire-peterborough-2019.yaml). A school's plan is made from one with
``compliance.services.plan_create_from_template``.

Each template says where it comes from and when (``source``, ``date``) and to whom it is offered
(``offered_to``: every school, or the schools of some local authorities). Every template is
checked when loaded and when the project starts (``compliance.checks``): its fields, owners,
measures' shape and placeholders, so that a template naming an unknown placeholder never reaches
a school's plan.
"""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from core.yaml_files import read_yaml

FOLDER = Path(__file__).resolve().parent
SEED = "cambridgeshire-peterborough-2019"  # the source document, verbatim
NATIONAL = "national-2023"  # the Prevent duty guidance 2023's headings, for any school

REQUIRED = {"key", "title", "label", "source", "date", "offered_to", "areas"}
OPTIONAL = {"statement", "columns"}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _allowed_placeholders():
    from referrals.models import ContactPurpose

    return {"school"} | {f"contact:{purpose}" for purpose in ContactPurpose.values}


def placeholders(text):
    """The placeholders named in ``text``: ["school", "contact:prevent_referral"]."""
    return PLACEHOLDER.findall(text or "")


def _texts(data):
    """(where, text) for every piece of text of a template that a plan shows."""
    yield "statement", data.get("statement", "")
    for a, area in enumerate(data.get("areas") or []):
        yield f"areas[{a}].title", area.get("title", "")
        for d, duty in enumerate(area.get("duties") or []):
            yield f"areas[{a}].duties[{d}]", duty.get("text", "")
            for e, evidence in enumerate(duty.get("evidence") or []):
                where = f"areas[{a}].duties[{d}].evidence[{e}]"
                yield where, evidence.get("text", "")
                yield f"{where}.actions_intro", evidence.get("actions_intro", "")
                for n, action in enumerate(evidence.get("actions") or []):
                    yield f"{where}.actions[{n}]", action.get("text", "")
                    yield f"{where}.actions[{n}].owner_label", action.get("owner_label", "")


def _check_structure(data, errors):
    for a, area in enumerate(data.get("areas") or []):
        if not isinstance(area, dict) or not area.get("title"):
            errors.append(f"areas[{a}]: an area needs a title")
            continue
        for d, duty in enumerate(area.get("duties") or []):
            if not isinstance(duty, dict) or not duty.get("text"):
                errors.append(f"areas[{a}].duties[{d}]: a duty needs text")
                continue
            for e, evidence in enumerate(duty.get("evidence") or []):
                if not isinstance(evidence, dict) or not evidence.get("text"):
                    errors.append(f"areas[{a}].duties[{d}].evidence[{e}]: an evidence line needs text")
                    continue
                for n, action in enumerate(evidence.get("actions") or []):
                    _check_action(action, f"areas[{a}].duties[{d}].evidence[{e}].actions[{n}]", errors)


def _check_action(action, where, errors):
    from compliance.models import Owner

    if not isinstance(action, dict) or not action.get("text"):
        errors.append(f"{where}: an action needs text")
        return
    owner = action.get("owner") or ""
    if owner and owner not in Owner.values:
        errors.append(f"{where}: unknown owner {owner!r} (one of {Owner.values})")
    measure = action.get("measure")
    if measure is not None and not (
        isinstance(measure, dict)
        and isinstance(measure.get("key"), str)
        and isinstance(measure.get("params", {}), dict)
    ):
        errors.append(f"{where}: a measure is {{key, params, threshold}}")


def validate(data, name):
    """Raise ImproperlyConfigured listing everything wrong with a template's data."""
    if not isinstance(data, dict):
        raise ImproperlyConfigured(f"{name}: a template must be a mapping")
    errors = []
    missing = sorted(field for field in REQUIRED if not data.get(field))
    if missing:
        errors.append(f"missing {', '.join(missing)}")
    unknown = sorted(set(data) - REQUIRED - OPTIONAL)
    if unknown:
        errors.append(f"unknown field(s) {', '.join(unknown)}")
    if data.get("key") != Path(name).stem:
        errors.append(f"its key must be its file name ({Path(name).stem!r})")
    offered = data.get("offered_to")
    if not (offered == "all" or (isinstance(offered, list) and offered and all(isinstance(a, str) for a in offered))):
        errors.append('offered_to must be "all" or a list of local authorities')
    _check_structure(data, errors)
    allowed = _allowed_placeholders()
    for where, text in _texts(data):
        for placeholder in placeholders(text):
            if placeholder not in allowed:
                errors.append(f"{where}: unknown placeholder {{{placeholder}}}")
    if errors:
        raise ImproperlyConfigured(f"Action-plan template {name} is not valid:\n" + "\n".join(errors))
    return data


def read(path):
    """The template stored at ``path``, validated."""
    return validate(read_yaml(path), Path(path).name)


@cache
def load(key):
    """The template stored as ``<key>.yaml``, as plain data (dicts and lists)."""
    path = FOLDER / f"{key}.yaml"
    if path.parent != FOLDER or not path.is_file():
        raise KeyError(f"No action-plan template {key!r} in {FOLDER}")
    return read(path)


def template_keys():
    return [path.stem for path in sorted(FOLDER.glob("*.yaml"))]


def available():
    """(key, title) for every template in the folder, by key."""
    return [(key, load(key)["title"]) for key in template_keys()]


def label(key):
    """How a choice of template names it: what it is, and its date."""
    return load(key)["label"]


def sources():
    """{key: (label, source, date)} of every template, for pages that say where a plan comes from."""
    templates = {key: load(key) for key in template_keys()}
    return {key: (t["label"], " ".join(str(t["source"]).split()), t["date"]) for key, t in templates.items()}


def is_offered(key, local_authority):
    """True if the template is offered to a school of ``local_authority``."""
    from referrals.directory import authority_key

    offered = load(key)["offered_to"]
    return offered == "all" or authority_key(local_authority) in {authority_key(a) for a in offered}


def offered_to(local_authority):
    """(key, label) of the templates a school of ``local_authority`` may choose, the default first."""
    offered = [key for key in template_keys() if is_offered(key, local_authority)]
    offered.sort(key=lambda key: key != default_for(local_authority))
    return [(key, label(key)) for key in offered]


def default_for(local_authority):
    """The template a new school starts from: the national one, whatever its area (its contacts come
    from the directory); the Cambridgeshire and Peterborough plan is offered beside it there."""
    return NATIONAL


def fill(text, values):
    """``text`` with each ``{placeholder}`` replaced from ``values``."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text or "")
