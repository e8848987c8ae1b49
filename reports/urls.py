from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_new, name="report_new"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/details/", views.report_edit_details, name="report_edit_details"),
    path("<int:pk>/sections/<slug:code>/", views.report_edit_section, name="report_edit_section"),
    path("<int:pk>/threats/<int:section_pk>/", views.report_edit_threat, name="report_edit_threat"),
    path("<int:pk>/preview/", views.report_read, name="report_preview"),
    path("<int:pk>/preview.pdf", views.report_preview_pdf, name="report_preview_pdf"),
    path("<int:pk>/late-sign-offs/", views.report_late_sign_offs, name="report_late_sign_offs"),
    path("<int:pk>/figures/", views.report_figures, name="report_figures"),
    path("<int:pk>/publish/", views.report_publish_view, name="report_publish"),
    path("<int:pk>/correct/", views.report_correct_view, name="report_correct"),
    path("<int:pk>/download/", views.report_download, name="report_download"),
]
