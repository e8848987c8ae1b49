"""Evidence files: the business lead's page to attach and remove them, and the download,
which everyone who may read the assessment may use (and nobody else: a 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.evidence import ACCEPTED
from assessments.forms.evidence import EvidenceForm
from assessments.models import EvidenceFile
from assessments.services.evidence import evidence_attach, evidence_remove
from assessments.views.lead import get_lead_assessment
from assessments.workflow import TransitionNotAllowed
from spr_portal.access import get_for_user
from spr_portal.form_errors import add_service_errors, error_summary
from spr_portal.object_storage import open_stream
from spr_portal.outcomes import act_and_tell


@require_http_methods(["GET", "POST"])
def evidence_list(request, pk):
    assessment = get_lead_assessment(request.user, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                evidence = evidence_attach(
                    assessment=assessment,
                    section=form.cleaned_data["section"],
                    upload=form.cleaned_data["file"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except TransitionNotAllowed as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, f"“{evidence.name}” attached.")
                return redirect("assessments:evidence_list", assessment.pk)
    return render(
        request,
        "assessments/lead/evidence.html",
        {
            "assessment": assessment,
            "form": form,
            "error_summary": error_summary(form),
            "files": assessment.evidence_files.current(),
            "accepted": ACCEPTED,
        },
    )


@require_POST
def evidence_delete(request, pk, file_id):
    assessment = get_lead_assessment(request.user, pk)
    evidence = get_object_or_404(assessment.evidence_files.current(), pk=file_id)
    act_and_tell(
        request,
        lambda: evidence_remove(evidence=evidence, actor=request.user),
        done=f"“{evidence.name}” removed.",
        refused=(TransitionNotAllowed,),
    )
    return redirect("assessments:evidence_list", assessment.pk)


@require_GET
def evidence_download(request, file_id):
    evidence = get_for_user(
        EvidenceFile.objects.select_related("assessment"), request.user, pk=file_id
    )
    try:
        # Streamed in blocks from the storage, a folder or the bucket (never whole in memory).
        handle = open_stream(evidence.file.storage, evidence.file.name)
    except FileNotFoundError:
        raise Http404("The file is missing from the evidence store.") from None
    # Always saved, never shown in the browser, under a name that ends as the content is.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.download_name,
        content_type=evidence.content_type,
    )
    response["Content-Length"] = str(evidence.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response
