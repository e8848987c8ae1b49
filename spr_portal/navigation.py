"""The service navigation: which sections each role is offered. Offering a link is a
convenience only; every page checks access again on the server."""

from django.urls import reverse

from spr_portal.roles import Role, roles_of

# (label, URL name, roles offered it)
NAVIGATION = (
    ("My assessments", "assessments:my_assessments", {Role.BUSINESS_LEAD}),
    (
        "Quarter board",
        "assessments:quarter_board_current",
        {Role.SPR_LEAD, Role.CHIEF_OFFICER_LEAD, Role.PCC_OFFICE},
    ),
    ("Actions register", "assessments:actions_register", {Role.SPR_LEAD}),
    (
        "Board reports",
        "reports:report_list",
        {Role.SPR_LEAD, Role.PCC_OFFICE, Role.CHIEF_OFFICER_LEAD},
    ),
    ("Administration", "admin:index", {Role.ADMINISTRATOR}),
)


def navigation_for(request) -> list[dict]:
    roles = roles_of(request.user)
    items = []
    for label, url_name, offered_to in NAVIGATION:
        if roles & offered_to:
            url = reverse(url_name)
            items.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return items
