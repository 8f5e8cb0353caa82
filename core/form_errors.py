"""Showing a service's refusal on the form that was sent."""


def add_service_error(form, error):
    """Put a service's ``ValidationError`` on ``form``: next to a field the form has, else at the top.

    A service validates the whole record, so it may name a field the form does not show (the
    plan a rollover comes from, the school); ``form.add_error`` would raise for such a name,
    turning a clear refusal into a server error.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
