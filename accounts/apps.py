from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self):
        from accounts import signals  # noqa: F401  (stamps the sign-in time on the session)
        from spr_portal import demo  # noqa: F401  (check --deploy refuses the laptop demo)
