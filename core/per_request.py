"""Whole-school reads computed once per request and shared by every measure, chart and table.

A page such as the governors' dashboard asks for the school's document confirmation rates from
several places (its live measures, its confirmation table, its headline figures), and each used
to read and walk the whole staff list again: at 1,000 staff that was most of the page's time. A
selector decorated with ``@per_request`` is computed once per request for the same arguments
(a school counts by its primary key) and the same result is handed to every caller.

The memo lives only while a safe (GET or HEAD) request is served (``PerRequestMemoMiddleware``)
or inside ``memo_scope()`` (a task or command that reads one school many times): a request that
writes may read again after its write and must see it. Outside both, a decorated selector simply
runs. Callers never change what a memoised selector returns.
"""

import contextlib
import contextvars
import functools
import inspect

from django.db.models import Model

_memo = contextvars.ContextVar("per_request_memo", default=None)
SAFE_METHODS = frozenset({"GET", "HEAD"})


def _key_part(value):
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, list | set | frozenset | tuple):
        return (
            tuple(sorted(_key_part(v) for v in value))
            if isinstance(value, set | frozenset)
            else tuple(_key_part(v) for v in value)
        )
    return value


def per_request(function):
    """Memoise ``function`` for the current request (or ``memo_scope``); a plain call otherwise.

    A school given as an object or as its primary key is the same key: ``school_members(school)``
    and ``school_members(school.pk)`` share one result.
    """
    name = f"{function.__module__}.{function.__qualname__}"
    signature = inspect.signature(function)

    @functools.wraps(function)
    def memoised(*args, **kwargs):
        memo = _memo.get()
        if memo is None:
            return function(*args, **kwargs)
        # f(school), f(school, None) and f(school, today=None) are one call: the key is every
        # argument by name, defaults filled in.
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        parts = [(k, _key_part(v)) for k, v in bound.arguments.items()]
        first, value = parts[0]
        if isinstance(value, tuple) and len(value) == 2 and value[0] == "accounts.School":
            parts[0] = (first, value[1])  # the school as its pk, whichever way it was passed
        key = (name, tuple(parts))
        try:
            return memo[key]
        except KeyError:
            memo[key] = result = function(*args, **kwargs)
            return result
        except TypeError:  # an argument that cannot be a key: no memo for this call
            return function(*args, **kwargs)

    return memoised


@contextlib.contextmanager
def memo_scope():
    """Share whole-school reads within the block (nested scopes share the outer one)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def forget():
    """Drop what the current scope remembered (after a write inside a scope)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class PerRequestMemoMiddleware:
    """Opens a memo scope for each GET or HEAD request (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with memo_scope():
            return self.get_response(request)
