"""Columbus Phase 3, monitoring: an administration's indicators and their measurements, its
re-assessment rhythm, and the dated monitoring reviews that compare a follow-up
self-assessment with the validated baseline.

Computations (progress-to-date, the baseline comparison, the next due date) live in the pure
module `assessments/monitoring.py`, documented in docs/monitoring.md.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .assessments import Assessment
from .content import Question, Standard
from .organisations import Administration
from .planning import Action


class MonitoringSettings(models.Model):
    """How often the administration re-assesses itself (the PMM runs every two years)."""

    administration = models.OneToOneField(
        Administration, on_delete=models.CASCADE, related_name="monitoring_settings"
    )
    reassessment_months = models.PositiveSmallIntegerField(
        default=24, help_text=_("Months between two Phase 1 self-assessments.")
    )
    reminder_days = models.PositiveSmallIntegerField(
        default=30, help_text=_("Days before the due date when coordinators are reminded.")
    )

    def __str__(self):
        return f"{self.administration}: every {self.reassessment_months} months"


class Indicator(models.Model):
    """A figure the administration tracks to show whether implementation works."""

    class Unit(models.TextChoices):
        COUNT = "count", pgettext_lazy("monitoring", "Count")
        PERCENTAGE = "percentage", pgettext_lazy("monitoring", "Percentage")
        HOURS = "hours", pgettext_lazy("monitoring", "Hours")
        AMOUNT = "amount", pgettext_lazy("monitoring", "Amount")

    class Better(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Disclosure(models.TextChoices):
        ADMINISTRATION = "administration", _("Administration only")
        REVIEWERS = "reviewers", _("Administration and WCO reviewers")
        DONORS = "donors", _("Shared with donors")

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="indicators"
    )
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Phase 3 question this indicator was proposed from."),
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    unit_label = models.CharField(
        max_length=40, blank=True, help_text=_("What is counted, or the currency: operators, USD.")
    )
    better = models.CharField(max_length=6, choices=Better.choices, default=Better.HIGHER)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    standards = models.ManyToManyField(Standard, blank=True, related_name="indicators")
    actions = models.ManyToManyField(
        Action, blank=True, related_name="indicators", help_text=_("Plan actions it measures.")
    )
    disclosure = models.CharField(
        max_length=14, choices=Disclosure.choices, default=Disclosure.ADMINISTRATION
    )
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["administration", "order", "id"]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    """One dated value of an indicator, with where it comes from."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="one_measurement_per_day"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.measured_on}: {self.value}"


class MonitoringReview(models.Model):
    """A dated Phase 3 review: follow-up vs baseline, the plan, the indicators, the evaluation.

    Submitted by the coordinator and validated (or returned) by a reviewer, like an
    assessment.
    """

    Status = Assessment.Status
    EDITABLE_STATUSES = Assessment.EDITABLE_STATUSES

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="monitoring_reviews"
    )
    title = models.CharField(max_length=200)
    review_date = models.DateField()
    baseline = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        related_name="baseline_of_reviews",
        help_text=_("The validated Phase 1 assessment everything is compared with."),
    )
    follow_up = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_of_reviews",
        help_text=_("The later Phase 1 self-assessment."),
    )
    evaluation = models.TextField(blank=True)
    conclusions = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    shared_with_donors = models.BooleanField(default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-review_date", "-id"]

    def __str__(self):
        return f"{self.administration} — {self.title}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES


class ReminderSent(models.Model):
    """A re-assessment reminder already e-mailed, so the daily command never repeats it."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Due soon")
        OVERDUE = "overdue", pgettext_lazy("monitoring", "Overdue")

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    due_date = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "due_date", "kind"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.administration}: {self.kind} {self.due_date}"
