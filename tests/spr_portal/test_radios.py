"""The one radios include: one id scheme, so an error summary link lands on the first radio."""

from django import forms
from django.template.loader import render_to_string


class PickForm(forms.Form):
    previous = forms.ChoiceField(
        choices=[("7", "2 February 2016"), ("", "None")],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].hints = {"": "This is the first report."}


def _html(form):
    context = {"field": form["previous"], "legend": "Which report?", "small": True}
    return render_to_string("includes/radios.html", context)


def test_the_first_radio_has_the_field_id_and_the_others_count_on():
    html = _html(PickForm({"previous": "7"}))
    assert 'id="id_previous" name="previous" type="radio" value="7" checked' in html
    assert 'id="id_previous-2" name="previous" type="radio" value="" aria-describedby=' in html
    assert '<div id="id_previous-2-item-hint" class="govuk-hint govuk-radios__hint">' in html
    assert "govuk-radios govuk-radios--small" in html


def test_an_empty_value_is_a_choice_that_can_be_checked():
    html = _html(PickForm({"previous": ""}))
    assert 'value="" checked aria-describedby="id_previous-2-item-hint"' in html
    assert 'value="7" checked' not in html


def test_an_error_is_shown_in_the_fieldset_and_described():
    form = PickForm({"previous": "9"})
    form.is_valid()
    html = _html(form)
    assert "govuk-form-group--error" in html
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_previous-error">' in html
    assert '<p id="id_previous-error" class="govuk-error-message">' in html
