"""Reviewers' notes on single questions: what the administration should look at again."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .assessments import Assessment
from .content import Question


class ReviewNote(models.Model):
    """A reviewer's note on one question of a submitted assessment. Never edited: a later
    note answers an earlier one, so the history of the review stays readable."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="review_notes"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["assessment", "question"])]

    def __str__(self):
        return f"Note on {self.question_id} at {self.created_at:%Y-%m-%d %H:%M}"
