"""The demo's register of inspection recommendations: a year of it, dated from today, recorded
and updated through the real services (each on the audit trail). A register that holds any
is left alone, so a second run adds nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import Recommendation
from assessments.models.recommendations import RecommendationKind
from assessments.services.recommendations import (
    recommendation_close,
    recommendation_note_progress,
    recommendation_record,
    recommendation_record_response,
)
from threats.models import NationalThreat

# (days ago published, source report, reference, kind, text, threat slugs, owner, due in days,
#  the policing body must respond, days ago its response was published, progress, closed)
RECOMMENDATIONS = [
    (
        300,
        "Strategic Policing Requirement inspection of the force",
        "Recommendation 1",
        RecommendationKind.RECOMMENDATION,
        "By the end of the year the force should assess its capacity to mobilise public order "
        "units against the national mobilisation plan, and report the result to the board.",
        ["public-disorder"],
        "acc.operations",
        -20,
        True,
        250,
        [
            "Assessment of mobilisation capacity started with the regional co-ordinator.",
            "Assessment complete and reported to the board.",
        ],
        "The assessment was reported to the board and its actions are on the register.",
    ),
    (
        300,
        "Strategic Policing Requirement inspection of the force",
        "Area for improvement 2",
        RecommendationKind.AREA_FOR_IMPROVEMENT,
        "The force should make sure its threat assessments for serious and organised crime "
        "inform its decisions about the national contribution it makes.",
        ["serious-organised-crime"],
        "lead.cid",
        60,
        False,
        None,
        ["Strategic threat assessment now names the regional contribution."],
        "",
    ),
    (
        30,
        "National inspection of the police response to cyber crime",
        "Recommendation 4",
        RecommendationKind.RECOMMENDATION,
        "Forces should make sure they can respond to a national cyber incident at any hour, "
        "with the skills the national response plan sets out.",
        ["cyber"],
        "lead.intel",
        150,
        True,
        None,
        [],
        "",
    ),
]


def seed_recommendations() -> int:
    if Recommendation.objects.exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.all()}
    spr_lead, office = users.get("acc.security"), users.get("pcc.office")
    if spr_lead is None or office is None:
        return 0
    threats = {t.slug: t for t in NationalThreat.objects.all()}
    today = timezone.localdate()
    made = 0
    for (
        ago,
        report,
        reference,
        kind,
        text,
        slugs,
        owner,
        due_in,
        respond,
        answered,
        notes,
        closed,
    ) in RECOMMENDATIONS:
        recommendation = recommendation_record(
            actor=spr_lead,
            threats=[threats[slug] for slug in slugs if slug in threats],
            source_report=report,
            published_on=today - datetime.timedelta(days=ago),
            reference=reference,
            kind=kind,
            text=text,
            owner=users.get(owner),
            due_on=today + datetime.timedelta(days=due_in),
            policing_body_must_respond=respond,
        )
        for note in notes:
            recommendation_note_progress(
                recommendation=recommendation, actor=users.get(owner) or spr_lead, text=note
            )
        if answered is not None:
            recommendation_record_response(
                recommendation=recommendation,
                actor=office,
                published_on=today - datetime.timedelta(days=answered),
            )
        if closed:
            recommendation_close(recommendation=recommendation, actor=spr_lead, reason=closed)
        made += 1
    return made
