"""A system check: every action-plan template is loaded and validated when the project starts
(``manage.py check``, runserver, migrate), so a template naming an unknown placeholder or owner
is reported before a school's plan is made from it."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def plan_templates_check(app_configs, **kwargs):
    from . import plan_templates

    errors = []
    for key in plan_templates.template_keys():
        try:
            plan_templates.read(plan_templates.FOLDER / f"{key}.yaml")
        except ImproperlyConfigured as exc:
            errors.append(Error(str(exc), obj=f"{key}.yaml", id="compliance.E001"))
    return errors
