"""Forms of the monitoring pages: they validate input; services change the data."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Action, Indicator, Standard


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name", "description", "unit", "unit_label", "better", "baseline_value",
            "baseline_date", "target_value", "target_date", "standards", "actions", "disclosure",
        ]  # fmt: skip
        labels = {
            "name": _("Name"),
            "description": pgettext_lazy("monitoring", "Description"),
            "unit": pgettext_lazy("monitoring", "Unit"),
            "unit_label": _("What is counted, or the currency"),
            "better": pgettext_lazy("monitoring", "Direction"),
            "baseline_value": _("Baseline value"),
            "baseline_date": _("Baseline date"),
            "target_value": _("Target value"),
            "target_date": _("Target date"),
            "standards": _("SAFE standards measured"),
            "actions": _("Plan actions measured"),
            "disclosure": _("Who may see it"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DateInput(),
            "target_date": DateInput(),
            "disclosure": forms.RadioSelect,
            "standards": forms.SelectMultiple(attrs={"size": 8}),
            "actions": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, framework=None, **kwargs):
        super().__init__(*args, **kwargs)
        standards = Standard.objects.order_by("order")
        if framework is not None:
            standards = standards.filter(framework=framework)
        self.fields["standards"].queryset = standards
        self.fields["standards"].required = False
        self.fields["actions"].queryset = Action.objects.filter(
            plan__administration_id=self.instance.administration_id,
            accepted=True,
            merged_into__isnull=True,
        ).order_by("number")
        self.fields["actions"].required = False
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        for which in ("baseline", "target"):
            if (data.get(f"{which}_value") is None) != (data.get(f"{which}_date") is None):
                self.add_error(
                    f"{which}_date",
                    forms.ValidationError(_("Give both a value and a date."), code="half_set"),
                )
        return data


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label=pgettext_lazy("monitoring", "Date"), widget=DateInput())
    value = forms.DecimalField(
        label=pgettext_lazy("monitoring", "Value"), max_digits=14, decimal_places=2
    )
    source = forms.CharField(
        label=pgettext_lazy("monitoring", "Source"), max_length=200, required=False
    )
    note = forms.CharField(
        label=pgettext_lazy("monitoring", "Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RhythmForm(forms.Form):
    reassessment_months = forms.IntegerField(
        label=_("Re-assess every (months)"), min_value=1, max_value=120
    )
    reminder_days = forms.IntegerField(
        label=_("Remind coordinators (days before)"), min_value=1, max_value=365
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ReviewStartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    review_date = forms.DateField(label=_("Review date"), widget=DateInput())
    baseline = forms.ModelChoiceField(label=_("Validated baseline"), queryset=None)
    follow_up = forms.ModelChoiceField(
        label=_("Follow-up self-assessment"), queryset=None, required=False
    )

    def __init__(self, *args, baselines, follow_ups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline"].queryset = baselines
        self.fields["follow_up"].queryset = follow_ups
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("follow_up") and data.get("follow_up") == data.get("baseline"):
            self.add_error(
                "follow_up",
                forms.ValidationError(
                    _("Choose a later assessment than the baseline."), code="same_as_baseline"
                ),
            )
        return data


class EvaluationForm(forms.Form):
    evaluation = forms.CharField(
        label=_("The administration's evaluation"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ConclusionsForm(forms.Form):
    conclusions = forms.CharField(
        label=_("Reviewer's conclusions"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
