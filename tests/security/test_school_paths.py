"""Every school-owned record names its way to its school once, and every view loads objects by it.

``accounts.access.for_school`` filters on the model's ``school_path`` (its own ``school`` field,
or a declared path through a parent such as ``"case__school"``). A new model that reaches a
school only through a parent and forgets to declare its path would be loaded unscoped, or not at
all: these tests fail first.
"""

from pathlib import Path

import pytest
from django.conf import settings

from accounts.access import school_path
from accounts.models import School

from .school_owned import PROJECT_APPS, SCHOOL_OWNED, follow


def test_the_school_owned_models_are_found():
    labels = {m._meta.label for m in SCHOOL_OWNED}
    # Direct and through parents: a search that found neither kind would pass everything below.
    assert {"referrals.Case", "referrals.Decision", "speakers.LettingDate", "training.DocumentVersion"} <= labels
    assert "accounts.School" not in labels and "accounts.User" not in labels


@pytest.mark.parametrize("model", SCHOOL_OWNED, ids=lambda m: m._meta.label)
def test_every_school_owned_model_has_a_path_to_its_school(model):
    path = school_path(model)
    assert follow(model, path) is School, (
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
