"""A contributing department's text in a section of another department's self-assessment:
written by a business lead of a department recorded as contributing, attributed (who, which
department, when), audited, refused once submitted and for any other department, and part of
what is signed (the snapshot, its fingerprint and the integrity check)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from assessments import services
from assessments.integrity import signed_content_problems
from assessments.models import Contribution
from assessments.services.contributions import EMPTY, TOO_LONG
from assessments.snapshots import build_snapshot, fingerprint
from assessments.workflow import TransitionNotAllowed
from audit.models import AuditAction, AuditEvent
from spr_portal.concurrency import ConcurrentEdit
from spr_portal.roles import Role
from tests.assessments.lead_support import TEXT, contribute, submitted_now
from tests.databases import postgresql_only
from tests.factories import DepartmentFactory, UserFactory
from tests.tamper import tamper

pytestmark = pytest.mark.django_db


def test_a_contributing_lead_adds_text_to_a_section_attributed_and_audited(
    contributed, firearms_lead, firearms
):
    contribution = contribute(contributed, firearms_lead, firearms)
    saved = Contribution.objects.get()
    assert (saved.assessment, saved.section, saved.department) == (
        contributed,
        "capability",
        firearms,
    )
    assert saved.text == TEXT and saved.revision == contribution.revision == 1
    assert saved.written_by == firearms_lead and saved.written_by_name == "Sam Archer"
    assert saved.written_at is not None
    event = AuditEvent.objects.get(action=AuditAction.CONTRIBUTION_SAVED)
    assert event.actor == firearms_lead
    assert (event.threat_id, event.quarter_id) == (contributed.threat_id, contributed.quarter_id)
    assert event.summary == f"Firearms, Capability: added ({len(TEXT)} characters)"


def test_a_change_is_audited_and_a_save_from_an_older_page_is_refused(
    contributed, firearms_lead, firearms
):
    other_lead = UserFactory(roles=[Role.BUSINESS_LEAD])
    firearms.leads.add(other_lead)
    first = contribute(contributed, firearms_lead, firearms)
    contribute(contributed, other_lead, firearms, "Cover reduced to 20 hours a day.", revision=1)
    saved = Contribution.objects.get()
    assert saved.written_by == other_lead and saved.revision == 2
    assert AuditEvent.objects.filter(action=AuditAction.CONTRIBUTION_SAVED).first().summary == (
        f"Firearms, Capability: changed ({len(TEXT)} → 32 characters)"
    )
    # Both opened the page at revision 1, or before there was any text at all.
    for stale in (first.revision, 0):
        with pytest.raises(ConcurrentEdit, match="contribution was changed by someone else"):
            contribute(contributed, firearms_lead, firearms, "Mine.", revision=stale)
    assert Contribution.objects.get().text == "Cover reduced to 20 hours a day."


def test_empty_or_too_long_text_and_an_unknown_section_are_refused(
    contributed, firearms_lead, firearms
):
    for text, message in (("   ", EMPTY), ("x" * 2001, TOO_LONG)):
        with pytest.raises(ValidationError) as refused:
            contribute(contributed, firearms_lead, firearms, text)
        assert refused.value.message_dict == {"text": [message]}
    for section in ("actions", "nonsense"):
        with pytest.raises(ValidationError):
            contribute(contributed, firearms_lead, firearms, section=section)
    assert not Contribution.objects.exists()


def test_refused_after_submission_and_open_again_once_returned(
    contributed, business_lead, firearms_lead, firearms, spr_lead
):
    submitted = submitted_now(contributed, business_lead)
    with pytest.raises(TransitionNotAllowed, match="submitted for review: contributions can no"):
        contribute(submitted, firearms_lead, firearms)
    services.assessment_return(assessment=submitted, actor=spr_lead, comment="More, please.")
    contribute(submitted, firearms_lead, firearms)
    signed = services.assessment_sign_off(
        assessment=submitted_now(submitted, business_lead), actor=spr_lead
    )
    with pytest.raises(TransitionNotAllowed, match="signed off: contributions can no longer"):
        contribute(signed, firearms_lead, firearms, "Later words.", revision=1)
    assert Contribution.objects.get().text == TEXT


def test_refused_for_any_department_not_recorded_as_contributing(
    contributed, business_lead, department, other_business_lead, other_department, spr_lead
):
    rocu_lead = UserFactory(roles=[Role.BUSINESS_LEAD])
    rocu = DepartmentFactory(name="Regional Organised Crime Unit", leads=[rocu_lead])
    attempts = [
        (rocu_lead, rocu, PermissionDenied),  # a cross-cutting unit not brought in
        (other_business_lead, other_department, PermissionDenied),
        # The owning department writes its sections itself; it is no contributor.
        (business_lead, department, PermissionDenied),
        (spr_lead, department, PermissionDenied),  # the SPR lead reviews; never contributes
    ]
    for lead, their_department, refusal in attempts:
        with pytest.raises(refusal):
            contribute(contributed, lead, their_department)
    assert not Contribution.objects.exists()


def test_a_lead_of_another_department_cannot_write_as_the_contributing_one(
    contributed, other_business_lead, firearms
):
    with pytest.raises(PermissionDenied, match="recorded as contributing"):
        contribute(contributed, other_business_lead, firearms)


def test_contributions_are_part_of_what_is_signed_and_checked_afterwards(
    contributed, business_lead, firearms_lead, firearms, spr_lead
):
    contribute(contributed, firearms_lead, firearms)
    contribute(contributed, firearms_lead, firearms, "Exercise Tapestry ran.", section="risks")
    signed = services.assessment_sign_off(
        assessment=submitted_now(contributed, business_lead), actor=spr_lead
    )
    data = signed.signed_snapshot.data
    written = {c.section: c for c in Contribution.objects.all()}
    assert data["contributions"] == [
        {
            "section": section,
            "department": "Firearms",
            "by": "Sam Archer",
            "at": written[section].written_at.isoformat(),
            "text": text,
        }
        for section, text in (("capability", TEXT), ("risks", "Exercise Tapestry ran."))
    ]
    without = {k: v for k, v in data.items() if k != "contributions"}
    assert signed.signed_snapshot.fingerprint == fingerprint(data) != fingerprint(without)
    assert signed_content_problems() == (1, [])

    tamper(Contribution, written["risks"].pk, text="Something else.")
    count, problems = signed_content_problems()
    assert problems == [
        f"The signed-off self-assessment of {signed.threat_name} for {signed.quarter.label}: "
        "Contributions of other departments differs from signed version 2"
    ]


def test_the_evidence_packs_reading_copy_of_the_signed_version_shows_them(
    contributed, business_lead, firearms_lead, firearms, spr_lead
):
    contribute(contributed, firearms_lead, firearms)
    signed = services.assessment_sign_off(
        assessment=submitted_now(contributed, business_lead), actor=spr_lead
    )
    version = signed.signed_snapshot
    html = render_to_string(
        "reports/pdf/signed_version.html", {"version": version, "data": version.data}
    )
    assert "Contributions of other departments" in html
    assert "Firearms (capability), written by Sam Archer at" in html and TEXT in html


def test_an_assessment_without_contributions_keeps_the_snapshot_it_had(draft):
    # So every fingerprint signed before contributions existed stays exactly as it was.
    assert "contributions" not in build_snapshot(draft)


@postgresql_only
def test_the_database_refuses_to_change_a_signed_contribution(
    contributed, business_lead, firearms_lead, firearms, spr_lead
):
    contribute(contributed, firearms_lead, firearms)
    services.assessment_sign_off(
        assessment=submitted_now(contributed, business_lead), actor=spr_lead
    )
    written = Contribution.objects.get()
    for change in (
        lambda: Contribution.objects.filter(pk=written.pk).update(text="Rewritten."),
        lambda: Contribution.objects.filter(pk=written.pk).delete(),
        lambda: Contribution.objects.create(
            assessment=contributed,
            section="risks",
            department=firearms,
            text="Added after signing.",
            written_by=firearms_lead,
            written_by_name="Sam Archer",
            written_at=written.written_at,
        ),
    ):
        with pytest.raises(IntegrityError, match="what was signed off does not change"):
            with transaction.atomic():
                change()
    assert Contribution.objects.get().text == TEXT
