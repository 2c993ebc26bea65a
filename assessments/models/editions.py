"""How two editions of the framework relate, question by question, so answers can be carried
from an assessment in one edition to a new one in the next (see assessments/editions.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import Framework, Question


class EditionMapping(models.Model):
    """A validated mapping file between an older and a newer edition."""

    older = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    newer = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    checksum = models.CharField(max_length=64, blank=True, editable=False)
    loaded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["older", "newer"], name="unique_edition_mapping")
        ]

    def __str__(self):
        return f"{self.older} → {self.newer}"


class QuestionMapping(models.Model):
    """One line of a mapping: an older question continues as a newer one, is retired (no
    newer question), or a newer question is new (no older question)."""

    class Change(models.TextChoices):
        MAPPED = "mapped", _("Carried over")
        RETIRED = "retired", _("Retired")
        NEW = "new", _("New")

    mapping = models.ForeignKey(EditionMapping, on_delete=models.CASCADE, related_name="lines")
    older = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    newer = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    change = models.CharField(max_length=8, choices=Change.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.older_id} → {self.newer_id} ({self.change})"
