"""Writes of the set-up pages: the shipped SPR editions, the force profile, the single
sign-on mappings. Each is audited in the same transaction (`audit/services.py`)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import ClaimRoleMapping
from audit.models import AuditAction
from audit.services import audit_record, model_update
from onboarding.editions import shipped
from spr_portal.access import Can, require
from spr_portal.wording import counted
from threats.force_profile import CONTACT_FIELDS
from threats.models import ForceProfile, NationalThreat, SprEdition, ThreatName


@dataclass
class EditionsLoaded:
    editions: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)
    names: int = 0
    successions: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the force's own rows, left as they are

    @property
    def changed(self) -> bool:
        return bool(self.editions or self.threats or self.names or self.successions)

    def summary(self) -> str:
        if not self.changed:
            return "Nothing to change: the shipped SPR editions are already loaded."
        parts = []
        if self.editions:
            parts.append(
                f"{counted(len(self.editions), 'edition')} added ({', '.join(self.editions)})"
            )
        if self.threats:
            parts.append(f"{counted(len(self.threats), 'threat')} added")
        if self.names:
            parts.append(f"{counted(self.names, 'wording')} of a threat by an edition added")
        if self.successions:
            parts.append("; ".join(self.successions))
        return "; ".join(parts) + "."


def spr_editions_load(*, actor=None) -> EditionsLoaded:
    """Bring the shipped editions, threats, wordings and successions into the database.

    Idempotent: what exists is kept as the force has it (an edition by its year, a threat by
    its slug); only what is missing is added, and an existing threat only gains what it lacks
    (its retirement, its predecessor, its wording in an edition this run adds). A second run
    changes nothing and says so. `actor` None: the command, run by whoever runs it."""
    if actor is not None:
        require(actor, Can.SET_UP_FORCE)
    data = shipped()
    result = EditionsLoaded()
    with transaction.atomic():
        editions, new_years = {}, set()
        for shipped_edition in data.editions:
            edition = SprEdition.objects.filter(year=shipped_edition.year).first()
            if edition is None:
                edition = SprEdition(
                    year=shipped_edition.year,
                    title=shipped_edition.title,
                    published_on=shipped_edition.published_on,
                )
                edition.full_clean()
                edition.save()
                new_years.add(edition.year)
                result.editions.append(str(edition.year))
            editions[shipped_edition.year] = edition
        threats = {}
        for item in data.threats:
            threat = NationalThreat.objects.filter(slug=item.slug).first()
            if threat is None:
                if NationalThreat.objects.filter(name=item.name).exists():
                    result.kept.append(f"{item.name}: a threat of that name already exists")
                    continue
                threat = NationalThreat.objects.create(
                    slug=item.slug,
                    name=item.name,
                    description=item.description,
                    display_order=item.order,
                    added_in=editions[item.added_in],
                )
                result.threats.append(item.name)
                years = set(item.names)
            else:
                result.kept.append(threat.name)
                years = set(item.names) & new_years
            for year in sorted(years):
                _, made = ThreatName.objects.get_or_create(
                    threat=threat, edition=editions[year], defaults={"name": item.names[year]}
                )
                result.names += made
            threats[item.slug] = threat
        for item in data.threats:
            threat = threats.get(item.slug)
            if threat is None:
                continue
            if item.retired_in and threat.retired_in_id is None:
                threat.retired_in = editions[item.retired_in]
                threat.full_clean()
                threat.save(update_fields=["retired_in"])
                result.successions.append(f"{threat.name} retired in {item.retired_in}")
        for item in data.threats:
            threat, before = threats.get(item.slug), threats.get(item.succeeds or "")
            if threat is None or before is None or threat.succeeds_id is not None:
                continue
            threat.succeeds = before
            threat.full_clean()
            threat.save(update_fields=["succeeds"])
            result.successions.append(f"{threat.name} succeeds {before.name}")
        if result.changed:
            audit_record(
                actor=actor,
                actor_name="manage.py load_spr_editions",
                action=AuditAction.SPR_EDITIONS_LOADED,
                summary=result.summary(),
            )
    return result


PROFILE_FIELDS = [
    "force_name",
    "short_name",
    "chief_officer_title",
    "body_kind",
    "body_name",
    "body_short_name",
    "office_name",
    "office_role_label",
    "board_name",
    "default_marking",
    "published_papers_open",
    "review_text_in_emails",
    "report_of",
    "contact_officer",
    "paper_status",
    *CONTACT_FIELDS,
]


def force_profile_save(*, actor, data: dict) -> ForceProfile:
    """Create the force's one profile, or change it; audited "old → new"."""
    require(actor, Can.SET_UP_FORCE)
    with transaction.atomic():
        profile = ForceProfile.objects.select_for_update().first()
        if profile is None:
            profile = ForceProfile(**data)
            profile.full_clean()
            profile.save()
            summary = f"Force profile set up for {profile.force_name}"
        else:
            update = model_update(instance=profile, fields=PROFILE_FIELDS, data=data)
            if not update.summary:
                return profile
            summary = update.summary
        audit_record(
            actor=actor, action=AuditAction.FORCE_PROFILE_CHANGED, obj=profile, summary=summary
        )
    return profile


def sso_mapping_add(*, actor, claim: str, value: str, role: str) -> ClaimRoleMapping:
    """A claim → role mapping of single sign-on; the guarded roles are refused by the model's
    own `clean`."""
    require(actor, Can.SET_UP_FORCE)
    with transaction.atomic():
        mapping = ClaimRoleMapping(claim=claim, value=value, role=role)
        mapping.full_clean()
        mapping.save()
        audit_record(
            actor=actor,
            action=AuditAction.SSO_MAPPING_ADDED,
            obj=mapping,
            summary=f"{claim} = {value} → {mapping.role}",
        )
    return mapping


def sso_mapping_remove(*, actor, mapping: ClaimRoleMapping) -> None:
    require(actor, Can.SET_UP_FORCE)
    with transaction.atomic():
        summary = f"{mapping.claim} = {mapping.value} → {mapping.role}"
        audit_record(
            actor=actor, action=AuditAction.SSO_MAPPING_REMOVED, obj=mapping, summary=summary
        )
        mapping.delete()


__all__ = [
    "EditionsLoaded",
    "ValidationError",
    "force_profile_save",
    "spr_editions_load",
    "sso_mapping_add",
    "sso_mapping_remove",
]
