"""What an evidence file is: one of an allow-list of types, judged by its name and its whole
content together. The name's ending must be one of the list's, the first bytes must be that
type's and nothing else's, and the file must then read to the end with that type's own
library (assessments/evidence_content.py), free of anything that could run on the reader's
computer. A refusal says which rule the file broke, in the words the uploader needs."""

import re
import unicodedata
from dataclasses import dataclass

from assessments import evidence_content as content
from assessments.evidence_content import Refused

__all__ = ["ACCEPTED", "KINDS", "Refused", "download_name", "extension_for", "judge"]

ACCEPTED = "PDF, Word (.docx), Excel (.xlsx), PNG or JPEG"


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str  # the canonical ending, given to the stored and downloaded file
    label: str  # as in “the … could not be read”
    article: str  # "a" or "an", before the label
    endings: tuple[str, ...]  # the endings an uploaded name may have

    @property
    def a(self) -> str:
        return f"{self.article} {self.label}"


PDF = Kind("application/pdf", ".pdf", "PDF", "a", (".pdf",))
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "Word document (.docx)",
    "a",
    (".docx",),
)
XLSX = Kind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
    "Excel workbook (.xlsx)",
    "an",
    (".xlsx",),
)
PNG = Kind("image/png", ".png", "PNG image", "a", (".png",))
JPEG = Kind("image/jpeg", ".jpg", "JPEG image", "a", (".jpg", ".jpeg"))
KINDS = (PDF, DOCX, XLSX, PNG, JPEG)
BY_ENDING = {ending: kind for kind in KINDS for ending in kind.endings}
BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS}

# Endings refused with a reason of their own, because they are what an attacker would send.
PROGRAMS = {
    ".bat", ".cmd", ".com", ".exe", ".hta", ".js", ".jse", ".msi", ".msp", ".ps1", ".scr",
    ".vbs", ".vbe", ".wsf", ".wsh", ".lnk", ".jar", ".sh", ".dll", ".cpl", ".pif", ".reg",
    ".app", ".iso", ".img", ".appx", ".msix",
}  # fmt: skip
WEB = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".mht", ".mhtml", ".xsl"}
MACROS = {".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".pptm"}
OLD_OFFICE = {".doc": ".docx", ".xls": ".xlsx", ".rtf": ".docx"}


def _ending(name: str) -> str:
    return "." + name.rsplit(".", 1)[1].lower().strip() if "." in name.strip(".") else ""


def _name_refusal(name: str, ending: str) -> str:
    if not ending:
        return (
            f"“{name}” has no ending such as .pdf, so the type it claims to be cannot be "
            f"checked: give it the ending of a {ACCEPTED} file and upload it again"
        )
    if ending in PROGRAMS:
        return (
            f"Files ending in {ending} are programs or scripts, which could run on the "
            f"reader's computer: evidence must be a {ACCEPTED} file"
        )
    if ending in WEB:
        return (
            f"Files ending in {ending} can hold scripts that run in the reader's browser: save "
            "it as a PDF (print to PDF) and upload that"
        )
    if ending in MACROS:
        return (
            f"Files ending in {ending} can hold macros, which could run on the reader's "
            "computer: save it again as .docx or .xlsx (without macros) and upload that"
        )
    if ending in OLD_OFFICE:
        return (
            f"Files ending in {ending} are not accepted: save it again as "
            f"{OLD_OFFICE[ending]} and upload that"
        )
    return f"Files ending in {ending} are not accepted: evidence must be a {ACCEPTED} file"


def _kind_of_content(data: bytes, claimed: Kind) -> Kind | None:
    """The type the first bytes announce (the Office formats share the ZIP container, so a ZIP
    is taken as the Office type claimed and the parts inside decide)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return claimed if claimed in (DOCX, XLSX) else DOCX
    return None


def judge(upload, name: str) -> Kind:
    """The accepted type of the upload named `name`, or Refused."""
    ending = _ending(name)
    claimed = BY_ENDING.get(ending)
    if claimed is None:
        raise Refused(_name_refusal(name, ending))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    found = _kind_of_content(data, claimed)
    if found is None:
        raise Refused(
            f"“{name}” is not {claimed.a}, though its name ends in {ending}: "
            f"save it again as {claimed.a} and upload that"
        )
    if found is DOCX or found is XLSX:
        found = {"docx": DOCX, "xlsx": XLSX}[content.check_office(data, name, claimed.a)]
    if found is not claimed:
        raise Refused(
            f"“{name}” is {found.a}, not {claimed.a}: rename it to end in "
            f"{found.extension} and upload it again"
        )
    if found is PDF:
        content.check_pdf(data)
    elif found is PNG or found is JPEG:
        content.check_image(data, found.label)
    return found


def extension_for(content_type: str) -> str:
    kind = BY_CONTENT_TYPE.get(content_type)
    return kind.extension if kind else ""


def download_name(display_name: str, content_type: str, fallback: str = "evidence") -> str:
    """The name a download is saved under: the uploaded name's stem, reduced to letters,
    digits, spaces and a few marks, with the ending of the type the content was found to be
    (so a file uploaded before names were checked still arrives as what it is)."""
    stem, dot, _ = display_name.rpartition(".")
    stem = stem if dot else display_name
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9 ._()-]+", "-", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")[:100].strip(" .-")
    return f"{stem or fallback}{extension_for(content_type) or '.bin'}"
