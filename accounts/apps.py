from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (deploy check; sign-in time stamp)
        from spr_portal import demo  # noqa: F401  (check --deploy refuses the laptop demo)
