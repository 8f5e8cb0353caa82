from django import forms

from .models import Frequency, Kind


class SettingsForm(forms.Form):
    """Which notifications a person wants by email, and how often; only the kinds that concern them."""

    emails = forms.MultipleChoiceField(
        label="Email me about",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Notifications you untick still show on your home page.",
    )
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices, widget=forms.RadioSelect)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.fields["emails"].choices = [(k.value, Kind(k).label) for k in kinds]

    def emails_off(self, before):
        """The kinds not wanted by email: those unticked here, and those this page did not offer as before."""
        offered = {k.value for k in self.kinds}
        kept = [k for k in before if k not in offered]
        return kept + [k for k in offered if k not in self.cleaned_data["emails"]]
