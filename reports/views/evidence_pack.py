"""The inspection evidence pack, downloaded by the SPR lead (the same zip as the command)."""

import tempfile

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments.models import Quarter
from reports.evidence_pack import build_evidence_pack
from spr_portal.access import Can, requires
from spr_portal.params import id_param
from threats.models import NationalThreat


@require_GET
@requires(Can.EXPORT_EVIDENCE_PACK)
def evidence_pack(request):
    """Without a choice, the page that asks for one; with a quarter and/or a threat, the zip."""
    quarters = Quarter.objects.newest_first()
    threats = NationalThreat.objects.order_by("name")
    asked = "quarter" in request.GET or "threat" in request.GET
    quarter = quarters.filter(pk=id_param(request.GET.get("quarter"))).first()
    threat = threats.filter(pk=id_param(request.GET.get("threat"))).first()
    if asked and (quarter or threat):
        out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by FileResponse
        summary = build_evidence_pack(out, quarter=quarter, threat=threat)
        out.seek(0)
        response = FileResponse(
            out, as_attachment=True, filename=summary.name, content_type="application/zip"
        )
        response["Cache-Control"] = "private, no-store"
        return response
    errors = [("Choose a quarter or a national threat", "#quarter")] if asked else []
    return render(
        request,
        "reports/evidence_pack.html",
        {
            "quarters": quarters,
            "threats": threats,
            "error_summary": [{"text": text, "href": href} for text, href in errors],
        },
    )
