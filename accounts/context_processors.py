from .models import Role


def current_school(request):
    """The current school, the user's roles there, the capability object and the switcher."""
    roles = getattr(request, "roles", frozenset())
    labels = dict(Role.choices)
    return {
        "current_school": getattr(request, "school", None),
        "caps": getattr(request, "caps", None),
        "role_labels": [labels[r] for r in sorted(roles)],
        "school_options": getattr(request, "school_options", {}),
    }
