"""Reads for the questionnaire pages: answers still in a draft state, carried-over answers."""

from django.contrib.auth import get_user_model

from ..models import Answer, AnswerChange, Question, ReviewNote


def na_reasons_missing(assessment):
    """How many answers are ticked N/A without a reason yet (drafts, not answered)."""
    return (
        Answer.objects.filter(assessment=assessment, not_applicable=True, question__retired=False)
        .filter(na_justification__regex=r"^\s*$")
        .count()
    )


def carried_over_unconfirmed(assessment):
    """How many answers were copied from an earlier assessment and not yet confirmed or
    changed (one query); answers to retired questions count nowhere (`counting`)."""
    return Answer.objects.filter(
        assessment=assessment, carried_over_from__isnull=False, question__retired=False
    ).count()


def questions_with_notes(assessment):
    """The questions a reviewer left a note on, in questionnaire order (one query)."""
    noted = ReviewNote.objects.filter(assessment=assessment).values("question")
    return list(
        Question.objects.filter(pk__in=noted)
        .select_related("focus_area")
        .order_by("focus_area__order", "order")
    )


def history_of(assessment, section="", question="", person=""):
    """An assessment's answer changes, newest first, optionally for one section (focus area
    code), one question (code) or one person (user id). Sliced by the caller's paginator."""
    changes = AnswerChange.objects.filter(assessment=assessment).select_related(
        "question", "changed_by"
    )
    if section:
        changes = changes.filter(question__focus_area__code=section)
    if question:
        changes = changes.filter(question__code__iexact=question)
    if person.isdigit():
        changes = changes.filter(changed_by_id=int(person))
    return changes


def people_who_changed(assessment):
    """The people who changed an answer of this assessment, for the history filter."""
    ids = AnswerChange.objects.filter(assessment=assessment).values("changed_by")
    return get_user_model().objects.filter(pk__in=ids).order_by("first_name", "username")
