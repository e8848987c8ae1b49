"""The session remembers when its user signed in, for the absolute lifetime."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import user_has_device

from accounts.second_factor import HAS_DEVICE
from accounts.sessions import LAST_SEEN, SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="accounts.stamp_sign_in")
def stamp_sign_in(sender, request, user, **kwargs):
    # Django has already given the session a new key (login() cycles it).
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now
        request.session[HAS_DEVICE] = user_has_device(user)
