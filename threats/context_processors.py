from django.utils.functional import SimpleLazyObject

from threats.force_profile import ForceProfile


def force(request):
    """The force profile, read (one query) only by a page that uses it."""
    return {"force": SimpleLazyObject(ForceProfile.current)}
