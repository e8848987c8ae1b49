"""A Django admin page that shows records and changes none, for data whose writes go through
the portal's services (which check the rules and write the audit trail)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
