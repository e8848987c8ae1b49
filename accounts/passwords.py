"""Words of this service and this force that make a password easy to guess."""

import re

from django.core.exceptions import ValidationError

from threats.models import ForceProfile

CONTEXT_WORDS = (
    "sprportal",
    "strategicpolicing",
    "policing",
    "police",
    "constable",
    "officialsensitive",
    "counterterrorism",
)

# Words of a force's name that say nothing of which force it is.
_GENERIC = {"police", "service", "constabulary", "the", "of", "and", "force"}


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def force_words(force: ForceProfile) -> list[str]:
    """The force's own name (without its generic words) and its short name, as letters."""
    words = re.findall(r"[a-z]+", force.force_name.lower())
    named = [word for word in words if word not in _GENERIC]
    words = [_letters("".join(named)), _letters(force.short_name)]
    return [word for word in words if len(word) >= 3]


class ContextWordsValidator:
    """Refuses a password that contains one of CONTEXT_WORDS or the force's own name, from the
    force profile (spaces, digits and punctuation ignored, any case): the force's name with a
    year is the first thing an attacker tries."""

    def validate(self, password, user=None):
        letters = _letters(password)
        for word in (*CONTEXT_WORDS, *force_words(ForceProfile.current())):
            if word in letters:
                raise ValidationError(
                    "Your password must not contain the name of the force, the service or "
                    "policing words: they are the first an attacker tries.",
                    code="password_context_word",
                )

    def get_help_text(self):
        return "Your password must not contain the force's name or policing words."
