"""Each existing threat's name becomes the wording of the edition that added it, so that a
later rename (a new edition's wording) never changes the quarters already assessed."""

from django.db import migrations


def name_existing(apps, schema_editor):
    NationalThreat = apps.get_model("threats", "NationalThreat")
    ThreatName = apps.get_model("threats", "ThreatName")
    ThreatName.objects.bulk_create(
        [
            ThreatName(threat_id=pk, edition_id=edition_id, name=name)
            for pk, edition_id, name in NationalThreat.objects.values_list(
                "pk", "added_in_id", "name"
            )
        ],
        ignore_conflicts=True,
    )


def forget_names(apps, schema_editor):
    apps.get_model("threats", "ThreatName").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("threats", "0003_threat_lineage_and_names")]

    operations = [migrations.RunPython(name_existing, forget_names)]
