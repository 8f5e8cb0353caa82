"""The project's school-owned models: every model with a path of foreign keys to a School."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

from accounts.models import School

PROJECT_APPS = [
    config
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in config.path
]


def _parents(model):
    """The models ``model`` points at with a many-to-one or one-to-one field of its own."""
    return [
        field.related_model
        for field in model._meta.get_fields()
        if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model is not None
    ]


def _reaches_school(model, depth=4):
    if depth == 0:
        return False
    return any(parent is School or _reaches_school(parent, depth - 1) for parent in _parents(model))


def follow(model, path):
    """The model at the end of ``path`` from ``model`` (forward fields only), or None."""
    for name in path.split("__"):
        field = next((f for f in model._meta.get_fields() if f.name == name and f.concrete), None)
        if field is None or not (field.many_to_one or field.one_to_one):
            return None
        model = field.related_model
    return model


SCHOOL_OWNED = sorted(
    (model for config in PROJECT_APPS for model in config.get_models() if _reaches_school(model)),
    key=lambda m: m._meta.label,
)
