"""Forms of the implementation plan: they clean what people typed; `services.planning` decides."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Action, FocusArea, ProgressNote

MAX_TEXT = 10_000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class ActionForm(forms.ModelForm):
    """Everything a person edits on an action; checks beyond types live in the service."""

    class Meta:
        model = Action
        fields = [
            "title",
            "focus_area",
            "description",
            "expected_result",
            "responsible_unit",
            "responsible_person",
            "start_date",
            "due_date",
            "estimated_cost",
            "currency",
            "funding_source",
            "support_class",
            "status",
            "status_reason",
        ]
        labels = {
            "title": _("Action"),
            "focus_area": _("Focus area"),
            "description": _("What will be done"),
            "expected_result": _("Expected result"),
            "responsible_unit": _("Responsible unit"),
            "responsible_person": _("Responsible person"),
            "start_date": _("Start"),
            "due_date": _("Due"),
            "estimated_cost": _("Estimated cost"),
            "currency": _("Currency"),
            "funding_source": _("Funding"),
            "support_class": _("Support class"),
            "status": _("Status"),
            "status_reason": _("Reason (when blocked or dropped)"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE,
            "due_date": DATE,
        }

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = FocusArea.objects.filter(framework=framework)
        self.fields["focus_area"].label_from_instance = lambda fa: f"{fa.code} {fa.tr('title')}"
        for name in ("description", "expected_result", "status_reason"):
            self.fields[name].max_length = MAX_TEXT
        self.helper = _helper()

    def changes(self):
        """Only the values the service should set."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NewActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Milestone"), max_length=200)
    due_date = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "milestone")
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    written_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    status = forms.ChoiceField(
        label=_("Status after this note"),
        required=False,
        choices=[("", _("Unchanged"))] + Action.Status.choices,
    )

    def __init__(self, *args, reviewer=False, **kwargs):
        kwargs.setdefault("prefix", "note")
        super().__init__(*args, **kwargs)
        if reviewer:
            del self.fields["status"]
            self.fields["text"].label = _("Comment")
        self.helper = _helper()

    @property
    def kind(self):
        return ProgressNote.Kind.PROGRESS if "status" in self.fields else ProgressNote.Kind.COMMENT


class SplitForm(forms.Form):
    title = forms.CharField(label=_("Title of the new action"), max_length=300)
    questions = forms.MultipleChoiceField(
        label=_("Gaps the new action takes"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("prefix", "split")
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = [
            (q.pk, f"{q.code} {q.tr('text')}") for q in action.questions.all()
        ]
        self.helper = _helper()


class AdoptForm(forms.Form):
    note = forms.CharField(
        label=_("What this version decides"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=300)
    objective = forms.CharField(
        label=_("Objective"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea({"rows": 3}),
    )
    expected_results = forms.CharField(
        label=_("Expected results"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    indicators = forms.CharField(
        label=_("Indicators (one a line)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
