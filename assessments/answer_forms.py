"""The questionnaire's answer form: one question's answer, prefixed with the question's id so
a section page holds one per question. The section template writes its inputs out itself."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import MAX_TEXT
from .models import Answer, Question

NA_JUSTIFICATION_MIN = 15  # characters: "No rail border." is about the shortest real reason
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# On the section page "Not applicable" is the last option of a question's radio group (levels
# or yes/no): choosing it posts this value, which the form reads as `not_applicable`.
NOT_APPLICABLE = "na"
RADIO_TYPES = (Question.AnswerType.MATURITY, Question.AnswerType.YES_NO)


def check_number(value, kind):
    """Refuse what a number of this kind cannot be: a count with decimals, a percentage
    outside 0-100 (Question.NumberKind)."""
    if value is None:
        return
    if kind == Question.NumberKind.COUNT and value != value.to_integral_value():
        raise forms.ValidationError(_("Enter a whole number."), code="whole_number")
    if kind == Question.NumberKind.PERCENTAGE and not 0 <= value <= 100:
        raise forms.ValidationError(_("Enter a percentage from 0 to 100."), code="percentage_range")


def maturity_choices(question):
    label = gettext("Level %(level)s: %(text)s")
    return [
        (str(level), label % {"level": level, "text": text})
        for level, text in enumerate(question.tr("levels"))
    ]


SUPPORT_CHOICES = [("", _("Not stated")), *Answer.Support.choices]


class GivenChoicesMixin:
    """Choices that are (value, label) pairs already are used as given. Django normalises a
    choice field's choices twice (field and widget): for the answer forms of a 34-question
    section, three choice fields each, that was half their build time (4.9 ms of it, 2.5 ms
    without). Validation is unchanged."""

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget._choices = list(value)


class AnswerChoiceField(GivenChoicesMixin, forms.ChoiceField):
    pass


class TypedAnswerChoiceField(GivenChoicesMixin, forms.TypedChoiceField):
    pass


def answer_part_fields():
    """The parts of an answer besides its value and target, built for each form: a section
    page holds up to ~40 forms, and building these (24 µs) costs less than half of
    deep-copying them as declared fields (53 µs; forms.Form copies its declared fields for
    every instance). The section template writes the inputs out itself (rows and all)."""
    return {
        "version": forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False),
        "not_applicable": forms.BooleanField(label=_("Not applicable"), required=False),
        "na_justification": forms.CharField(
            label=_("Why it does not apply"),
            required=False,
            max_length=MAX_TEXT,
            widget=forms.Textarea,
        ),
        "comment": forms.CharField(
            label=_("Comment"), required=False, max_length=MAX_TEXT, widget=forms.Textarea
        ),
        "support_needed": AnswerChoiceField(
            label=_("Support needed to close the gap"), required=False, choices=SUPPORT_CHOICES
        ),
    }


class AnswerForm(forms.Form):
    """One question's answer. Prefixed with the question id so a page can hold many. Its
    fields: value, version, not_applicable, na_justification, comment, support_needed and,
    for levels and numbers, target."""

    def __init__(self, *args, question, answer=None, **kwargs):
        kwargs.setdefault("prefix", f"q{question.pk}")
        if answer is not None and "data" not in kwargs and not args:
            kwargs["initial"] = self.initial_from(answer)
        super().__init__(*args, **kwargs)
        value_name = self.add_prefix("value")
        if self.is_bound and self.data.get(value_name) == NOT_APPLICABLE:
            self.data = self.data.copy()
            self.data[value_name] = ""
            self.data[self.add_prefix("not_applicable")] = "on"
        self.question = question
        self.answer = answer
        self.fields = {"value": self.value_field(question), **answer_part_fields()}
        # Levels and yes/no are a radio group, with "Not applicable" as its last option.
        self.radios = question.answer_type in RADIO_TYPES
        target = self.target_field(question)
        self.has_target = target is not None
        if target is not None:
            self.fields["target"] = target

    @staticmethod
    def value_field(question):
        label = question.tr("text")
        match question.answer_type:
            case Question.AnswerType.MATURITY:
                return TypedAnswerChoiceField(
                    label=label,
                    choices=maturity_choices(question),
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
            case Question.AnswerType.YES_NO:
                return AnswerChoiceField(
                    label=label, choices=YES_NO, required=False, widget=forms.RadioSelect
                )
            case Question.AnswerType.NUMBER:
                unit = question.tr("unit")
                return forms.DecimalField(
                    label=f"{label} ({unit})" if unit else label,
                    required=False,
                    max_digits=14,
                    decimal_places=2,
                    min_value=0,
                )
        return forms.CharField(
            label=label,
            required=False,
            max_length=MAX_TEXT,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    @staticmethod
    def target_field(question):
        """The assessment's own target, when it differs from the questionnaire's default."""
        help_text = _("Leave empty to keep the default target.")
        if question.answer_type == Question.AnswerType.MATURITY:
            default = int(question.target if question.target is not None else 3)
            level = gettext("Level %(level)s")
            return TypedAnswerChoiceField(
                label=_("Target level for this assessment"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", gettext("Default: level %(level)s") % {"level": default})]
                + [(str(n), level % {"level": n}) for n in range(5)],
                help_text=help_text,
            )
        if question.answer_type == Question.AnswerType.NUMBER:
            return forms.DecimalField(
                label=_("Target for this assessment (default: %(target)s; %(better)s)")
                % {
                    "target": f"{question.target:g}",
                    "better": str(Question.Better(question.better).label).lower(),
                },
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=0,
                help_text=help_text,
            )
        return None

    @staticmethod
    def initial_from(answer):
        value = {
            Question.AnswerType.MATURITY: answer.maturity,
            Question.AnswerType.YES_NO: None
            if answer.yes_no is None
            else ("yes" if answer.yes_no else "no"),
            Question.AnswerType.NUMBER: answer.number,
            Question.AnswerType.TEXT: answer.text,
        }[answer.question.answer_type]
        return {
            "value": value,
            "version": answer.version,
            "not_applicable": answer.not_applicable,
            "na_justification": answer.na_justification,
            "comment": answer.comment,
            "support_needed": answer.support_needed,
            "target": None
            if answer.target is None
            else (
                int(answer.target)
                if answer.question.answer_type == Question.AnswerType.MATURITY
                else answer.target
            ),
        }

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if self.question.answer_type == Question.AnswerType.NUMBER:
            check_number(value, self.question.number_kind)
        return value

    def clean_target(self):
        target = self.cleaned_data.get("target")
        if self.question.answer_type == Question.AnswerType.NUMBER:
            check_number(target, self.question.number_kind)
        return target

    def clean(self):
        data = super().clean()
        if data.get("not_applicable"):
            self._check_not_applicable((data.get("na_justification") or "").strip())
        return data

    def _check_not_applicable(self, justification):
        """N/A only where the content allows it, and with a reason a reviewer can check. An
        empty reason is not an error: "N/A, reason still missing" is kept as a draft that
        counts as not answered (Answer.is_answered), so people can tick N/A first."""
        if not self.question.na_allowed:
            self.add_error(
                "not_applicable",
                forms.ValidationError(
                    _("This question applies to every administration: give an answer."),
                    code="na_not_allowed",
                ),
            )
        elif justification and len(justification) < NA_JUSTIFICATION_MIN:
            self.add_error(
                "na_justification",
                forms.ValidationError(
                    _("Explain in a sentence (at least %(min)s characters) why it does not apply.")
                    % {"min": NA_JUSTIFICATION_MIN},
                    code="na_justification_too_short",
                ),
            )

    def answer_values(self):
        """Cleaned data in the shape of Answer's columns."""
        data = self.cleaned_data
        value = None if data.get("not_applicable") else data.get("value")
        if value == "":
            value = None
        answer_type = self.question.answer_type
        return {
            "maturity": value if answer_type == Question.AnswerType.MATURITY else None,
            "yes_no": (value == "yes")
            if answer_type == Question.AnswerType.YES_NO and value
            else None,
            "number": value if answer_type == Question.AnswerType.NUMBER else None,
            "text": (value or "") if answer_type == Question.AnswerType.TEXT else "",
            "not_applicable": bool(data.get("not_applicable")),
            "na_justification": data.get("na_justification") or "",
            "comment": data.get("comment") or "",
            "support_needed": data.get("support_needed") or "",
            "target": None if data.get("target") is None else float(data["target"]),
        }

    def value_options(self):
        """The radio group's options as the section page writes them out: (value, label,
        input id, chosen, invalid), the ids being the ones Django gives radio inputs."""
        field = self["value"]
        current = str(field.value())
        ident = field.auto_id
        invalid = "value" in self.errors
        return [
            (value, label, f"{ident}_{i}", value == current, invalid)
            for i, (value, label) in enumerate(field.field.choices)
        ]

    @property
    def target_set(self):
        """The assessment has its own target for this question (as loaded or as typed)."""
        return self.has_target and self["target"].value() not in (None, "")

    def na_reason_missing(self):
        """N/A ticked, reason not given yet: saved as a draft that counts as not answered."""
        data = self.cleaned_data
        return bool(data.get("not_applicable")) and not (data.get("na_justification") or "").strip()

    def loaded_version(self):
        return self.cleaned_data.get("version") or 0
