"""Forms of the annual report: the year to start one for, and the Lead's narrative sections."""

from django import forms

from core.concurrency import VersionedForm

from ..models import AnnualReport
from .annual_report import NARRATIVE, NARRATIVE_FIELDS


class AnnualReportStartForm(forms.Form):
    academic_year = forms.ChoiceField(label="Academic year")

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = [(year, year) for year in years]


class AnnualReportForm(VersionedForm):
    class Meta:
        model = AnnualReport
        fields = NARRATIVE_FIELDS
        labels = {name: title for name, title, _ in NARRATIVE}
        help_texts = {name: hint for name, _, hint in NARRATIVE}
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in NARRATIVE_FIELDS}
