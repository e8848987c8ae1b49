"""Every main page in the states people really have, at 1280, 390 and 320 px.

The demo is taken on into the states a force lives in: lead.ppu's draft of Child Sexual Abuse
(started from last quarter, so its open improvement actions carry forward, with an evidence
file attached and a threat named at full length), a self-assessment returned with comments,
and ten years of signed-off history behind the trend. Each page must not widen the page at
any width, and nothing may be cut off inside a box that cannot be scrolled by keyboard: a data
table may scroll sideways only inside its own labelled, focusable region (WCAG 1.4.10). At a
desktop's width nothing scrolls sideways at all, and every heading starts inside the page's
width container. axe-core checks each page at 390 px.

One Chromium page per test; each page is loaded once, then measured at each width by resizing.
Screenshots only when SPR_SCREENSHOTS names a folder."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests import evidence_files
from tests.browser.conftest import axe_violations, keep_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1280, 390, 320)
LONG_NAME = (
    "Child Sexual Abuse and Exploitation, including online grooming and the sharing of "
    "indecent images of children"
)
EVIDENCE_NAME = "Operation Cygnet – joint inspection of the Public Protection Unit, final.pdf"

# What overflows: the page itself; any box whose content is cut off, unless it scrolls in a
# labelled region reachable by keyboard (and at a desktop width, any sideways scrolling);
# any heading that starts left of the width container or ends right of the viewport.
MEASURE = """(desktop) => {
  const doc = document.documentElement;
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '') +
    ' "' + (el.innerText || '').trim().slice(0, 40).replace(/\\s+/g, ' ') + '"';
  const scrollsByKeyboard = (el) => el.matches('[role=region][tabindex="0"]') &&
    (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')) &&
    ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  if (doc.scrollWidth > window.innerWidth) {
    const sticksOut = (el) => {
      if (el.getBoundingClientRect().right <= window.innerWidth + 1) return false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible' &&
            up.getBoundingClientRect().right <= window.innerWidth + 1) return false;
      }
      return true;
    };
    const beyond = [...document.body.querySelectorAll('*')].filter(el =>
      sticksOut(el) && ![...el.children].some(sticksOut));
    problems.push(`page is ${doc.scrollWidth}px wide: ${beyond.slice(0, 3).map(name).join('; ')}`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (el.matches('input, select, textarea, option, dialog, dialog *, .govuk-visually-hidden,' +
                   ' .govuk-skip-link, script, style') || el.clientWidth <= 1) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'none') continue;
    const overflow = style.overflowX;
    if (overflow === 'visible') continue;  // it spills: the page width catches what matters
    if (scrollsByKeyboard(el)) {
      if (desktop) problems.push(`scrolls sideways at a desktop width: ${name(el)} ` +
                                 `(${el.scrollWidth} in ${el.clientWidth})`);
      continue;
    }
    const region = el.parentElement && el.parentElement.closest('[role=region][tabindex="0"]');
    if (region && scrollsByKeyboard(region) && region.scrollWidth > region.clientWidth) continue;
    problems.push(`cut off (${overflow}): ${name(el)} (${el.scrollWidth} in ${el.clientWidth})`);
  }
  const container = document.querySelector('main').getBoundingClientRect();
  for (const h of document.querySelectorAll('main h1, main h2')) {
    const box = h.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.left < container.left - 1 || box.right > window.innerWidth + 1) {
      problems.push(`heading outside the page: ${name(h)} (${box.left}-${box.right})`);
    }
  }
  return problems;
}"""


@pytest.fixture(autouse=True)
def private_store(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def states(current_demo) -> dict:
    """The demo in the states a force really has, made through the services."""
    from assessments import services
    from assessments.models import Assessment, Quarter
    from assessments.services.evidence import evidence_attach
    from tests.factories import complete_content
    from threats.models import NationalThreat, ThreatName

    users = get_user_model().objects
    lead = users.get(username="lead.ppu")
    reviewer = users.get(username="acc.security")
    quarter = Quarter.objects.get(is_open=True)
    csa = NationalThreat.objects.get(slug="child-sexual-abuse")
    ThreatName.objects.update_or_create(
        threat=csa, edition=quarter.edition, defaults={"name": LONG_NAME}
    )

    draft = services.assessment_start(threat=csa, quarter=quarter, actor=lead, from_previous=True)
    upload = SimpleUploadedFile(EVIDENCE_NAME, evidence_files.pdf(), content_type="application/pdf")
    evidence_attach(assessment=draft, section="capacity_local", upload=upload, actor=lead)
    services.action_add(
        assessment=draft,
        actor=lead,
        description="Train the remaining specialist interviewers in achieving best evidence "
        "and record each course on the force's training system",
        owner="Detective Chief Inspector, Public Protection Unit",
        due_date=datetime.date(quarter.meeting_date.year + 1, 3, 31),
    )

    other = NationalThreat.objects.owned_by(lead).exclude(pk=csa.pk).order_by("pk").first()
    returned = None
    if other is not None:  # a second threat of the lead's department, returned with comments
        returned = services.assessment_start(threat=other, quarter=quarter, actor=lead)
        returned = services.assessment_save_draft(
            assessment=returned, actor=lead, data=complete_content(), revision=returned.revision
        )
        returned = services.assessment_submit(assessment=returned, actor=lead)
        returned = services.assessment_return(
            assessment=returned,
            actor=reviewer,
            comment="Give the number of trained specialist officers, not only the teams.",
        )
    past = (
        Assessment.objects.filter(threat=csa, status="signed_off")
        .order_by("-quarter__financial_year", "-quarter__number")
        .first()
    )
    return {"draft": draft, "returned": returned, "past": past, "quarter": quarter}


@pytest.fixture
def history(states) -> None:
    """Ten years behind the trend: a quarter of each year between the demo's reference
    quarters and its last few, and a signed-off Child Sexual Abuse self-assessment in every
    quarter before today's that has none."""
    import datetime

    from assessments.models import Assessment, Quarter
    from tests.factories import AssessmentFactory
    from threats.models import SprEdition

    users = get_user_model().objects
    lead, reviewer = users.get(username="lead.ppu"), users.get(username="acc.security")
    quarter, csa = states["quarter"], states["draft"].threat
    # The demo runs only the reference quarters and the last few: a force ten years in has a
    # quarter of each year between them too (the second quarter, closed, its own edition's).
    editions = list(SprEdition.objects.order_by("year"))
    for year in range(2016, 2024):
        Quarter.objects.get_or_create(
            financial_year=year,
            number=2,
            defaults={
                "edition": [e for e in editions if e.year <= year][-1],
                "submission_deadline": datetime.date(year, 11, 10),
                "meeting_date": datetime.date(year, 11, 24),
                "is_open": False,
            },
        )
    earlier = sorted(
        Quarter.objects.filter(submission_deadline__lt=quarter.submission_deadline),
        key=lambda q: (q.financial_year, q.number),
    )
    assert earlier[-1].financial_year - earlier[0].financial_year >= 10
    assessed = set(Assessment.objects.filter(threat=csa).values_list("quarter_id", flat=True))
    for past in earlier:
        if past.pk not in assessed:
            AssessmentFactory(
                threat=csa, quarter=past, signed_off=True, lead=lead, reviewer=reviewer
            )


def _check(page, name: str) -> dict[int, list[str]]:
    """Measure the loaded page at each width (resizing, not reloading); axe at 390 px."""
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function(f"window.innerWidth === {width}")
        found[width] = page.evaluate(MEASURE, width >= 1280)
        if width == 390:
            violations = axe_violations(page)
            if violations:
                found[width].append(f"axe: {violations}")
        if width in (1280, 390):
            keep_screenshot(page, f"{name}-{width}")
    return {width: problems for width, problems in found.items() if problems}


def _visit(page, live_server, sign_in, pages) -> None:
    """Each (user, name, path) in turn, signing in once per user; fails listing every problem."""
    signed_in_as = object()
    failures = {}
    for user, name, path in pages:
        if user != signed_in_as:
            page.context.clear_cookies()
            page.set_viewport_size({"width": 1280, "height": 900})
            if user:
                sign_in(user)
            signed_in_as = user
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == 200, (name, path, response.status)
        problems = _check(page, name)
        if problems:
            failures[f"{name} ({path})"] = problems
    assert not failures, "\n".join(f"{page}: {found}" for page, found in failures.items())


def test_a_business_leads_pages_in_their_real_states(page, live_server, states, sign_in):
    draft, returned, past = states["draft"], states["returned"], states["past"]
    mine = f"/my-assessments/{draft.pk}"
    pages = [
        ("lead.ppu", "home-business-lead", "/"),
        ("lead.ppu", "my-assessments", "/my-assessments/"),
        ("lead.ppu", "task-list-draft", f"{mine}/"),
        ("lead.ppu", "section-capacity-local", f"{mine}/sections/capacity_local/"),
        ("lead.ppu", "improvement-actions", f"{mine}/actions/"),
        ("lead.ppu", "evidence-files", f"{mine}/evidence/"),
        ("lead.ppu", "check-your-answers", f"{mine}/check/"),
        ("lead.ppu", "read-only-past", f"/my-assessments/{past.pk}/"),
    ]
    if returned is not None:
        pages.append(("lead.ppu", "task-list-returned", f"/my-assessments/{returned.pk}/"))
    _visit(page, live_server, sign_in, pages)

    # On a phone the account links are in the menu, not squeezed into the header.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/")
    header = page.get_by_role("banner")
    expect(header.get_by_role("button", name="Sign out")).to_be_hidden()
    expect(header.get_by_text("Signed in as")).to_be_hidden()
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("button", name="Menu").click()
    expect(menu.get_by_text("Signed in as")).to_be_visible()
    expect(menu.get_by_role("link", name="Change password")).to_be_visible()
    expect(menu.get_by_role("link", name="E-mail settings")).to_be_visible()
    expect(menu.get_by_role("button", name="Sign out")).to_be_visible()
    # At a desktop's width they are in the header, once.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(1)
    expect(page.get_by_role("link", name="Change password")).to_have_count(1)


def test_the_spr_leads_board_review_and_trends_in_their_real_states(
    page, live_server, states, history, sign_in
):
    from assessments.models import Quarter

    draft, past, quarter = states["draft"], states["past"], states["quarter"]
    q3 = Quarter.objects.get(financial_year=2015, number=3)
    pages = [
        ("acc.security", "home-spr-lead", "/"),
        ("acc.security", "board-current", "/board/"),
        ("acc.security", "board-2015-q3", f"/board/{q3.pk}/"),
        ("acc.security", "trends", "/board/trends/"),
        ("acc.security", "threat-trend", "/board/trends/child-sexual-abuse/"),
        ("acc.security", "assessment-detail-draft", f"/assessments/{draft.pk}/"),
        ("acc.security", "assessment-detail-signed", f"/assessments/{past.pk}/"),
        ("acc.security", "compare", f"/assessments/{past.pk}/compare/"),
        ("acc.security", "actions-register", "/actions/"),
        ("acc.security", "quarters", "/quarters/"),
    ]
    if states["returned"] is not None:
        pages.append(("acc.security", "detail-returned", f"/assessments/{states['returned'].pk}/"))
    _visit(page, live_server, sign_in, pages)
    # Ten years of history: the chart draws the latest twelve quarters and says so; on a phone
    # it starts at the newest one.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/board/trends/child-sexual-abuse/")
    quarters = page.evaluate(
        "() => [...document.querySelectorAll('svg.trend-chart text')]"
        ".filter(t => /^\\d{4}\\/\\d{2} ?Q[1-4]$/.test(t.textContent)).length"
    )
    assert quarters == 12, quarters
    expect(page.locator(".trend-layout__note")).to_contain_text("The chart shows the latest 12")
    box = page.locator("figure.trend-layout__chart").bounding_box()
    newest = page.locator("svg.trend-chart circle").last.bounding_box()
    assert box["x"] <= newest["x"] and newest["x"] + newest["width"] <= box["x"] + box["width"]
    # The board on the wall: all nine graded items of every threat on screen at 1280 px.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/board/{q3.pk}/")
    expect(page.get_by_role("columnheader", name="Capacity – Regional")).to_have_count(1)
    rightmost = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.review-heatmap__grade-head')]"
        ".map(h => h.getBoundingClientRect().right))"
    )
    assert rightmost <= 1280
    assert quarter.is_open


def test_the_audit_reports_and_service_pages_in_their_real_states(
    page, live_server, states, sign_in
):
    from reports.models import BoardReport

    published = BoardReport.objects.exclude(status="draft").order_by("-meeting_date").first()
    pages = [
        (None, "sign-in", "/accounts/login/"),
        (None, "help", "/help/"),
        (None, "accessibility", "/accessibility/"),
        (None, "privacy", "/privacy/"),
        (None, "signed-out", "/accounts/signed-out/"),
        ("acc.security", "audit-log", "/audit/"),
        ("acc.security", "reports", "/reports/"),
        ("acc.security", "report-published", f"/reports/{published.pk}/"),
        ("acc.security", "report-preview", f"/reports/{published.pk}/preview/"),
        ("acc.security", "integrity", "/reports/integrity/"),
        ("acc.security", "api-tokens", "/api-tokens/"),
        ("pcc.office", "reports-policing-body-office", "/reports/"),
        ("pcc.office", "board-policing-body-office", "/board/"),
        ("admin", "users", "/accounts/users/"),
    ]
    draft = BoardReport.objects.filter(status="draft").first()
    if draft:
        pages.insert(5, ("acc.security", "report-draft", f"/reports/{draft.pk}/"))
    _visit(page, live_server, sign_in, pages)
