"""The one place that names a national threat for a quarter.

An SPR edition may word a threat differently from the edition that added it (the 2015
"National Cyber Security Incident" is the 2023 "national cyber event"). A quarter is assessed
under one edition, so every page and paper shows a quarter's threats under that edition's
names; earlier quarters keep their own. A published paper reads the names it was published
with, not this.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from spr_portal.cache_stamp import cached as stamped
from threats.models import NationalThreat, SprEdition, ThreatName

_CACHE = "_threat_names"


def _worded(edition: SprEdition) -> dict[int, str]:
    """The names the editions up to this one give, latest wording winning (one query, kept
    under the cache's write stamp: renaming is a write)."""
    return stamped(
        ("worded", edition.year),
        lambda: dict(
            ThreatName.objects.filter(edition__year__lte=edition.year)
            .order_by("edition__year")
            .values_list("threat_id", "name")
        ),
        reads=("threats",),
    )


def names_under(edition: SprEdition) -> dict[int, str]:
    """Every threat's name under an edition: the name of the latest edition up to it that
    words the threat, else the threat's own name. Read afresh on each call; lists call it
    once (or `name_editions` for rows of several quarters)."""
    cached = getattr(edition, _CACHE, None)
    if cached is not None:
        return cached
    return dict(names_by_year([edition.year])[edition.year])


def name_in(threat, quarter) -> str:
    """The threat's name in a quarter (the words of the quarter's edition)."""
    threat_id = threat if isinstance(threat, int) else threat.pk
    cached = getattr(quarter.edition, _CACHE, None)
    if cached is not None:
        return cached.get(threat_id, "")
    return names_by_year([quarter.edition.year])[quarter.edition.year].get(threat_id, "")


def named_for(threats, quarter):
    """The threats, each with `.name` set to the quarter's wording, for pages that list them.
    The objects are for reading only: they are never saved."""
    names = _worded(quarter.edition)
    for threat in threats:
        threat.name = names.get(threat.pk, threat.name)
    return threats


def names_by_year(years) -> dict[int, dict[int, str]]:
    """Every threat's name under each of these edition years (two queries, however many
    years): the same rule as `names_under`."""
    years = tuple(sorted(set(years)))
    if not years:
        return {}
    # Kept under the cache's write stamp (spr_portal/cache_stamp.py): a threat renamed or an
    # edition's wording changed is a write, so the next read builds afresh.
    return {
        year: dict(names)
        for year, names in stamped(
            ("names_by_year", *years), lambda: _names_by_year(years), reads=("threats",)
        ).items()
    }


def _names_by_year(years) -> dict[int, dict[int, str]]:
    base = dict(NationalThreat.objects.values_list("pk", "name"))
    worded = list(
        ThreatName.objects.filter(edition__year__lte=max(years))
        .order_by("edition__year")
        .values_list("edition__year", "threat_id", "name")
    )
    by_year = {}
    for year in years:
        names = by_year[year] = dict(base)
        for worded_year, threat_id, name in worded:
            if worded_year <= year:
                names[threat_id] = name
    return by_year


def name_editions(editions) -> None:
    """Fill the names of several editions at once (two queries, however many editions), for
    lists whose rows belong to different quarters."""
    editions = [e for e in editions if getattr(e, _CACHE, None) is None]
    if not editions:
        return
    # Worked out once per edition year, not per object: rows of one quarter each carry their
    # own copy of its edition (hundreds for an export).
    by_year = names_by_year(e.year for e in editions)
    for edition in editions:
        setattr(edition, _CACHE, dict(by_year[edition.year]))


def name_expression(threat: str = "threat", edition_year: str = "quarter__edition__year"):
    """The same rule as `names_under`, as a database expression for querysets of rows that
    each belong to a quarter (e.g. paginated API results): the wording of the latest edition
    up to the row's edition, else the threat's own name."""
    worded = (
        ThreatName.objects.filter(
            threat=OuterRef(threat), edition__year__lte=OuterRef(edition_year)
        )
        .order_by("-edition__year")
        .values("name")[:1]
    )
    return Coalesce(Subquery(worded), F(f"{threat}__name"))
