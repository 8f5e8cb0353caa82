"""Only the contact directory and the types of concern are in the admin: site administrators never
see referral content."""

from django.contrib import admin

from .models import ConcernCategory, LocalContact


@admin.register(LocalContact)
class LocalContactAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "phone", "email", "is_national", "order"]
    list_filter = ["is_national"]
    search_fields = ["name", "school__name"]
    autocomplete_fields = ["school"]


@admin.register(ConcernCategory)
class ConcernCategoryAdmin(admin.ModelAdmin):
    """The Home Office's types of concern: editable data, changed when a statistics release changes them."""

    list_display = ["label", "code", "order", "in_use"]
    list_editable = ["order", "in_use"]
