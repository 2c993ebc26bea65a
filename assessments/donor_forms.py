"""Forms of donor matchmaking: offers (donors), needs and their sharing (coordinators),
interest, the coordinator's answer, and engagements."""

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import (
    DonorOrganisation,
    FocusArea,
    Need,
    Pillar,
    Region,
    Standard,
    SupportEngagement,
    SupportKind,
    SupportOffer,
)

MAX_TEXT = 5000


class _Crispy:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False


def _content_querysets(form, framework):
    """Standards, focus areas and themes of the framework in use (one framework at a time)."""
    fields = form.fields
    if "standards" in fields:
        fields["standards"].queryset = Standard.objects.filter(framework=framework)
    if "focus_areas" in fields:
        fields["focus_areas"].queryset = FocusArea.objects.filter(framework=framework)
    if "themes" in fields:
        fields["themes"].queryset = Pillar.objects.filter(framework=framework)


def _check_period(cleaned, start, end):
    if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
        raise ValidationError(_("The end comes before the start."), code="period_reversed")


class OfferForm(_Crispy, forms.ModelForm):
    support_kinds = forms.MultipleChoiceField(
        label=_("Kinds of support"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SupportOffer
        fields = [
            "title",
            "description",
            "standards",
            "focus_areas",
            "themes",
            "support_kinds",
            "regions",
            "countries",
            "budget_min",
            "budget_max",
            "currency",
            "period_start",
            "period_end",
            "languages",
            "contact_name",
            "contact_email",
            "is_open",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "regions": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, framework=None, **kwargs):
        super().__init__(*args, **kwargs)
        _content_querysets(self, framework)
        self.fields["regions"].queryset = Region.objects.all()
        self._helper()

    def clean_countries(self):
        codes = self.cleaned_data["countries"].upper().replace(",", " ").split()
        bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
        if bad:
            raise ValidationError(
                _("Use two-letter country codes (ISO 3166-1), e.g. CI KE."),
                code="country_code",
            )
        return " ".join(codes)

    def clean_currency(self):
        return _currency(self.cleaned_data["currency"])

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("budget_min"), cleaned.get("budget_max")
        if low is not None and high is not None and high < low:
            raise ValidationError(
                _("The largest grant is smaller than the smallest."), code="budget_reversed"
            )
        _check_period(cleaned, "period_start", "period_end")
        return cleaned


def _currency(value):
    value = value.strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise ValidationError(_("Use a three-letter currency code, e.g. EUR."), code="currency")
    return value


class NeedForm(_Crispy, forms.ModelForm):
    support_kinds = forms.MultipleChoiceField(
        label=_("Support needed"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Need
        fields = [
            "title",
            "description",
            "expected_result",
            "standards",
            "focus_areas",
            "support_class",
            "support_kinds",
            "estimated_cost",
            "currency",
            "start",
            "end",
            "sharing",
            "named_donors",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "sharing": forms.RadioSelect,
            "named_donors": forms.CheckboxSelectMultiple,
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, framework=None, **kwargs):
        super().__init__(*args, **kwargs)
        _content_querysets(self, framework)
        self.fields["named_donors"].queryset = DonorOrganisation.objects.all()
        self._helper()

    def clean_currency(self):
        return _currency(self.cleaned_data["currency"])

    def clean(self):
        cleaned = super().clean()
        _check_period(cleaned, "start", "end")
        if cleaned.get("sharing") == Need.Sharing.NAMED and not cleaned.get("named_donors"):
            raise ValidationError(
                _("Name at least one donor, or share with all donors."), code="no_named_donor"
            )
        return cleaned


class InterestForm(_Crispy, forms.Form):
    message = forms.CharField(
        label=_("Your message to the administration"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offer = forms.ModelChoiceField(
        label=_("Under which offer"), queryset=SupportOffer.objects.none(), required=False
    )

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offers is not None:
            self.fields["offer"].queryset = offers
        self._helper()


class DecisionForm(_Crispy, forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    reply = forms.CharField(
        label=_("Reply to the donor"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EngagementForm(_Crispy, forms.ModelForm):
    class Meta:
        model = SupportEngagement
        fields = ["amount", "currency", "period_start", "period_end", "status"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean_currency(self):
        return _currency(self.cleaned_data["currency"])

    def clean(self):
        cleaned = super().clean()
        _check_period(cleaned, "period_start", "period_end")
        return cleaned
