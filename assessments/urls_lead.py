"""The business lead's pages, all under /my-assessments/."""

from django.urls import path

from assessments.views import evidence, lead, lead_actions, lead_sections

urlpatterns = [
    path("my-assessments/", lead.my_assessments, name="my_assessments"),
    path(
        "my-assessments/start/<int:quarter_id>/<slug:threat_slug>/",
        lead.assessment_start,
        name="assessment_start",
    ),
    path("my-assessments/<int:pk>/", lead.assessment_edit, name="assessment_edit"),
    path("my-assessments/<int:pk>/submit/", lead.assessment_submit, name="assessment_submit"),
    path(
        "my-assessments/<int:pk>/sections/<slug:section>/",
        lead_sections.assessment_section,
        name="assessment_section",
    ),
    path("my-assessments/<int:pk>/evidence/", evidence.evidence_list, name="evidence_list"),
    path(
        "my-assessments/<int:pk>/evidence/<int:file_id>/remove/",
        evidence.evidence_delete,
        name="evidence_delete",
    ),
    path("evidence/<int:file_id>/", evidence.evidence_download, name="evidence_download"),
    path("my-assessments/<int:pk>/actions/", lead_actions.action_list, name="action_list"),
    path("my-assessments/<int:pk>/actions/add/", lead_actions.action_add, name="action_add"),
    path(
        "my-assessments/<int:pk>/actions/<int:action_id>/",
        lead_actions.action_edit,
        name="action_edit",
    ),
    path(
        "my-assessments/<int:pk>/actions/<int:action_id>/close/",
        lead_actions.action_close,
        name="action_close",
    ),
]
