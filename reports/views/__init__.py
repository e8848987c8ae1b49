from reports.views.browse import (
    report_detail,
    report_download,
    report_list,
    report_preview_pdf,
    report_read,
)
from reports.views.crest import force_crest
from reports.views.drafting import (
    report_edit_details,
    report_edit_section,
    report_edit_threat,
    report_new,
)
from reports.views.evidence_pack import evidence_pack
from reports.views.integrity import integrity
from reports.views.late import report_figures, report_late_sign_offs
from reports.views.publishing import report_correct_view, report_publish_view
from reports.views.regard import regard_answer_view, regard_record_view
from reports.views.statements import (
    statement_detail,
    statement_download_docx,
    statement_download_pdf,
    statement_edit,
    statement_list,
    statement_publish_view,
)
from reports.views.trend_annex import report_trend_annex
from reports.views.verify import verify_paper_view
from reports.views.word import report_download_docx, report_preview_docx

__all__ = [
    "regard_answer_view",
    "regard_record_view",
    "statement_detail",
    "statement_download_docx",
    "statement_download_pdf",
    "statement_edit",
    "statement_list",
    "statement_publish_view",
    "evidence_pack",
    "force_crest",
    "integrity",
    "report_correct_view",
    "report_detail",
    "report_download",
    "report_download_docx",
    "report_edit_details",
    "report_edit_section",
    "report_edit_threat",
    "report_figures",
    "report_late_sign_offs",
    "report_list",
    "report_new",
    "report_preview_docx",
    "report_preview_pdf",
    "report_publish_view",
    "report_read",
    "report_trend_annex",
    "verify_paper_view",
]
