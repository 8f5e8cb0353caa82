"""A system check: the guidance catalogue is loaded and validated when the project starts
(``manage.py check``, runserver, migrate), so a bad edition is reported before a school gets it."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def guidance_catalogue_check(app_configs, **kwargs):
    from .catalogue import PATH, load

    try:
        load(PATH)
    except ImproperlyConfigured as exc:
        return [Error(str(exc), obj=str(PATH), id="training.E001")]
    return []
