"""The audit log's filters."""

from django import forms
from django.contrib.auth import get_user_model

from audit.models import AuditAction, AuditEvent
from spr_portal.forms import GovukDateField
from threats.models import NationalThreat


def _choices(queryset, label=str, empty="Any"):
    return [("", empty), *((item.pk, label(item)) for item in queryset)]


class AuditFilterForm(forms.Form):
    person = forms.TypedChoiceField(coerce=int, required=False, label="Person")
    action = forms.ChoiceField(
        required=False, label="What was done", choices=[("", "Anything"), *AuditAction.choices]
    )
    threat = forms.TypedChoiceField(coerce=int, required=False, label="National threat")
    quarter = forms.TypedChoiceField(coerce=int, required=False, label="Quarter")
    since = GovukDateField(label="From", required=False)
    until = GovukDateField(label="To", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.order_by("username")
        self.fields["person"].choices = _choices(people, lambda u: u.get_username(), "Anyone")
        self.fields["threat"].choices = _choices(NationalThreat.objects.order_by("name"))
        # The quarters through the trail's own relation: audit sits below assessments and
        # names its models only by string (docs/architecture.md).
        quarters = AuditEvent._meta.get_field("quarter").related_model.objects.newest_first()
        self.fields["quarter"].choices = _choices(quarters)
        for name in ("person", "threat", "quarter"):
            self.fields[name].error_messages["invalid_choice"] = f"Choose a {name} from the list"
        self.fields["action"].error_messages["invalid_choice"] = "Choose an action from the list"

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end of the period must be on or after its start")
        return data
