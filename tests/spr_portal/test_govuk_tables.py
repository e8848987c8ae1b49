"""The one head of every GOV.UK table (`{% table_head %}`)."""

from django.template import Context, Template

from tests.html import page as parse


def render(source: str, **context) -> str:
    return Template("{% load govuk_tables %}" + source).render(Context(context))


def test_each_column_is_a_header_and_the_hidden_one_is_for_screen_readers_only():
    page = parse(render('{% table_head "When" "Who" hidden="Action" %}'))
    headers = page.select("thead.govuk-table__head tr.govuk-table__row th[scope=col]")
    assert [th.get_text() for th in headers] == ["When", "Who", "Action"]
    assert [th.find("span", class_="govuk-visually-hidden") is not None for th in headers] == [
        False,
        False,
        True,
    ]


def test_a_column_named_from_data_is_escaped():
    html = render("{% table_head name %}", name="<b>Public Order</b>")
    assert "<b>" not in html and "&lt;b&gt;Public Order&lt;/b&gt;" in html
