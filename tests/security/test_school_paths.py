"""Every school-owned record names its way to its school once, and every view loads objects by it.

``accounts.access.for_school`` filters on the model's ``school_path`` (its own ``school`` field,
or a declared path through a parent such as ``"case__school"``). A new model that reaches a
school only through a parent and forgets to declare its path would be loaded unscoped, or not at
all: these tests fail first.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from accounts.access import school_path
from accounts.models import School

PROJECT_APPS = [
    config
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in config.path
]


def _parents(model):
    """The models ``model`` points at with a many-to-one or one-to-one field of its own."""
    return [
        (field.name, field.related_model)
        for field in model._meta.get_fields()
        if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model is not None
    ]


def _reaches_school(model, depth=4):
    if depth == 0:
        return False
    return any(parent is School or _reaches_school(parent, depth - 1) for _, parent in _parents(model))


def _follow(model, path):
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


def test_the_school_owned_models_are_found():
    labels = {m._meta.label for m in SCHOOL_OWNED}
    # Direct and through parents: a search that found neither kind would pass everything below.
    assert {"referrals.Case", "referrals.Decision", "speakers.LettingDate", "training.DocumentVersion"} <= labels
    assert "accounts.School" not in labels and "accounts.User" not in labels


@pytest.mark.parametrize("model", SCHOOL_OWNED, ids=lambda m: m._meta.label)
def test_every_school_owned_model_has_a_path_to_its_school(model):
    path = school_path(model)
    assert _follow(model, path) is School, (
        f"{model._meta.label} reaches a school through a parent but its school_path ({path!r}) does not "
        f'lead to School: declare it on the model, e.g. school_path = "case__school".'
    )


def _view_sources():
    for config in PROJECT_APPS:
        root = Path(config.path)
        yield from root.glob("views*.py")
        yield from root.glob("views/*.py")
        yield from root.glob("guards.py")


def test_views_load_objects_through_for_school():
    """One loader: a hand-written ``get_object_or_404`` is where another school's object slips in."""
    sources = list(_view_sources())
    assert len(sources) > 20
    offenders = [str(p.relative_to(settings.BASE_DIR)) for p in sources if "get_object_or_404(" in p.read_text()]
    assert not offenders, f"load objects with accounts.access.for_school instead of get_object_or_404: {offenders}"
