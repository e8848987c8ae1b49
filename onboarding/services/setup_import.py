"""The set-up spreadsheet: a force's departments, chief officer posts, accounts with their roles
and the departments they lead, and who owns, leads and contributes to each threat, brought in
from one workbook (or one CSV file per table) in two steps.

`plan(tables, actor)` reads every row, checks it against the file and the database and says
what would change, writing nothing; `apply(plan, actor)` writes a plan without errors in one
transaction. A row in error stops the whole import (all or nothing); a file that changes
nothing writes nothing (a second import of the same file is "nothing to change").

What the import never does: delete anything (a department, post or account absent from the
file stays as it is); give or withdraw a guarded role (`GUARDED_ROLES`: given by hand on
Manage users only), change the importer's own account or a superuser's, or give roles to a
deactivated account (the rules of `accounts/services.py`, which gives every role).
"""

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from accounts.services import NOT_YOURSELF, user_roles_set
from assessments.models import Quarter
from audit.models import AuditAction
from audit.services import audit_record, model_update
from spr_portal.access import Can, require
from spr_portal.roles import GUARDED_ROLES, Role, roles_of
from spr_portal.spreadsheet_reading import Table
from threats.force_profile import ForceProfile
from threats.models import ChiefOfficerPost, Department, NationalThreat, SprEdition
from threats.naming import names_under

ADD, CHANGE, SAME = "add", "change", "same"
LIST_SEPARATOR = ";"  # between the departments or roles of one cell
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
FORMULA = re.compile(r"^=")


@dataclass(frozen=True)
class Column:
    name: str
    note: str
    required: bool = True


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: str  # the sheet's name in the template, the CSV file's name
    about: str
    columns: tuple[Column, ...]
    example: tuple[tuple[str, ...], ...]
    noun: str  # what one row is, for the dry run's table

    @property
    def first(self) -> str:
        return self.columns[0].name

    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


DEPARTMENTS = TableSpec(
    "departments",
    "Departments",
    "One row per department. A department is found again by its short name: change its "
    "name or cross-cutting on its row; a department not listed stays as it is.",
    (
        Column("Department", "The department's full name (each different)."),
        Column("Short name", "Up to 20 characters, each different: how the other sheets name it."),
        Column(
            "Cross-cutting",
            "Yes for a department that owns no threat but may contribute (e.g. Firearms); "
            "No or empty otherwise.",
            required=False,
        ),
    ),
    (("Public Protection", "PP", "No"), ("Firearms", "Firearms", "Yes")),
    "Department",
)
POSTS = TableSpec(
    "posts",
    "Chief officer posts",
    "One row per chief officer post (portfolio). The holder is named by e-mail: an account "
    "in the Accounts sheet or one already in the portal. Empty: the post is vacant.",
    (
        Column("Chief officer post", "The post's title, e.g. ACC Crime (each different)."),
        Column("Holder's e-mail", "The e-mail address of the post's holder.", required=False),
    ),
    (("ACC Crime", "jo.bloggs@example.police.uk"),),
    "Chief officer post",
)
THREATS = TableSpec(
    "threats",
    "Threats",
    "One row per national threat, named as the force's current SPR edition names it. "
    "Departments by short name (or full name); several contributing departments separated "
    "by semicolons. A threat not listed stays as it is.",
    (
        Column("Threat", "The threat's name in the current SPR edition."),
        Column("Owning department", "The department that owns the threat's self-assessment."),
        Column("Chief officer post", "The chief officer post that leads the threat."),
        Column(
            "Contributing departments",
            "Departments that contribute every quarter (not the owning one); "
            "separated by semicolons; may be empty.",
            required=False,
        ),
    ),
    (("Terrorism", "PP", "ACC Crime", "Firearms"),),
    "Threat",
)
ACCOUNTS = TableSpec(
    "accounts",
    "Accounts",
    "One row per person. An account is found again by its e-mail address (a new one is made "
    "with the e-mail as its username and no password: send the set-password link from Manage "
    "users, or sign in through single sign-on). Roles are set to exactly those listed; the "
    "SPR lead and Administrator roles are given by hand on Manage users, never here.",
    (
        Column("E-mail", "The person's e-mail address (each different)."),
        Column("Name", "First name and last name."),
        Column(
            "Roles",
            "Separated by semicolons: Business lead, Chief officer lead, Policing body office "
            "(or the force's own word for it).",
            required=False,
        ),
        Column(
            "Leads departments",
            "The departments whose business lead they are, by short name; separated by "
            "semicolons (needs the Business lead role).",
            required=False,
        ),
    ),
    (("jo.bloggs@example.police.uk", "Jo Bloggs", "Chief officer lead", ""),),
    "Person",
)
# In the order they are checked and written: each may name what the ones before it hold.
SPECS = (DEPARTMENTS, ACCOUNTS, POSTS, THREATS)
HEADER_STARTS = frozenset(spec.first for spec in SPECS)


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    message: str

    def __str__(self):
        where = f"{self.sheet}, row {self.row}" if self.row else self.sheet
        return f"{where}: {self.message}"


@dataclass
class Item:
    """One row's outcome: added, changed (each field old → new) or unchanged."""

    row: int
    label: str
    status: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Section:
    spec: TableSpec
    sheet: str  # the sheet's (or CSV file's) own name
    items: list[Item] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)

    @property
    def added(self) -> int:
        return self.count(ADD)

    @property
    def changed(self) -> int:
        return self.count(CHANGE)

    @property
    def unchanged(self) -> int:
        return self.count(SAME)


@dataclass
class Plan:
    edition: SprEdition | None
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # sheets with none of the tables
    # What apply() writes, resolved by the rows' keys.
    departments: list[dict] = field(default_factory=list)
    accounts: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    threats: list[dict] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def changes_anything(self) -> bool:
        return any(s.added or s.changed for s in self.sections)

    def fingerprint(self) -> str:
        """What the dry run showed, as a digest: the confirmation imports the file only if
        checking it again shows the same (nobody changed the portal in between)."""
        shown = [
            [s.spec.key, [[i.row, i.label, i.status, i.changes] for i in s.items]]
            for s in self.sections
        ]
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()

    def counts(self) -> str:
        parts = [
            f"{s.spec.title.lower()}: {s.added} added, {s.changed} changed, {s.unchanged} unchanged"
            for s in self.sections
        ]
        return "; ".join(parts) or "no tables"


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _names(values: Iterable) -> str:
    return ", ".join(sorted(str(v) for v in values)) or "none"


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class _Reader:
    """The plan, row by row: each check adds a Problem naming the sheet and row."""

    def __init__(self, tables: list[Table], actor):
        self.actor = actor
        self.plan = Plan(edition=current_edition())
        self.tables: dict[str, Table] = {}
        for table in tables:
            spec = next((s for s in SPECS if table.columns[:1] == [s.first]), None)
            if spec is None:
                if table.columns or table.rows:
                    self.plan.ignored.append(table.name)
                continue
            if spec.key in self.tables:
                self.problem(
                    table.name, None, f"a second {spec.title} table: the file may hold one"
                )
                continue
            missing = [c.name for c in spec.columns if c.name not in table.columns]
            if missing:
                self.problem(table.name, None, f"no column {', '.join(missing)}")
                continue
            self.tables[spec.key] = table
        if not self.tables and not self.plan.problems:
            self.problem(
                "The file",
                None,
                "it holds none of the set-up tables: each needs its column names in one row, "
                f"starting with {', '.join(sorted(HEADER_STARTS))}",
            )
        # Known by the database, then by the file as it is read.
        self.departments = {d.short_name.casefold(): d for d in Department.objects.all()}
        self.department_names = {d.name.casefold(): d for d in self.departments.values()}
        self.file_departments: dict[str, dict] = {}  # short name (casefolded) → row
        self.users = {}
        for user in get_user_model().objects.exclude(email=""):
            self.users.setdefault(user.email.casefold(), user)
        self.file_accounts: dict[str, dict] = {}
        self.posts = {p.title.casefold(): p for p in ChiefOfficerPost.objects.all()}
        self.file_posts: dict[str, dict] = {}
        label = ForceProfile.current().role_label
        self.role_words = {}
        for role in Role:
            self.role_words[role.value.casefold()] = role
            self.role_words[str(label(role)).casefold()] = role
        self.role_label = label

    def problem(self, sheet, row, message):
        self.plan.problems.append(Problem(sheet, row, message))

    def rows(self, spec: TableSpec):
        table = self.tables.get(spec.key)
        if table is None:
            return None, []
        section = Section(spec=spec, sheet=table.name)
        self.plan.sections.append(section)
        rows = []
        for row in table.rows:
            formulas = [c for c in spec.column_names() if FORMULA.match(row.get(c))]
            if formulas:
                self.problem(
                    table.name,
                    row.number,
                    f"{', '.join(formulas)} holds a formula ({row.get(formulas[0])}): type the "
                    "value itself (formulas are read as text, never worked out)",
                )
                continue
            empty = [c.name for c in spec.columns if c.required and not row.get(c.name)]
            if empty:
                self.problem(table.name, row.number, f"{', '.join(empty)} is empty")
                continue
            rows.append(row)
        return section, rows

    # Departments -----------------------------------------------------------------------

    def department_of(self, sheet, row, word: str):
        """A department named by short name or name: (key, label) or None (a problem)."""
        key = word.casefold()
        if key in self.file_departments:
            return key, self.file_departments[key]["short_name"]
        for short, entry in self.file_departments.items():
            if entry["name"].casefold() == key:
                return short, entry["short_name"]
        department = self.departments.get(key) or self.department_names.get(key)
        if department is not None:
            return department.short_name.casefold(), department.short_name
        self.problem(sheet, row.number, f"“{word}” is not a department (by short name or name)")
        return None

    def cross_cutting(self, key: str) -> bool:
        """As the Departments sheet says, else as the portal holds it."""
        if key in self.file_departments:
            return self.file_departments[key]["cross_cutting"]
        return self.departments[key].cross_cutting

    def read_departments(self):
        section, rows = self.rows(DEPARTMENTS)
        names_seen: dict[str, int] = {}
        for row in rows:
            name, short = row.get("Department"), row.get("Short name")
            cross = row.get("Cross-cutting").casefold()
            where = (section.sheet, row.number)
            if cross not in YES | NO:
                self.problem(*where, f"Cross-cutting is “{row.get('Cross-cutting')}”: Yes or No")
                continue
            if len(short) > 20 or len(name) > 120:
                self.problem(*where, "Short name up to 20 characters, Department up to 120")
                continue
            key = short.casefold()
            if key in self.file_departments:
                first = self.file_departments[key]["row"]
                self.problem(*where, f"the short name {short} is on row {first} too")
                continue
            if name.casefold() in names_seen:
                self.problem(*where, f"{name} is on row {names_seen[name.casefold()]} too")
                continue
            names_seen[name.casefold()] = row.number
            existing = self.departments.get(key)
            owner = self.department_names.get(name.casefold())
            if owner is not None and owner != existing:
                self.problem(*where, f"{name} is the name of the department {owner.short_name}")
                continue
            entry = {
                "row": row.number,
                "name": name,
                "short_name": existing.short_name if existing else short,
                "cross_cutting": cross in YES,
                "existing": existing,
            }
            self.file_departments[key] = entry
            self.plan.departments.append(entry)
            if existing is None:
                section.items.append(
                    Item(
                        row.number,
                        f"{name} ({short})",
                        ADD,
                        [("Cross-cutting", "", _yes_no(cross in YES))],
                    )
                )
                continue
            changes = []
            if existing.name != name:
                changes.append(("Name", existing.name, name))
            if existing.cross_cutting != entry["cross_cutting"]:
                changes.append(
                    (
                        "Cross-cutting",
                        _yes_no(existing.cross_cutting),
                        _yes_no(entry["cross_cutting"]),
                    )
                )
            section.items.append(
                Item(
                    row.number,
                    f"{name} ({existing.short_name})",
                    CHANGE if changes else SAME,
                    changes,
                )
            )

    # Accounts --------------------------------------------------------------------------

    def read_accounts(self):
        section, rows = self.rows(ACCOUNTS)
        for row in rows:
            where = (section.sheet, row.number)
            email, name = row.get("E-mail").strip(), " ".join(row.get("Name").split())
            try:
                validate_email(email)
            except ValidationError:
                self.problem(*where, f"“{email}” is not an e-mail address")
                continue
            key = email.casefold()
            if key in self.file_accounts:
                self.problem(*where, f"{email} is on row {self.file_accounts[key]['row']} too")
                continue
            roles, bad = set(), []
            for word in _split(row.get("Roles")):
                role = self.role_words.get(word.casefold())
                if role is None:
                    bad.append(word)
                else:
                    roles.add(role)
            if bad:
                words = ", ".join(str(self.role_label(r)) for r in Role if r not in GUARDED_ROLES)
                self.problem(*where, f"“{'”, “'.join(bad)}” is not a role: use {words}")
                continue
            leads, ok = set(), True
            for word in _split(row.get("Leads departments")):
                found = self.department_of(section.sheet, row, word)
                if found is None:
                    ok = False
                else:
                    leads.add(found)
            if not ok:
                continue
            user = self.users.get(key)
            held = set(roles_of(user)) if user is not None else set()
            guarded = {r for r in roles & GUARDED_ROLES if r not in held}
            if guarded:
                self.problem(
                    *where,
                    f"the {_names(self.role_label(r) for r in guarded)} role is given by hand on "
                    "Manage users, never by a spreadsheet",
                )
                continue
            # Guarded roles already held stay: the import neither gives nor withdraws them.
            roles |= held & GUARDED_ROLES
            if leads and Role.BUSINESS_LEAD not in roles:
                self.problem(*where, "leads departments but has not the Business lead role")
                continue
            first, _, last = name.partition(" ")
            if len(first) > 150 or len(last) > 150 or len(email) > 150:
                self.problem(*where, "the name or e-mail is longer than 150 characters")
                continue
            led_now = (
                {d.short_name.casefold(): d.short_name for d in user.led_departments.all()}
                if user is not None
                else {}
            )
            led_new = dict(leads)
            entry = {
                "row": row.number,
                "email": email,
                "first_name": first,
                "last_name": last,
                "roles": roles,
                "leads": set(led_new),
                "user": user,
            }
            label = f"{name} ({email})"
            if user is None:
                try:
                    get_user_model().username_validator(email.casefold())
                except ValidationError:
                    self.problem(
                        *where,
                        f"{email} cannot be an account's username (letters, digits and "
                        "@ . + - _ only)",
                    )
                    continue
                if get_user_model().objects.filter(username__iexact=email).exists():
                    self.problem(*where, f"an account's username is already {email}")
                    continue
                self.file_accounts[key] = entry
                self.plan.accounts.append(entry)
                section.items.append(
                    Item(
                        row.number,
                        label,
                        ADD,
                        [
                            ("Roles", "", _names(self.role_label(r) for r in roles)),
                            ("Leads", "", _names(led_new.values())),
                        ],
                    )
                )
                continue
            changes = []
            if (user.first_name, user.last_name) != (first, last):
                changes.append(("Name", user.get_full_name(), name))
            if roles != held:
                changes.append(
                    (
                        "Roles",
                        _names(self.role_label(r) for r in held),
                        _names(self.role_label(r) for r in roles),
                    )
                )
            if set(led_now) != set(led_new):
                changes.append(("Leads", _names(led_now.values()), _names(led_new.values())))
            if changes and user.pk == self.actor.pk:
                self.problem(*where, f"this is your own account. {NOT_YOURSELF}")
                continue
            if changes and user.is_superuser:
                self.problem(*where, "a superuser's account is managed on the server, not here")
                continue
            if roles != held and not user.is_active:
                self.problem(*where, "the account is deactivated: reactivate it first")
                continue
            self.file_accounts[key] = entry
            self.plan.accounts.append(entry)
            section.items.append(Item(row.number, label, CHANGE if changes else SAME, changes))

    def account_of(self, sheet, row, email: str):
        key = email.casefold()
        if key in self.file_accounts:
            return key
        if key in self.users:
            return key
        self.problem(sheet, row.number, f"{email} is neither in the Accounts sheet nor an account")
        return None

    # Chief officer posts ---------------------------------------------------------------

    def read_posts(self):
        section, rows = self.rows(POSTS)
        for row in rows:
            where = (section.sheet, row.number)
            title, email = row.get("Chief officer post"), row.get("Holder's e-mail")
            key = title.casefold()
            if len(title) > 80:
                self.problem(*where, "the post's title is longer than 80 characters")
                continue
            if key in self.file_posts:
                self.problem(*where, f"{title} is on row {self.file_posts[key]['row']} too")
                continue
            holder = None
            if email:
                holder = self.account_of(section.sheet, row, email)
                if holder is None:
                    continue
            existing = self.posts.get(key)
            entry = {
                "row": row.number,
                "title": existing.title if existing else title,
                "holder": holder,
                "existing": existing,
            }
            self.file_posts[key] = entry
            self.plan.posts.append(entry)
            new_holder = email or "vacant"
            if existing is None:
                section.items.append(Item(row.number, title, ADD, [("Holder", "", new_holder)]))
                continue
            old = existing.holder.email if existing.holder_id else ""
            changes = []
            if old.casefold() != (email or "").casefold():
                changes.append(("Holder", old or "vacant", new_holder))
            section.items.append(
                Item(row.number, existing.title, CHANGE if changes else SAME, changes)
            )

    def post_of(self, sheet, row, title: str):
        key = title.casefold()
        if key in self.file_posts or key in self.posts:
            return key
        self.problem(sheet, row.number, f"“{title}” is not a chief officer post")
        return None

    # Threats ---------------------------------------------------------------------------

    def read_threats(self):
        section, rows = self.rows(THREATS)
        if section is None:
            return
        edition = self.plan.edition
        if edition is None:
            self.problem(
                section.sheet, None, "no SPR edition is loaded yet: load the editions first"
            )
            return
        names = names_under(edition)
        in_force = {t.pk: t for t in edition.threats().prefetch_related("contributing_departments")}
        by_name = {names[pk].casefold(): threat for pk, threat in in_force.items()}
        seen: dict[int, int] = {}
        for row in rows:
            where = (section.sheet, row.number)
            word = row.get("Threat")
            threat = by_name.get(" ".join(word.split()).casefold())
            if threat is None:
                known = "; ".join(sorted(names[pk] for pk in in_force))
                self.problem(*where, f"“{word}” is not a threat of the {edition}: {known}")
                continue
            if threat.pk in seen:
                self.problem(*where, f"{names[threat.pk]} is on row {seen[threat.pk]} too")
                continue
            seen[threat.pk] = row.number
            owner = self.department_of(section.sheet, row, row.get("Owning department"))
            post = self.post_of(section.sheet, row, row.get("Chief officer post"))
            contributors, ok = {}, owner is not None and post is not None
            if owner is not None and self.cross_cutting(owner[0]):
                self.problem(
                    *where, f"{owner[1]} is cross-cutting: it contributes, it owns no threat"
                )
                ok = False
            for part in _split(row.get("Contributing departments")):
                found = self.department_of(section.sheet, row, part)
                if found is None:
                    ok = False
                elif owner is not None and found[0] == owner[0]:
                    self.problem(*where, f"{found[1]} owns the threat: it cannot contribute too")
                    ok = False
                else:
                    contributors[found[0]] = found[1]
            if not ok:
                continue
            self.plan.threats.append(
                {
                    "row": row.number,
                    "threat": threat,
                    "owner": owner[0],
                    "post": post,
                    "contributors": set(contributors),
                }
            )
            old_post = threat.chief_officer_lead.title if threat.chief_officer_lead_id else ""
            new_post = (self.file_posts.get(post) or {}).get("title") or self.posts[post].title
            old_contributors = {d.short_name for d in threat.contributing_departments.all()}
            changes = []
            old_owner = threat.owning_department.short_name if threat.owning_department_id else ""
            if old_owner.casefold() != owner[0]:
                changes.append(("Owning department", old_owner, owner[1]))
            if old_post.casefold() != post:
                changes.append(("Chief officer post", old_post, new_post))
            if {c.casefold() for c in old_contributors} != set(contributors):
                changes.append(
                    (
                        "Contributing departments",
                        _names(old_contributors),
                        _names(contributors.values()),
                    )
                )
            section.items.append(
                Item(row.number, names[threat.pk], CHANGE if changes else SAME, changes)
            )


def current_edition() -> SprEdition | None:
    """The edition the force works under now: the current quarter's, else the latest
    loaded."""
    quarter = Quarter.objects.select_related("edition").current()
    if quarter is not None:
        return quarter.edition
    return SprEdition.objects.order_by("-year").first()


def plan(tables: list[Table], actor) -> Plan:
    """What importing these tables would change, and every row in error. Writes nothing."""
    require(actor, Can.SET_UP_FORCE)
    reader = _Reader(tables, actor)
    reader.read_departments()
    reader.read_accounts()
    reader.read_posts()
    reader.read_threats()
    return reader.plan


class ImportRefused(ValidationError):
    """The plan has problems (or the database changed under it): nothing was written."""


def apply(the_plan: Plan, actor, *, filename: str, sha256: str) -> Plan:
    """Write the plan in one transaction; audited once for the import and once per object
    changed. A plan with problems is refused whole."""
    require(actor, Can.SET_UP_FORCE)
    if not the_plan.is_valid:
        raise ImportRefused([str(p) for p in the_plan.problems])
    if not the_plan.changes_anything:
        return the_plan
    try:
        with transaction.atomic():
            _write(the_plan, actor)
            audit_record(
                actor=actor,
                action=AuditAction.SETUP_IMPORTED,
                summary=f"{filename}, SHA-256 {sha256}: {the_plan.counts()}",
            )
    except (IntegrityError, PermissionDenied, ValidationError) as error:
        raise ImportRefused(
            f"Nothing was imported: the portal changed while you checked the file ({error}). "
            "Upload it again."
        ) from error
    return the_plan


def _write(the_plan: Plan, actor) -> None:
    departments = {d.short_name.casefold(): d for d in Department.objects.select_for_update()}
    for entry in the_plan.departments:
        existing = entry["existing"]
        data = {"name": entry["name"], "cross_cutting": entry["cross_cutting"]}
        if existing is None:
            department = Department(short_name=entry["short_name"], **data)
            department.full_clean()
            department.save()
            audit_record(
                actor=actor,
                action=AuditAction.SETUP_ADDED,
                obj=department,
                summary=f"Department {department.name} ({department.short_name}); "
                f"cross-cutting: {_yes_no(department.cross_cutting)}",
            )
            departments[department.short_name.casefold()] = department
            continue
        department = departments[existing.short_name.casefold()]
        update = model_update(
            instance=department,
            fields=["name", "cross_cutting"],
            data=data,
            labels={"cross_cutting": "Cross-cutting"},
        )
        if update.changed:
            audit_record(
                actor=actor,
                action=AuditAction.SETUP_CHANGED,
                obj=department,
                summary=update.summary,
            )
    users = {}
    for user in get_user_model().objects.exclude(email=""):
        users.setdefault(user.email.casefold(), user)
    # Each department's named business leads now, then as the Accounts rows say (one query).
    led_before: dict[str, set] = {key: set() for key in departments}
    for link in Department.leads.through.objects.select_related("user", "department"):
        led_before[link.department.short_name.casefold()].add(link.user)
    leads_of_department = {key: set(people) for key, people in led_before.items()}
    for entry in the_plan.accounts:
        user = entry["user"]
        if user is None:
            user = get_user_model()(
                username=entry["email"].casefold(),
                email=entry["email"],
                first_name=entry["first_name"],
                last_name=entry["last_name"],
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            audit_record(
                actor=actor,
                action=AuditAction.ACCOUNT_CREATED,
                obj=user,
                summary=f"By the set-up spreadsheet, {entry['email']}; no password until the "
                "person sets one",
            )
        else:
            user = get_user_model().objects.select_for_update().get(pk=user.pk)
            update = model_update(
                instance=user,
                fields=["first_name", "last_name"],
                data={"first_name": entry["first_name"], "last_name": entry["last_name"]},
            )
            if update.changed:
                audit_record(
                    actor=actor,
                    action=AuditAction.ACCOUNT_CHANGED,
                    obj=user,
                    summary=update.summary,
                )
        users[entry["email"].casefold()] = user
        user._spr_roles = None
        if set(roles_of(user)) != entry["roles"]:
            user_roles_set(user=user, roles=entry["roles"], actor=actor)
        for key, leads in leads_of_department.items():
            if key in entry["leads"]:
                leads.add(user)
            else:
                leads.discard(user)
    for key, leads in leads_of_department.items():
        department = departments[key]
        before = led_before[key]
        if before != leads:
            department.leads.set(leads)
            audit_record(
                actor=actor,
                action=AuditAction.SETUP_CHANGED,
                obj=department,
                summary=f"Business leads: {_names(u.email or u.username for u in before)} → "
                f"{_names(u.email or u.username for u in leads)}",
            )
    posts = {p.title.casefold(): p for p in ChiefOfficerPost.objects.select_for_update()}
    for entry in the_plan.posts:
        holder = users.get(entry["holder"]) if entry["holder"] else None
        post = posts.get(entry["title"].casefold())
        if post is None:
            post = ChiefOfficerPost(title=entry["title"], holder=holder)
            post.full_clean()
            post.save()
            posts[post.title.casefold()] = post
            audit_record(
                actor=actor,
                action=AuditAction.SETUP_ADDED,
                obj=post,
                summary=f"Chief officer post {post.title}; holder: "
                + (holder.email if holder else "vacant"),
            )
            continue
        update = model_update(instance=post, fields=["holder"], data={"holder": holder})
        if update.changed:
            audit_record(
                actor=actor, action=AuditAction.SETUP_CHANGED, obj=post, summary=update.summary
            )
    for entry in the_plan.threats:
        threat = NationalThreat.objects.select_for_update().get(pk=entry["threat"].pk)
        update = model_update(
            instance=threat,
            fields=["owning_department", "chief_officer_lead"],
            data={
                "owning_department": departments[entry["owner"]],
                "chief_officer_lead": posts[entry["post"]],
            },
            validate_data_only=True,  # the threat's other rules are the admin's, unchanged
        )
        summary = [update.summary] if update.changed else []
        before = set(threat.contributing_departments.all())
        after = {departments[key] for key in entry["contributors"]}
        if before != after:
            threat.contributing_departments.set(after)
            summary.append(f"Contributing departments: {_names(before)} → {_names(after)}")
        if summary:
            audit_record(
                actor=actor,
                action=AuditAction.SETUP_CHANGED,
                obj=threat,
                threat=threat,
                summary="; ".join(summary),
            )
