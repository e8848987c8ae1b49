"""The SPR lead's pages (and the read-only pages of the chief officer leads and the policing
body's office)."""

from django.urls import path

from assessments.views import (
    board,
    closing,
    contributions,
    contributors,
    deputies,
    exports,
    history,
    meetings,
    quarters,
    recommendations,
    review,
    stand_ins,
    trends,
)
from spr_portal import params  # noqa: F401  (registers the <id:…> converter)

urlpatterns = [
    # Every board lives under /board/, so the menu marks "Quarter board" on each of them.
    path("board/", board.quarter_board_current, name="quarter_board_current"),
    path("board/<id:pk>/", board.quarter_board, name="quarter_board"),
    path("board/export.<str:fmt>", exports.board_export, name="board_export"),
    path("board/trends/", trends.force_trends, name="force_trends"),
    path("board/trends/<slug:slug>/", trends.threat_trends, name="threat_trends"),
    path("quarters/", quarters.quarter_list, name="quarter_list"),
    path("quarters/new/", quarters.quarter_new, name="quarter_new"),
    path("quarters/<id:pk>/edit/", quarters.quarter_edit, name="quarter_edit"),
    path("quarters/<id:pk>/open/", quarters.quarter_open, name="quarter_open"),
    path("quarters/<id:pk>/close/", closing.quarter_close, name="quarter_close"),
    path("quarters/<id:pk>/late/", closing.late_submissions, name="late_submissions"),
    path("quarters/<id:pk>/deputies/", deputies.quarter_deputies, name="quarter_deputies"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/<id:quarter_id>/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<id:pk>/", meetings.meeting, name="meeting"),
    path("meetings/<id:pk>/details/", meetings.meeting_details, name="meeting_details"),
    path("meetings/<id:pk>/attendees/", meetings.meeting_attendee, name="meeting_attendee"),
    path(
        "meetings/<id:pk>/decisions/<id:threat_id>/",
        meetings.meeting_decide,
        name="meeting_decide",
    ),
    path("meetings/<id:pk>/actions/", meetings.meeting_action, name="meeting_action"),
    path("meetings/actions/<id:pk>/", meetings.meeting_action_update, name="meeting_action_update"),
    path("assessments/<id:pk>/endorse/", meetings.assessment_endorse, name="assessment_endorse"),
    path("stand-ins/", stand_ins.stand_ins, name="stand_ins"),
    path("stand-ins/<id:pk>/end/", stand_ins.stand_in_end, name="stand_in_end"),
    path("actions/", board.actions_register, name="actions_register"),
    path("recommendations/", recommendations.recommendation_list, name="recommendation_list"),
    path("recommendations/new/", recommendations.recommendation_new, name="recommendation_new"),
    path(
        "recommendations/<id:pk>/",
        recommendations.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<id:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<id:pk>/progress/",
        recommendations.recommendation_progress,
        name="recommendation_progress",
    ),
    path(
        "recommendations/<id:pk>/response/",
        recommendations.recommendation_response,
        name="recommendation_response",
    ),
    path(
        "recommendations/<id:pk>/close/",
        recommendations.recommendation_close,
        name="recommendation_close",
    ),
    path("actions/export.<str:fmt>", exports.actions_export, name="actions_export"),
    path("assessments/<id:pk>/", history.assessment_detail, name="assessment_detail"),
    path("assessments/<id:pk>/review/", review.assessment_review, name="assessment_review"),
    path("assessments/<id:pk>/sign-off/", review.assessment_sign_off, name="assessment_sign_off"),
    path("assessments/<id:pk>/reopen/", review.assessment_reopen, name="assessment_reopen"),
    path("assessments/<id:pk>/compare/", history.assessment_compare, name="assessment_compare"),
    path(
        "assessments/<id:pk>/contributors/",
        contributors.assessment_contributors,
        name="assessment_contributors",
    ),
    path(
        "assessments/<id:pk>/contributions/<slug:section>/",
        contributions.contribution_edit,
        name="contribution_edit",
    ),
]
