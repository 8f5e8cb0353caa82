"""The training matrix's filters: by role, course, status, and "lapses by" a date (e.g. the end of term).

The statuses are computed from records and refresh periods, not stored, so the filter works on
the matrix rows rather than on a queryset.
"""

from django import forms

from accounts.models import Role

from .expiry import EXPIRED, MISSING, STATUSES


class MatrixFilterForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=[("", "Any role"), *Role.in_school_choices()], required=False)
    course = forms.ChoiceField(label="Course", required=False)
    status = forms.MultipleChoiceField(
        label="Status", choices=STATUSES, required=False, widget=forms.CheckboxSelectMultiple
    )
    lapses_by = forms.DateField(
        label="Or lapses by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="e.g. the last day of term: shows training that runs out by then.",
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", "Every course"), *((c.slug, c.title) for c in courses)]

    def apply(self, matrix):
        """The matrix narrowed to the chosen course and to people matching the role and status."""
        if not self.is_valid():
            return matrix
        data = self.cleaned_data
        courses = matrix.courses
        if data["course"]:
            keep = [i for i, c in enumerate(courses) if c.slug == data["course"]]
            courses = [courses[i] for i in keep]
            rows = [_narrow(row, keep) for row in matrix.rows]
            rows = [r for r in rows if any(r.cells)]
        else:
            rows = matrix.rows
        if data["role"]:
            rows = [r for r in rows if data["role"] in r.roles]
        if data["status"] or data["lapses_by"]:
            rows = [r for r in rows if any(_matches(c, data["status"], data["lapses_by"]) for c in r.required_cells)]
        return type(matrix)(courses=courses, rows=rows)


def _narrow(row, keep):
    return type(row)(user=row.user, roles=row.roles, cells=[row.cells[i] for i in keep])


def _matches(cell, statuses, lapses_by):
    if cell.status in statuses:
        return True
    if lapses_by is None:
        return False
    return cell.status in (MISSING, EXPIRED) or (cell.expires_on is not None and cell.expires_on <= lapses_by)
