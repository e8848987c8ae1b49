from django.urls import path

from reports import views
from reports.views import minutes
from spr_portal import params  # noqa: F401  (registers the <id:…> converter)

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_new, name="report_new"),
    path("integrity/", views.integrity, name="integrity"),
    path("verify/", views.verify_paper_view, name="verify_paper"),
    path("evidence-pack/", views.evidence_pack, name="evidence_pack"),
    path("crest/", views.force_crest, name="force_crest"),
    path("minutes/<id:pk>/minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path("minutes/<id:pk>/minutes.docx", minutes.minutes_docx, name="minutes_docx"),
    path("minutes/<id:pk>/approve/", minutes.minutes_approve_view, name="minutes_approve"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/<id:pk>/", views.statement_detail, name="statement_detail"),
    path("statements/<id:pk>/edit/", views.statement_edit, name="statement_edit"),
    path("statements/<id:pk>/publish/", views.statement_publish_view, name="statement_publish"),
    path(
        "statements/<id:pk>/download.pdf",
        views.statement_download_pdf,
        name="statement_download_pdf",
    ),
    path(
        "statements/<id:pk>/download.docx",
        views.statement_download_docx,
        name="statement_download_docx",
    ),
    path("<id:pk>/regard/", views.regard_record_view, name="regard_record"),
    path("<id:pk>/regard/<id:entry_pk>/answer/", views.regard_answer_view, name="regard_answer"),
    path("<id:pk>/", views.report_detail, name="report_detail"),
    path("<id:pk>/details/", views.report_edit_details, name="report_edit_details"),
    path("<id:pk>/sections/<slug:code>/", views.report_edit_section, name="report_edit_section"),
    path("<id:pk>/threats/<id:section_pk>/", views.report_edit_threat, name="report_edit_threat"),
    path("<id:pk>/preview/", views.report_read, name="report_preview"),
    path("<id:pk>/preview.pdf", views.report_preview_pdf, name="report_preview_pdf"),
    path("<id:pk>/preview.docx", views.report_preview_docx, name="report_preview_docx"),
    path("<id:pk>/download.docx", views.report_download_docx, name="report_download_docx"),
    path("<id:pk>/trend-annex/", views.report_trend_annex, name="report_trend_annex"),
    path("<id:pk>/late-sign-offs/", views.report_late_sign_offs, name="report_late_sign_offs"),
    path("<id:pk>/figures/", views.report_figures, name="report_figures"),
    path("<id:pk>/publish/", views.report_publish_view, name="report_publish"),
    path("<id:pk>/correct/", views.report_correct_view, name="report_correct"),
    path("<id:pk>/download/", views.report_download, name="report_download"),
]
