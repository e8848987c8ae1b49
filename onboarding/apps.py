from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    """A force moving in: the administrator's guided set-up, the SPR editions that ship with
    the portal, the set-up spreadsheet and the history import. It sits above `reports` because
    a force's history is quarters, signed-off assessments and published papers at once."""

    name = "onboarding"
    verbose_name = "Setting up a force"
