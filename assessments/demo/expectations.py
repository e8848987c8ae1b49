"""The demo's lines of what the SPR expects and its contribution figure, and the leads'
answers and numbers.

The portal ships no words of the SPR (threats/expectations.py): the demo's lines are the
demo force's own capability plan for one threat, worded and cited as such, entered by its
administrator through the set-up service, and answered by the owning lead on each quarter's
self-assessment under the edition, so the signed versions hold them."""

from django.contrib.auth import get_user_model

from assessments.models import ContributionFigure
from assessments.services.expectation_setup import expectation_add, measure_add
from assessments.services.expectations import FigurePosted, Posted, checklist_save
from threats.models import ContributionMeasure, EditionExpectation, NationalThreat, SprEdition

EDITION_YEAR = 2023
# slug: (level, the force's own wording, its source: the force's plan, never the SPR's text)
LINES = {
    "public-disorder": [
        (
            "local",
            "Enough trained public order officers on the duty rota to meet the force's share "
            "of a national mobilisation at any hour.",
            "Force capability plan, public order, line 1",
        ),
        (
            "regional",
            "Mutual aid to and from the region's forces requested and given through the "
            "regional coordination centre.",
            "Force capability plan, public order, line 2",
        ),
        (
            "national",
            "Public order commanders trained and accredited to the national standard.",
            "Force capability plan, public order, line 3",
        ),
    ],
}
# The demo force's own contribution figure: (slug, name, unit, period, against), and its
# numbers (figure, against) quarter after quarter, the demo force's, not the SPR's.
MEASURES = [
    (
        "public-disorder",
        "Public order units available",
        "units",
        "at_quarter_end",
        "the force's mobilisation plan",
    ),
]
FIGURES = [(11, 12), (12, 12), (12, 12), (10, 12), (12, 12), (13, 12)]
# The answer each line gets in every quarter, with its evidence.
ANSWERS = [
    ("in_place", "The duty rota held the units the plan asks for on every weekend."),
    ("partly", "Mutual aid was given twice; the regional request process is being revised."),
    ("in_place", "Every commander on the rota holds a current accreditation."),
]


def seed_expectations() -> int:
    """The demo's lines, once (a second seeding adds none); how many were added."""
    edition = SprEdition.objects.filter(year=EDITION_YEAR).first()
    if edition is None:
        return 0
    admin = get_user_model().objects.get(username="admin")
    added = 0
    for slug, lines in LINES.items():
        threat = NationalThreat.objects.filter(slug=slug).first()
        if threat is None or EditionExpectation.objects.filter(threat=threat).exists():
            continue
        for level, wording, citation in lines:
            expectation_add(
                actor=admin,
                threat=threat,
                edition=edition,
                level=level,
                wording=wording,
                citation=citation,
            )
            added += 1
    for slug, name, unit, period, against in MEASURES:
        threat = NationalThreat.objects.filter(slug=slug).first()
        if threat is None or ContributionMeasure.objects.filter(threat=threat).exists():
            continue
        measure_add(
            actor=admin, threat=threat, name=name, unit=unit, period=period, against=against
        )
        added += 1
    return added


def answer_expectations(assessment, lead) -> None:
    """The lead's answers to the lines of the assessment's threat and edition, and its
    figures of the quarter, if any."""
    lines = EditionExpectation.objects.for_assessment(assessment).in_checklist_order()
    answers = [
        Posted(line.pk, answer, evidence, 0)
        for line, (answer, evidence) in zip(lines, ANSWERS, strict=False)
    ]
    earlier = ContributionFigure.objects.filter(assessment__threat=assessment.threat).count()
    figure, against = FIGURES[earlier % len(FIGURES)]
    figures = [
        FigurePosted(measure.pk, str(figure), str(against), 0)
        for measure in ContributionMeasure.objects.for_assessment(assessment)
    ]
    if answers or figures:
        checklist_save(assessment=assessment, actor=lead, answers=answers, figures=figures)
