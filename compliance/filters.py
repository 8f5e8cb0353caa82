"""Filters of the plan table and "my actions": area, status, owner and RAG."""

import django_filters

from .models import RAG, Action, Area, Owner


class ActionFilter(django_filters.FilterSet):
    area = django_filters.ModelChoiceFilter(
        field_name="evidence__duty__area", queryset=Area.objects.none(), label="Area", empty_label="All areas"
    )
    status = django_filters.ChoiceFilter(choices=Action.Status.choices, label="Status", empty_label="Any status")
    owner = django_filters.ChoiceFilter(choices=Owner.choices, label="Owner", empty_label="Any owner")
    # RAG is worked out, not stored: the view applies it to the actions once measures are attached.
    rag = django_filters.ChoiceFilter(choices=RAG.choices, label="RAG", empty_label="Any RAG", method="keep_all")

    class Meta:
        model = Action
        fields = ["area", "status", "owner", "rag"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["area"].queryset = Area.objects.filter(plan=plan).order_by("position")
        for f in self.form.fields.values():
            f.widget.attrs.setdefault("class", "form-select form-select-sm")

    def keep_all(self, queryset, name, value):
        return queryset

    @property
    def wanted_rag(self):
        """The RAG asked for, or "" (after the form is valid)."""
        return self.form.cleaned_data.get("rag", "") if self.is_valid() else ""

    def apply_rag(self, actions):
        """Keep only the actions of the RAG asked for (they must have their measures attached)."""
        wanted = self.wanted_rag
        return [a for a in actions if a.rag == wanted] if wanted else list(actions)
