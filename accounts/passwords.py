"""Words of this service and this force that make a password easy to guess."""

import re

from django.core.exceptions import ValidationError

CONTEXT_WORDS = (
    "sprportal",
    "strategicpolicing",
    "policing",
    "police",
    "westmidlands",
    "constable",
    "officialsensitive",
    "counterterrorism",
)


class ContextWordsValidator:
    """Refuses a password that contains one of CONTEXT_WORDS (spaces, digits and punctuation
    ignored, any case): 'WestMidlands-Police-2016' is the first thing an attacker tries."""

    def validate(self, password, user=None):
        letters = re.sub(r"[^a-z]", "", password.lower())
        for word in CONTEXT_WORDS:
            if word in letters:
                raise ValidationError(
                    "Your password must not contain the name of the force, the service or "
                    "policing words: they are the first an attacker tries.",
                    code="password_context_word",
                )

    def get_help_text(self):
        return "Your password must not contain the force's name or policing words."
