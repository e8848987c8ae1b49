"""The role "PCC office" is now "Policing body office": a mayoral force or a PFCC has an
office too, and each force shows the role in its own words (the force profile). Renames the
group and the role named in the accounts' tables; the audit trail keeps the words it was
written with."""

from django.db import migrations, models

OLD, NEW = "PCC office", "Policing body office"


def rename(apps, old, new):
    apps.get_model("auth", "Group").objects.filter(name=old).update(name=new)
    for model in ("RoleChange", "SecondFactorRequirement", "ClaimRoleMapping"):
        apps.get_model("accounts", model).objects.filter(role=old).update(role=new)


def forwards(apps, schema_editor):
    rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_role_groups"),
        ("accounts", "0003_claim_role_mapping"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claimrolemapping",
            name="role",
            field=models.CharField(
                choices=[
                    ("Business lead", "Business lead"),
                    ("SPR lead", "SPR lead"),
                    ("Chief officer lead", "Chief officer lead"),
                    ("Policing body office", "Policing body office"),
                    ("Administrator", "Administrator"),
                ],
                max_length=40,
            ),
        ),
        migrations.AlterField(
            model_name="rolechange",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("Business lead", "Business lead"),
                    ("SPR lead", "SPR lead"),
                    ("Chief officer lead", "Chief officer lead"),
                    ("Policing body office", "Policing body office"),
                    ("Administrator", "Administrator"),
                ],
                max_length=40,
            ),
        ),
        migrations.AlterField(
            model_name="secondfactorrequirement",
            name="role",
            field=models.CharField(
                choices=[
                    ("Business lead", "Business lead"),
                    ("SPR lead", "SPR lead"),
                    ("Chief officer lead", "Chief officer lead"),
                    ("Policing body office", "Policing body office"),
                    ("Administrator", "Administrator"),
                ],
                max_length=40,
                unique=True,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
