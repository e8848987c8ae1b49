"""Create the roles of PRODUCT.md as Django groups.

Which assessments or reports a role sees is decided in code (`visible_to`); the model
permissions given here only open the Django admin to the administrator for reference data
and accounts.
"""

from django.db import migrations

ROLES = ["Business lead", "SPR lead", "Chief officer lead", "PCC office", "Administrator"]

ADMINISTRATOR_MODELS = {
    "threats": ["spredition", "department", "chiefofficerpost", "nationalthreat"],
    "assessments": ["quarter"],
    "auth": ["user", "group"],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)

    administrator = Group.objects.get(name="Administrator")
    for app_label, models in ADMINISTRATOR_MODELS.items():
        administrator.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("threats", "0001_initial"),
        ("assessments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
