"""The tiny markup of a board report's sections: paragraphs, bullets, nothing else."""

from django.template.loader import render_to_string

from reports.paper.markup import Block, normalise, numbered, parse, plain
from tests.html import select, text


def test_blank_lines_separate_paragraphs_and_lines_within_one_reflow():
    blocks = parse("First line\nstill the first paragraph.\n\nSecond paragraph.")
    assert blocks == [
        Block("p", text="First line still the first paragraph."),
        Block("p", text="Second paragraph."),
    ]


def test_dash_lines_are_one_bullet_list_even_straight_after_a_paragraph():
    blocks = parse("These departments are:\n- Force CID\n- Force Operations\nAfter the list.")
    assert [b.kind for b in blocks] == ["p", "ul", "p"]
    assert blocks[1].items == ("Force CID", "Force Operations")


def test_windows_line_endings_and_trailing_spaces_are_normalised():
    assert normalise("One  \r\n\r\nTwo\r\n") == "One\n\nTwo"
    assert parse("One\r\n\r\n- a\r\n- b") == parse("One\n\n- a\n- b")


def test_empty_bullets_and_empty_text_make_nothing():
    assert parse("") == []
    assert parse("-\n- \n") == []


def test_paragraphs_are_numbered_by_section_and_bullets_are_not():
    blocks, next_number = numbered(parse("A.\n\n- x\n\nB."), "4", start=3)
    assert [b.number for b in blocks] == ["4.3", "", "4.4"]
    assert next_number == 5


def test_plain_text_reads_bullets_as_bullets():
    assert plain("Intro\n- one\n- two") == "Intro\n• one\n• two"


def test_html_typed_into_a_section_reaches_the_page_escaped():
    blocks, _ = numbered(
        parse('<script>alert(1)</script>\n\n- <img src="file:///etc/passwd">'), "1"
    )
    html = render_to_string("reports/includes/paper_blocks.html", {"blocks": blocks})
    assert not select(html, "script, img")
    assert "<script>alert(1)</script>" in text(html)
    assert '<img src="file:///etc/passwd">' in text(html)
