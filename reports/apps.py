import logging

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Board reports"

    def ready(self):
        # WeasyPrint reports every layout step at INFO; only its warnings belong in the log.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        from assessments.published import register
        from reports import checks  # noqa: F401  (deploy check: the signing certificate)
        from reports.readers import papers_refusal
        from reports.selectors_published import papers_reporting
        from spr_portal.access import Can, narrow

        register(papers_reporting)
        narrow(Can.READ_REPORTS, papers_refusal)
