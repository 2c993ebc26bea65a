"""Reads for the questionnaire pages: answers still in a draft state, carried-over answers."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils.translation import get_language

from ..models import Answer, AnswerChange, Evidence, Question, ReviewNote
from .assessments import completion_by_focus_area, questions_of


def section_questions(assessment, focus_area):
    """A section's questions in order (one query), each with `standard_list`: the SAFE
    standards it assesses as {"code", "title" in the current language}, in order (one query).
    Their focus area is the one given: no join per question, no second copy of its texts."""
    questions = list(questions_of(assessment, focus_area).select_related(None))
    language = (get_language() or "en")[:2]
    links = (
        Question.standards.through.objects.filter(question_id__in=[q.pk for q in questions])
        .order_by("standard__framework", "standard__order", "standard__code")
        .values_list("question_id", "standard__code", "standard__title", "standard__translations")
    )
    standards = {}
    for question_id, code, title, translations in links:
        if language != "en":  # as Translatable.tr: English when there is no translation
            title = translations.get(language, {}).get("title") or title
        standards.setdefault(question_id, []).append({"code": code, "title": title})
    for question in questions:
        question.focus_area = focus_area
        question.standard_list = standards.get(question.pk, [])
    return questions


def answered_by_focus_area(assessment):
    """{focus area id: {"answered", "total"}} for the section page's tabs: the counts of
    `completion_by_focus_area`, so the tabs say what the overview says (three queries)."""
    return {
        row["focus_area"].pk: {"answered": row["answered"], "total": row["total"]}
        for row in completion_by_focus_area(assessment)
    }


def section_answers(assessment, questions):
    """{question id: answer} of these questions, each answer with its question (the one given),
    its carried-over source and `evidence_list` in upload order (two queries)."""
    by_id = {q.pk: q for q in questions}
    evidence = Prefetch(
        "evidence", queryset=Evidence.objects.order_by("uploaded_at"), to_attr="evidence_list"
    )
    answers = (
        Answer.objects.filter(assessment=assessment, question_id__in=by_id)
        .select_related("carried_over_from")
        .prefetch_related(evidence)
    )
    for answer in answers:
        answer.question = by_id[answer.question_id]
    return {answer.question_id: answer for answer in answers}


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
