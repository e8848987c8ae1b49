"""A force's history file read and checked, all of it, before anything is written.

`read_history` returns a `Plan` (what an import would create) or raises `HistoryRefused`
with every problem found, each naming its sheet and row as the spreadsheet shows them. The
tables are read by the one reader of uploaded spreadsheets (spr_portal/spreadsheet_reading),
the PDF papers checked by the evidence code's own check (assessments/evidence.judge), the
dates by the quarter's own rules (Quarter.clean, reports.models.meeting_date_refusal), the
threats' names by threats/naming.py.
"""

import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from assessments import evidence
from assessments.choices import Grade
from assessments.items import GRADED_ITEMS, LONG_TEXT_MAX_LENGTH, NARRATIVE_MAX_LENGTH
from assessments.models import HistoryImport, Quarter
from assessments.models.quarter import financial_year_label
from onboarding.history import layout
from reports.models import meeting_date_refusal
from spr_portal.spreadsheet_reading import UnreadableFile, extension_of, read_tables
from threats.models import NationalThreat, SprEdition, ThreatName
from threats.naming import names_under

MAX_FILE_BYTES = 50 * 1024 * 1024  # a workbook and a few years of papers: well under this
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
GRADES_BY_WORD = {label.casefold(): value for value, label in Grade.choices}


class HistoryRefused(Exception):
    """The file cannot be imported; `problems` are sentences, each naming its row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class QuarterPlan:
    financial_year: int
    number: int
    edition: SprEdition
    submission_deadline: datetime.date
    meeting_date: datetime.date
    row: int

    @property
    def key(self) -> tuple[int, int]:
        return (self.financial_year, self.number)

    @property
    def label(self) -> str:
        return f"{financial_year_label(self.financial_year)} Q{self.number}"


@dataclass
class AssessmentPlan:
    quarter: tuple[int, int]
    threat: NationalThreat
    threat_name: str
    grades: dict[str, int]
    narratives: dict[str, str]
    summary: str
    signed_by: str
    signed_on: datetime.date


@dataclass
class PaperPlan:
    quarter: tuple[int, int]
    meeting_date: datetime.date
    file_name: str
    content: bytes
    pages: int
    agenda_item: str
    title: str


@dataclass
class Plan:
    source_name: str
    sha256: str
    quarters: list[QuarterPlan] = field(default_factory=list)
    assessments: list[AssessmentPlan] = field(default_factory=list)
    papers: list[PaperPlan] = field(default_factory=list)
    already_imported: HistoryImport | None = None

    @property
    def summary(self) -> str:
        if self.already_imported is not None:
            return f"Already imported: {self.already_imported.description}. Nothing changed."
        return (
            f"{_count(len(self.quarters), 'quarter')}, "
            f"{_count(len(self.assessments), 'signed-off self-assessment')} and "
            f"{_count(len(self.papers), 'published paper')}"
        )

    def by_quarter(self) -> list[tuple[QuarterPlan, int, int]]:
        """Each quarter with how many assessments and papers it brings, oldest first."""
        rows = []
        for quarter in sorted(self.quarters, key=lambda q: q.key):
            assessed = sum(1 for a in self.assessments if a.quarter == quarter.key)
            papers = sum(1 for p in self.papers if p.quarter == quarter.key)
            rows.append((quarter, assessed, papers))
        return rows


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# The container ---------------------------------------------------------------------------------


def _tables_and_files(data: bytes, filename: str) -> tuple[dict, dict[str, bytes]]:
    """The tables by normalised sheet name, and the ZIP's other files by name."""
    kind = extension_of(filename)
    if len(data) >= MAX_FILE_BYTES:
        raise HistoryRefused(
            [f"The file is {len(data) / (1024 * 1024):.1f} MB: it must be smaller than 50 MB."]
        )
    if kind == "xlsx":
        return _by_name(read_tables(data, filename)), {}
    if kind != "zip":
        raise HistoryRefused(
            [
                "The file must be a workbook saved as .xlsx, or a .zip holding the workbook (or "
                "its sheets as CSV files) and the papers as PDF files."
            ]
        )
    if data[:4] != b"PK\x03\x04":
        raise HistoryRefused(["The file's name ends .zip but it is not a ZIP file."])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir() and not m.filename.startswith("__MACOSX/")
        ]
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise HistoryRefused(["The ZIP file is too large once unpacked."])
        files = {PurePosixPath(m.filename).name: archive.read(m) for m in members}
    except HistoryRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise HistoryRefused(["The file's name ends .zip but it cannot be opened."]) from error
    workbooks = [name for name in files if extension_of(name) == "xlsx"]
    sheets = [name for name in files if extension_of(name) == "csv"]
    if len(workbooks) > 1:
        raise HistoryRefused(["The ZIP file holds more than one workbook: keep only one."])
    if workbooks:
        tables = _by_name(read_tables(files.pop(workbooks[0]), workbooks[0]))
    elif sheets:
        tables = {}
        for name in sheets:
            tables.update(_by_name(read_tables(files.pop(name), name)))
    else:
        raise HistoryRefused(
            ["The ZIP file holds no workbook (.xlsx) and no sheets saved as .csv files."]
        )
    return tables, files


def _by_name(tables) -> dict:
    return {layout.normalise(table.name): table for table in tables}


# Cells -----------------------------------------------------------------------------------------


def _date(text: str) -> datetime.date | None:
    text = text.strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _year(text: str) -> int | None:
    text = text.strip()
    start = text.split("/")[0].split("-")[0].strip()
    if not start.isdigit() or len(start) != 4:
        return None
    year = int(start)
    if "/" in text or "-" in text:
        if text != financial_year_label(year) and text.replace("-", "/") != financial_year_label(
            year
        ):
            return None
    return year


def _number(text: str) -> int | None:
    text = text.strip().upper().removeprefix("Q")
    return int(text) if text in {"1", "2", "3", "4"} else None


class _Sheet:
    """A sheet's rows with its columns matched, collecting problems as it goes."""

    def __init__(self, name: str, table, problems: list[str]):
        self.name = name
        self.problems = problems
        self.columns = {layout.normalise(column): column for column in table.columns}
        self.rows = table.rows
        missing = [c for c in layout.REQUIRED[name] if layout.normalise(c) not in self.columns]
        if missing:
            problems.append(
                f"{name} sheet: the column{'s' if len(missing) > 1 else ''} "
                + ", ".join(f"“{c}”" for c in missing)
                + " "
                + ("are" if len(missing) > 1 else "is")
                + " missing"
            )
            self.rows = []
        for row in self.rows:
            for column, value in row.cells.items():
                if value.startswith("="):
                    self.problem(
                        row,
                        f"the cell “{column}” holds a formula ({value[:40]}): type its value "
                        "instead (formulas are not worked out)",
                    )

    def problem(self, row, message: str) -> None:
        self.problems.append(f"{self.name} sheet, row {row.number}: {message}")

    def cell(self, row, column: str) -> str:
        value = row.get(self.columns.get(layout.normalise(column), ""))
        return "" if value.startswith("=") else value.strip()

    def period(self, row) -> tuple[int, int] | None:
        year, number = self.cell(row, layout.YEAR), self.cell(row, layout.QUARTER)
        parsed = (_year(year), _number(number))
        if parsed[0] is None:
            self.problem(row, f"“{year}” is not a financial year: write it as 2021/22")
        if parsed[1] is None:
            self.problem(row, f"“{number}” is not a quarter: write Q1, Q2, Q3 or Q4")
        return None if None in parsed else parsed

    def quarter(self, row, period: tuple[int, int], quarters: dict, named: set):
        """The row's quarter as the Quarters sheet adds it, or None. A period that sheet named
        but refused is a problem there, in its own row, not again in each row of it."""
        quarter = quarters.get(period)
        if quarter is None and period not in named:
            label = f"{financial_year_label(period[0])} Q{period[1]}"
            self.problem(row, f"{label} is not in the Quarters sheet")
        return quarter

    def date(self, row, column: str, *, required: bool = True) -> datetime.date | None:
        text = self.cell(row, column)
        if not text:
            if required:
                self.problem(row, f"the {column.lower()} is missing")
            return None
        value = _date(text)
        if value is None:
            self.problem(row, f"“{text}” is not a date ({column.lower()}): write it as 2021-06-25")
        return value


# The three sheets -------------------------------------------------------------------------------


def _edition_for(start: datetime.date) -> SprEdition | None:
    """The edition in force when the quarter began (Quarter.check_edition_in_force agrees)."""
    return (
        SprEdition.objects.filter(published_on__lte=start).order_by("-year").first()
        or SprEdition.objects.filter(published_on__isnull=True).order_by("-year").first()
    )


def _quarters(
    sheet: _Sheet, today: datetime.date, named: set
) -> dict[tuple[int, int], QuarterPlan]:
    """The quarters that can be added; `named` collects every period the sheet names, so
    that the rows of a refused quarter are not refused a second time."""
    found: dict[tuple[int, int], QuarterPlan] = {}
    existing = set(Quarter.objects.values_list("financial_year", "number"))
    for row in sheet.rows:
        period = sheet.period(row)
        deadline = sheet.date(row, layout.DEADLINE)
        meeting = sheet.date(row, layout.MEETING)
        if period is None:
            continue
        named.add(period)
        label = f"{financial_year_label(period[0])} Q{period[1]}"
        if period in found:
            sheet.problem(row, f"{label} is already in row {found[period].row}")
            continue
        if period in existing:
            sheet.problem(row, f"{label} is already in the portal")
            continue
        if deadline is None or meeting is None:
            continue
        probe = Quarter(
            financial_year=period[0],
            number=period[1],
            submission_deadline=deadline,
            meeting_date=meeting,
        )
        edition = _edition_for(probe.start_date)
        if edition is None:
            sheet.problem(row, f"no SPR edition was in force in {label}: add the edition first")
            continue
        probe.edition = edition
        try:
            probe.clean()
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    sheet.problem(row, f"{label}: {message}")
            continue
        if meeting > today:
            sheet.problem(row, f"{label}: the meeting date {meeting:%-d %B %Y} is still to come")
            continue
        found[period] = QuarterPlan(period[0], period[1], edition, deadline, meeting, row.number)
    return found


class _Threats:
    """Every name a threat has had, to tell an unknown threat from one not in force."""

    def __init__(self):
        self.by_name: dict[str, NationalThreat] = {}
        threats = {t.pk: t for t in NationalThreat.objects.select_related("added_in", "retired_in")}
        for threat in threats.values():
            self.by_name.setdefault(threat.name.casefold(), threat)
        for threat_id, name in ThreatName.objects.values_list("threat_id", "name"):
            self.by_name.setdefault(name.casefold(), threats[threat_id])
        self.in_force: dict[int, dict[str, NationalThreat]] = {}

    def under(self, edition) -> dict[str, NationalThreat]:
        if edition.pk not in self.in_force:
            names = names_under(edition)
            self.in_force[edition.pk] = {
                names[t.pk].casefold(): t for t in edition.threats() if t.pk in names
            }
        return self.in_force[edition.pk]

    def find(self, name: str, quarter: QuarterPlan) -> tuple[NationalThreat | None, str]:
        edition = quarter.edition
        threat = self.under(edition).get(name.casefold())
        if threat is not None:
            return threat, ""
        known = self.by_name.get(name.casefold())
        if known is None:
            return None, f"“{name}” is not a national threat of {edition.title}"
        if known.retired_in_id and known.retired_in.year <= edition.year:
            return None, (
                f"{known.name} was retired in {known.retired_in.title}, before {quarter.label}"
            )
        if known.added_in.year > edition.year:
            return None, f"{known.name} was added in {known.added_in.title}, after {quarter.label}"
        return None, (
            f"“{name}” is not how {edition.title} names it: write "
            f"“{names_under(edition).get(known.pk, known.name)}”"
        )


def _assessments(sheet: _Sheet, quarters: dict, named: set, today) -> list[AssessmentPlan]:
    threats = _Threats()
    plans: list[AssessmentPlan] = []
    seen: dict[tuple, int] = {}
    for row in sheet.rows:
        period = sheet.period(row)
        if period is None:
            continue
        quarter = sheet.quarter(row, period, quarters, named)
        if quarter is None:
            continue
        name = sheet.cell(row, layout.THREAT)
        if not name:
            sheet.problem(row, "the threat is missing")
            continue
        threat, refusal = threats.find(name, quarter)
        if threat is None:
            sheet.problem(row, refusal)
            continue
        if (period, threat.pk) in seen:
            sheet.problem(
                row, f"{name} in {quarter.label} is already in row {seen[(period, threat.pk)]}"
            )
            continue
        seen[(period, threat.pk)] = row.number
        grades, narratives = {}, {}
        for item in GRADED_ITEMS:
            word = sheet.cell(row, layout.grade_column(item))
            grade = GRADES_BY_WORD.get(word.casefold())
            if grade is None:
                shown = f"“{word}” is not a grade" if word else "the grade is missing"
                sheet.problem(
                    row,
                    f"{layout.grade_column(item)}: {shown}: write one of "
                    + ", ".join(layout.GRADE_WORDS),
                )
            grades[item.code] = grade
            narrative = sheet.cell(row, layout.narrative_column(item))
            if len(narrative) > NARRATIVE_MAX_LENGTH:
                sheet.problem(
                    row,
                    f"{layout.narrative_column(item)} is {len(narrative)} characters: at most "
                    f"{NARRATIVE_MAX_LENGTH}",
                )
            narratives[item.code] = narrative
        summary = sheet.cell(row, layout.SUMMARY)
        if len(summary) > LONG_TEXT_MAX_LENGTH:
            sheet.problem(row, f"the summary is longer than {LONG_TEXT_MAX_LENGTH} characters")
        signed_by = sheet.cell(row, layout.SIGNED_BY)
        if len(signed_by) > 150:
            sheet.problem(row, "the name of who signed it off is longer than 150 characters")
        start = Quarter(financial_year=period[0], number=period[1]).start_date
        signed_on = sheet.date(row, layout.SIGNED_ON, required=False) or quarter.meeting_date
        if signed_on < start:
            sheet.problem(
                row,
                f"the sign-off date {signed_on:%-d %B %Y} is before {quarter.label} began "
                f"({start:%-d %B %Y})",
            )
        elif signed_on > today:
            sheet.problem(row, f"the sign-off date {signed_on:%-d %B %Y} is still to come")
        plans.append(
            AssessmentPlan(period, threat, name, grades, narratives, summary, signed_by, signed_on)
        )
    return plans


def _papers(
    sheet: _Sheet, quarters: dict, named: set, files: dict[str, bytes], today
) -> list[PaperPlan]:
    plans: list[PaperPlan] = []
    seen: dict[tuple, int] = {}
    for row in sheet.rows:
        period = sheet.period(row)
        meeting = sheet.date(row, layout.MEETING)
        name = sheet.cell(row, layout.FILE)
        if period is None or meeting is None:
            continue
        quarter = sheet.quarter(row, period, quarters, named)
        if quarter is None:
            continue
        probe = Quarter(
            financial_year=period[0],
            number=period[1],
            submission_deadline=quarter.submission_deadline,
            meeting_date=quarter.meeting_date,
        )
        refusal = meeting_date_refusal(probe, meeting)
        if refusal:
            sheet.problem(row, refusal)
        elif meeting > today:
            sheet.problem(row, f"the board meeting on {meeting:%-d %B %Y} is still to come")
        if (period, meeting) in seen:
            sheet.problem(
                row,
                f"a paper of {quarter.label} for the meeting of {meeting:%-d %B %Y} is already "
                f"in row {seen[(period, meeting)]}",
            )
        seen[(period, meeting)] = row.number
        if not name:
            sheet.problem(row, "the PDF file's name is missing")
            continue
        if name not in files:
            sheet.problem(
                row,
                f"“{name}” is not in the ZIP file"
                if files or extension_of(name) == "pdf"
                else f"“{name}” is not in the file: upload a ZIP holding the workbook and the PDFs",
            )
            continue
        content = files[name]
        try:
            kind = evidence.judge(io.BytesIO(content), name)
        except evidence.Refused as refused:
            sheet.problem(row, str(refused))
            continue
        if kind is not evidence.PDF:
            sheet.problem(row, f"“{name}” is not a PDF: each paper must be the PDF published")
            continue
        try:
            pages = len(PdfReader(io.BytesIO(content)).pages)
        except Exception:  # pypdf raises many kinds for a damaged file
            sheet.problem(row, f"“{name}” cannot be read as a PDF")
            continue
        agenda = sheet.cell(row, layout.AGENDA)
        title = sheet.cell(row, layout.TITLE) or "Strategic Policing Requirement"
        if len(agenda) > 10:
            sheet.problem(row, "the agenda item is longer than 10 characters")
        if len(title) > 200:
            sheet.problem(row, "the title is longer than 200 characters")
        plans.append(PaperPlan(period, meeting, name, content, pages, agenda, title))
    return plans


def read_history(data: bytes, filename: str, *, today: datetime.date | None = None) -> Plan:
    """What importing the file would create, or HistoryRefused with every problem."""
    today = today or timezone.localdate()
    sha256 = hashlib.sha256(data).hexdigest()
    plan = Plan(source_name=PurePosixPath(filename or "history").name[:255], sha256=sha256)
    plan.already_imported = HistoryImport.objects.filter(sha256=sha256).first()
    if plan.already_imported is not None:
        return plan
    try:
        tables, files = _tables_and_files(data, filename)
    except UnreadableFile as error:
        raise HistoryRefused([str(error)]) from error
    problems: list[str] = []
    for name in (layout.QUARTERS, layout.ASSESSMENTS):
        if layout.normalise(name) not in tables:
            problems.append(f"The file has no {name} sheet")
    if problems:
        raise HistoryRefused(problems)
    named: set = set()
    quarters = _quarters(_Sheet(layout.QUARTERS, tables["quarters"], problems), today, named)
    plan.quarters = list(quarters.values())
    plan.assessments = _assessments(
        _Sheet(layout.ASSESSMENTS, tables["assessments"], problems), quarters, named, today
    )
    if "papers" in tables:
        sheet = _Sheet(layout.PAPERS, tables["papers"], problems)
        plan.papers = _papers(sheet, quarters, named, files, today)
    elif files:
        problems.append("The ZIP file holds files but no Papers sheet names them")
    if not plan.quarters and not problems:
        problems.append("The Quarters sheet has no quarters")
    if problems:
        raise HistoryRefused(problems)
    return plan
