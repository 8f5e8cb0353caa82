"""Only the contact directory is in the admin: site administrators never see referral content."""

from django.contrib import admin

from .models import LocalContact


@admin.register(LocalContact)
class LocalContactAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "phone", "email", "is_national", "order"]
    list_filter = ["is_national"]
    search_fields = ["name", "school__name"]
    autocomplete_fields = ["school"]
