"""What a POST-only button tells the user afterwards: it was done, or why it was refused."""

from django.contrib import messages


def act_and_tell(request, act, *, done: str, refused: tuple[type[Exception], ...]) -> bool:
    """Run `act`; on one of the `refused` errors show its words, else `done`. True when done."""
    try:
        act()
    except refused as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
        return False
    messages.success(request, done)
    return True
