"""Response headers the security middleware of Django does not set."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

# The portal uses none of these browser features; saying so stops an injected script using them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
        "xr-spatial-tracking",
    )
)
UTF8 = {"utf-8", "utf8"}


class SecurityHeadersMiddleware:
    """No signed-in page is kept by the browser or a proxy; a Permissions-Policy on every page;
    form posts are UTF-8 or a 400 (Django would otherwise fail decoding another charset)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset") if request.method == "POST" else None
        if charset and charset.strip().lower() not in UTF8:
            response = HttpResponseBadRequest(render_to_string("400.html", request=request))
        else:
            response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            or settings.SESSION_COOKIE_NAME in (response.cookies)
        ):
            response["Cache-Control"] = "no-store"
        return response
