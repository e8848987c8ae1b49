"""The pages every GOV.UK-style service has, open to everyone signed in or not: help and
contact, the accessibility statement, the privacy notice and "you have signed out". Whom
users contact (support, accessibility, the Data Protection Officer) is the force profile's
(`force` in every template); what the deployment says of itself (a data controller other
than the force's chief officer, the retention, the statement's date) comes from settings
(SPR_SERVICE)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


def _page(template):
    @login_not_required
    @require_GET
    def view(request):
        return render(request, template, {"service": settings.SPR_SERVICE})

    view.__name__ = template.rsplit("/", 1)[-1].removesuffix(".html")
    return view


help_and_contact = _page("service/help.html")
accessibility = _page("service/accessibility.html")
privacy = _page("service/privacy.html")
signed_out = _page("service/signed_out.html")
