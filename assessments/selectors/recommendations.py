"""What the register of inspection recommendations shows: the ones a user may see, with the
threats named in the current quarter's words, the 56-day clock and the due date in words."""

from django.db.models import Prefetch
from django.utils import timezone

from assessments.models import ImprovementAction, Quarter
from assessments.models.recommendations import Recommendation, RecommendationUpdate
from threats.models import NationalThreat
from threats.naming import names_under


def threat_names() -> dict[int, str]:
    """Every threat still in use, in the current quarter's words (else their own names)."""
    quarter = Quarter.objects.current()
    threats = NationalThreat.objects.order_by("display_order", "name")
    if quarter is None:
        return dict(threats.values_list("pk", "name"))
    names = names_under(quarter.edition)
    return {pk: names.get(pk, name) for pk, name in threats.values_list("pk", "name")}


def _decorate(recommendations, names, today):
    for recommendation in recommendations:
        recommendation.threat_names = [
            names.get(threat.pk, threat.name) for threat in recommendation.threats.all()
        ]
        recommendation.response = recommendation.response_state(today)
        recommendation.due = recommendation.due_state(today)
    return recommendations


def register(user, *, show_closed: bool = False) -> list[Recommendation]:
    today = timezone.localdate()
    rows = (
        Recommendation.objects.visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("threats", NationalThreat.objects.order_by("display_order")))
    )
    if not show_closed:
        rows = rows.still_open()
    return _decorate(list(rows), threat_names(), today)


def recommendation_page(recommendation) -> Recommendation:
    today = timezone.localdate()
    (recommendation,) = _decorate([recommendation], threat_names(), today)
    recommendation.history = list(
        RecommendationUpdate.objects.filter(recommendation=recommendation).select_related(
            "written_by"
        )
    )
    recommendation.cited_by = list(
        ImprovementAction.objects.filter(recommendation=recommendation)
        .select_related("threat", "raised_in__quarter")
        .order_by("due_date", "pk")
    )
    return recommendation


def open_for_threats(threat_ids) -> dict[int, list[Recommendation]]:
    """The open recommendations concerning each of the threats (the board paper's list)."""
    found: dict[int, list[Recommendation]] = {}
    rows = (
        Recommendation.objects.still_open()
        .filter(threats__in=threat_ids)
        .prefetch_related("threats")
        .order_by("published_on", "reference", "pk")
        .distinct()
    )
    for recommendation in rows:
        for threat in recommendation.threats.all():
            if threat.pk in threat_ids:
                found.setdefault(threat.pk, []).append(recommendation)
    return found
