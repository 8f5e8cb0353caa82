"""Forms of the reports: the period picker, freezing a snapshot, the challenge log."""

from django import forms

from core import periods

from ..models import ChallengeEntry, ReportSnapshot


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Period", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, p.label) for p in periods.choices()]

    def selected(self):
        """The chosen period, or the current academic year."""
        key = self.data.get("period", "") if self.is_bound else ""
        return periods.parse(key) or periods.academic_year()


class SnapshotForm(forms.ModelForm):
    period = forms.ChoiceField(label="Period the report covers")

    class Meta:
        model = ReportSnapshot
        fields = ["title"]
        labels = {"title": "What the report is for"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, p.label) for p in periods.choices()]
        self.fields["period"].initial = periods.academic_year().key

    def clean_period(self):
        period = periods.parse(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError("Choose a period from the list.")
        return period


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = ChallengeEntry
        fields = ["question"]
        labels = {"question": "Your question"}
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = ChallengeEntry
        fields = ["answer"]
        labels = {"answer": "Answer"}
        widgets = {"answer": forms.Textarea(attrs={"rows": 3})}

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError("Write the answer before saving it.")
        return answer
