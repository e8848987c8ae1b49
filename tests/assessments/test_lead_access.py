"""The business lead's pages beyond the status of each page for each role, which the URL
matrix (tests/test_url_matrix.py) declares for drafts and submitted assessments alike: what
the list shows, and the ids and states the matrix does not try."""

import pytest
from django.urls import reverse

from tests.html import text

pytestmark = pytest.mark.django_db


def test_my_assessments_lists_only_the_own_departments_threats(
    client, business_lead, other_business_lead, draft, threat
):
    client.force_login(business_lead)
    assert threat.name in text(client.get(reverse("assessments:my_assessments")))
    client.force_login(other_business_lead)
    assert threat.name not in text(client.get(reverse("assessments:my_assessments")))


def test_a_closed_quarter_cannot_be_started(client, business_lead, threat, quarter):
    quarter.is_open = False
    quarter.save()
    client.force_login(business_lead)
    url = reverse("assessments:assessment_start", args=[quarter.pk, threat.slug])
    assert client.get(url).status_code == 404


def test_an_action_of_another_threat_is_404(client, business_lead, draft, other_threat, quarter):
    from tests.factories import AssessmentFactory, ImprovementActionFactory

    theirs = ImprovementActionFactory(
        raised_in=AssessmentFactory(threat=other_threat, quarter=quarter)
    )
    client.force_login(business_lead)
    for name in ("action_edit", "action_close"):
        url = reverse(f"assessments:{name}", args=[draft.pk, theirs.pk])
        assert client.post(url).status_code == 404, name


def test_methods_other_than_get_and_post_are_refused(client, business_lead, draft):
    client.force_login(business_lead)
    assert client.put(reverse("assessments:assessment_edit", args=[draft.pk])).status_code == 405


def test_an_unknown_section_is_404(client, business_lead, draft):
    client.force_login(business_lead)
    for section in ("nonsense", "actions", "revision"):
        url = reverse("assessments:assessment_section", args=[draft.pk, section])
        assert client.get(url).status_code == 404, section


def test_a_valid_save_by_anyone_but_the_owning_lead_is_refused_and_changes_nothing(
    client, business_lead, other_business_lead, spr_lead, draft
):
    """A save reads the assessment only under the service's lock, where the owner check
    decides: a complete, current form from a lead of another department is the same 404 as
    their opening the page, from another role the same 403, and an id that does not exist a
    404; nothing is written, and the trail records no save."""
    from assessments.models import Assessment
    from audit.models import AuditEvent

    url = reverse("assessments:assessment_section", args=[draft.pk, "capability"])
    form = {
        "capability_grade": "4",
        "capability_narrative": "Written by someone else.",
        "revision": str(draft.revision),
    }
    trail = AuditEvent.objects.count()
    for person, status in ((other_business_lead, 404), (spr_lead, 403)):
        client.force_login(person)
        assert client.get(url).status_code == status, person
        assert client.post(url, form).status_code == status, person
    client.force_login(business_lead)
    gone = reverse("assessments:assessment_section", args=[draft.pk + 1000, "capability"])
    assert client.post(gone, form).status_code == 404
    kept = Assessment.objects.get(pk=draft.pk)
    assert (kept.capability_narrative, kept.revision) == (
        draft.capability_narrative,
        draft.revision,
    )
    # The trail has the sign-ins and the 403s (refusals are audited), and no save.
    after = AuditEvent.objects.order_by("pk").values_list("action", flat=True)[trail:]
    assert {action.split(".")[0] for action in after} == {"auth"}
    # The owner's own save, the same form, goes through: the refusals were for the people.
    assert client.post(url, form).status_code == 302
    assert Assessment.objects.get(pk=draft.pk).capability_narrative == "Written by someone else."
