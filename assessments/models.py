"""What the toolkit knows about: SAFE framework content, administrations and their people,
and the assessments they complete.

Framework content is data loaded from YAML (see `content.py`); it is versioned by framework
code so an answer always points at the exact question text it answered.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
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
    retired = models.BooleanField(
        default=False, help_text=_("No longer in the content file; kept for existing answers.")
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


class Region(Translatable):
    """One of the six WCO regions."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Administration(models.Model):
    """A national (or territorial) customs administration, a WCO Member."""

    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, help_text=_("ISO 3166-1 alpha-2 code."))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="administrations")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def country_alpha3(self):
        import pycountry

        country = pycountry.countries.get(alpha_2=self.country)
        return country.alpha_3 if country else self.country

    @property
    def country_name(self):
        import pycountry

        country = pycountry.countries.get(alpha_2=self.country)
        return country.name if country else self.country


class DonorOrganisation(models.Model):
    """A development partner that funds capacity building (Columbus Phase 2 matchmaking)."""

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A role a person holds; a person may hold several."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        COORDINATOR = "coordinator", _("Coordinator")
        REVIEWER = "reviewer", _("Reviewer")
        DONOR = "donor", _("Donor")

    ADMINISTRATION_ROLES = {Role.EDITOR, Role.COORDINATOR}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    administration = models.ForeignKey(
        Administration, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    donor_organisation = models.ForeignKey(
        DonorOrganisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "administration", "donor_organisation"],
                name="unique_membership",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["editor", "coordinator"],
                        administration__isnull=False,
                        donor_organisation__isnull=True,
                    )
                    | models.Q(
                        role="donor", administration__isnull=True, donor_organisation__isnull=False
                    )
                    | models.Q(
                        role="reviewer",
                        administration__isnull=True,
                        donor_organisation__isnull=True,
                    )
                ),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self):
        scope = self.administration or self.donor_organisation or "WCO"
        return f"{self.user} — {self.get_role_display()} ({scope})"


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        VALIDATED = "validated", _("Validated")
        RETURNED = "returned", _("Returned for changes")

    EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="assessments"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text=_("The assessment this one was pre-filled from."),
    )
    review_comment = models.TextField(blank=True)
    shared_with_donors = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.administration} — {self.title}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES


class Answer(models.Model):
    """One administration's answer to one question, in one assessment."""

    class Support(models.TextChoices):
        NONE = "none", _("None: own resources")
        TECHNICAL = "technical", _("Technical assistance")
        EQUIPMENT = "equipment", _("Equipment")
        FUNDING = "funding", _("Funding")
        LEGAL = "legal", _("Legal reform")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    maturity = models.PositiveSmallIntegerField(null=True, blank=True)
    yes_no = models.BooleanField(null=True, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    not_applicable = models.BooleanField(default=False)
    na_justification = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    support_needed = models.CharField(max_length=10, choices=Support.choices, blank=True)
    target = models.FloatField(
        null=True, blank=True, help_text=_("Overrides the question's target for this assessment.")
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="unique_answer")
        ]

    def __str__(self):
        return f"{self.assessment_id}/{self.question_id}"

    VALUE_FIELDS = (
        "maturity",
        "yes_no",
        "number",
        "text",
        "not_applicable",
        "na_justification",
        "comment",
        "support_needed",
        "target",
    )

    def snapshot(self):
        """The answer's content as plain JSON, for history and conflict messages."""
        data = {field: getattr(self, field) for field in self.VALUE_FIELDS}
        if data["number"] is not None:
            data["number"] = str(data["number"])
        return data

    @property
    def is_answered(self):
        if self.not_applicable:
            return bool(self.na_justification.strip())
        return any(
            (
                self.maturity is not None,
                self.yes_no is not None,
                self.number is not None,
                bool(self.text.strip()),
            )
        )


class AnswerChange(models.Model):
    """Who changed an answer, when, from what to what. Never edited."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="changes")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    old_value = models.JSONField(default=dict)
    new_value = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["assessment", "question"])]

    def __str__(self):
        return f"{self.question_id} changed at {self.changed_at:%Y-%m-%d %H:%M}"


class AssessmentEvent(models.Model):
    """A step in an assessment's life: started, submitted, returned, validated."""

    class Action(models.TextChoices):
        STARTED = "started", _("Started")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        VALIDATED = "validated", _("Validated")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"


def evidence_path(instance, filename):
    return f"assessment-{instance.answer.assessment_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Evidence(models.Model):
    """A document or link that supports an answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, blank=True)
    url = models.URLField(blank=True, max_length=500)
    title = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title or self.original_name or self.url
