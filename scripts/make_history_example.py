"""Make docs/examples/northshire-police-history.zip: five years of a fictitious force's history
(Northshire Police, 2021/22 Q1 to 2025/26 Q4) in the layout `manage.py import_history` and the
set-up page take (onboarding/history/layout.py), with three small published papers as PDFs.

Deterministic: a fixed seed, fixed file dates inside both ZIPs and fixed workbook properties,
so running it again gives the same bytes.

    .venv/bin/python scripts/make_history_example.py [OUTPUT]
"""

import datetime
import io
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from onboarding.history import layout  # noqa: E402

SEED = 2021
FIXED = (2026, 1, 1, 0, 0, 0)
OUTPUT = ROOT / "docs" / "examples" / "northshire-police-history.zip"

# The threats as each edition names them (threats/demo.py holds the same reference data).
THREATS_2015 = [
    "Terrorism",
    "Serious and Organised Crime",
    "Public Order",
    "Civil Emergencies",
    "National Cyber Security Incident",
    "Child Sexual Abuse",
]
THREATS_2023 = [
    "Terrorism",
    "Serious and Organised Crime",
    "Civil Emergencies",
    "National cyber event",
    "Child Sexual Abuse",
    "Violence Against Women and Girls",
    "Public Disorder",
]
SIGNERS = ["Ch Supt Ruth Ashworth", "ACC David Penrose"]
GRADE_WORDS = ["Inadequate", "Requires improvement", "Adequate", "Good", "Outstanding"]
SENTENCES = [
    "Plans were exercised with Local Resilience Forum partners this quarter.",
    "Staffing is at establishment, with two posts covered on temporary promotion.",
    "Regional collaboration continues through the North Regional Organised Crime Unit.",
    "Specialist training is current for all but a handful of officers.",
    "The strategic threat and risk assessment was refreshed; its priorities are unchanged.",
    "Mutual aid was provided once under the national protocol without affecting local cover.",
]
# (financial year, quarter, board meeting date) of the three papers in the ZIP.
PAPERS = [
    (2022, 3, datetime.date(2023, 2, 9)),
    (2024, 2, datetime.date(2024, 11, 14)),
    (2025, 4, datetime.date(2026, 5, 21)),
]


def _periods():
    for year in range(2021, 2026):
        for number in range(1, 5):
            yield year, number


def _end(year: int, number: int) -> datetime.date:
    start_month = {1: 4, 2: 7, 3: 10, 4: 1}[number]
    start_year = year + (1 if number == 4 else 0)
    month = start_month + 3
    next_start = datetime.date(start_year + (month > 12), (month - 1) % 12 + 1, 1)
    return next_start - datetime.timedelta(days=1)


def _dates(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    deadline = _end(year, number) + datetime.timedelta(days=14)
    return deadline, deadline + datetime.timedelta(days=14)


def _label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of text, written by hand so its bytes never vary."""
    text = (
        "BT /F1 14 Tf 72 760 Td 18 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _member(name: str) -> zipfile.ZipInfo:
    member = zipfile.ZipInfo(name, FIXED)
    member.compress_type = zipfile.ZIP_DEFLATED
    return member


def _repacked(data: bytes) -> bytes:
    """The same ZIP with every member dated FIXED (openpyxl dates them, and the workbook's
    "modified" property, now)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", content
                )
            target.writestr(_member(info.filename), content)
    return out.getvalue()


def workbook_bytes(rng: random.Random) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = "Northshire Police"
    workbook.properties.created = workbook.properties.modified = datetime.datetime(2026, 1, 1)
    sheets = {}
    for index, (name, columns) in enumerate(layout.SHEETS.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        sheet.append(list(columns))
        sheets[name] = sheet
    grades: dict[str, int] = {}
    for year, number in _periods():
        deadline, meeting = _dates(year, number)
        sheets[layout.QUARTERS].append([_label(year), f"Q{number}", deadline, meeting])
        under_2015 = (year, number) <= (2022, 4)
        for threat in THREATS_2015 if under_2015 else THREATS_2023:
            key = threat.casefold().replace("national cyber security incident", "cyber")
            key = key.replace("national cyber event", "cyber")
            row = [_label(year), f"Q{number}", threat]
            for item in layout.GRADED_ITEMS:
                grade = grades.get(f"{key}:{item.code}", rng.randint(2, 4))
                if rng.random() < 0.12:
                    grade = min(5, max(1, grade + rng.choice((-1, 1))))
                grades[f"{key}:{item.code}"] = grade
                narrative = rng.choice(SENTENCES) if item.code == "capacity_local" else ""
                row += [GRADE_WORDS[grade - 1], narrative]
            summary = f"{threat}: the position in {_label(year)} Q{number}. " + rng.choice(
                SENTENCES
            )
            row += [summary, SIGNERS[0] if year < 2024 else SIGNERS[1], meeting]
            sheets[layout.ASSESSMENTS].append(row)
    for year, number, meeting in PAPERS:
        sheets[layout.PAPERS].append(
            [_label(year), f"Q{number}", meeting, _paper_name(meeting), "7", ""]
        )
    for sheet in sheets.values():
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    workbook.save(out)
    return _repacked(out.getvalue())


def _paper_name(meeting: datetime.date) -> str:
    return f"{meeting:%Y-%m-%d}-northshire-spr-paper.pdf"


def example_bytes() -> bytes:
    rng = random.Random(SEED)  # noqa: S311  (example data, not secrets)
    members = {"northshire-police-history.xlsx": workbook_bytes(rng)}
    for year, number, meeting in PAPERS:
        members[_paper_name(meeting)] = _pdf(
            [
                "OFFICIAL",
                "Northshire Police and Crime Panel",
                f"Strategic Policing Requirement: {_label(year)} Q{number}",
                f"Meeting of {meeting:%-d %B %Y}",
                "A fictitious paper for the SPR Portal's example history.",
            ]
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(_member(name), data)
    return out.getvalue()


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(example_bytes())
    print(f"Wrote {target}")


if __name__ == "__main__":
    main()
