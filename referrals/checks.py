"""A system check: the contact directory is loaded and validated when the project starts
(``manage.py check``, runserver, migrate), so a bad edit is reported before anyone reads it."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def contact_directory_check(app_configs, **kwargs):
    from .directory import PATH, load

    try:
        load(PATH)
    except ImproperlyConfigured as exc:
        return [Error(str(exc), obj=str(PATH), id="referrals.E001")]
    return []
