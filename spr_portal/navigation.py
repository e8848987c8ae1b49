"""The service navigation: which sections each user is offered. Offering a link is a
convenience only; every page checks access again on the server, with the same table."""

from spr_portal.access import Can, may
from spr_portal.kept_urls import kept_reverse

# (label, URL name, what the user must be allowed to see it)
NAVIGATION = (
    ("My assessments", "assessments:my_assessments", Can.WORK_ON_ASSESSMENTS),
    ("Quarter board", "assessments:quarter_board_current", Can.READ_BOARD),
    ("Meetings", "assessments:meeting_list", Can.READ_MEETINGS),
    ("Actions register", "assessments:actions_register", Can.READ_ACTIONS_REGISTER),
    ("Inspections", "assessments:recommendation_list", Can.READ_RECOMMENDATIONS),
    ("Board reports", "reports:report_list", Can.READ_REPORTS),
    ("Assurance statements", "reports:statement_list", Can.READ_STATEMENTS),
    ("Audit log", "audit:audit_log", Can.READ_AUDIT_LOG),
    ("Manage users", "accounts:user_list", Can.MANAGE_USERS),
    ("Set up the force", "onboarding:setup", Can.SET_UP_FORCE),
    ("Administration", "admin:index", Can.ADMINISTER),
)


def navigation_for(request) -> list[dict]:
    items = []
    for label, url_name, needed in NAVIGATION:
        if may(request.user, needed):
            url = kept_reverse(url_name)
            items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    # One section is current: the longest match (the statements' pages sit under the reports').
    current = [item for item in items if item["current"]]
    longest = max(current, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is longest
    return items
