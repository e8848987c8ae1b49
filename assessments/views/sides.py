"""The two columns of a side-by-side comparison (the review, comparing versions), rendered
once with the comparison they belong to and cached with it.

A column is the same for every reader and every opening of a version: marking each run of
words changed, escaping it and laying out the grades is most of a review page's rendering
(the benchmark's profile), so it is done when the comparison is built, not per request."""

from django.template.loader import render_to_string

SIDE = "assessments/review/includes/side.html"


def with_sides_rendered(sections):
    for section in sections:
        section.new_html = _side(section, section.new, is_new=True)
        section.old_html = _side(section, section.old, is_new=False) if section.old else ""
    return sections


def _side(section, side, *, is_new: bool) -> str:
    return render_to_string(SIDE, {"section": section, "side": side, "is_new": is_new})
