"""The home page and the health check. The home page is, with the root URLconf, the one place
in spr_portal that imports the apps: it is every role's starting point, so it gathers what waits
for each person from the apps that hold it (assessments, reports). Nothing in the apps imports
it back."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.failed_tasks import failed_count
from assessments.selectors.due import (
    due_for_chief_officer,
    due_for_lead,
    due_for_reviewer,
    next_meeting,
)
from assessments.selectors.reopening import reopened_to
from assessments.selectors.waiting import meeting_actions_of, returned_to, submitted_for_review
from reports.selectors_published import (
    NEWLY_PUBLISHED_DAYS,
    newly_published,
    questions_waiting,
)
from spr_portal.access import has_any_role


@require_GET
def home(request):
    """Each role's starting points (from `may`, the access table); the pages themselves check
    access again."""
    user = request.user
    return render(
        request,
        "home.html",
        {
            "has_no_role": not has_any_role(user),
            # What waits for this person: a fixed number of queries, however many there are.
            "returned_to_me": returned_to(user),
            "reopened_to_me": reopened_to(user),
            "for_my_review": submitted_for_review(user),
            "meeting_actions": meeting_actions_of(user),
            "newly_published": newly_published(user),
            "questions_waiting": questions_waiting(user),
            "newly_published_days": NEWLY_PUBLISHED_DAYS,
            # What is due, and when, as each role needs it (also a fixed number of queries).
            "due_mine": due_for_lead(user),
            "due_led": due_for_chief_officer(user),
            "due_quarters": due_for_reviewer(user),
            "next_meeting": next_meeting(user),
            # Administrators only (None, and no query, for everyone else).
            "failed_tasks": failed_count(user),
        },
    )
