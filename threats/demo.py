"""Reference data and accounts of the West Midlands Police demo (see reports' seed_demo)."""

import datetime

from django.contrib.auth import get_user_model

from spr_portal.roles import Role
from threats.force_profile import CONTACT_FIELDS
from threats.models import (
    ChiefOfficerPost,
    Department,
    ForceProfile,
    NationalThreat,
    SprEdition,
    ThreatName,
)

EDITIONS = [
    (2012, "Strategic Policing Requirement 2012", datetime.date(2012, 7, 26)),
    (2015, "Strategic Policing Requirement 2015", datetime.date(2015, 3, 12)),
    (2023, "Strategic Policing Requirement 2023", datetime.date(2023, 2, 20)),
]

# (name, short name, cross-cutting)
DEPARTMENTS = [
    ("Public Protection Unit", "PPU", False),
    ("Force Intelligence", "Intel", False),
    ("Force Operations", "Ops", False),
    ("Force CID", "CID", False),
    ("West Midlands Counter Terrorism Unit", "WMCTU", False),
    ("Firearms", "Firearms", True),
    ("Regional Organised Crime Unit", "ROCU", True),
    ("Public Protection", "PP", False),
]

POSTS = ["ACC Security", "ACC Crime", "ACC Operations"]

# (name, slug, edition year that added it, owner short name, chief officer post, description)
THREATS = [
    (
        "Terrorism",
        "terrorism",
        2012,
        "WMCTU",
        "ACC Security",
        "Acts of terrorism within or affecting the United Kingdom.",
    ),
    (
        "Serious and Organised Crime",
        "serious-organised-crime",
        2012,
        "CID",
        "ACC Crime",
        "Organised criminality that causes serious harm, including across force boundaries.",
    ),
    (
        "Public Order",
        "public-order",
        2012,
        "Ops",
        "ACC Operations",
        "Threats to public order or public safety that cannot be managed by a single force.",
    ),
    (
        "Civil Emergencies",
        "civil-emergencies",
        2012,
        "Ops",
        "ACC Operations",
        "Civil emergencies that need a national or multi-force response.",
    ),
    (
        "National Cyber Security Incident",
        "cyber",
        2012,
        "Intel",
        "ACC Crime",
        "A large-scale cyber incident affecting the United Kingdom.",
    ),
    (
        "Child Sexual Abuse",
        "child-sexual-abuse",
        2015,
        "PPU",
        "ACC Crime",
        "Child sexual abuse, including child sexual exploitation, added by the 2015 SPR.",
    ),
    (
        "Violence Against Women and Girls",
        "vawg",
        2023,
        "PP",
        "ACC Crime",
        "Violence against women and girls, added by the 2023 SPR.",
    ),
    (
        "Public Disorder",
        "public-disorder",
        2023,
        "Ops",
        "ACC Operations",
        "Public disorder that cannot be managed by a single force, as the 2023 SPR words it.",
    ),
]
# The 2023 SPR: Public Disorder succeeds Public Order (retired), and it words the cyber
# threat differently. (slug, successor's slug) and (slug, edition year, name).
SUCCESSIONS = [("public-order", "public-disorder")]
RENAMES = [("cyber", 2023, "National cyber event")]

# The force of the demo and of the reference paper, with a Police and Crime Commissioner.
FORCE_PROFILE = {
    "force_name": "West Midlands Police",
    "short_name": "WMP",
    "body_kind": "pcc",
    "body_name": "the Police and Crime Commissioner",
    "body_short_name": "the PCC",
    "office_name": "the Office of the Police and Crime Commissioner",
    "office_role_label": "PCC office",
    "board_name": "Strategic Policing and Crime Board",
    "default_marking": "OFFICIAL",
    "report_of": "Assistant Chief Constable (Security)",
    "contact_officer": "Alex Morgan, ACC Security, spr@example.police.uk",
    "paper_status": "For information",
    # Fictitious contacts: example.police.uk is no force's domain, and 0121 496 0xxx is
    # Ofcom's range of Birmingham numbers kept for drama.
    "support_team": "the Force SPR Support Desk",
    "support_email": "spr-support@example.police.uk",
    "support_phone": "0121 496 0472",
    "support_hours": "Monday to Friday, 8am to 6pm",
    "accessibility_email": "accessibility@example.police.uk",
    "dpo_email": "data.protection@example.police.uk",
    "dpo_phone": "0121 496 0518",
}

# A second force, whose policing body is a mayor with a deputy mayor for policing: tests switch
# to it to check that every page and paper speaks of the force in its own words.
MAYORAL_FORCE_PROFILE = {
    "force_name": "Greater Manchester Police",
    "short_name": "GMP",
    "body_kind": "mayor",
    "body_name": "the Mayor of Greater Manchester",
    "body_short_name": "the Mayor",
    "office_name": "the Office of the Deputy Mayor for Policing and Crime",
    "office_role_label": "Mayor's office",
    "board_name": "Police, Fire and Crime Panel",
    "default_marking": "OFFICIAL-SENSITIVE",
    "report_of": "Assistant Chief Constable (Specialist Operations)",
    "contact_officer": "Chris Lee, SPR coordinator, spr@example.gmp.police.uk",
    "paper_status": "For information",
    # A force that keeps its papers to the roles that need them, and publishes no telephone.
    "published_papers_open": False,
    "support_team": "the Information Services Desk",
    "support_email": "service.desk@example.gmp.police.uk",
    "dpo_email": "dpo@example.gmp.police.uk",
}

# username: (first name, last name, role, department short names, chief officer post)
ACCOUNTS = {
    "acc.security": ("Alex", "Morgan", Role.SPR_LEAD, [], "ACC Security"),
    "acc.crime": ("Sam", "Okafor", Role.CHIEF_OFFICER_LEAD, [], "ACC Crime"),
    "acc.operations": ("Jo", "Bennett", Role.CHIEF_OFFICER_LEAD, [], "ACC Operations"),
    "pcc.office": ("Priya", "Shah", Role.POLICING_BODY_OFFICE, [], None),
    "admin": ("Force", "IT", Role.ADMINISTRATOR, [], None),
    "lead.ppu": ("Rachel", "Hughes", Role.BUSINESS_LEAD, ["PPU"], None),
    "lead.intel": ("Daniel", "Price", Role.BUSINESS_LEAD, ["Intel"], None),
    "lead.ops": ("Helen", "Carter", Role.BUSINESS_LEAD, ["Ops"], None),
    "lead.cid": ("Mark", "Evans", Role.BUSINESS_LEAD, ["CID"], None),
    "lead.ctu": ("Imran", "Ali", Role.BUSINESS_LEAD, ["WMCTU"], None),
    "lead.pp": ("Laura", "Kaur", Role.BUSINESS_LEAD, ["PP"], None),
    # Cross-cutting departments: they own no threat, and write into the self-assessments
    # they are recorded as contributing to.
    "lead.firearms": ("Chris", "Lewis", Role.BUSINESS_LEAD, ["Firearms"], None),
    "lead.rocu": ("Nadia", "Begum", Role.BUSINESS_LEAD, ["ROCU"], None),
}


def seed_reference_data() -> None:
    editions = {}
    for year, title, published_on in EDITIONS:
        editions[year], _ = SprEdition.objects.get_or_create(
            year=year, defaults={"title": title, "published_on": published_on}
        )
    departments = {}
    for name, short_name, cross_cutting in DEPARTMENTS:
        departments[short_name], _ = Department.objects.get_or_create(
            short_name=short_name, defaults={"name": name, "cross_cutting": cross_cutting}
        )
    posts = {title: ChiefOfficerPost.objects.get_or_create(title=title)[0] for title in POSTS}
    for order, (name, slug, year, owner, post, description) in enumerate(THREATS, start=1):
        threat, _ = NationalThreat.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "display_order": order,
                "added_in": editions[year],
                "owning_department": departments[owner],
                "chief_officer_lead": posts[post],
            },
        )
        ThreatName.objects.get_or_create(
            threat=threat, edition=threat.added_in, defaults={"name": threat.name}
        )
    _seed_lineage(editions)
    seed_force_profile()


def seed_force_profile(values: dict = FORCE_PROFILE) -> ForceProfile:
    """The force profile, unless the administrator has set one already; a demo loaded before
    the profile held contacts gets the demo's (only those still blank or as the model starts
    them)."""
    profile = ForceProfile.objects.first()
    if profile is None:
        return ForceProfile.objects.create(**values)
    if profile.force_name == values["force_name"]:
        missing = {
            name: values[name]
            for name in CONTACT_FIELDS
            if name in values
            and getattr(profile, name) in {"", ForceProfile._meta.get_field(name).default}
        }
        if missing:
            ForceProfile.objects.filter(pk=profile.pk).update(**missing)
            profile.refresh_from_db()
    return profile


def _seed_lineage(editions) -> None:
    for old_slug, new_slug in SUCCESSIONS:
        old = NationalThreat.objects.get(slug=old_slug)
        new = NationalThreat.objects.get(slug=new_slug)
        if old.retired_in_id is None:
            old.retired_in = new.added_in
            old.save(update_fields=["retired_in"])
        if new.succeeds_id is None:
            new.succeeds = old
            new.save(update_fields=["succeeds"])
    for slug, year, name in RENAMES:
        ThreatName.objects.get_or_create(
            threat=NationalThreat.objects.get(slug=slug),
            edition=editions[year],
            defaults={"name": name},
        )


def missing_accounts() -> list[str]:
    existing = set(
        get_user_model().objects.filter(username__in=ACCOUNTS).values_list("username", flat=True)
    )
    return [username for username in ACCOUNTS if username not in existing]


def seed_accounts(*, password: str, reset_existing: bool) -> list[str]:
    """Create the demo accounts that do not exist yet; returns the usernames created.

    An existing account keeps its password unless `reset_existing`, so a second run never
    invalidates the password printed by the first.
    """
    User = get_user_model()
    created = []
    for username, (first, last, role, departments, post) in ACCOUNTS.items():
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.invalid"},
        )
        if was_created or reset_existing:
            user.set_password(password)
            if role == Role.ADMINISTRATOR:
                user.is_staff = True
            user.save()
        if was_created:
            created.append(username)
        # The portal's own role table, by its relation (threats imports no higher app).
        user.role_assignments.get_or_create(role=role.value)
        for short_name in departments:
            Department.objects.get(short_name=short_name).leads.add(user)
        if post:
            ChiefOfficerPost.objects.filter(title=post, holder__isnull=True).update(holder=user)
    return created
