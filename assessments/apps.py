from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Quarterly self-assessments"

    def ready(self):
        # A draft's save leaves the cache's settled stamp where it is (spr_portal/cache_stamp.py
        # SETTLED): its columns and the record it keeps are named by the service that saves it.
        from assessments.models import Assessment, WorkflowEvent
        from assessments.services.assessments import DRAFT_WRITES
        from spr_portal.cache_stamp import draft_content

        draft_content(
            table=Assessment._meta.db_table,
            columns=[Assessment._meta.get_field(name).column for name in DRAFT_WRITES],
            record=WorkflowEvent._meta.db_table,
        )
