"""An evidence file's whole content read with its own type's library: every object of a PDF
(pypdf), the parts of a Word or Excel file (the OOXML package, then python-docx or
openpyxl), every pixel of an image (Pillow) and where it ends. Each check raises
Refused with the reason."""

import io
import re
import warnings
import zipfile
from xml.etree import ElementTree

from docx import Document
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# At most this much unpacked from a Word or Excel file (ten times the upload limit): more is
# a "zip bomb", not a document.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
AGAIN = "save it again (print to PDF) and upload that"


class Refused(Exception):
    """The file is not accepted as evidence; the message says why and what to do instead."""


# PDF ------------------------------------------------------------------------------------------

# What a PDF may hold that acts on the reader's computer, most serious first, and why it is
# refused. Found by key (a dictionary holding it) or by an action's /S, a /Type or /Subtype.
PDF_ACTIVE = {
    "Launch": "The PDF contains an action that starts a program on the reader's computer: " + AGAIN,
    "JavaScript": "The PDF contains JavaScript, which could run on the reader's computer: save "
    "it again without scripts (print to PDF) and upload that",
    "EmbeddedFile": "The PDF has other files embedded in it, which the reader could open "
    "unchecked: attach each of those files on its own, and save the PDF again without them "
    "(print to PDF)",
    "SubmitForm": "The PDF contains a form that sends what is typed into it to another "
    "address: " + AGAIN,
    "ImportData": "The PDF contains an action that loads data into it from another file: " + AGAIN,
    "RichMedia": "The PDF contains embedded media (Flash, video or 3D) that could run on the "
    "reader's computer: " + AGAIN,
    "XFA": "The PDF is an XFA form, which can run scripts on the reader's computer: " + AGAIN,
}
# Each PDF name that betrays one of them.
PDF_NAMES = {
    "Launch": "Launch",
    "JS": "JavaScript",
    "JavaScript": "JavaScript",
    "EmbeddedFile": "EmbeddedFile",
    "EmbeddedFiles": "EmbeddedFile",
    "EF": "EmbeddedFile",
    "GoToE": "EmbeddedFile",
    "SubmitForm": "SubmitForm",
    "ImportData": "ImportData",
    "RichMedia": "RichMedia",
    "RichMediaContent": "RichMedia",
    "RichMediaExecute": "RichMedia",
    "XFA": "XFA",
}
NAME_TOKEN = re.compile(rb"/([A-Za-z0-9#]+)")


def _name_value(value) -> str:
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value)[1:] if isinstance(value, NameObject) else ""


def _found_in(obj, found: set[str]) -> None:
    """Every dictionary and array inside `obj`, down to (not through) indirect references:
    those are objects of their own, each visited from the cross-reference table."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key[1:] in PDF_NAMES:
                    found.add(PDF_NAMES[key[1:]])
                if key in ("/S", "/Type", "/Subtype") and _name_value(value) in PDF_NAMES:
                    found.add(PDF_NAMES[_name_value(value)])
                if isinstance(value, DictionaryObject | ArrayObject):
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(v for v in item if isinstance(v, DictionaryObject | ArrayObject))


def _names_in_bytes(data: bytes, found: set[str]) -> None:
    """The names written in the file's bytes, #-escapes undone, for objects a reader could
    still find that the cross-reference table leaves out (an earlier revision, a broken
    table). Names inside compressed object streams are found by the walk instead."""
    for match in NAME_TOKEN.finditer(data):
        token = match.group(1)
        if b"#" in token:
            token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), token)
        name = token.decode("latin-1")
        if name in PDF_NAMES:
            found.add(PDF_NAMES[name])


def check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused(
                "The PDF is protected by a password, so what it holds cannot be checked: save "
                "it again without a password and upload that"
            )
        found: set[str] = set()
        _found_in(reader.trailer, found)
        if len(reader.pages) == 0:
            raise PdfReadError("no pages")
        for generation, numbers in reader.xref.items():
            for number in numbers:
                _found_in(reader.get_object(IndirectObject(number, generation, reader)), found)
        for number in reader.xref_objStm:
            _found_in(reader.get_object(number), found)
    except Refused:
        raise
    except Exception as error:
        raise Refused(
            "The PDF could not be read to the end, so it may be damaged: " + AGAIN
        ) from error
    _names_in_bytes(data, found)
    for reason, message in PDF_ACTIVE.items():
        if reason in found:
            raise Refused(message)


# Word and Excel -------------------------------------------------------------------------------

CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_PARTS = {
    "/word/document.xml": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
        "application/vnd.ms-word.document.macroEnabled.main+xml": "macros",
    },
    "/xl/workbook.xml": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "macros",
    },
}
MACROS = (
    "The file contains macros, which could run on the reader's computer: save it again as "
    ".docx or .xlsx (without macros) and upload that"
)


def _xml(archive: zipfile.ZipFile, name: str):
    text = archive.read(name)
    # An Office part never declares a document type, so refusing one leaves no entity to
    # expand and nothing to fetch: what defusedxml would guard against.
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise ValueError("a document type declaration")
    return ElementTree.fromstring(text)  # noqa: S314


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The package's kind ("docx", "xlsx" or "macros") from the content type that
    [Content_Types].xml gives its main part (and that part present); None for neither."""
    if "[Content_Types].xml" not in names:
        return None
    for override in _xml(archive, "[Content_Types].xml").iter(f"{CONTENT_TYPES_NS}Override"):
        part = override.get("PartName", "").lower()
        kind = MAIN_PARTS.get(part, {}).get(override.get("ContentType", ""))
        if kind and part[1:] in names:
            return kind
    return None


def _external_parts(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Whether any relationship fetches content from elsewhere when the file is opened (a
    remote template, an OLE object, a frame): a link the reader clicks is fine."""
    for name in names:
        if not name.endswith(".rels"):
            continue
        for relation in _xml(archive, name).iter(f"{RELATIONSHIPS_NS}Relationship"):
            external = relation.get("TargetMode", "").lower() == "external"
            if external and not relation.get("Type", "").endswith("/hyperlink"):
                return True
    return False


def check_office(data: bytes, name: str, claimed: str) -> str:
    """What the OOXML package is ("docx" or "xlsx"), read to the end."""
    damaged = f"“{name}” could not be read to the end, so it may be damaged: save it again "
    damaged += "and upload that"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
            raise Refused(
                f"“{name}” unpacks to more than 200 MB, far more than a document of its size "
                "would: save it again and upload that"
            )
        kind = _main_part(archive, names)
        if kind is None:
            raise Refused(
                f"“{name}” is a ZIP archive, not {claimed}: attach the files inside it one by one"
            )
        if kind == "macros" or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise Refused(MACROS)
        if archive.testzip() is not None:
            raise ValueError("a part fails its CRC")
        if _external_parts(archive, names):
            raise Refused(
                f"“{name}” fetches content from another address when it is opened: save it "
                "again with that content included (or as a PDF) and upload that"
            )
        if kind == "docx":
            Document(io.BytesIO(data))
        else:
            load_workbook(io.BytesIO(data), read_only=True, keep_links=False).close()
    except Refused:
        raise
    except Exception as error:
        raise Refused(damaged) from error
    return kind


# PNG and JPEG ---------------------------------------------------------------------------------

PILLOW_FORMATS = {"PNG image": {"PNG"}, "JPEG image": {"JPEG", "MPO"}}


def _png_end(data: bytes) -> int | None:
    """Where the PNG's IEND chunk ends."""
    position = 8
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk = data[position + 4 : position + 8]
        position += 12 + length
        if chunk == b"IEND":
            return position
    return None


def _jpeg_end(data: bytes, position: int = 0) -> int | None:
    """Where the JPEG starting at `position` ends (just after its EOI marker), walking its
    segments and, after each start of scan, its entropy-coded data."""
    size = len(data)
    if data[position : position + 2] != b"\xff\xd8":
        return None
    position += 2
    while position < size:
        if data[position] != 0xFF:
            return None
        while position < size and data[position] == 0xFF:  # fill bytes
            position += 1
        if position >= size:
            return None
        marker = data[position]
        position += 1
        if marker == 0xD9:
            return position
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            return None
        position += length
        if marker == 0xDA:
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= size:
                    return None
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position += 2
                elif following == 0xFF:
                    position += 1
                else:
                    break
    return None


def _image_end(data: bytes, label: str) -> int | None:
    if label == "PNG image":
        return _png_end(data)
    end = _jpeg_end(data)
    while end is not None and data.startswith(b"\xff\xd8", end):  # a camera's MPO: more JPEGs
        end = _jpeg_end(data, end)
    return end


def check_image(data: bytes, label: str) -> None:
    damaged = f"The {label} could not be read to the end, so it may be damaged: save it again "
    damaged += "and upload that"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found = image.format
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Refused(
            f"The {label} has more pixels than a picture of a document needs and could not "
            "be checked: save it at a smaller size and upload that"
        ) from error
    except Exception as error:
        raise Refused(damaged) from error
    if found not in PILLOW_FORMATS[label]:
        raise Refused(damaged)
    end = _image_end(data, label)
    if end is None:
        raise Refused(damaged)
    if data[end:].strip(b"\x00"):
        raise Refused(
            f"The {label} has something else after its end, which a browser could open as a "
            "web page: save the image again (for example from an image editor) and upload that"
        )
