"""The set-up spreadsheet (onboarding/services/setup_import.py and its pages): real XLSX and
CSV files built here, each bad one refused whole with its sheet, row and reason, the database
left exactly as it was; the dry run writes nothing; a second import changes nothing; the
example force's file imports cleanly."""

import csv
import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from accounts.models import RoleAssignment, RoleChange
from assessments.services import assessment_start
from audit.models import AuditAction, AuditEvent
from onboarding import examples
from onboarding.services import setup_import
from onboarding.setup_template import template_xlsx
from spr_portal.roles import Role, roles_of
from spr_portal.spreadsheet_reading import MAX_UPLOAD_BYTES, UnreadableFile, read_tables
from tests.factories import UserFactory, owning_lead
from threats.demo import seed_reference_data
from threats.models import ChiefOfficerPost, Department, NationalThreat

pytestmark = pytest.mark.django_db

HEADERS = {spec.key: spec.column_names() for spec in setup_import.SPECS}
TITLES = {spec.key: spec.title for spec in setup_import.SPECS}


def workbook(**tables) -> bytes:
    """An .xlsx file with a sheet per table given (rows under the template's column names),
    written with openpyxl as a spreadsheet program would."""
    book = Workbook()
    book.remove(book.active)
    for key, rows in tables.items():
        sheet = book.create_sheet(TITLES[key])
        sheet.append(["OFFICIAL-SENSITIVE"])
        sheet.append(HEADERS[key])
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_file(key: str, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS[key])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def state() -> dict:
    """Everything the import may write, as comparable values."""
    users = get_user_model().objects.order_by("pk")
    return {
        "departments": list(
            Department.objects.order_by("pk").values_list(
                "pk", "name", "short_name", "cross_cutting"
            )
        ),
        "leads": sorted(Department.leads.through.objects.values_list("department_id", "user_id")),
        "users": list(
            users.values_list("pk", "username", "email", "first_name", "last_name", "is_staff")
        ),
        "roles": sorted(RoleAssignment.objects.values_list("user_id", "role")),
        "role_changes": RoleChange.objects.count(),
        "posts": list(
            ChiefOfficerPost.objects.order_by("pk").values_list("pk", "title", "holder_id")
        ),
        "threats": list(
            NationalThreat.objects.order_by("pk").values_list(
                "pk", "owning_department_id", "chief_officer_lead_id"
            )
        ),
        "contributors": sorted(
            NationalThreat.contributing_departments.through.objects.values_list(
                "nationalthreat_id", "department_id"
            )
        ),
        "audit": AuditEvent.objects.count(),
    }


def plan_of(data: bytes, filename: str, actor):
    tables = read_tables(data, filename, header_starts=setup_import.HEADER_STARTS)
    return setup_import.plan(tables, actor)


def import_file(data: bytes, filename: str, actor):
    the_plan = plan_of(data, filename, actor)
    sha = hashlib.sha256(data).hexdigest()
    return setup_import.apply(the_plan, actor, filename=filename, sha256=sha)


@pytest.fixture
def admin(administrator):
    return administrator


@pytest.fixture
def reference(db):
    """The editions and their threats (the demo's reference data), as a new force has them."""
    seed_reference_data()


# The example force ---------------------------------------------------------------------


def test_the_example_file_imports_cleanly_then_changes_nothing(reference, admin):
    data = examples.__file__ and open_example()
    first = plan_of(data, "force-setup.xlsx", admin)
    assert first.problems == []
    counts = {s.spec.key: (s.added, s.changed, s.unchanged) for s in first.sections}
    assert counts == {
        "departments": (8, 0, 0),
        "accounts": (15, 0, 0),
        "posts": (3, 0, 0),
        # The demo's threats change hands: every one of the seven gets a Northshire owner.
        "threats": (0, 7, 0),
    }
    import_file(data, "force-setup.xlsx", admin)
    vawg = NationalThreat.objects.get(slug="vawg")
    assert vawg.owning_department.short_name == "PPC"
    assert vawg.chief_officer_lead.title == "ACC Crime and Public Protection"
    assert vawg.chief_officer_lead.holder.email == f"ruth.ashdown@{examples.DOMAIN}"
    terrorism = NationalThreat.objects.get(slug="terrorism")
    assert {d.short_name for d in terrorism.contributing_departments.all()} == {"ARM", "INB"}
    claire = get_user_model().objects.get(email=f"claire.dunmore@{examples.DOMAIN}")
    assert claire.username == claire.email
    assert not claire.has_usable_password()
    assert roles_of(claire) == {Role.BUSINESS_LEAD}
    assert {d.short_name for d in claire.led_departments.all()} == {"OPR", "POE"}
    assert Department.objects.get(short_name="ARM").cross_cutting
    # The audit trail: one row for the import with its file's SHA-256 and counts, and one per
    # object as the services write them.
    (row,) = AuditEvent.objects.filter(action=AuditAction.SETUP_IMPORTED)
    assert hashlib.sha256(data).hexdigest() in row.summary
    assert "departments: 8 added, 0 changed, 0 unchanged" in row.summary
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CREATED).count() == 15
    assert AuditEvent.objects.filter(action=AuditAction.ROLES_CHANGED).count() == 15
    assert AuditEvent.objects.filter(action=AuditAction.SETUP_ADDED).count() == 8 + 3

    before = state()
    again = plan_of(data, "force-setup.xlsx", admin)
    assert again.problems == [] and not again.changes_anything
    assert all(s.added == s.changed == 0 for s in again.sections)
    import_file(data, "force-setup.xlsx", admin)
    assert state() == before


def open_example() -> bytes:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "docs/examples/force-setup.xlsx").read_bytes()


def test_the_committed_example_is_what_the_script_writes(reference, admin):
    """The committed workbook holds the rows of onboarding/examples.py (regenerated by
    scripts/make_setup_example.py): read back, the same tables."""
    committed = read_tables(
        open_example(), "force-setup.xlsx", header_starts=setup_import.HEADER_STARTS
    )
    fresh = read_tables(
        examples.setup_example_xlsx(), "force-setup.xlsx", header_starts=setup_import.HEADER_STARTS
    )
    assert [(t.name, t.columns, [r.cells for r in t.rows]) for t in committed] == [
        (t.name, t.columns, [r.cells for r in t.rows]) for t in fresh
    ]


def test_the_example_csv_files_import_one_by_one_in_order(reference, admin):
    for name, content in examples.setup_example_csvs().items():
        import_file(content, name, admin)
    assert Department.objects.filter(short_name__in=["PPC", "ARM"]).count() == 2
    assert NationalThreat.objects.get(slug="cyber").owning_department.short_name == "CCU"
    before = state()
    for name, content in examples.setup_example_csvs().items():
        assert not plan_of(content, name, admin).changes_anything
    assert state() == before


def test_the_template_imports_as_nothing(reference, admin):
    """The template's notes and examples sit above the column names: the empty template has
    tables and no rows (nothing to change), never the example rows."""
    the_plan = plan_of(template_xlsx(), "template.xlsx", admin)
    assert the_plan.problems == []
    assert [s.spec.key for s in the_plan.sections] == [
        "departments",
        "accounts",
        "posts",
        "threats",
    ]
    assert not the_plan.changes_anything


# Changes and the dry run -----------------------------------------------------------------


def test_the_dry_run_says_old_and_new_and_writes_nothing(
    admin, threat, department, other_department
):
    data = workbook(
        departments=[("Public Protection", "PPU", "Yes"), ("Firearms", "FA", "Yes")],
        threats=[("Child Sexual Abuse", "CID", "ACC Crime", "FA")],
    )
    before = state()
    the_plan = plan_of(data, "set-up.xlsx", admin)
    assert state() == before
    deps, threats = the_plan.sections[0], the_plan.sections[1]
    assert [(i.label, i.status, i.changes) for i in deps.items] == [
        (
            "Public Protection (PPU)",
            setup_import.CHANGE,
            [
                ("Name", "Public Protection Unit", "Public Protection"),
                ("Cross-cutting", "No", "Yes"),
            ],
        ),
        ("Firearms (FA)", setup_import.ADD, [("Cross-cutting", "", "Yes")]),
    ]
    assert threats.items[0].changes == [
        ("Owning department", "PPU", "CID"),
        ("Contributing departments", "none", "FA"),
    ]
    import_file(data, "set-up.xlsx", admin)
    threat.refresh_from_db()
    assert threat.owning_department == other_department
    assert [d.short_name for d in threat.contributing_departments.all()] == ["FA"]
    changed = AuditEvent.objects.get(
        action=AuditAction.SETUP_CHANGED, object_type="department", object_id=department.pk
    )
    assert (
        changed.summary
        == "Name: Public Protection Unit → Public Protection; Cross-cutting: False → True"
    )


def test_roles_are_set_through_manage_users_service_and_keep_guarded_ones(
    admin, spr_lead, department
):
    spr_lead.email = "spr@example.invalid"
    spr_lead.save()
    data = workbook(
        accounts=[
            ("spr@example.invalid", "Sam Reid", "SPR lead; Business lead", "PPU"),
            ("new.person@example.invalid", "New Person", "Policing body office", ""),
        ]
    )
    import_file(data, "set-up.xlsx", admin)
    assert roles_of(get_user_model().objects.get(pk=spr_lead.pk)) == {
        Role.SPR_LEAD,
        Role.BUSINESS_LEAD,
    }
    assert spr_lead in department.leads.all()
    person = get_user_model().objects.get(email="new.person@example.invalid")
    assert roles_of(person) == {Role.POLICING_BODY_OFFICE}
    assert RoleChange.objects.filter(
        user=person, actor=admin, role=Role.POLICING_BODY_OFFICE
    ).exists()
    # Listed without the SPR lead role: the import withdraws no guarded role.
    import_file(
        workbook(accounts=[("spr@example.invalid", "Sam Reid", "Business lead", "PPU")]),
        "set-up.xlsx",
        admin,
    )
    assert Role.SPR_LEAD in roles_of(get_user_model().objects.get(pk=spr_lead.pk))


def test_a_new_threat_self_assessment_starts_with_the_standing_contributors(
    admin, threat, quarter, other_department
):
    import_file(
        workbook(threats=[("Child Sexual Abuse", "PPU", "ACC Crime", "CID")]), "set-up.xlsx", admin
    )
    threat.refresh_from_db()
    assessment = assessment_start(threat=threat, quarter=quarter, actor=owning_lead(threat))
    assert list(assessment.contributing_departments.all()) == [other_department]
    started = AuditEvent.objects.get(action=AuditAction.ASSESSMENT_STARTED)
    assert started.summary == "Not started → Draft; contributing departments: Force CID"


# Bad input: refused whole, with sheet, row and reason ---------------------------------------


def bad_cases():
    return {
        "unknown threat": (
            workbook(threats=[("Cyber things", "PPU", "ACC Crime", "")]),
            "Threats, row 3: “Cyber things” is not a threat of the Strategic Policing "
            "Requirement 2015",
        ),
        "unknown department": (
            workbook(threats=[("Child Sexual Abuse", "NOPE", "ACC Crime", "")]),
            "Threats, row 3: “NOPE” is not a department (by short name or name)",
        ),
        "unknown post": (
            workbook(threats=[("Child Sexual Abuse", "PPU", "ACC Nobody", "")]),
            "Threats, row 3: “ACC Nobody” is not a chief officer post",
        ),
        "owner contributes": (
            workbook(threats=[("Child Sexual Abuse", "PPU", "ACC Crime", "PPU")]),
            "Threats, row 3: PPU owns the threat: it cannot contribute too",
        ),
        "cross-cutting owner": (
            workbook(
                departments=[("Firearms", "FA", "Yes")],
                threats=[("Child Sexual Abuse", "FA", "ACC Crime", "")],
            ),
            "Threats, row 3: FA is cross-cutting: it contributes, it owns no threat",
        ),
        "unknown role word": (
            workbook(accounts=[("a.b@example.invalid", "A B", "Boss", "")]),
            "Accounts, row 3: “Boss” is not a role",
        ),
        "duplicate short name": (
            workbook(departments=[("One", "X1", "No"), ("Two", "x1", "No")]),
            "Departments, row 4: the short name x1 is on row 3 too",
        ),
        "name of another department": (
            workbook(departments=[("Public Protection Unit", "NEW", "No")]),
            "Departments, row 3: Public Protection Unit is the name of the department PPU",
        ),
        "bad cross-cutting": (
            workbook(departments=[("One", "X1", "Maybe")]),
            "Departments, row 3: Cross-cutting is “Maybe”: Yes or No",
        ),
        "bad e-mail": (
            workbook(accounts=[("not-an-address", "A B", "Business lead", "")]),
            "Accounts, row 3: “not-an-address” is not an e-mail address",
        ),
        "e-mail that cannot be a username": (
            workbook(accounts=[("o'brien@example.invalid", "Pat O'Brien", "Business lead", "")]),
            "Accounts, row 3: o'brien@example.invalid cannot be an account's username",
        ),
        "guarded role": (
            workbook(accounts=[("a.b@example.invalid", "A B", "Administrator", "")]),
            "Accounts, row 3: the Administrator role is given by hand on Manage users",
        ),
        "leads without the role": (
            workbook(accounts=[("a.b@example.invalid", "A B", "Chief officer lead", "PPU")]),
            "Accounts, row 3: leads departments but has not the Business lead role",
        ),
        "unknown holder": (
            workbook(posts=[("ACC Crime", "nobody@example.invalid")]),
            "Chief officer posts, row 3: nobody@example.invalid is neither in the Accounts sheet",
        ),
        "formula": (
            workbook(departments=[('=HYPERLINK("http://x")', "X1", "No")]),
            'Departments, row 3: Department holds a formula (=HYPERLINK("http://x"))',
        ),
        "empty required cell": (
            workbook(departments=[("Only a name", "", "No")]),
            "Departments, row 3: Short name is empty",
        ),
        "a CSV with a formula": (
            csv_file("departments", [("=1+1", "X1", "No")]),
            "departments, row 2: Department holds a formula (=1+1)",
        ),
        "a CSV with a bad row": (
            csv_file("departments", [("One", "X1", "No"), ("Two", "X1", "No")]),
            "departments, row 3: the short name X1 is on row 2 too",
        ),
    }


@pytest.mark.parametrize("case", sorted(bad_cases()))
def test_each_invalid_row_is_refused_whole_and_named(case, admin, threat, quarter):
    data, message = bad_cases()[case]
    name = "departments.csv" if case.startswith("a CSV") else "set-up.xlsx"
    # A good row beside the bad one: it is not written either.
    before = state()
    the_plan = plan_of(data, name, admin)
    assert any(str(p).startswith(message) for p in the_plan.problems), the_plan.problems
    with pytest.raises(setup_import.ImportRefused):
        setup_import.apply(the_plan, admin, filename=name, sha256="0" * 64)
    assert state() == before


def test_one_bad_row_among_good_ones_writes_none_of_them(admin, threat):
    data = workbook(
        departments=[("Good One", "G1", "No"), ("Good Two", "G2", "Yes")],
        accounts=[
            ("good@example.invalid", "Good Person", "Business lead", "G1"),
            ("bad@example.invalid", "Bad Person", "Wizard", ""),
        ],
    )
    before = state()
    the_plan = plan_of(data, "set-up.xlsx", admin)
    assert [str(p) for p in the_plan.problems] == [
        "Accounts, row 4: “Wizard” is not a role: use Business lead, Chief officer lead, PCC office"
    ]
    with pytest.raises(setup_import.ImportRefused):
        setup_import.apply(the_plan, admin, filename="set-up.xlsx", sha256="0" * 64)
    assert state() == before


def test_nobody_changes_their_own_account_or_a_superusers(admin):
    admin.email = "me@example.invalid"
    admin.save()
    root = UserFactory(username="root", email="root@example.invalid", is_superuser=True)
    data = workbook(
        accounts=[
            ("me@example.invalid", admin.get_full_name(), "Business lead", ""),
            ("root@example.invalid", "Root Account", "Business lead", ""),
        ]
    )
    before = state()
    problems = [str(p) for p in plan_of(data, "set-up.xlsx", admin).problems]
    assert problems == [
        "Accounts, row 3: this is your own account. Nobody can change their own roles or "
        "deactivate their own account.",
        "Accounts, row 4: a superuser's account is managed on the server, not here",
    ]
    assert state() == before
    assert root.pk  # untouched


# The pages ------------------------------------------------------------------------------


def upload(client, data: bytes, name: str):
    return client.post(reverse("onboarding:setup_import"), {"file": SimpleUploadedFile(name, data)})


def test_upload_dry_run_confirm_then_nothing_to_change(client, admin, threat, department):
    client.force_login(admin)
    data = workbook(departments=[("Firearms", "FA", "Yes")])
    before = state()
    page = upload(client, data, "set-up.xlsx")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check what the spreadsheet would change" in html
    assert "Will add" in html and "Firearms (FA)" in html
    assert hashlib.sha256(data).hexdigest() in html
    assert state() == before  # the dry run wrote nothing
    sha = hashlib.sha256(data).hexdigest()
    wrong = client.post(reverse("onboarding:setup_import_confirm"), {"sha256": "a" * 64})
    assert wrong.status_code == 409 and state() == before
    done = client.post(reverse("onboarding:setup_import_confirm"), {"sha256": sha}, follow=True)
    assert "set-up.xlsx imported: departments: 1 added" in done.content.decode()
    assert Department.objects.filter(short_name="FA", cross_cutting=True).exists()
    # Confirming again: the file is no longer kept.
    assert (
        client.post(reverse("onboarding:setup_import_confirm"), {"sha256": sha}).status_code == 409
    )
    again = upload(client, data, "set-up.xlsx").content.decode()
    assert "Nothing to change" in again and "Import these changes" not in again


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "set-up.xlsx",
            b"Department,Short name\nA,B\n",
            "The file&#x27;s name ends .xlsx but it is not an Excel workbook",
        ),
        (
            "set-up.csv",
            workbook(departments=[]),
            "The file&#x27;s name ends .csv but it is not a CSV text file",
        ),
        ("set-up.pdf", b"%PDF-1.7", "The file must be a spreadsheet saved as .xlsx or .csv"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(client, admin, name, data, message):
    client.force_login(admin)
    before = state()
    page = upload(client, data, name)
    html = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in html and message in html
    assert state() == before


def test_a_50_mb_file_is_refused_before_it_is_read(client, admin):
    client.force_login(admin)
    before = state()
    data = b"Department,Short name,Cross-cutting\n" + b"x" * (50 * 1024 * 1024)
    page = upload(client, data, "set-up.csv")
    assert (
        f"it must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB" in page.content.decode()
    )
    assert state() == before


def test_errors_reach_the_error_summary_with_their_rows(client, admin, threat):
    client.force_login(admin)
    page = upload(client, workbook(threats=[("Nothing", "PPU", "ACC Crime", "")]), "set-up.xlsx")
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "Threats, row 3: “Nothing” is not a threat" in html
    assert "<title>Error:" in html


def test_the_templates_carry_the_marking_and_the_columns(client, admin):
    client.force_login(admin)
    response = client.get(reverse("onboarding:setup_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    tables = read_tables(response.content, "t.xlsx", header_starts=setup_import.HEADER_STARTS)
    assert [(t.name, t.columns) for t in tables] == [
        (spec.title, spec.column_names()) for spec in setup_import.SPECS
    ]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE"
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    threats = client.get(reverse("onboarding:setup_template_csv", kwargs={"table": "threats"}))
    assert threats.content.decode("utf-8-sig").splitlines()[0] == "OFFICIAL-SENSITIVE"
    assert client.get("/set-up/import/template-nothing.csv").status_code == 404


def test_a_confirmation_after_the_portal_changed_shows_the_new_dry_run(client, admin, threat):
    client.force_login(admin)
    data = workbook(departments=[("Firearms", "FA", "Yes")])
    upload(client, data, "set-up.xlsx")
    # Someone adds the department in between, as not cross-cutting.
    Department.objects.create(name="Firearms", short_name="FA", cross_cutting=False)
    before = state()
    page = client.post(
        reverse("onboarding:setup_import_confirm"), {"sha256": hashlib.sha256(data).hexdigest()}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "The portal changed since you checked this file" in html
    assert "Will change" in html
    assert state() == before
    # Confirmed now, it imports what this page showed.
    client.post(
        reverse("onboarding:setup_import_confirm"), {"sha256": hashlib.sha256(data).hexdigest()}
    )
    assert Department.objects.get(short_name="FA").cross_cutting


def test_the_superuser_sets_the_force_up_before_anyone_is_administrator(client, db):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("onboarding:setup_import")).status_code == 200
    data = workbook(departments=[("Firearms", "FA", "Yes")])
    upload(client, data, "set-up.xlsx")
    client.post(
        reverse("onboarding:setup_import_confirm"), {"sha256": hashlib.sha256(data).hexdigest()}
    )
    assert Department.objects.filter(short_name="FA").exists()
    assert AuditEvent.objects.get(action=AuditAction.SETUP_IMPORTED).actor == root


CELL = st.one_of(
    st.sampled_from(["", " ", "PPU", "ppu", "Yes", "=1+1", "@x", "a;;b", "x" * 300, "\u202e"]),
    st.text(max_size=30),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(CELL, CELL, CELL, CELL), max_size=6),
    key=st.sampled_from(sorted(HEADERS)),
)
def test_any_cells_give_problems_or_a_plan_never_an_error(admin, threat, rows, key):
    """Whatever a CSV's cells hold, the plan names problems or changes; checking writes
    nothing."""
    before = state()
    data = csv_file(key, [row[: len(HEADERS[key])] for row in rows])
    try:
        the_plan = plan_of(data, f"{key}.csv", admin)
    except UnreadableFile:  # a NUL: not a text file (the page says so)
        assert "\x00" in data.decode("utf-8")
    else:
        assert all(problem.row or problem.sheet for problem in the_plan.problems)
    assert state() == before
