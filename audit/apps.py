from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from audit import signals  # noqa: F401  (sign-in events)
        from spr_portal import cache_stamp

        # Every write to the portal's tables bumps the cache's write stamp, whatever sent it.
        connection_created.connect(cache_stamp.connect, dispatch_uid="spr_cache_stamp")
        for alias in connections:
            cache_stamp.connect(None, connections[alias])
