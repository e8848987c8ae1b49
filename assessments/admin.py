from django.contrib import admin

from assessments.models import Quarter
from assessments.models.quarter import NEWEST_FIRST
from spr_portal.admin_read_only import ReadOnlyAdmin


# Assessment content is OFFICIAL-SENSITIVE and need-to-know: it is deliberately not in the
# admin, whose users (force IT) manage reference data and accounts only.
@admin.register(Quarter)
class QuarterAdmin(ReadOnlyAdmin):
    """Read-only: quarters are created, dated, opened and closed by the SPR lead on the
    portal's quarter pages, through the services that check the rules and write the audit
    trail. The admin would bypass both."""

    list_display = ["label", "edition", "submission_deadline", "meeting_date", "is_open"]
    list_filter = ["is_open", "edition"]
    ordering = NEWEST_FIRST
