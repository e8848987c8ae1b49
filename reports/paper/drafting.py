"""The pre-filled text of a new board report, worded like the reference paper of 2 February
2016, from the force profile (its names, its chief officer's title), the SPR edition in force
(issued or refreshed, and the 2012 edition's National Policing Requirement only under it), its
threats and departments, and the quarter's signed-off self-assessments. The SPR lead then edits
every section."""

import datetime
from dataclasses import dataclass

from assessments.choices import Status, status_label
from assessments.models import Assessment, Quarter
from assessments.models.quarter import financial_year_label
from reports.paper.figures import counts_sentence
from threats.models import ChiefOfficerPost, Department, ForceProfile
from threats.naming import named_for

DEFAULT_TITLE = "Strategic Policing Requirement"


def profile() -> ForceProfile:
    """The force whose papers these are (the administrator sets it; see threats)."""
    return ForceProfile.current()


def force_name() -> str:
    return profile().force_name


@dataclass(frozen=True)
class ThreatPart:
    """One threat's part of the Summary of self-assessments, as the quarter stands now."""

    threat: object
    assessment: Assessment | None

    @property
    def is_signed_off(self) -> bool:
        return self.assessment is not None and self.assessment.status == Status.SIGNED_OFF

    @property
    def status_label(self) -> str:
        return status_label(self.assessment.status if self.assessment else None)

    @property
    def signed_summary(self) -> str:
        """Exactly the summary that was signed off (from the signed snapshot), or ""."""
        if not self.is_signed_off:
            return ""
        snapshot = self.assessment.signed_snapshot
        return snapshot.data.get("summary", "") if snapshot else self.assessment.summary


def threat_parts(quarter: Quarter) -> list[ThreatPart]:
    """Every national threat of the quarter's edition, with its assessment (if any)."""
    assessments = {
        a.threat_id: a
        for a in Assessment.objects.for_quarter(quarter).select_related("signed_snapshot")
    }
    threats = named_for(list(quarter.edition.threats()), quarter)
    return [ThreatPart(t, assessments.get(t.pk)) for t in threats]


def lead_post_title(actor) -> str:
    post = ChiefOfficerPost.objects.filter(holder=actor).order_by("title").first()
    return post.title if post else "the SPR lead"


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _bullets(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def _purpose(force: ForceProfile, meeting_date: datetime.date, previous_report) -> str:
    body = force.body_short_name
    if previous_report is not None:
        update = (
            f"It provides an update to the last report to {body} in "
            f"{previous_report.meeting_date:%B %Y}"
        )
    else:
        update = f"It is the first report to {body} on the force's response to the SPR"
    plan_year = financial_year_label(Quarter.for_date(meeting_date)[0] + 1)
    return (
        f"This paper is intended to inform {force.body_name} of the response of "
        f"{force.force_name} to the Home Secretary's Strategic Policing Requirement (SPR). "
        f"{update} and should help {body} have due regard to the SPR and to support "
        f"the setting of the Police and Crime Plan for {plan_year}."
    )


# The Home Secretary first issued the SPR in 2012; every later edition refreshed it. The
# National Policing Requirement belongs to that first edition's wording.
FIRST_SPR_YEAR = 2012


def _sentence_start(words: str) -> str:
    """A name as the first word of a sentence: "the force" becomes "The force", initials
    stay as they are."""
    return _capitalised(words)


def _introduction(force: ForceProfile, quarter: Quarter, post: str) -> str:
    edition = quarter.edition
    threats = named_for(list(edition.threats()), quarter)
    first_edition = edition.year <= FIRST_SPR_YEAR
    verb = "issued" if first_edition else "refreshed"
    short = force.short_name
    if first_edition:
        regard = (
            "Chief Constables and local policing bodies must have regard to the SPR when "
            "developing the National Policing Requirement (NPR) and when issuing or varying "
            "local police and crime plans."
        )
        follows = (
            f"The {force.force_name} response to the SPR follows the National Policing "
            "Requirement (NPR) and forms part of our strategic business planning process."
        )
    else:
        regard = (
            "Chief officers and local policing bodies must have regard to the SPR when "
            "exercising their functions and when issuing or varying local police and crime "
            "plans."
        )
        follows = (
            f"The {force.force_name} response to the SPR forms part of our strategic business "
            "planning process."
        )
    return _paragraphs(
        f"This paper sets out the current assessment of {force.force_name} in its response to the "
        f"Strategic Policing Requirement (SPR). It is a highlight report of the work led by "
        f"{post}.",
        f"The SPR was {verb} in {edition.year}, where the following were designated as the "
        "current national threats:\n" + _bullets(t.name for t in threats),
        "These national threats have by their nature the potential to be catastrophic to "
        "life, property and national infrastructure, including the economy.",
        "Although the SPR refers directly to the policing response to national threats, the "
        "reality is that the response is complex and involves many different partners in a "
        "wide range of activity that spans proactive prevention of the threat through early "
        "disruption and intelligence gathering through to the preparation of a reactive "
        f"response should the threats be realised. {regard}",
        f"{follows} {_sentence_start(short)} has a Chief Officer lead ({post}) for the SPR and "
        "draws together all the business leads that have a responsibility to deliver against "
        "the SPR and allow the force to take cognisance of each national threat and what our "
        "collective response is. These departments are:\n"
        + _bullets(f"{t.name}: {t.owner_name}" for t in threats),
    )


def _management_processes(force: ForceProfile, post: str) -> str:
    short = force.short_name
    return _paragraphs(
        f"{_sentence_start(short)} have quarterly meetings, chaired by {post}, to hold each of "
        "the departments to account and ensure they contribute effectively to the SPR and in "
        "turn build our national capability and capacity by providing assurances that their "
        "strategies are aligned to the SPR objectives and that they have appropriate business "
        "processes in place.",
        "Each business lead provides a self-assessment, in conjunction with the College of "
        "Policing capability frameworks (where available), developed from operational "
        "experience, testing and exercising, table top exercise learning, desktop reviews of "
        "doctrine, Strategic Threat and Risk Assessments (STRAs) and finally professional "
        "judgement.",
        "They consider how they are able to fulfil the Capacity and Contribution at local, "
        "regional and national levels. They reflect on their Capability in relation to skills, "
        "training and equipment, assess how we are able to deliver an integrated response "
        "with Consistency against our national responsibilities and lastly evaluate how "
        "effective our Connectivity is by assessing how successfully we connect across force "
        "boundaries through national arrangements and into our key partners.",
        f"Where capability frameworks have not been developed, {short} have supported those "
        f"business areas and the College of Policing to do so. The {force.chief_officer_title}, "
        "having due regard, directs the strategic assessment to consider resourcing and "
        "budgeting based on our assessments.",
        f"{_capitalised(force.body_short_name)} incorporates the requirements from the SPR into "
        "the police and crime plan and alongside fiscal planning supports effective capability.",
    )


def _summary_closing(force: ForceProfile, quarter: Quarter) -> str:
    """Only the departments recorded as contributing to this quarter's assessments: nothing
    is said of contributors that the data does not show."""
    contributors = Department.objects.filter(contributed_assessments__quarter=quarter).distinct()
    names = [d.name for d in contributors.order_by("name")]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return (
        f"Where necessary {force.short_name} include other departments within the SPR "
        f"process where cross-cutting themes emerge. Most recently this has included {listed}."
    )


def _conclusion(force: ForceProfile, quarter: Quarter, previous_report) -> str:
    base = previous_report.quarter if previous_report is not None else None
    short = force.short_name
    parts = [
        f"{_sentence_start(short)} are proven to have strong business processes in place and "
        "through this structure we continually hold ourselves to account."
    ]
    sentence = counts_sentence(quarter, base)
    if sentence:
        parts.append(sentence)
    parts.append(
        f"It is recommended that the {force.chief_officer_title} and the Command Team continue "
        f"to support the work with national colleagues to ensure {short} are involved in and "
        "influence the national response, and implement any changes as necessary in line with "
        "national guidance."
    )
    return " ".join(parts)


def _capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def draft_text(
    *, quarter: Quarter, meeting_date, previous_report, board_name, actor, force=None
) -> dict:
    """Every text section of a new report, pre-filled in the words of the force profile."""
    force = force or profile()
    post = lead_post_title(actor)
    return {
        "purpose": _purpose(force, meeting_date, previous_report),
        "introduction": _introduction(force, quarter, post),
        "management_processes": _management_processes(force, post),
        "summary_closing": _summary_closing(force, quarter),
        "conclusion": _conclusion(force, quarter, previous_report),
        "financial_implications": (
            f"It is recommended that {force.office_name} receive this assessment, allowing "
            "them to have due regard for the SPR in setting the budget and the Police and "
            "Crime Plan."
        ),
        "legal_implications": "None",
        "recommendations": (
            f"{_capitalised(force.body_short_name)} and the {board_name} note the contents of "
            "this report and have regard to its recommendations."
        ),
    }
