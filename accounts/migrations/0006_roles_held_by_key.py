"""Roles are held in the portal's own table (RoleAssignment), keyed by the role the code
names, instead of by membership of a group whose name anyone with the group permissions could
change ("Administrator" renamed "SPR lead" opened the board). The memberships of the role
groups become assignments; the role groups then go, with the admin permissions the
Administrator group held: those now follow the code (accounts/permissions.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The role groups as they were named (0004 renamed "PCC office").
ROLES = ["Business lead", "SPR lead", "Chief officer lead", "Policing body office", "Administrator"]


def groups_to_assignments(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    for group in Group.objects.filter(name__in=ROLES):
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user_id=pk, role=group.name)
                for pk in group.user_set.values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
        group.user_set.clear()
        group.permissions.clear()
        group.delete()


def assignments_to_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    for name in ROLES:
        group = Group.objects.get_or_create(name=name)[0]
        group.user_set.add(
            *RoleAssignment.objects.filter(role=name).values_list("user_id", flat=True)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_role_groups"),
        ("accounts", "0005_email_opt_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="claimrolemapping",
            name="role",
            field=models.CharField(max_length=40),
        ),
        migrations.AlterField(
            model_name="rolechange",
            name="role",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name="secondfactorrequirement",
            name="role",
            field=models.CharField(max_length=40, unique=True),
        ),
        migrations.CreateModel(
            name="RoleAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("role", models.CharField(max_length=40)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="role_assignments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("user", "role"), name="one_assignment_each")
                ],
            },
        ),
        migrations.RunPython(groups_to_assignments, assignments_to_groups),
    ]
