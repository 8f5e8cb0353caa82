"""Action-plan templates: YAML files in this folder, one plan layout each (see the format in
cambridgeshire-peterborough-2019.yaml). A school's plan is made from one with
``compliance.services.plan_create_from_template``.
"""

from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

FOLDER = Path(__file__).resolve().parent
DEFAULT = "cambridgeshire-peterborough-2019"


@cache
def load(key):
    """The template stored as ``<key>.yaml``, as plain data (dicts and lists)."""
    path = FOLDER / f"{key}.yaml"
    if path.parent != FOLDER or not path.is_file():
        raise KeyError(f"No action-plan template {key!r} in {FOLDER}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data.get("key") != key or not data.get("areas"):
        raise ImproperlyConfigured(f"{path.name}: a template needs its own key and at least one area")
    return data


def available():
    """(key, title) for every template in the folder, by key."""
    return [(path.stem, load(path.stem)["title"]) for path in sorted(FOLDER.glob("*.yaml"))]
