"""Number agreement in the portal's own sentences, written once: "1 grade has risen",
"2 grades have risen", "0 grades have risen"."""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` with its noun in the number that agrees: "1 grade", "0 grades", "3 summaries"."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def agreeing(count: int, singular: str, plural: str) -> str:
    """The word that agrees with `count`: agreeing(1, "has", "have") is "has"."""
    return singular if count == 1 else plural
