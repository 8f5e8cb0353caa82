"""The daily scans that make notifications about what falls due (training about to lapse, case
actions due), registered by the apps that own the data.

Each app that has something to scan puts it in its own ``notices.py`` and decorates it with
``@daily_scan``; ``registered_scans`` imports every installed app's ``notices`` module (as the
admin finds ``admin.py``), so this app never imports the apps that depend on it.
"""

from django.utils.module_loading import autodiscover_modules

_SCANS = []


def daily_scan(function):
    """Register ``function(today, **options)``: it makes notifications with ``email_now=False``
    and returns how many it made."""
    if function not in _SCANS:
        _SCANS.append(function)
    return function


def registered_scans():
    autodiscover_modules("notices")
    return list(_SCANS)
