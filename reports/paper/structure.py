"""A board report laid out as a paper: numbered sections and paragraphs, the threats' parts
and the annex. The web preview and the PDF both render this one structure, so they agree."""

from dataclasses import dataclass, field

from reports.paper.annex import annex_data, annex_svg
from reports.paper.drafting import threat_parts
from reports.paper.markup import Block, numbered, parse
from reports.paper.sections import ANNEX_HEADING, SECTIONS
from reports.paper.trend_annex import TREND_HEADING, trend_annex_svg, trend_data, trend_gaps


@dataclass
class ThreatPartView:
    heading: str
    blocks: list[Block]
    is_signed_off: bool
    status_label: str


@dataclass
class SectionView:
    number: int
    code: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    parts: list[ThreatPartView] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)

    @property
    def numbered_heading(self) -> str:
        return f"{self.number}. {self.heading}"


def report_annex(report) -> dict:
    """The frozen annex of a published report; a draft's is worked out afresh."""
    if report.frozen_annex:
        return report.frozen_annex
    base = report.previous_report.quarter if report.previous_report_id else None
    return annex_data(report.quarter, base)


def report_trend(report) -> dict | None:
    """Annex B when the report includes it: frozen at publishing, afresh for a draft."""
    if not report.include_trend_annex:
        return None
    frozen = (report.frozen_annex or {}).get("trend")
    return frozen if frozen is not None else trend_data(report.quarter)


def build_paper(report) -> dict:
    live = {part.threat.pk: part for part in threat_parts(report.quarter)}
    sections = []
    for number, section in enumerate(SECTIONS, start=1):
        view = SectionView(number, section.code, section.heading)
        if section.is_summary:
            counter = 1
            for threat_section in report.threat_sections.select_related("threat"):
                blocks, counter = numbered(parse(threat_section.body), str(number), counter)
                part = live.get(threat_section.threat_id)
                # A published report was complete when it was frozen.
                signed = not report.is_draft or (part is not None and part.is_signed_off)
                view.parts.append(
                    ThreatPartView(
                        threat_section.threat_name,
                        blocks,
                        signed,
                        part.status_label if part else "Not in this quarter's edition",
                    )
                )
            view.closing, _ = numbered(parse(report.summary_closing), str(number), counter)
        else:
            view.blocks, _ = numbered(parse(getattr(report, section.code)), str(number))
        sections.append(view)
    annex = report_annex(report)
    # Table A1 turns the heatmap round (items down, threats across) so it fits a portrait page.
    table = [
        {"item": item["label"], "cells": [row["cells"][index] for row in annex["rows"]]}
        for index, item in enumerate(annex["items"])
    ]
    trend = report_trend(report)
    return {
        "trend": trend,
        "trend_svg": trend_annex_svg(trend) if trend else "",
        "trend_gaps": trend_gaps(trend) if trend else [],
        "trend_imported": trend.get("imported", []) if trend else [],
        "trend_heading": TREND_HEADING,
        "sections": sections,
        "annex": annex,
        "annex_svg": annex_svg(annex),
        "annex_table": table,
        # Only when the data records any (annexes frozen before contributors existed have none).
        "annex_contributors": any(row.get("contributors") for row in annex["rows"]),
        "annex_heading": f"{ANNEX_HEADING} at {annex['quarter']}",
        "correction": parse(report.correction_note),
    }
