"""The deployment's data files written in YAML (the contact directory, the guidance catalogue,
the action-plan templates): read once at start-up, where a broken file must stop the site."""

from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured


def read_yaml(path):
    """The file's data; a file that is not valid YAML raises ImproperlyConfigured naming it."""
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ImproperlyConfigured(f"{path.name}: not valid YAML: {exc}") from exc
