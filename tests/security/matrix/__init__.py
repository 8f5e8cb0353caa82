"""The access matrix: every named URL of the project and who may open it.

Each app has a module here (``matrix/<app>.py``) with ``ENTRIES = {"ns:name": Entry(...)}``;
the modules are found automatically. ``tests/security/test_access_matrix.py`` fails for any
URL pattern without an entry.

An entry says which personas are *allowed* (the right role in school A). Everyone else in
school A gets ``denied`` (403, or 404 where even existence must not leak, as for referrals).
Anonymous visitors are sent to sign in. The outsider (Prevent Lead of school B) gets 404 for
any URL that names an object of school A, and is treated as a lead of school B otherwise.
The dual persona (Lead of school B, staff of school A), signed in working in school B, is held
to the outsider's outcomes: a person's powers in one school never reach another. The deputy DSL
(also staff), in a school that has not given deputies the DSL's access to cases, is held to
staff's outcomes unless an entry says otherwise (``deputy=``).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ["staff", "lead", "dsl", "deputy", "head", "governor", "trust", "outsider", "dual"]
LEADERS = {"lead", "head"}
IN_SCHOOL = {"staff", "lead", "dsl", "head", "governor"}


@dataclass
class Entry:
    allowed: set = field(default_factory=set)
    # Builds the URL's kwargs from the ``world`` fixture (objects of school A); None: no kwargs.
    kwargs: Callable | None = None
    method: str = "get"
    # Form data for a POST, built from the world (optional).
    data: Callable | None = None
    ok: tuple = (200,)
    denied: int = 403
    # Public pages (sign-in, password reset): anyone, signed in or not.
    public: bool = False
    # The outsider's outcome when the URL has no object of school A (default: as a lead; with
    # kwargs, 404, unless this says otherwise because the kwargs name no object, e.g. a kind).
    outsider: int | None = None
    # The dual persona's outcome where it differs from the outsider's ("ok": as allowed).
    dual: int | str | None = None
    # The deputy DSL's outcome (school setting off) where it differs from staff's ("ok": as allowed).
    deputy: int | str | None = None
    # Other personas' outcomes where they differ from ``denied``, e.g. {"trust": 403}: the page's
    # capability refuses them before the object is loaded, where the rest of the school gets 404.
    outcomes: dict = field(default_factory=dict)


def all_entries():
    entries = {}
    for module in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{module.name}")
        overlap = set(entries) & set(mod.ENTRIES)
        assert not overlap, f"URL names in two matrix modules: {overlap}"
        entries.update(mod.ENTRIES)
    return entries
