"""Framework content as data: editions, phases, focus areas, pillars, standards, questions.

Content is loaded from YAML (see `assessments/content.py`); it is versioned by framework code
so an answer always points at the exact question text it answered.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Translatable(models.Model):
    """English text lives in the columns; other languages in `translations`.

    `translations` is `{"fr": {"title": "...", "levels": [...]}}`; a missing entry falls back
    to English, so a partly translated framework still reads everywhere.
    """

    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def tr(self, field, language=None):
        language = (language or get_language() or "en")[:2]
        if language != "en":
            value = self.translations.get(language, {}).get(field)
            if value:
                return value
        return getattr(self, field)


class Framework(Translatable):
    code = models.SlugField(unique=True, help_text=_("Stable code of the edition, e.g. safe-2021."))
    title = models.CharField(max_length=200)
    edition = models.PositiveSmallIntegerField(help_text=_("Year of the edition."))
    description = models.TextField(blank=True)
    checksum = models.CharField(max_length=64, blank=True, editable=False)
    loaded_at = models.DateTimeField(null=True, blank=True, editable=False)
    unverified = models.TextField(
        blank=True,
        help_text=_("What a WCO reviewer should confirm against the official text, if anything."),
    )

    class Meta:
        ordering = ["-edition", "code"]

    def __str__(self):
        return self.code

    @classmethod
    def newest(cls):
        return cls.objects.order_by("-edition", "-id").first()


class Phase(Translatable):
    """A phase of the WCO Columbus Programme; each has its own questionnaire."""

    NEEDS_ASSESSMENT, PLANNING, MONITORING = 1, 2, 3

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_phase_number")
        ]

    def __str__(self):
        return f"Phase {self.number}: {self.title}"


class FocusArea(Translatable):
    """A SAFE core element; the sections of every questionnaire."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="focus_areas")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_focus_area_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Pillar(Translatable):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="pillars")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_pillar_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Standard(Translatable):
    """A SAFE standard (P1-01 …) or an AEO condition and requirement (AEO-A …)."""

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Standard")
        AEO_CRITERION = "aeo_criterion", _("AEO condition and requirement")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="standards")
    code = models.CharField(max_length=20)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    unverified = models.TextField(
        blank=True,
        help_text=_("What a WCO reviewer should confirm against the official text, if anything."),
    )

    class Meta:
        ordering = ["framework", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_standard_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Question(Translatable):
    class AnswerType(models.TextChoices):
        MATURITY = "maturity", _("Maturity level 0–4")
        YES_NO = "yes_no", _("Yes / no")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Free text")

    class Better(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class NumberKind(models.TextChoices):
        """What a number counts: decides input validation (whole numbers, 0-100) and format."""

        COUNT = "count", _("Count")
        PERCENTAGE = "percentage", _("Percentage")
        HOURS = "hours", _("Hours")
        AMOUNT = "amount", _("Amount")

    MATURITY_LEVELS = range(5)

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="questions")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="questions")
    focus_area = models.ForeignKey(FocusArea, on_delete=models.CASCADE, related_name="questions")
    standards = models.ManyToManyField(Standard, related_name="questions")
    code = models.CharField(max_length=30)
    order = models.PositiveIntegerField(default=0)
    text = models.TextField()
    guidance = models.TextField(blank=True)
    evidence_examples = models.TextField(blank=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices)
    levels = models.JSONField(
        default=list, blank=True, help_text=_("Maturity only: five descriptors, level 0 to 4.")
    )
    weight = models.FloatField(default=1)
    mandatory = models.BooleanField(default=True)
    target = models.FloatField(
        null=True, blank=True, help_text=_("Maturity level or number regarded as the goal.")
    )
    unit = models.CharField(max_length=40, blank=True)
    better = models.CharField(max_length=6, choices=Better.choices, default=Better.HIGHER)
    number_kind = models.CharField(
        max_length=10, choices=NumberKind.choices, blank=True, help_text=_("Number questions only.")
    )
    na_allowed = models.BooleanField(
        default=False,
        help_text=_("The content allows 'not applicable' (e.g. a country with no rail border)."),
    )
    na_reasons = models.JSONField(
        default=list, blank=True, help_text=_("Typical reasons for 'not applicable', in English.")
    )
    assesses_standards = models.BooleanField(
        default=True,
        help_text=_(
            "Its answer counts in the scores of its standards. Phase 2 and 3 questions only "
            "trace to their standards unless the content says they assess them."
        ),
    )
    retired = models.BooleanField(
        default=False, help_text=_("No longer in the content file; kept for existing answers.")
    )
    unverified = models.TextField(
        blank=True,
        help_text=_("What a WCO reviewer should confirm against the official text, if anything."),
    )

    class Meta:
        ordering = ["framework", "phase__number", "focus_area__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_question_code")
        ]

    def __str__(self):
        return self.code

    @property
    def is_scored(self):
        return self.answer_type != self.AnswerType.TEXT
