"""Reads for the questionnaire pages: answers still in a draft state, carried-over answers."""

from ..models import Answer, Question, ReviewNote


def na_reasons_missing(assessment):
    """How many answers are ticked N/A without a reason yet (drafts, not answered)."""
    return (
        Answer.objects.filter(assessment=assessment, not_applicable=True)
        .filter(na_justification__regex=r"^\s*$")
        .count()
    )


def carried_over_unconfirmed(assessment):
    """How many answers were copied from an earlier assessment and not yet confirmed or
    changed (one query)."""
    return Answer.objects.filter(assessment=assessment, carried_over_from__isnull=False).count()


def questions_with_notes(assessment):
    """The questions a reviewer left a note on, in questionnaire order (one query)."""
    noted = ReviewNote.objects.filter(assessment=assessment).values("question")
    return list(
        Question.objects.filter(pk__in=noted)
        .select_related("focus_area")
        .order_by("focus_area__order", "order")
    )
