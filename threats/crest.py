"""Checking an uploaded crest by its bytes, not its name: PNG, JPEG or a plain SVG, and small."""

from django.core.exceptions import ValidationError
from lxml import etree

from threats.force_profile import CREST_MAX_BYTES

PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
SVG_NS = "{http://www.w3.org/2000/svg}svg"
TYPE_ERROR = "The crest must be a PNG, JPEG or SVG image"


def _is_plain_svg(content: bytes) -> bool:
    """An SVG document with no DOCTYPE, entities, scripts or external references."""
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        return False
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError:
        return False
    if root.tag not in (SVG_NS, "svg"):
        return False
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.rsplit("}", 1)[-1] in {"script", "foreignObject"}:
            return False
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.startswith("on") or (local == "href" and not value.startswith("#")):
                return False
    return True


def crest_type_of(content: bytes) -> str:
    """The crest's content type, or a ValidationError in the words of the GOV.UK pattern."""
    if not content:
        raise ValidationError("The selected file is empty")
    if len(content) > CREST_MAX_BYTES:
        raise ValidationError(f"The crest must be smaller than {CREST_MAX_BYTES // 1024} KB")
    if content.startswith(PNG):
        return "image/png"
    if content.startswith(JPEG):
        return "image/jpeg"
    if _is_plain_svg(content.lstrip(b"\xef\xbb\xbf \t\r\n")):
        return "image/svg+xml"
    raise ValidationError(TYPE_ERROR)
