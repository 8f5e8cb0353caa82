from django.contrib import admin

from .models import CheckTemplate, Decision, DueDiligenceCheck, Evaluation, SpeakerRequest


@admin.register(CheckTemplate)
class CheckTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "position", "only_if_concerns", "active"]
    list_filter = ["active", "school"]


class DueDiligenceCheckInline(admin.TabularInline):
    model = DueDiligenceCheck
    extra = 0
    readonly_fields = ["template", "done_by", "done_at", "result", "notes"]
    can_delete = False


class DecisionInline(admin.TabularInline):
    """Decisions are evidence: shown, never changed or deleted here."""

    model = Decision
    extra = 0
    fk_name = "request"
    readonly_fields = ["outcome", "conditions", "other_conditions", "justification", "decided_by", "decided_at"]
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SpeakerRequest)
class SpeakerRequestAdmin(admin.ModelAdmin):
    list_display = ["event_title", "school", "kind", "starts_at", "status"]
    list_filter = ["status", "kind", "school"]
    search_fields = ["event_title", "speaker_names", "organisation"]
    readonly_fields = ["status", "version"]
    raw_id_fields = ["invited_by", "requested_by"]
    inlines = [DueDiligenceCheckInline, DecisionInline]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["request", "went_as_agreed", "invite_again", "recorded_at"]
    readonly_fields = ["request", "went_as_agreed", "notes", "invite_again", "recorded_by", "recorded_at"]
