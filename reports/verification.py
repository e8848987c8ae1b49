"""Is this file exactly a paper the portal published, and is its signature the force's?"""

import hashlib
from dataclasses import dataclass

from reports.models import BoardReport, PublishedPdf
from reports.signing import SignatureCheck, verify_pdf


@dataclass(frozen=True)
class PaperVerification:
    sha256: str
    published: PublishedPdf | None  # the stored paper with exactly these bytes, if any
    signature: SignatureCheck


def verify_paper(content: bytes, user) -> PaperVerification:
    """Match by SHA-256 among the stored papers `user` may read, then validate the signature
    against the configured certificate."""
    sha256 = hashlib.sha256(content).hexdigest()
    published = (
        PublishedPdf.objects.filter(
            sha256=sha256, report__in=BoardReport.objects.visible_to(user).published()
        )
        .select_related("report")
        .defer("content", "report__frozen_annex")
        .first()
    )
    return PaperVerification(sha256=sha256, published=published, signature=verify_pdf(content))
