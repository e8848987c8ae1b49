"""The URL matrix's declared table: for every URL pattern, the answer each role gets for its
own department's object and another's, GET and POST (tests/test_url_matrix.py runs it)."""

# Signed out; business lead of the own department and of another; the business lead of a
# department recorded as contributing to the own department's assessments (Firearms, owning
# no threat); SPR lead; the chief officer lead of the own department's threat and of the
# other's; the policing body's office; an administrator; someone signed in with no role.
ROLES = ("anon", "bl", "obl", "cbl", "spr", "co", "oco", "pcc", "admin", "none")
SIGNED_IN = ROLES[1:]


def codes(default=403, anon=302, **by_role) -> dict[str, object]:
    """Expected status per role: `default` for every signed-in role not named; the other
    department's chief officer lead (`oco`) as `co` unless named (pages that do not depend
    on whose threat it is)."""
    if "co" in by_role:
        by_role.setdefault("oco", by_role["co"])
    return {"anon": anon} | {role: by_role.get(role, default) for role in SIGNED_IN}


def both(own, other):
    """Different answers for the user's own department's object and for another's."""
    return (own, other)


GET_ONLY = {"POST": codes(405)}
# A business lead's own department's object, and another's (which does not exist for them).
# A contributing department's lead reads the own assessments on the record, never on the
# owner's pages: they do not exist for them there.
OWN_LEAD_REDIRECT = {"bl": both(302, 404), "obl": both(404, 302), "cbl": 404}  # sent on
OWN_LEAD_PAGE = {"bl": both(200, 404), "obl": both(404, 200), "cbl": 404}  # a page or errors
API_USERS = codes(200, admin=403, none=403)  # every role that reads assessments or reports


def readers(answer) -> dict[str, object]:
    """The same answer for every role but the SPR lead that reads published papers: the
    force profile of the world (the demo's) leaves them open to every role (a force that
    keeps them to chief officers and its policing body: tests/reports/test_open_papers.py)."""
    return {role: answer for role in ("bl", "obl", "cbl", "co", "pcc", "admin")}


# A report's edit pages: the SPR lead's draft only; others may not see a draft at all, and
# may see but not edit a published report.
DRAFT_EDIT = codes(spr=both(200, 404), **readers(both(404, 403)))

# The benchmark's bare page (spr_portal/urls_bench.py, name "bench_bare") has no entry on purpose:
# it is mounted only on the benchmark's server (SPR_BENCH_PAGE), never in a deployment, so it
# adds nothing to this matrix; tests/test_bench_page.py checks that and its access.

# Objects: "own" is business lead `bl`'s department's, submitted (threat led by `co`); "other"
# is `obl`'s department's, signed off (threat led by `oco`). Reports: "own" is a draft, "other"
# a published one. Every URL of an assessment (or of its sections, actions and evidence files)
# declares its answers for a draft too, under DRAFT: "own" is then a draft of `bl`'s
# department, "other" a draft of `obl`'s (each with an action and an evidence file).
ASSESSMENT = "assessment"
REPORT = "report"
DRAFT = "draft"
ASSESSMENT_KINDS = {ASSESSMENT, "section", "action", "evidence", "evidence file", "contribution"}
# Who sees an assessment at all (no page gate: visible_to alone decides, so another's is a 404):
# its department's business lead, a contributing department's, the SPR lead, its threat's
# chief officer lead, and the policing body's office once it is signed off.
SEEN_BY_DEPARTMENT = {
    "bl": both(200, 404),
    "obl": both(404, 200),
    "cbl": both(200, 404),
    "spr": 200,
    "co": both(200, 404),
    "oco": both(404, 200),
}

MEETING_READERS = {role: 200 for role in ("bl", "obl", "cbl", "spr", "co", "oco")}
MINUTES_READERS = {"spr": 200, "co": 200, "oco": 200}

EXPECTED: dict[str, dict] = {
    "home": {"GET": codes(200), "POST": codes(405)},
    "login": {"GET": codes(302, anon=200), "POST": codes(302, anon=200)},
    "logout": {"GET": codes(405), "POST": codes(302, anon=302)},
    "healthz": {"GET": codes(200, anon=200), "POST": codes(405, anon=405)},
    # Readiness (the load balancer's): open like liveness; it names no more than the checks.
    "readyz": {"GET": codes(200, anon=200), "POST": codes(405, anon=405)},
    # The background tasks that failed after their retries: administrators only.
    # POST runs a failed task again (no such task in the matrix: back to the list, saying so).
    "failed_tasks": {"GET": codes(admin=200), "POST": codes(admin=302)},
    # The service pages: open to everyone, signed in or not
    **{
        name: {"GET": codes(200, anon=200), "POST": codes(405, anon=405)}
        for name in ("help", "accessibility", "privacy", "signed_out")
    },
    "admin": {"GET": codes(302, admin=200), "POST": codes(302, admin=200)},
    # The business lead's pages
    "assessments:my_assessments": {"GET": codes(bl=200, obl=200, cbl=200), **GET_ONLY},
    "assessments:assessment_start": {
        "object": "start",
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_REDIRECT),
    },
    # On a draft the lead's pages open; once submitted most of them send the lead on.
    "assessments:assessment_edit": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_PAGE),
        **GET_ONLY,
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), **GET_ONLY},
    },
    # An empty submission of a draft is the page again, naming what is missing.
    "assessments:assessment_submit": {
        "object": ASSESSMENT,
        "GET": codes(405),
        "POST": codes(**OWN_LEAD_REDIRECT),
        DRAFT: {"GET": codes(405), "POST": codes(**OWN_LEAD_PAGE)},
    },
    # Check your answers: only an editable one (own is submitted, other signed off: sent on).
    "assessments:assessment_check": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_REDIRECT),
        **GET_ONLY,
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), **GET_ONLY},
    },
    # Own is submitted and nobody has started reviewing it: the confirmation (an empty POST
    # is the page again); other is signed off, so there is nothing to withdraw; nor is there
    # from a draft.
    "assessments:assessment_withdraw": {
        "object": ASSESSMENT,
        "GET": codes(bl=both(200, 404), obl=both(404, 302), cbl=404),
        "POST": codes(bl=both(200, 404), obl=both(404, 302), cbl=404),
        DRAFT: {"GET": codes(**OWN_LEAD_REDIRECT), "POST": codes(**OWN_LEAD_REDIRECT)},
    },
    "assessments:assessment_section": {
        "object": "section",
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), "POST": codes(**OWN_LEAD_PAGE)},
    },
    # What the SPR expects: the lead's answers, as a section (an empty POST lacks the lines'
    # revisions: the page again with its error).
    "assessments:assessment_expectations": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), "POST": codes(**OWN_LEAD_PAGE)},
    },
    "assessments:action_list": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_REDIRECT),
        **GET_ONLY,
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), **GET_ONLY},
    },
    "assessments:action_add": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), "POST": codes(**OWN_LEAD_PAGE)},
    },
    "assessments:action_edit": {
        "object": "action",
        "GET": codes(**OWN_LEAD_REDIRECT),
        "POST": codes(**OWN_LEAD_PAGE),
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), "POST": codes(**OWN_LEAD_PAGE)},
    },
    "assessments:action_close": {
        "object": "action",
        "GET": codes(405),
        "POST": codes(**OWN_LEAD_REDIRECT),
        DRAFT: {"GET": codes(405), "POST": codes(**OWN_LEAD_REDIRECT)},
    },
    # The quarter board (a business lead's holds the threats their departments own or
    # contribute to) and the SPR lead's pages
    "assessments:quarter_board_current": {"GET": codes(200, admin=403, none=403), **GET_ONLY},
    "assessments:quarter_board": {
        "object": "quarter",
        "GET": codes(200, admin=403, none=403),
        **GET_ONLY,
    },
    "assessments:quarter_list": {"GET": codes(spr=200), **GET_ONLY},
    "assessments:quarter_new": {"GET": codes(spr=200), "POST": codes(spr=200)},
    "assessments:quarter_edit": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    "assessments:quarter_open": {"object": "quarter", "GET": codes(405), "POST": codes(spr=302)},
    # GET lists what is unfinished before the SPR lead confirms; POST closes.
    "assessments:quarter_close": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=302),
    },
    # An empty POST is the page again with its error summary.
    "assessments:late_submissions": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    # An empty POST names nobody: back to the quarters list.
    "assessments:quarter_deputies": {
        "object": "quarter",
        "GET": codes(spr=200),
        "POST": codes(spr=302),
    },
    # Business lead stand-ins: an empty POST is the page again with its error summary; ending
    # one (the world's, still to start) is the SPR lead's, back to the page.
    "assessments:stand_ins": {"GET": codes(spr=200), "POST": codes(spr=200)},
    "assessments:stand_in_end": {"object": "stand-in", "GET": codes(405), "POST": codes(spr=302)},
    "assessments:actions_register": {"GET": codes(spr=200), **GET_ONLY},
    # Inspection recommendations: every role of the board reads the register; one
    # recommendation is seen by the SPR lead and the policing body's office, and by the
    # business lead and chief officer lead of a threat it concerns ("own" concerns `bl`'s
    # department's threat and is owned by `bl`; "other" `obl`'s). Its owner and the SPR lead
    # note progress; the office records its response; the SPR lead changes and closes.
    "assessments:recommendation_list": {
        "GET": codes(200, admin=403, none=403),
        **GET_ONLY,
    },
    "assessments:recommendation_new": {"GET": codes(spr=200), "POST": codes(spr=200)},
    "assessments:recommendation_detail": {
        "object": "recommendation",
        "GET": codes(404, pcc=200, admin=403, none=403, **SEEN_BY_DEPARTMENT | {"cbl": 404}),
        **GET_ONLY,
    },
    "assessments:recommendation_edit": {
        "object": "recommendation",
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    "assessments:recommendation_progress": {
        "object": "recommendation",
        "GET": codes(405),
        "POST": codes(
            403,
            bl=both(200, 404),
            obl=both(404, 200),
            cbl=404,
            spr=200,
            co=both(403, 404),
            oco=both(404, 403),
        ),
    },
    "assessments:recommendation_response": {
        "object": "recommendation",
        "GET": codes(405),
        "POST": codes(pcc=200),
    },
    "assessments:recommendation_close": {
        "object": "recommendation",
        "GET": codes(405),
        "POST": codes(spr=200),
    },
    # The quarterly meeting (issue 27): read by the SPR lead, chief officer leads and business
    # leads (each of these sees only their own threats' decisions and actions on the page);
    # recorded by the SPR lead, whose empty form is the page again with its errors.
    "assessments:meeting_list": {"GET": codes(**MEETING_READERS), **GET_ONLY},
    "assessments:meeting_create": {
        "object": "meeting quarter",
        "GET": codes(405),
        "POST": codes(spr=302),  # each quarter has its meeting already: sent back, told so
    },
    "assessments:meeting": {"object": "meeting", "GET": codes(**MEETING_READERS), **GET_ONLY},
    **{
        name: {"object": "meeting", "GET": codes(405), "POST": codes(spr=200)}
        for name in (
            "assessments:meeting_details",
            "assessments:meeting_attendee",
            "assessments:meeting_action",
        )
    },
    "assessments:meeting_decide": {
        "object": "meeting item",
        "GET": codes(spr=200),
        "POST": codes(spr=200),
    },
    # Only its owner (own: `bl`'s, other: `obl`'s); to anyone else it does not exist.
    "assessments:meeting_action_update": {
        "object": "meeting action",
        "GET": codes(404, pcc=403, admin=403, none=403, bl=both(200, 404), obl=both(404, 200)),
        "POST": codes(404, pcc=403, admin=403, none=403, bl=both(200, 404), obl=both(404, 200)),
    },
    # A chief officer lead, of their portfolio only (own is led by `co`, other by `oco`); a
    # signed-off one or a draft is the page saying it cannot be endorsed.
    "assessments:assessment_endorse": {
        "object": ASSESSMENT,
        "GET": codes(co=both(200, 404), oco=both(404, 200)),
        "POST": codes(co=both(200, 404), oco=both(404, 200)),
        DRAFT: {
            "GET": codes(co=both(200, 404), oco=both(404, 200)),
            "POST": codes(co=both(200, 404), oco=both(404, 200)),
        },
    },
    "assessments:assessment_detail": {
        "object": ASSESSMENT,
        # The PCC office reads only what is signed off (other), never a draft.
        "GET": codes(404, pcc=both(404, 200), **SEEN_BY_DEPARTMENT),
        **GET_ONLY,
        DRAFT: {"GET": codes(404, **SEEN_BY_DEPARTMENT), **GET_ONLY},
    },
    "assessments:assessment_review": {
        "object": ASSESSMENT,
        "GET": codes(spr=200),
        "POST": codes(spr=200),
        # Any assessment the SPR lead sees opens; the decisions are refused unless submitted.
        DRAFT: {"GET": codes(spr=200), "POST": codes(spr=200)},
    },
    "assessments:assessment_sign_off": {
        "object": ASSESSMENT,
        "GET": codes(spr=both(200, 302)),
        "POST": codes(spr=both(200, 302)),
        DRAFT: {"GET": codes(spr=302), "POST": codes(spr=302)},
    },
    "assessments:assessment_reopen": {
        "object": ASSESSMENT,
        "GET": codes(spr=both(302, 200)),
        "POST": codes(spr=both(302, 200)),
        DRAFT: {"GET": codes(spr=302), "POST": codes(spr=302)},
    },
    "assessments:assessment_compare": {
        "object": ASSESSMENT,
        # The PCC office reads a signed-off result, not its workflow; nor does a contributing
        # department's lead read the owner's workflow.
        "GET": codes(404, **(SEEN_BY_DEPARTMENT | {"cbl": both(403, 404)}), pcc=both(404, 403)),
        **GET_ONLY,
        # A draft does not exist for the PCC office at all.
        DRAFT: {"GET": codes(404, **(SEEN_BY_DEPARTMENT | {"cbl": both(403, 404)})), **GET_ONLY},
    },
    # Board reports
    "reports:report_list": {"GET": codes(200, none=403), **GET_ONLY},
    "reports:report_new": {"GET": codes(spr=200), "POST": codes(spr=200)},
    "reports:integrity": {"GET": codes(spr=200), **GET_ONLY},
    # The inspection evidence pack: the SPR lead (without a choice, the page that asks)
    "reports:evidence_pack": {"GET": codes(spr=200), **GET_ONLY},
    # Checking a copy of a paper: whoever reads published papers (a POST without a file is
    # a form with errors); published papers are open to every role in the world's profile
    "reports:verify_paper": {"GET": codes(200, none=403), "POST": codes(200, none=403)},
    "reports:report_detail": {
        "object": REPORT,
        "GET": codes(spr=200, **readers(both(404, 200))),
        **GET_ONLY,
    },
    "reports:report_edit_details": {
        "object": REPORT,
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_edit_section": {
        "object": "report section",
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_edit_threat": {
        "object": "report threat",
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_preview": {
        "object": REPORT,
        "GET": codes(spr=200, **readers(both(404, 200))),
        **GET_ONLY,
    },
    "reports:report_preview_pdf": {
        "object": REPORT,
        "GET": codes(spr=both(200, 404), **readers(404)),
        **GET_ONLY,
    },
    "reports:report_late_sign_offs": {"object": REPORT, "GET": DRAFT_EDIT, "POST": DRAFT_EDIT},
    "reports:report_figures": {"object": REPORT, "GET": DRAFT_EDIT, "POST": DRAFT_EDIT},
    "reports:report_publish": {
        "object": REPORT,
        "GET": DRAFT_EDIT,
        "POST": DRAFT_EDIT,
    },
    "reports:report_correct": {
        "object": REPORT,
        "GET": codes(spr=both(404, 200), **readers(both(404, 403))),
        "POST": codes(spr=both(404, 200), **readers(both(404, 403))),
    },
    "reports:report_download": {
        "object": REPORT,
        "GET": codes(spr=both(404, 200), **readers(both(404, 200))),
        **GET_ONLY,
    },
    # Accounts
    "accounts:password_change": {"GET": codes(200), "POST": codes(200)},
    # Anyone signed in chooses their own e-mails (an empty form turns the optional ones off)
    "accounts:email_settings": {"GET": codes(200), "POST": codes(302)},
    "accounts:stay_signed_in": {"GET": codes(405), "POST": codes(302)},
    # Without a second factor set up (tests run as the demo does, with DEBUG on), the
    # second step's pages simply open; the policy itself: tests/accounts/test_second_factor.py
    "accounts:two_factor_setup": {"GET": codes(200), "POST": codes(200)},
    "accounts:two_factor_verify": {"GET": codes(200), "POST": codes(200)},
    # Single sign-on is off unless configured (tests/browser/test_single_sign_on.py turns it on)
    "accounts:sso_start": {"GET": codes(404, anon=404), "POST": codes(404, anon=404)},
    "accounts:sso_callback": {"GET": codes(404, anon=404), "POST": codes(404, anon=404)},
    "accounts:user_list": {"GET": codes(admin=200), **GET_ONLY},
    "accounts:user_detail": {"object": "user", "GET": codes(admin=200), "POST": codes(admin=302)},
    # Both users are their department's only business lead: an empty POST (the box saying so
    # not ticked) is the page again with the warning as its error.
    "accounts:user_deactivate": {"object": "user", "GET": codes(405), "POST": codes(admin=200)},
    # A set-password link is e-mailed to the person; nobody sees it on the page.
    "accounts:user_password_link": {
        "object": "user",
        "GET": codes(405),
        "POST": codes(admin=302),
    },
    # The page a link opens, signed in or not: a made-up token is "This link no longer works".
    "accounts:password_set": {
        "object": "set-password link",
        "GET": codes(200, anon=200),
        "POST": codes(200, anon=200),
    },
    # Setting up the force: administrators (and the createsuperuser account). An empty POST
    # of a form is the form with its errors; loading the shipped editions redirects.
    "onboarding:setup": {"GET": codes(admin=200), **GET_ONLY},
    "onboarding:force_profile": {"GET": codes(admin=200), "POST": codes(admin=200)},
    "onboarding:editions": {"GET": codes(admin=200), "POST": codes(admin=302)},
    "onboarding:sso_mappings": {"GET": codes(admin=200), "POST": codes(admin=200)},
    # What each SPR edition expects: the lines by threat, a new one and a line's own page (an
    # empty POST is the form with its errors).
    "onboarding:expectations": {"GET": codes(admin=200), **GET_ONLY},
    "onboarding:expectation_add": {"GET": codes(admin=200), "POST": codes(admin=200)},
    "onboarding:expectation_edit": {
        "object": "expectation",
        "GET": codes(admin=200),
        "POST": codes(admin=200),
    },
    # The force's contribution figures of a threat: a new one and a figure's own page.
    "onboarding:measure_add": {"GET": codes(admin=200), "POST": codes(admin=200)},
    "onboarding:measure_edit": {
        "object": "measure",
        "GET": codes(admin=200),
        "POST": codes(admin=200),
    },
    # The set-up spreadsheet: administrators (a POST without a file is the form with its
    # error; a confirmation with no file kept from a dry run is a 409, the upload form again)
    "onboarding:setup_import": {"GET": codes(admin=200), "POST": codes(admin=200)},
    "onboarding:setup_import_confirm": {"GET": codes(405), "POST": codes(admin=409)},
    "onboarding:setup_template": {"GET": codes(admin=200), **GET_ONLY},
    "onboarding:setup_template_csv": {
        "object": "set-up table",
        "GET": codes(admin=200),
        **GET_ONLY,
    },
    # The crest on the paper: administrators (a POST without a file is a form with errors)
    "reports:force_crest": {"GET": codes(admin=200), "POST": codes(admin=200)},
    # The force's history import and its template: administrators (a POST without a file is
    # the form with its errors)
    "onboarding:history_import": {"GET": codes(admin=200), "POST": codes(admin=200)},
    "onboarding:history_template": {"GET": codes(admin=200), **GET_ONLY},
    # Contributing departments: the threat's business lead or the SPR lead (a POST without
    # its revision is a form with errors)
    "assessments:assessment_contributors": {
        "object": ASSESSMENT,
        "GET": codes(spr=200, **OWN_LEAD_PAGE),
        "POST": codes(spr=200, **OWN_LEAD_PAGE),
        DRAFT: {"GET": codes(spr=200, **OWN_LEAD_PAGE), "POST": codes(spr=200, **OWN_LEAD_PAGE)},
    },
    # A contributing department's text in a section: its business lead only. Own is submitted
    # (the page says contributions are closed; a save is refused, 409); a draft's empty POST
    # is the form with its errors. For everyone else the assessment is not one to contribute
    # to: a 404 (the owning department's lead included).
    "assessments:contribution_edit": {
        "object": "contribution",
        "GET": codes(bl=404, obl=404, cbl=both(200, 404)),
        "POST": codes(bl=404, obl=404, cbl=both(409, 404)),
        DRAFT: {
            "GET": codes(bl=404, obl=404, cbl=both(200, 404)),
            "POST": codes(bl=404, obl=404, cbl=both(200, 404)),
        },
    },
    # Evidence files (the lead's own pages; downloads follow the assessment's visible_to)
    "assessments:evidence_list": {
        "object": ASSESSMENT,
        "GET": codes(**OWN_LEAD_PAGE),
        "POST": codes(**OWN_LEAD_PAGE),
        DRAFT: {"GET": codes(**OWN_LEAD_PAGE), "POST": codes(**OWN_LEAD_PAGE)},
    },
    "assessments:evidence_delete": {
        "object": "evidence",
        "GET": codes(405),
        "POST": codes(**OWN_LEAD_REDIRECT),
        DRAFT: {"GET": codes(405), "POST": codes(**OWN_LEAD_REDIRECT)},
    },
    "assessments:evidence_download": {
        "object": "evidence file",
        "GET": codes(404, pcc=both(404, 200), **SEEN_BY_DEPARTMENT),
        **GET_ONLY,
        DRAFT: {"GET": codes(404, **SEEN_BY_DEPARTMENT), **GET_ONLY},
    },
    # Exports and trends (whoever reads the board; a business lead's threats as on it)
    "assessments:board_export": {
        "object": "format",
        "GET": codes(200, admin=403, none=403),
        **GET_ONLY,
    },
    "assessments:actions_export": {"object": "format", "GET": codes(spr=200), **GET_ONLY},
    "assessments:force_trends": {"GET": codes(200, admin=403, none=403), **GET_ONLY},
    "assessments:threat_trends": {
        "object": "threat trend",
        "GET": codes(
            spr=200,
            bl=both(200, 404),
            obl=both(404, 200),
            cbl=both(200, 404),
            co=both(200, 404),
            oco=both(404, 200),
            pcc=200,
        ),
        **GET_ONLY,
    },
    "reports:report_preview_docx": {
        "object": REPORT,
        "GET": codes(spr=both(200, 404), **readers(404)),
        **GET_ONLY,
    },
    "reports:minutes_pdf": {"object": "meeting", "GET": codes(**MINUTES_READERS), **GET_ONLY},
    "reports:minutes_docx": {"object": "meeting", "GET": codes(**MINUTES_READERS), **GET_ONLY},
    # An empty approval is sent back to the meeting, told why.
    "reports:minutes_approve": {"object": "meeting", "GET": codes(405), "POST": codes(spr=302)},
    "reports:report_download_docx": {
        "object": REPORT,
        "GET": codes(spr=both(404, 200), **readers(both(404, 200))),
        **GET_ONLY,
    },
    "reports:report_trend_annex": {
        "object": REPORT,
        "GET": codes(405),
        "POST": codes(spr=both(302, 404), **readers(both(404, 403))),
    },
    # API tokens (the user's own only) and the read API, which a signed-in session does not
    # open: it wants a bearer token (tested in tests/api).
    "api:tokens": {"GET": API_USERS, "POST": API_USERS},
    "api:token_revoke": {
        "object": "token",
        "GET": codes(405),
        "POST": codes(404, bl=both(302, 404), obl=both(404, 302), admin=403, none=403),
    },
    "api-v1:api-root": {"GET": codes(404, anon=404), "POST": codes(404, anon=404)},
    "api-v1:openapi-json": {"GET": codes(200, anon=200), "POST": codes(200, anon=200)},
    **{
        f"api-v1:{name}": {
            "object": "api report"
            if name.startswith("report_") and name != "report_list"
            else None,
            "GET": codes(401, anon=401),
            "POST": codes(405, anon=405),
        }
        for name in (
            "editions",
            "threats",
            "quarters",
            "signed_off_grades",
            "report_list",
            "report_detail",
            "report_pdf",
            "report_docx",
        )
    },
    # The policing body's regard to a published paper ("own" is a draft: nothing to regard,
    # 404): its office records it, the SPR lead answers a question; others may not (403).
    "reports:regard_record": {
        "object": REPORT,
        "GET": codes(**{**readers(both(404, 403)), "spr": both(404, 403), "pcc": both(404, 200)}),
        "POST": codes(**{**readers(both(404, 403)), "spr": both(404, 403), "pcc": both(404, 200)}),
    },
    "reports:regard_answer": {
        "object": "regard question",
        "GET": codes(spr=both(404, 200), **readers(both(404, 403))),
        "POST": codes(spr=both(404, 200), **readers(both(404, 403))),
    },
    # The annual assurance statement: "own" a draft (the office's alone), "other" published
    # (read by the SPR lead, chief officers and the office). An empty POST is a form with
    # errors.
    "reports:statement_list": {
        "GET": codes(spr=200, co=200, pcc=200),
        "POST": codes(pcc=200),
    },
    "reports:statement_detail": {
        "object": "statement",
        "GET": codes(spr=both(404, 200), co=both(404, 200), pcc=200),
        **GET_ONLY,
    },
    **{
        f"reports:{name}": {
            "object": "statement",
            "GET": codes(spr=both(404, 403), co=both(404, 403), pcc=both(200, 404)),
            "POST": codes(spr=both(404, 403), co=both(404, 403), pcc=both(200, 404)),
        }
        for name in ("statement_edit", "statement_publish")
    },
    **{
        f"reports:{name}": {
            "object": "statement",
            "GET": codes(spr=both(404, 200), co=both(404, 200), pcc=both(404, 200)),
            **GET_ONLY,
        }
        for name in ("statement_download_pdf", "statement_download_docx")
    },
    # The audit log
    "audit:audit_log": {"GET": codes(spr=200, admin=200), **GET_ONLY},
    "audit:audit_log_csv": {"GET": codes(spr=200, admin=200), **GET_ONLY},
}
