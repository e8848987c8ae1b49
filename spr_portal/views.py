"""The home page and the health check. The home page is, with the root URLconf, the one place
in spr_portal that imports the apps: it is every role's starting point, so it gathers what waits
for each person from the apps that hold it (assessments, reports). Nothing in the apps imports
it back."""

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.failed_tasks import failed_count
from assessments.selectors import due
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
from spr_portal.cache_stamp import cached_for


def _waiting_for(user, on) -> dict:
    """What waits for this person and what is due, as each role needs it: a fixed number of
    queries, however many there are."""
    return {
        "returned_to_me": returned_to(user),
        "reopened_to_me": reopened_to(user),
        "for_my_review": submitted_for_review(user),
        "meeting_actions": meeting_actions_of(user),  # each marked overdue as of today
        # A day more than the page shows: the page cuts it to the moment (below).
        "published_lately": newly_published(user, days=NEWLY_PUBLISHED_DAYS + 1),
        "questions_waiting": questions_waiting(user),
        "due_mine": due_for_lead(user, on=on),
        "due_led": due_for_chief_officer(user, on=on),
        "due_quarters": due_for_reviewer(user, on=on),
        "next_meeting": next_meeting(user),
    }


@require_GET
def home(request):
    """Each role's starting points (from `may`, the access table); the pages themselves check
    access again."""
    user = request.user
    # All of it changes only by a write (which moves the cache's write stamp) or with the
    # date (in the key): built once per person and day, not on every opening of the page.
    on = due.today()
    waiting = dict(cached_for(user, ("home", on.isoformat()), lambda: _waiting_for(user, on)))
    since = timezone.now() - datetime.timedelta(days=NEWLY_PUBLISHED_DAYS)
    published = waiting.pop("published_lately")
    return render(
        request,
        "home.html",
        {
            "has_no_role": not has_any_role(user),
            **waiting,
            "newly_published": [report for report in published if report.published_at >= since],
            "newly_published_days": NEWLY_PUBLISHED_DAYS,
            # Administrators only (None, and no query, for everyone else); read afresh: a
            # task fails in the worker's process.
            "failed_tasks": failed_count(user),
        },
    )
