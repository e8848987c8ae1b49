"""A URL without arguments reversed once a process, for the `{% url %}` tag and the menu.

The layout names fourteen such URLs on every page (the header, the menu, the footer, the
timeout warning), and Django's `reverse` took 15-25 µs each: together about a tenth of the
bare page's time (docs/benchmarks.md). A URL without arguments is the same for as long as the
URLconf, the script prefix (the site's path under its host) and the application namespace
are: they are the cache's key. A URL with arguments is reversed each time, as Django does.

Registered as a template builtin after Django's own (settings TEMPLATES), so this `url` tag
is the one every template uses.
"""

import functools

from django import template
from django.conf import settings
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url_tag
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


def kept_reverse(view_name: str, current_app: str | None = None) -> str:
    """`reverse(view_name)` for a URL without arguments, kept for the process."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(view_name, current_app, urlconf, get_script_prefix())


@functools.lru_cache(maxsize=1024)
def _reversed(view_name: str, current_app, urlconf: str, script_prefix: str) -> str:
    return reverse(view_name, urlconf=urlconf, current_app=current_app)


class KeptURLNode(URLNode):
    def render(self, context):
        if self.args or self.kwargs:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:  # the application namespace as Django's tag finds it
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = kept_reverse(view_name, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's `{% url %}`, its words and answers the same (see above)."""
    node = django_url_tag(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
