"""The business lead's pages, all under /my-assessments/."""

from django.urls import path

from assessments.views import evidence, lead, lead_actions, lead_sections, lead_submit
from spr_portal import params  # noqa: F401  (registers the <id:…> converter)

urlpatterns = [
    path("my-assessments/", lead.my_assessments, name="my_assessments"),
    path(
        "my-assessments/start/<id:quarter_id>/<slug:threat_slug>/",
        lead.assessment_start,
        name="assessment_start",
    ),
    path("my-assessments/<id:pk>/", lead.assessment_edit, name="assessment_edit"),
    path("my-assessments/<id:pk>/check/", lead_submit.assessment_check, name="assessment_check"),
    path("my-assessments/<id:pk>/submit/", lead_submit.assessment_submit, name="assessment_submit"),
    path(
        "my-assessments/<id:pk>/withdraw/",
        lead_submit.assessment_withdraw,
        name="assessment_withdraw",
    ),
    path(
        "my-assessments/<id:pk>/sections/<slug:section>/",
        lead_sections.assessment_section,
        name="assessment_section",
    ),
    path("my-assessments/<id:pk>/evidence/", evidence.evidence_list, name="evidence_list"),
    path(
        "my-assessments/<id:pk>/evidence/<id:file_id>/remove/",
        evidence.evidence_delete,
        name="evidence_delete",
    ),
    path("evidence/<id:file_id>/", evidence.evidence_download, name="evidence_download"),
    path("my-assessments/<id:pk>/actions/", lead_actions.action_list, name="action_list"),
    path("my-assessments/<id:pk>/actions/add/", lead_actions.action_add, name="action_add"),
    path(
        "my-assessments/<id:pk>/actions/<id:action_id>/",
        lead_actions.action_edit,
        name="action_edit",
    ),
    path(
        "my-assessments/<id:pk>/actions/<id:action_id>/close/",
        lead_actions.action_close,
        name="action_close",
    ),
]
