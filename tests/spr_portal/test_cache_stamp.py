"""The shared cache never shows stale or someone else's data (spr_portal/cache_stamp.py).

Each cached thing is changed the way the portal changes it (a service, the admin's save, a
queryset update) and the next request shows the change, for two users with different rights.
Every test runs twice: with the local-memory cache, and with Redis (db 1 of 127.0.0.1:6379,
sessions through the cache as production runs them) when Redis answers; on SQLite or
PostgreSQL as DATABASE_URL says.
"""

import datetime
import os

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleAssignment, SecondFactorRequirement
from accounts.services import user_roles_set
from assessments import services
from assessments.models import Assessment, WorkflowEvent
from assessments.services.review import review_return, review_sign_off
from assessments.services.stand_ins import stand_in_name
from audit.models import AuditAction
from audit.services import audit_record
from spr_portal import cache_stamp
from spr_portal.roles import Role, roles_of
from spr_portal.settings import caches_for
from tests.assessments.lead_support import past_quarter, signed_off
from tests.cold_cache import empty_cache
from tests.factories import AssessmentFactory, ThreatFactory, UserFactory
from tests.html import board_rows, one, select, text
from threats.force_profile import ForceProfile
from threats.models import NationalThreat, ThreatName

pytestmark = pytest.mark.django_db

# Each xdist worker its own Redis database: the stamps there are shared by every process that
# uses it, so another worker's writes (and its emptying the cache) would move this one's.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
REDIS = f"redis://127.0.0.1:6379/{8 + _WORKER % 8}"


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


def _use_redis(settings) -> None:
    """Redis as production has it: each process with its near copy, sessions through it."""
    if not _redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS}")
    settings.CACHES = caches_for(REDIS)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request, settings):
    """The cache each test runs against; Redis is emptied before and after."""
    if request.param == "redis":
        _use_redis(settings)
    empty_cache()
    yield request.param
    empty_cache()


@pytest.fixture
def administrator(db):
    return UserFactory(username="it.admin", roles=[Role.ADMINISTRATOR])


def _return(assessment, *, by, comment):
    """Returned for revision by the SPR lead, as the review page's "Return" does."""
    assessment.refresh_from_db()
    review_return(
        assessment=assessment,
        actor=by,
        revision=assessment.revision,
        comment=comment,
        section_comments={},
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_role_given_opens_its_pages_at_the_next_request_and_only_to_that_user(
    shared_cache, administrator, spr_lead, quarter
):
    newcomer = UserFactory(username="new.lead", roles=[])
    bystander = UserFactory(username="still.none", roles=[])
    board = reverse("assessments:quarter_board_current")
    newcomer_client, bystander_client = (
        _client(newcomer),
        _client(bystander),
    )
    lead_client = _client(spr_lead)
    assert newcomer_client.get(board).status_code == 403
    assert bystander_client.get(board).status_code == 403
    assert lead_client.get(reverse("assessments:actions_register")).status_code == 200

    user_roles_set(user=newcomer, roles={Role.SPR_LEAD}, actor=administrator)

    assert newcomer_client.get(board).status_code == 200
    assert newcomer_client.get(reverse("assessments:actions_register")).status_code == 200
    assert bystander_client.get(board).status_code == 403  # never someone else's answer

    # ... and withdrawn: refused again at once, while the other SPR lead keeps the page.
    user_roles_set(user=newcomer, roles=set(), actor=administrator)
    assert newcomer_client.get(board).status_code == 403
    assert lead_client.get(reverse("assessments:actions_register")).status_code == 200


def test_a_stand_in_named_acts_at_the_next_request(
    shared_cache, spr_lead, department, quarter, threat
):
    person = UserFactory(username="acting.lead", roles=[])
    other = UserFactory(username="not.acting", roles=[])
    acting, not_acting = _client(person), _client(other)
    mine = reverse("assessments:my_assessments")
    assert acting.get(mine).status_code == 403
    assert roles_of(person) == frozenset()

    today = timezone.localdate()
    stand_in_name(
        department=department,
        person=person,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
        reason="Leave",
        actor=spr_lead,
    )

    assert acting.get(mine).status_code == 200
    assert not_acting.get(mine).status_code == 403


def test_the_force_profile_saved_is_on_the_next_page_for_everyone(
    shared_cache, spr_lead, business_lead
):
    ForceProfile.objects.create(
        force_name="Northshire Constabulary",
        short_name="NC",
        body_name="the Commissioner",
        body_short_name="the Commissioner",
        office_name="the Commissioner's office",
        office_role_label="Commissioner's office",
        board_name="the Northshire Board",
    )
    page = reverse("help")
    clients = [_client(spr_lead), _client(business_lead)]
    for each in clients:
        assert "Northshire Constabulary" in each.get(page).content.decode()

    # The admin saves the profile; a queryset update is a write as well.
    profile = ForceProfile.objects.get()
    profile.force_name = "Southshire Police"
    profile.save()
    for each in clients:
        body = each.get(page).content.decode()
        assert "Southshire Police" in body and "Northshire Constabulary" not in body

    ForceProfile.objects.update(force_name="Eastshire Police")
    for each in clients:
        assert "Eastshire Police" in each.get(page).content.decode()


def test_a_role_listed_for_a_second_factor_asks_for_it_at_the_next_request(
    shared_cache, settings, business_lead, chief_officer
):
    settings.SECOND_FACTOR_REQUIRED = True
    home = reverse("home")
    lead, chief = _client(business_lead), _client(chief_officer)
    assert lead.get(home).status_code == 200
    assert chief.get(home).status_code == 200

    SecondFactorRequirement.objects.create(role=Role.BUSINESS_LEAD.value)

    answer = lead.get(home)
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert chief.get(home).status_code == 200  # the chief officer's role is not listed

    SecondFactorRequirement.objects.all().delete()
    assert lead.get(home).status_code == 200


def test_a_threat_renamed_is_named_so_on_the_next_board(
    shared_cache, spr_lead, business_lead, threat, quarter
):
    url = reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})
    clients = [_client(spr_lead), _client(business_lead)]
    for each in clients:
        assert threat.name in each.get(url).content.decode()

    ThreatName.objects.update_or_create(
        threat=threat, edition=quarter.edition, defaults={"name": "A threat newly worded"}
    )
    for each in clients:
        assert "A threat newly worded" in each.get(url).content.decode()

    NationalThreat.objects.filter(pk=threat.pk).update(name="Renamed at its root")
    ThreatName.objects.filter(threat=threat).delete()
    for each in clients:
        assert "Renamed at its root" in each.get(url).content.decode()


def test_the_board_shows_a_sign_off_at_once_and_each_user_their_own_rows(
    shared_cache, spr_lead, business_lead, pcc_office, threat, other_threat, quarter
):
    mine = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    AssessmentFactory(threat=other_threat, quarter=quarter, submitted=True)
    url = reverse("assessments:quarter_board", kwargs={"pk": quarter.pk})
    lead, office, spr = (
        _client(business_lead),
        _client(pcc_office),
        _client(spr_lead),
    )

    def statuses(client):
        return board_rows(client.get(url))

    def table(client):  # the table as rendered (kept apart from the board's rows)
        return text(one(client.get(url).content, "table.review-heatmap tbody"))

    assert statuses(spr) == {threat.name: "submitted", other_threat.name: "submitted"}
    assert statuses(lead) == {threat.name: "submitted"}  # the other department's row is not theirs
    assert set(statuses(office).values()) == {"not_signed_off"}
    assert "Signed off" not in table(spr) and other_threat.name in table(spr)
    assert "Signed off" not in table(lead) and other_threat.name not in table(lead)

    mine.refresh_from_db()
    review_sign_off(assessment=mine, actor=spr_lead, revision=mine.revision)

    assert statuses(spr)[threat.name] == "signed_off"
    assert statuses(lead) == {threat.name: "signed_off"}
    assert statuses(office)[threat.name] == "signed_off"
    assert statuses(office)[other_threat.name] == "not_signed_off"
    assert text(one(spr.get(url).content, "#board-summary")).startswith("1 of 2 signed off")
    assert "Signed off" in table(spr) and "Signed off" in table(lead)
    assert other_threat.name not in table(lead)


def test_every_write_to_the_portals_tables_changes_the_stamp_and_no_other_does(
    shared_cache, spr_lead, threat
):
    before = cache_stamp.stamp()
    NationalThreat.objects.filter(pk=threat.pk).update(name="Another name")  # no signal sent
    after_update = cache_stamp.stamp()
    assert after_update != before

    audit_record(actor=spr_lead, action=AuditAction.SIGNED_IN)  # the trail feeds no cache
    Session.objects.all().delete()
    assert cache_stamp.stamp() == after_update

    with connection.cursor() as cursor:  # even SQL written by hand
        cursor.execute(
            "UPDATE threats_nationalthreat SET name = %s WHERE id = %s",
            ["Raw", threat.pk],
        )
    assert cache_stamp.stamp() != after_update


def test_a_value_built_inside_a_rolled_back_transaction_is_not_served_after_it(
    shared_cache, threat
):
    def name():
        return cache_stamp.cached(("test-name", threat.pk), lambda: threat_name(threat.pk))

    assert name() == threat.name
    try:
        with transaction.atomic():
            NationalThreat.objects.filter(pk=threat.pk).update(name="Never committed")
            assert name() == "Never committed"  # the writer reads its own write
            raise RuntimeError
    except RuntimeError:
        pass
    # A test's own transaction is still open here, so only the next request forgets the
    # rolled-back part; outside one (production) the stamp moves back to the committed data.
    cache_stamp.forget_local()
    assert name() == threat.name


def threat_name(pk):
    return NationalThreat.objects.values_list("name", flat=True).get(pk=pk)


def test_every_kind_of_write_names_its_table():
    from spr_portal.cache_stamp import _writes

    # SQLite adds to a many-to-many relation with INSERT OR IGNORE (a quarter's deputies).
    assert _writes('INSERT OR IGNORE INTO "assessments_quarter_deputies" ("a")') == [
        ("insert", "assessments_quarter_deputies")
    ]
    assert _writes('INSERT INTO "threats_department" ("name")') == [
        ("insert", "threats_department")
    ]
    assert _writes('  UPDATE "accounts_roleassignment" SET') == [
        ("update", "accounts_roleassignment")
    ]
    assert _writes('DELETE FROM "auth_user" WHERE') == [("delete", "auth_user")]
    assert _writes('SELECT "x" FROM "threats_department"') == []
    # One statement of data-modifying WITH clauses (spr_portal/together.py): every table.
    together = (
        'WITH changed AS (UPDATE "assessments_assessment" SET "x" = %s WHERE "id" = %s '
        'RETURNING 1), row0 AS (INSERT INTO "assessments_workflowevent" ("a") VALUES (%s) '
        'RETURNING "id"), row1 AS (INSERT INTO "audit_auditevent" ("b") VALUES (%s) '
        'RETURNING "id") SELECT (SELECT count(*) FROM changed)'
    )
    assert _writes(together) == [
        ("update", "assessments_assessment"),
        ("insert", "assessments_workflowevent"),
        ("insert", "audit_auditevent"),
    ]
    assert _writes('WITH x AS (SELECT 1) SELECT * FROM "threats_department"') == []


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_is_kept_and_moves_the_stamp():
    """createsuperuser writes outside a transaction: on SQLite its INSERT … RETURNING is still
    running when the write is seen, so the shared stamp moves only after it (it once rolled
    the new account back)."""
    from django.contrib.auth import get_user_model

    from spr_portal.cache_stamp import stamp

    before = stamp()
    get_user_model().objects.create_superuser("root.admin", "it@example.invalid", "A-long-pw-123")
    assert get_user_model().objects.filter(username="root.admin").exists()
    assert stamp() != before


def test_a_threats_succession_changed_is_its_lineage_at_once(shared_cache, threat):
    from threats.models import lineages

    earlier = ThreatFactory(name="An older threat", slug="an-older-threat")
    assert lineages([threat.pk]) == {threat.pk: [threat.pk]}
    NationalThreat.objects.filter(pk=threat.pk).update(succeeds=earlier)
    assert lineages([threat.pk]) == {threat.pk: [threat.pk, earlier.pk]}


@pytest.mark.template_context
def test_the_home_page_shows_a_return_at_once_and_each_user_their_own_lists(
    shared_cache, spr_lead, business_lead, other_business_lead, threat, quarter
):
    sent = AssessmentFactory(threat=threat, quarter=quarter, submitted=True, lead=business_lead)
    spr, lead, other = _client(spr_lead), _client(business_lead), _client(other_business_lead)

    def listed(client, name):
        return [a.pk for a in client.get(reverse("home")).context[name]]

    assert listed(spr, "for_my_review") == [sent.pk]
    assert listed(lead, "returned_to_me") == listed(other, "returned_to_me") == []

    _return(sent, by=spr_lead, comment="Say what the evidence shows.")

    assert listed(spr, "for_my_review") == []
    assert listed(lead, "returned_to_me") == [sent.pk]
    assert listed(other, "returned_to_me") == []  # another department's return is not theirs


def test_a_department_handed_to_another_lead_moves_its_assessments_at_the_next_request(
    shared_cache, department, business_lead, other_business_lead, threat, quarter
):
    """Which departments a lead leads is cached (threats.models.led_department_ids): the
    department's leads changed as the admin's form saves them, the next request of each lead
    shows the assessment to the new lead only."""
    draft = AssessmentFactory(threat=threat, quarter=quarter, lead=business_lead)
    task_list = reverse("assessments:assessment_edit", args=[draft.pk])
    mine = reverse("assessments:my_assessments")
    owner, newcomer = _client(business_lead), _client(other_business_lead)
    assert owner.get(task_list).status_code == 200
    assert newcomer.get(task_list).status_code == 404
    assert threat.name in text(owner.get(mine))

    department.leads.set([other_business_lead])

    assert owner.get(task_list).status_code == 404
    assert newcomer.get(task_list).status_code == 200
    assert threat.name not in text(owner.get(mine))
    assert threat.name in text(newcomer.get(mine))


def test_the_apis_grades_show_a_sign_off_at_once_and_each_token_its_users_rows(
    shared_cache, spr_lead, business_lead, other_business_lead, threat, other_threat, quarter
):
    """The API's grades are kept a page at a time per user (api/endpoints.py `Pages`)."""
    from api.models import Scope
    from api.services import token_create

    mine = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    other = AssessmentFactory(threat=other_threat, quarter=quarter, submitted=True)
    url = reverse("api-v1:signed_off_grades")

    def listed(user, **query):
        raw = token_create(name="BI", scopes=[Scope.GRADES], expires_in_days=30, actor=user)[1]
        answer = Client().get(url, query, HTTP_AUTHORIZATION=f"Bearer {raw}").json()
        return answer["count"], sorted(row["id"] for row in answer["items"])

    assert listed(spr_lead) == listed(business_lead) == (0, [])
    for submitted in (mine, other):
        submitted.refresh_from_db()
        review_sign_off(assessment=submitted, actor=spr_lead, revision=submitted.revision)

    assert listed(spr_lead) == (2, sorted([mine.pk, other.pk]))
    assert listed(business_lead) == (1, [mine.pk])  # the other department's is not theirs
    assert listed(other_business_lead) == (1, [other.pk])
    assert listed(spr_lead, threat=other_threat.slug) == (1, [other.pk])
    assert listed(spr_lead, threat="no-such-threat") == (0, [])


@pytest.mark.template_context
def test_an_assessment_returned_is_read_so_at_once_by_each_reader_it_is_visible_to(
    shared_cache, spr_lead, chief_officer, other_chief_officer, threat, quarter
):
    """The assessment the review pages read is kept per user (assessments/selectors/
    history.py `visible_assessment`): here the page comparing its versions."""
    sent = AssessmentFactory(threat=threat, quarter=quarter, submitted=True)
    url = reverse("assessments:assessment_compare", args=[sent.pk])
    spr, lead_of_threat, other = (
        _client(spr_lead),
        _client(chief_officer),
        _client(other_chief_officer),
    )

    def status(client):
        return client.get(url).context["assessment"].status

    assert status(spr) == status(lead_of_threat) == "submitted"
    assert other.get(url).status_code == 404  # another portfolio's: never from the cache
    detail = reverse("assessments:assessment_detail", args=[sent.pk])
    assert "Say what the evidence shows." not in text(one(spr.get(detail).content, "main"))

    _return(sent, by=spr_lead, comment="Say what the evidence shows.")

    assert status(spr) == status(lead_of_threat) == "returned"
    assert other.get(url).status_code == 404
    # The assessment's own page, whose body is kept as rendered (assessments/views/history.py).
    detail = reverse("assessments:assessment_detail", args=[sent.pk])
    assert "Say what the evidence shows." in text(one(spr.get(detail).content, "main"))


@pytest.mark.template_context
def test_a_report_published_is_listed_at_once_and_a_draft_only_to_the_spr_lead(
    shared_cache, spr_lead, pcc_office, signed_quarter
):
    """The reports list is kept per person (reports/views/browse.py `report_list`)."""
    from tests.reports.support import new_report, publish

    url = reverse("reports:report_list")
    spr, office = _client(spr_lead), _client(pcc_office)

    def listed(client):
        return [report.pk for report in client.get(url).context["reports"]]

    assert listed(spr) == listed(office) == []
    draft = new_report(signed_quarter, spr_lead)
    assert listed(spr) == [draft.pk]
    assert listed(office) == []  # a draft is the SPR lead's alone

    page = reverse("reports:report_detail", args=[draft.pk])
    assert [t.name for t in spr.get(page).templates][0] == "reports/detail_draft.html"
    assert office.get(page).status_code == 404

    publish(report=draft, actor=spr_lead)
    assert listed(office) == [draft.pk]
    assert "Download PDF" in text(office.get(url))
    # The report's page, kept per person: the published page at once, for both.
    assert [t.name for t in spr.get(page).templates][0] == "reports/detail_published.html"
    assert [t.name for t in office.get(page).templates][0] == "reports/detail_published.html"


def test_an_action_added_and_closed_is_on_the_register_at_once_and_only_for_the_spr_lead(
    shared_cache, spr_lead, business_lead, chief_officer, threat, quarter
):
    """The register keeps its table as rendered per user (assessments/views/board.py), and
    its CSV file as made (assessments/views/exports.py)."""
    from assessments.services.actions import action_add, action_close

    draft = AssessmentFactory(threat=threat, quarter=quarter, lead=business_lead)
    url = reverse("assessments:actions_register")
    csv_url = reverse("assessments:actions_export", args=["csv"])
    spr, lead_of_threat = _client(spr_lead), _client(chief_officer)

    def rows():
        return [text(row) for row in select(spr.get(url), "tbody tr")]

    def file_rows():  # after the marking and the column names
        return spr.get(csv_url).content.decode("utf-8-sig").splitlines()[2:]

    assert rows() == [] and file_rows() == []
    action = action_add(
        assessment=draft,
        actor=business_lead,
        description="Train the new analysts",
        owner="Head of PPU",
        due_date=datetime.date(2030, 1, 31),
    )
    assert len(rows()) == 1 and "Train the new analysts" in rows()[0]
    assert len(file_rows()) == 1 and "Train the new analysts" in file_rows()[0]
    assert lead_of_threat.get(url).status_code == 403  # the register is the SPR lead's alone
    assert lead_of_threat.get(csv_url).status_code == 403

    draft.refresh_from_db()
    action_close(assessment=draft, action=action, actor=business_lead)
    assert rows() == []
    assert len(file_rows()) == 1 and "Closed" in file_rows()[0]  # the file lists closed ones


def test_a_resubmission_is_what_the_review_and_the_compared_versions_show_at_once(
    shared_cache, spr_lead, business_lead, department, threat, quarter
):
    """The review's sections and a compared pair are kept as rendered (assessments/views/
    review.py, history.py): the lead's new words are on both at the next request."""
    from assessments.services import assessment_save_draft, assessment_submit

    sent = AssessmentFactory(threat=threat, quarter=quarter, submitted=True, lead=business_lead)
    review = reverse("assessments:assessment_review", args=[sent.pk])
    compare = reverse("assessments:assessment_compare", args=[sent.pk])
    spr = _client(spr_lead)
    new_words = "Two more analysts joined in February."
    assert new_words not in text(spr.get(review))

    _return(sent, by=spr_lead, comment="More.")
    sent.refresh_from_db()
    assert new_words not in text(spr.get(compare, {"a": "1", "b": "current"}))
    sent = assessment_save_draft(
        assessment=sent,
        actor=business_lead,
        data={"capability_narrative": new_words},
        revision=sent.revision,
    )
    assert new_words in text(spr.get(compare, {"a": "1", "b": "current"}))
    assessment_submit(assessment=sent, actor=business_lead)
    assert new_words in text(spr.get(review))


def test_the_local_cache_keeps_a_forces_working_set(settings):
    """Without Redis, the cache holds what the demo's users reach in one walk of their pages
    (about 300 entries) many times over: none of 2,000 is culled."""
    from django.core.cache import caches

    config = settings.CACHES["default"]
    if "locmem" not in config["BACKEND"]:
        pytest.skip("this run's cache is Redis, which evicts by memory, not by count")
    local = caches.create_connection("default")
    keys = [f"working-set-{n}" for n in range(2000)]
    for key in keys:
        local.set(key, "x" * 100)
    assert all(local.get(key) is not None for key in keys)
    local.clear()


def test_a_write_to_one_apps_tables_keeps_what_is_built_from_the_others_only(
    shared_cache, threat, spr_lead, administrator
):
    """A draft's save (a write to `assessments`) does not rebuild who holds which role: an
    entry naming the apps it reads is keyed by their stamps alone."""
    builds = []

    def roles_held():
        def build():
            builds.append("roles")
            return sorted(
                RoleAssignment.objects.filter(user=spr_lead).values_list("role", flat=True)
            )

        return cache_stamp.cached(("test-roles", spr_lead.pk), build, reads=("accounts",))

    def name():
        def build():
            builds.append("name")
            return threat_name(threat.pk)

        return cache_stamp.cached(("test-name", threat.pk), build)  # reads every app

    assert (roles_held(), name()) == ([Role.SPR_LEAD.value], threat.name)
    assessment = AssessmentFactory(threat=threat)
    Assessment.objects.filter(pk=assessment.pk).update(summary="A draft's words")
    assert (roles_held(), name()) == ([Role.SPR_LEAD.value], threat.name)
    assert builds == ["roles", "name", "name"]

    user_roles_set(
        user=spr_lead, roles={Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD}, actor=administrator
    )
    assert roles_held() == sorted([Role.SPR_LEAD.value, Role.CHIEF_OFFICER_LEAD.value])
    assert builds == ["roles", "name", "name", "roles"]


def test_an_entry_that_reads_an_app_it_does_not_name_is_refused(shared_cache, threat, settings):
    """Its entry would outlive a write to that app and show stale data: with DEBUG on, as in
    every test, the builder's queries are checked against the apps it names."""
    settings.DEBUG = True
    with pytest.raises(ImproperlyConfigured, match="threats_nationalthreat"):
        cache_stamp.cached(
            "test-names",
            lambda: list(NationalThreat.objects.values_list("name")),
            reads=("accounts",),
        )
    # A join counts as a read: the roles of the threat's chief officer lead read `threats`.
    with pytest.raises(ImproperlyConfigured, match="threats_chiefofficerpost"):
        cache_stamp.cached(
            "test-joined",
            lambda: list(
                RoleAssignment.objects.filter(
                    user__chief_officer_posts__led_threats=threat
                ).values_list("role", flat=True)
            ),
            reads=("accounts", "auth"),  # the user is named: the post is not
        )
    assert cache_stamp.cached(
        "test-named",
        lambda: list(NationalThreat.objects.values_list("name", flat=True)),
        reads=("threats",),
    ) == [threat.name]


def test_after_a_lead_saves_a_draft_the_next_page_reads_no_role_again(
    shared_cache, threat, business_lead
):
    assessment = AssessmentFactory(threat=threat)
    client = Client()
    client.force_login(business_lead)
    section = reverse("assessments:assessment_section", args=[assessment.pk, "capability"])
    assert client.get(section).status_code == 200
    _saved_from_another_tab(assessment, business_lead)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(section)
    assert "Saved from another tab." in page.content.decode()
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "accounts_roleassignment" not in read
    assert "threats_departmentstandin" not in read  # the departments led, kept too


def _saved_from_another_tab(assessment, lead):
    services.assessment_save_draft(
        assessment=assessment,
        actor=lead,
        data={"capability_narrative": "Saved from another tab."},
        revision=assessment.revision,
    )


@pytest.fixture
def redis_cache(settings):
    """Redis alone (the near copy's own checks)."""
    _use_redis(settings)
    empty_cache()
    yield
    empty_cache()


def _kept_name(threat, builds):
    def build():
        builds.append(threat.pk)
        return threat_name(threat.pk)

    return cache_stamp.cached(("kept-name", threat.pk), build, reads=("threats",))


def test_with_redis_a_process_reads_again_from_its_near_copy_not_from_redis(
    redis_cache, threat, monkeypatch
):
    from django.core.cache import caches

    builds, asked = [], []
    assert _kept_name(threat, builds) == threat.name
    redis = caches["default"]
    ask = redis.get
    monkeypatch.setattr(redis, "get", lambda key, *args: asked.append(key) or ask(key, *args))
    assert _kept_name(threat, builds) == threat.name
    assert builds == [threat.pk]
    assert not [key for key in asked if "kept-name" in key]


def test_with_redis_another_servers_write_is_read_at_once_whatever_the_near_copy_holds(
    redis_cache, threat
):
    from django.core.cache import cache

    builds = []
    assert _kept_name(threat, builds) == threat.name  # in Redis and in this process's copy
    # Another app server renames the threat: the row changes, and its commit moves the
    # threats' shared stamp in Redis (`_bump_shared` there). This process wrote nothing.
    NationalThreat.objects.filter(pk=threat.pk).update(name="Renamed on another server")
    cache_stamp.forget_local()
    cache.set(cache_stamp.SHARED_KEY + "threats", "another-server", None)
    assert _kept_name(threat, builds) == "Renamed on another server"
    assert builds == [threat.pk, threat.pk]


def _settled():
    return cache_stamp.stamp((cache_stamp.SETTLED,))


def test_a_drafts_save_leaves_the_settled_stamp_and_every_other_write_to_assessments_moves_it(
    shared_cache, threat, business_lead
):
    """The settled stamp: every write to `assessments` but a draft's content (the columns a
    draft's save sets, the workflow event it records), whichever way it is sent."""
    assessment = AssessmentFactory(threat=threat)
    before, settled = cache_stamp.stamp(("assessments",)), _settled()
    services.assessment_save_draft(
        assessment=assessment,
        actor=business_lead,
        data={"capability_narrative": "A draft's words."},
        revision=assessment.revision,
    )
    Assessment.objects.filter(pk=assessment.pk).update(summary="Set by a queryset")
    assert cache_stamp.stamp(("assessments",)) != before
    assert _settled() == settled

    for write in (
        lambda: Assessment.objects.filter(pk=assessment.pk).update(status="submitted"),
        lambda: Assessment.objects.filter(pk=assessment.pk).update(summary="", status="draft"),
        lambda: assessment.events.update(comment="An event edited"),
        lambda: AssessmentFactory(threat=ThreatFactory()),
    ):
        write()
        assert _settled() != settled, write
        settled = _settled()


def test_only_a_statement_that_writes_draft_content_alone_leaves_the_settled_stamp():
    from spr_portal.cache_stamp import _only_draft_content, _writes

    def only_draft(sql):
        return _only_draft_content(sql, _writes(sql))

    # A save's one statement on PostgreSQL (spr_portal/together.py), and the ORM's update.
    assert only_draft(
        'WITH changed AS (UPDATE "assessments_assessment" SET "summary" = %s, "revision" = %s '
        'WHERE "id" = %s RETURNING 1), row0 AS (INSERT INTO "assessments_workflowevent" '
        '("assessment_id") VALUES (%s) RETURNING "id") SELECT 1'
    )
    assert only_draft('UPDATE "assessments_assessment" SET "summary" = %s WHERE "id" = %s')
    assert only_draft('UPDATE "assessments_assessment" SET "revision" = ("revision" + %s)')
    for sql in (
        'UPDATE "assessments_assessment" SET "summary" = %s, "status" = %s WHERE "id" = %s',
        "UPDATE assessments_assessment SET status = 'signed_off'",  # by hand, unquoted
        'UPDATE "assessments_workflowevent" SET "comment" = %s WHERE "id" = %s',
        'DELETE FROM "assessments_assessment" WHERE "id" = %s',
        'UPDATE "assessments_assessment" SET "summary" = (SELECT "a" FROM "b" WHERE "c" = %s), '
        '"status" = %s WHERE "id" = %s',  # a subquery's WHERE is not the end of the SET
        'INSERT INTO "assessments_assessment" ("summary") VALUES (%s)',
        'INSERT INTO "assessments_contribution" ("text") VALUES (%s)',
    ):
        assert not only_draft(sql), sql


def test_an_entry_under_the_settled_stamp_may_not_read_a_drafts_record(shared_cache, settings):
    """The workflow events are written by every save: an entry that reads them must name
    `assessments` (the checker that every test runs with DEBUG on)."""
    settings.DEBUG = True
    with pytest.raises(ImproperlyConfigured, match="assessments_workflowevent"):
        cache_stamp.cached(
            "test-events",
            lambda: list(WorkflowEvent.objects.values_list("pk", flat=True)),
            reads=(cache_stamp.SETTLED,),
        )
    assert (
        cache_stamp.cached(
            "test-signed",
            lambda: list(Assessment.objects.signed_off().order_by().values_list("pk", flat=True)),
            reads=(cache_stamp.SETTLED,),
        )
        == []
    )


def test_the_section_page_keeps_last_quarter_across_saves_and_shows_its_change_at_once(
    shared_cache, threat, quarter, business_lead, other_business_lead, spr_lead
):
    """What the section shows beside the form (last quarter's words) is kept while drafts are
    saved, and read afresh when what was signed off changes: a reopening, a new sign-off."""
    older, latest = (
        signed_off(
            threat=threat,
            quarter=past_quarter(2015, number),
            reviewer=spr_lead,
            capability_narrative=f"{which} quarter's capability words.",
        )
        for number, which in ((2, "Second"), (3, "Third"))
    )
    draft = AssessmentFactory(threat=threat, quarter=quarter)
    section = reverse("assessments:assessment_section", args=[draft.pk, "capability"])
    lead, outsider = _client(business_lead), _client(other_business_lead)

    def beside_the_form():
        page = lead.get(section)
        assert page.status_code == 200
        return text(one(page, ".portal-previous"))

    assert "2015/16 Q3" in beside_the_form() and "Third quarter's" in beside_the_form()
    _saved_from_another_tab(draft, business_lead)
    with CaptureQueriesContext(connection) as queries:
        assert "Third quarter's" in beside_the_form()
    signed_rows = [q for q in queries.captured_queries if "'signed_off'" in q["sql"]]
    assert signed_rows == [], "last quarter was read again after a draft's save"

    services.assessment_reopen(
        assessment=latest,
        actor=spr_lead,
        reason="Figures were wrong.",
        late_deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    shown = beside_the_form()
    assert "Second quarter's" in shown and "Third quarter's" not in shown
    assert older.quarter.label in shown
    assert outsider.get(section).status_code == 404  # another department's lead, as before
