"""Reviewers' notes on single questions."""

from django.core.exceptions import ValidationError

from ..models import ReviewNote


def add_review_note(user, assessment, question, text):
    """Attach a reviewer's note to one question; the editors see it on the section page."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write the note first.", code="empty_note")
    return ReviewNote.objects.create(
        assessment=assessment, question=question, author=user, text=text[:10_000]
    )
