"""Assessments an administration completes: answers, their history, workflow events, evidence."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import counting
from .content import Framework, Phase, Question
from .organisations import Administration


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
    na_rejection = models.TextField(
        blank=True, help_text=_("Why a reviewer did not accept 'not applicable' here.")
    )
    comment = models.TextField(blank=True)
    support_needed = models.CharField(max_length=10, choices=Support.choices, blank=True)
    target = models.FloatField(
        null=True, blank=True, help_text=_("Overrides the question's target for this assessment.")
    )
    version = models.PositiveIntegerField(default=0)
    carried_over_from = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The assessment this answer was copied from, until someone confirms or changes it."
        ),
    )
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

    def is_answered_for(self, question):
        """Answered, or N/A with its reason where the question allows it: what completion
        counts (`counting.is_done`, docs/scoring.md "Counting answers")."""
        return counting.is_done(self, question)

    @property
    def na_reason_missing(self):
        """Ticked "not applicable" without saying why yet: a draft, kept, not yet answered."""
        return counting.na_reason_missing(self)

    @property
    def is_answered(self):
        """A usable value, or N/A with its reason (whether the question allows N/A is
        `is_answered_for`'s to say)."""
        return counting.has_value(self) or (
            bool(self.not_applicable) and not counting.na_reason_missing(self)
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
    shared_with_donors = models.BooleanField(
        default=False,
        help_text=_("Donors may open it when the assessment is shared with them."),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title or self.original_name or self.url
