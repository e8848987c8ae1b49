"""The business lead's pages, all under /my-assessments/."""

from django.urls import include, path

from assessments.views import (
    evidence,
    lead,
    lead_actions,
    lead_expectations,
    lead_sections,
    lead_submit,
)
from spr_portal import params  # noqa: F401  (registers the <id:…> converter)

# One self-assessment's pages, each below its own /my-assessments/<id>/.
assessment_pages = [
    path("", lead.assessment_edit, name="assessment_edit"),
    path("check/", lead_submit.assessment_check, name="assessment_check"),
    path("submit/", lead_submit.assessment_submit, name="assessment_submit"),
    path("withdraw/", lead_submit.assessment_withdraw, name="assessment_withdraw"),
    path("sections/<slug:section>/", lead_sections.assessment_section, name="assessment_section"),
    path(
        "what-the-spr-expects/",
        lead_expectations.assessment_expectations,
        name="assessment_expectations",
    ),
    path("evidence/", evidence.evidence_list, name="evidence_list"),
    path("evidence/<id:file_id>/remove/", evidence.evidence_delete, name="evidence_delete"),
    path("actions/", lead_actions.action_list, name="action_list"),
    path("actions/add/", lead_actions.action_add, name="action_add"),
    path("actions/<id:action_id>/", lead_actions.action_edit, name="action_edit"),
    path("actions/<id:action_id>/close/", lead_actions.action_close, name="action_close"),
]

urlpatterns = [
    path("my-assessments/", lead.my_assessments, name="my_assessments"),
    path(
        "my-assessments/start/<id:quarter_id>/<slug:threat_slug>/",
        lead.assessment_start,
        name="assessment_start",
    ),
    path("my-assessments/<id:pk>/", include(assessment_pages)),
    path("evidence/<id:file_id>/", evidence.evidence_download, name="evidence_download"),
]
