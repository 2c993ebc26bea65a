"""Columbus Phase 2: the implementation plan an administration builds from its Phase 1 gaps.

One living plan per administration. Its actions keep their links to the questions (the gaps)
and SAFE standards they close, so a reviewer can go from a gap to its actions and back.
Adopting the plan freezes a numbered version (a JSON snapshot of its actions); status and
progress move on the living actions without a new version.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assessments import Assessment
from .content import FocusArea, Framework, Question, Standard
from .organisations import Administration, DonorOrganisation


class Plan(models.Model):
    """The administration's implementation plan (Columbus Phase 2)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, never adopted")
        ADOPTED = "adopted", _("Adopted")
        REVISING = "revising", _("Adopted, revision in progress")

    administration = models.OneToOneField(
        Administration, on_delete=models.CASCADE, related_name="plan"
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="plans")
    baseline = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        help_text=_("The validated Phase 1 assessment whose gaps the plan closes."),
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    currency = models.CharField(
        max_length=3, default="USD", help_text=_("Default currency of the actions' costs.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["administration__name"]

    def __str__(self):
        return self.title


class PlanVersion(models.Model):
    """An adopted version of the plan, frozen: `snapshot` holds its actions as plain JSON.

    The snapshot is a list of dicts with the versioned fields of each action (see
    `Action.VERSIONED_FIELDS`, plus `id`, `number`, `focus_area`, `questions`, `standards`),
    so comparing two versions needs no query beyond the two rows.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    adopted_at = models.DateTimeField(default=timezone.now)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text=_("What this version changes and why."))
    snapshot = models.JSONField(default=list)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")
        ]

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Action(models.Model):
    """One thing the administration will do to close one or more gaps."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        BLOCKED = "blocked", _("Blocked")
        DROPPED = "dropped", _("Dropped")

    class Funding(models.TextChoices):
        OWN_BUDGET = "own_budget", _("Own budget")
        DONOR_REQUESTED = "donor_requested", _("Donor support requested")
        DONOR_SECURED = "donor_secured", _("Donor support secured")
        NONE_YET = "none_yet", _("None yet")

    class SupportClass(models.TextChoices):
        A = "A", _("A: own resources, now")
        B = "B", _("B: needs more time")
        C = "C", _("C: needs outside support")

    class Origin(models.TextChoices):
        GAP = "gap", _("Proposed from a gap")
        ADDED = "added", _("Added by the administration")
        SPLIT = "split", _("Split from another action")

    REASON_REQUIRED = {Status.BLOCKED, Status.DROPPED}
    # What a new version records; status and progress move without a new version.
    VERSIONED_FIELDS = (
        "title",
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
    )

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    number = models.PositiveIntegerField(help_text=_("A-01, A-02 … within the plan."))
    focus_area = models.ForeignKey(
        FocusArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_actions"
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    expected_result = models.TextField(blank=True)
    responsible_unit = models.CharField(max_length=200, blank=True)
    responsible_person = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    estimated_cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")
    funding_source = models.CharField(
        max_length=16, choices=Funding.choices, default=Funding.NONE_YET
    )
    support_class = models.CharField(
        max_length=1, choices=SupportClass.choices, default=SupportClass.B
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.TextField(
        blank=True, help_text=_("Why the action is blocked or dropped.")
    )
    priority = models.FloatField(
        default=0, help_text=_("Highest priority of its gaps (see docs/scoring.md).")
    )
    origin = models.CharField(max_length=6, choices=Origin.choices, default=Origin.ADDED)
    accepted = models.BooleanField(
        default=False, help_text=_("A proposed action counts once the administration accepts it.")
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    questions = models.ManyToManyField(
        Question, blank=True, related_name="plan_actions", help_text=_("The gaps it closes.")
    )
    standards = models.ManyToManyField(Standard, blank=True, related_name="plan_actions")
    shared_with = models.ManyToManyField(
        DonorOrganisation,
        blank=True,
        related_name="shared_actions",
        help_text=_("Donors who may read this action."),
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_action_number")
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self):
        return f"A-{self.number:02d}"


class Milestone(models.Model):
    """A dated step of an action; a missed one puts the action at risk."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(max_length=200)
    due_date = models.DateField()
    done = models.BooleanField(default=False)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["action", "due_date", "id"]

    def __str__(self):
        return f"{self.name} ({self.due_date})"


class ProgressNote(models.Model):
    """A dated note on an action: progress from the administration, or a reviewer's comment."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress")
        COMMENT = "comment", _("Reviewer comment")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PROGRESS)
    text = models.TextField()
    status = models.CharField(
        max_length=12,
        choices=Action.Status.choices,
        blank=True,
        help_text=_("The action's status after this note, when the note changed it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_on", "-created_at", "-id"]

    def __str__(self):
        return f"{self.action.reference} {self.written_on}"


class ProjectProposal(models.Model):
    """A group of actions written up for a donor: problem, objective, activities, budget."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(max_length=300)
    objective = models.TextField(blank=True)
    expected_results = models.TextField(blank=True)
    indicators = models.TextField(
        blank=True, help_text=_("How success will be measured, one per line.")
    )
    actions = models.ManyToManyField(Action, related_name="proposals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "-created_at"]

    def __str__(self):
        return self.title
