"""The SPR lead's pages (and the read-only pages of the chief officer leads and PCC office)."""

from django.urls import path

from assessments.views import board, closing, history, quarters, review

urlpatterns = [
    # Every board lives under /board/, so the menu marks "Quarter board" on each of them.
    path("board/", board.quarter_board_current, name="quarter_board_current"),
    path("board/<int:pk>/", board.quarter_board, name="quarter_board"),
    path("quarters/", quarters.quarter_list, name="quarter_list"),
    path("quarters/new/", quarters.quarter_new, name="quarter_new"),
    path("quarters/<int:pk>/edit/", quarters.quarter_edit, name="quarter_edit"),
    path("quarters/<int:pk>/open/", quarters.quarter_open, name="quarter_open"),
    path("quarters/<int:pk>/close/", closing.quarter_close, name="quarter_close"),
    path("quarters/<int:pk>/late/", closing.late_submissions, name="late_submissions"),
    path("actions/", board.actions_register, name="actions_register"),
    path("assessments/<int:pk>/", history.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/review/", review.assessment_review, name="assessment_review"),
    path("assessments/<int:pk>/sign-off/", review.assessment_sign_off, name="assessment_sign_off"),
    path("assessments/<int:pk>/reopen/", review.assessment_reopen, name="assessment_reopen"),
    path("assessments/<int:pk>/compare/", history.assessment_compare, name="assessment_compare"),
]
