"""What is unfinished in a quarter (shown before the SPR lead closes it, and on the late
submissions page), in a fixed number of queries."""

from dataclasses import dataclass

from assessments.choices import Status, status_label
from assessments.models import Assessment, LateSubmissionGrant
from threats.naming import named_for

UNFINISHED = (None, Status.DRAFT, Status.RETURNED, Status.SUBMITTED)


@dataclass
class UnfinishedRow:
    threat: object
    status: str | None
    grant: LateSubmissionGrant | None  # the latest, running or expired

    @property
    def may_be_granted(self) -> bool:
        """Awaiting its lead with no late submission running: the SPR lead may grant one."""
        return self.awaits_lead and (self.grant is None or not self.grant.is_active())

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def awaits_lead(self) -> bool:
        """Not yet submitted: the business lead's move (a late submission can be granted)."""
        return self.status != Status.SUBMITTED


def unfinished(quarter) -> list[UnfinishedRow]:
    threats = named_for(
        list(quarter.edition.threats().select_related("owning_department")), quarter
    )
    status_of = dict(Assessment.objects.filter(quarter=quarter).values_list("threat_id", "status"))
    # Oldest first, so that each threat keeps its latest grant.
    grants = {
        g.threat_id: g
        for g in LateSubmissionGrant.objects.filter(quarter=quarter)
        .select_related("granted_by")
        .order_by("granted_at", "pk")
    }
    return [
        UnfinishedRow(threat, status_of.get(threat.pk), grants.get(threat.pk))
        for threat in threats
        if status_of.get(threat.pk) in UNFINISHED
    ]


def grants_of(quarter) -> list[LateSubmissionGrant]:
    grants = list(
        LateSubmissionGrant.objects.filter(quarter=quarter).select_related("threat", "granted_by")
    )
    for grant in grants:
        grant.quarter = quarter  # one edition, named once
    return grants
