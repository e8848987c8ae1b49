"""Two people editing one record never silently overwrite each other: every form carries the
revision it was opened at, and a save from an older revision is refused."""


class ConcurrentEdit(Exception):
    """Someone saved the record after this user opened it; nothing was saved. `current` is
    the record as it is now, for the page that explains the refusal."""

    def __init__(self, current, noun: str):
        self.current = current
        super().__init__(
            f"This {noun} was changed by someone else after you opened it. "
            "Your changes have not been saved."
        )


def check_revision(current, revision: int, noun: str) -> None:
    """Refuse a change made from `revision` if `current` (read under a lock) is newer."""
    if current.revision != revision:
        raise ConcurrentEdit(current, noun)
