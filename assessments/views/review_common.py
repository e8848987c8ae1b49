"""What the SPR lead's views share: the posted data."""


def posted(request):
    """The POST data, even when empty (an empty POST must still show its errors)."""
    return request.POST if request.method == "POST" else None
