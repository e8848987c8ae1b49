"""History reads as history: consecutive saves by one person are one entry naming the
sections saved; another person's save or any other step starts a new entry."""

from django.urls import reverse

from assessments import services
from assessments.selectors.history import history_entries, history_events
from spr_portal.roles import Role
from tests.factories import UserFactory
from tests.html import texts


def _save(assessment, actor, **data):
    return services.assessment_save_draft(
        assessment=assessment, actor=actor, data=data, revision=assessment.revision
    )


def test_consecutive_saves_by_one_person_are_one_entry_naming_each_section(
    client, quarter, threat, department, business_lead, spr_lead
):
    colleague = UserFactory(username="lead.colleague", roles=[Role.BUSINESS_LEAD])
    department.leads.add(colleague)
    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    assessment = _save(assessment, business_lead, capacity_local_grade=3)
    assessment = _save(assessment, business_lead, capacity_local_narrative="Forty officers now.")
    assessment = _save(assessment, business_lead, capacity_regional_grade=4)
    assessment = _save(assessment, business_lead, risks="Few trained officers.")
    assessment = _save(assessment, colleague, summary="A good position this quarter.")
    assessment = _save(assessment, business_lead, capability_grade=4)

    entries = history_entries(history_events(assessment))
    assert [(entry.heading, entry.actor.username) for entry in entries] == [
        ("Started", "lead.owner"),
        (
            "Saved 3 sections as draft in 4 saves: Capacity – local, Capacity – regional, Risks",
            "lead.owner",
        ),
        ("Saved Summary for the board report as draft", "lead.colleague"),
        ("Saved Capability as draft", "lead.owner"),
    ]
    group = entries[1]
    assert group.first_at <= group.at and len(group.saves) == 4

    client.force_login(spr_lead)
    page = client.get(reverse("assessments:assessment_detail", kwargs={"pk": assessment.pk}))
    html = page.content.decode()
    assert texts(html, ".review-history__event h3") == [entry.title for entry in entries]
    assert "Saved 3 sections as draft in 4 saves" in entries[1].title
    assert texts(html, ".review-history__sections")[0] == (
        "Capacity – local, Capacity – regional, Risks"
    )


def test_a_step_between_saves_splits_them(quarter, threat, business_lead, spr_lead):
    from tests.factories import complete_content

    assessment = services.assessment_start(threat=threat, quarter=quarter, actor=business_lead)
    assessment = _save(assessment, business_lead, **complete_content())
    assessment = services.assessment_submit(assessment=assessment, actor=business_lead)
    assessment = services.assessment_return(assessment=assessment, actor=spr_lead, comment="More.")
    assessment = _save(assessment, business_lead, four_ps=["prevent"])
    headings = [entry.heading for entry in history_entries(history_events(assessment))]
    assert headings[-3:] == [
        "Submitted for review",
        "Returned for revision",
        "Saved Alignment with the 4 Ps as draft",
    ]
    assert headings[1].startswith("Saved 11 sections as draft: Capacity – local, ")
