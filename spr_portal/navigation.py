"""The service navigation: which sections each user is offered. Offering a link is a
convenience only; every page checks access again on the server, with the same table."""

from django.urls import reverse

from spr_portal.access import Can, may

# (label, URL name, what the user must be allowed to see it)
NAVIGATION = (
    ("My assessments", "assessments:my_assessments", Can.WORK_ON_ASSESSMENTS),
    ("Quarter board", "assessments:quarter_board_current", Can.READ_BOARD),
    ("Actions register", "assessments:actions_register", Can.READ_ACTIONS_REGISTER),
    ("Board reports", "reports:report_list", Can.READ_REPORTS),
    ("Audit log", "audit:audit_log", Can.READ_AUDIT_LOG),
    ("Manage users", "accounts:user_list", Can.MANAGE_USERS),
    ("Set up the force", "onboarding:setup", Can.SET_UP_FORCE),
    ("Administration", "admin:index", Can.ADMINISTER),
)


def navigation_for(request) -> list[dict]:
    items = []
    for label, url_name, needed in NAVIGATION:
        if may(request.user, needed):
            url = reverse(url_name)
            items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return items
