"""The SPR editions that ship with the portal (`onboarding/data/spr_editions.json`), read as
data: each edition with its Home Office source, each threat with the edition that added it,
the one that retired it, the threat it succeeds and its name under each edition.

Writing them to the database is `onboarding/services/force.py` `spr_editions_load` (the command
`load_spr_editions` and the editions page both call it)."""

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "spr_editions.json"


@dataclass(frozen=True)
class ShippedEdition:
    year: int
    title: str
    published_on: datetime.date
    source: dict


@dataclass(frozen=True)
class ShippedThreat:
    slug: str
    added_in: int
    description: str
    names: dict[int, str]  # edition year → the name the portal shows
    wording: dict[int, str]  # edition year → the publication's own words
    confirmed: dict[int, bool]
    retired_in: int | None = None
    succeeds: str | None = None
    order: int = 0

    @property
    def name(self) -> str:
        """The threat's own name: its wording in the latest edition that has it."""
        return self.names[max(self.names)]

    def in_force_under(self, year: int) -> bool:
        return self.added_in <= year and (self.retired_in is None or year < self.retired_in)


@dataclass(frozen=True)
class Shipped:
    editions: list[ShippedEdition]
    threats: list[ShippedThreat] = field(default_factory=list)

    def threats_of(self, year: int) -> list[ShippedThreat]:
        return [t for t in self.threats if t.in_force_under(year)]


@cache
def shipped() -> Shipped:
    """The data file, read once and checked (a broken file fails loudly, at the first use)."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    editions = [
        ShippedEdition(
            year=e["year"],
            title=e["title"],
            published_on=datetime.date.fromisoformat(e["published_on"]),
            source=e["source"],
        )
        for e in raw["editions"]
    ]
    years = {e.year for e in editions}
    threats = []
    for order, t in enumerate(raw["threats"], start=1):
        threat = ShippedThreat(
            slug=t["slug"],
            added_in=t["added_in"],
            retired_in=t.get("retired_in"),
            succeeds=t.get("succeeds"),
            description=t.get("description", ""),
            names={int(y): n for y, n in t["names"].items()},
            wording={int(y): n for y, n in t["wording"].items()},
            confirmed={int(y): c for y, c in t["confirmed"].items()},
            order=order,
        )
        in_force = {y for y in years if threat.in_force_under(y)}
        if set(threat.names) != in_force:
            raise ValueError(f"{DATA_FILE.name}: {threat.slug} needs a name for each of {in_force}")
        threats.append(threat)
    slugs = {t.slug for t in threats}
    for threat in threats:
        if threat.succeeds and threat.succeeds not in slugs:
            raise ValueError(f"{DATA_FILE.name}: {threat.slug} succeeds an unknown threat")
    return Shipped(editions=editions, threats=threats)
