"""The `{% url %}` tag and the menu reverse a URL without arguments once a process
(spr_portal/kept_urls.py), and answer as Django's own tag does wherever it would differ."""

from unittest import mock

import pytest
from django.template import Template, engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from spr_portal import kept_urls


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_urls._reversed.cache_clear()
    yield
    kept_urls._reversed.cache_clear()
    set_script_prefix("/")


def render(source: str, **values) -> str:
    return engines["django"].from_string(source).render(values)


def test_the_tag_answers_as_reverse_with_and_without_arguments():
    assert render("{% url 'help' %}") == reverse("help")
    assert render("{% url 'assessments:assessment_edit' 7 %}") == reverse(
        "assessments:assessment_edit", args=[7]
    )
    assert render("{% url 'help' as to %}[{{ to }}]") == f"[{reverse('help')}]"
    assert render("{% url 'no-such-page' as to %}[{{ to }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-page' %}")
    with pytest.raises(NoReverseMatch):  # a missing name is never kept as an answer
        render("{% url 'no-such-page' %}")


def test_every_template_gets_this_tag():
    node = Template("{% url 'help' %}").nodelist[0]  # the project's engine, its builtins
    assert isinstance(node, kept_urls.KeptURLNode)


def test_a_url_without_arguments_is_reversed_once():
    with mock.patch.object(kept_urls, "reverse", wraps=reverse) as reversing:
        for _ in range(3):
            assert render("{% url 'help' %}") == "/help/"
            assert kept_urls.kept_reverse("help") == "/help/"
        render("{% url 'assessments:assessment_edit' 7 %}")  # with arguments: Django's tag
    assert reversing.call_count == 1


def test_the_site_under_a_path_and_another_urlconf_get_their_own(settings):
    assert kept_urls.kept_reverse("help") == "/help/"
    set_script_prefix("/spr/")  # as a proxy's SCRIPT_NAME sets it for a request
    assert render("{% url 'help' %}") == "/spr/help/"
    set_script_prefix("/")
    with pytest.raises(NoReverseMatch):
        kept_urls.kept_reverse("bench_bare")
    settings.ROOT_URLCONF = "spr_portal.urls_bench"
    assert kept_urls.kept_reverse("bench_bare") == "/bench/bare/"
