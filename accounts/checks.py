"""`check --deploy` warns when e-mail cannot go anywhere: reminders and workflow e-mails
(accounts/notify.py) would be dropped, each with an error in the log."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@register(Tags.compatibility, deploy=True)
def mail_server_is_set(app_configs, **kwargs):
    mailer = settings.MAILERS.get("default", {})
    if mailer.get("BACKEND") == SMTP and not mailer.get("OPTIONS", {}).get("host"):
        return [
            Warning(
                "No mail server is set: SPR Portal's e-mails (deadline reminders, returns, "
                "sign-offs, publications) will not be sent.",
                hint="Set EMAIL_HOST (and EMAIL_PORT if not 25) to the force's mail relay.",
                id="accounts.W001",
            )
        ]
    return []
