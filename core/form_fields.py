"""Form fields shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

# The ids a 64-bit integer column can hold; SQLite raises OverflowError on anything larger.
_ID_RANGE = range(-(2**63), 2**63)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of records that answers 'not one of the choices' for absurd ids.

    Django turns the chosen ids into ``pk__in``, which SQLite cannot bind beyond 64 bits:
    a hostile or mistyped value would be a server error instead of a form error.
    """

    def _check_values(self, value):
        for choice in value:
            try:
                number = int(choice)
            except (TypeError, ValueError):
                continue  # Django's own check answers for these
            if number not in _ID_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": choice}
                )
        return super()._check_values(value)


class CappedJSONField(forms.JSONField):
    """JSON typed into a text box, at most ``max_length`` characters of it.

    Django's JSONField is a CharField, but its ``max_length`` would count the parsed object's
    items; this one counts what was typed, like every other text field.
    """

    def __init__(self, *, max_length, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.widget.attrs["maxlength"] = str(max_length)
        self._typed = MaxLengthValidator(max_length)

    def to_python(self, value):
        if isinstance(value, str):
            self._typed(value)
        return super().to_python(value)
