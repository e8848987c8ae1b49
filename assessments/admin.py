from django.contrib import admin

from assessments.models import Quarter
from assessments.models.quarter import NEWEST_FIRST


# Assessment content is OFFICIAL-SENSITIVE and need-to-know: it is deliberately not in the
# admin, whose users (force IT) manage reference data and accounts only.
@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ["label", "edition", "submission_deadline", "meeting_date", "is_open"]
    list_filter = ["is_open", "edition"]
    ordering = NEWEST_FIRST
