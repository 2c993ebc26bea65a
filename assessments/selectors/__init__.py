"""Read-side helpers, one module per capability: the querysets and summaries pages need,
with their queries planned. Re-exported so `selectors.questions_of(...)` reads the same."""

from .answers import carried_over_unconfirmed, na_reasons_missing
from .assessments import (
    ANSWERED,
    answer_rows,
    answers_by_question,
    assessments_for,
    completion_by_focus_area,
    default_framework,
    framework_overview,
    missing_mandatory,
    overall_completion,
    questions_of,
    scoring_answers,
    scoring_questions,
    trend_of,
    with_completion,
)

__all__ = [
    "ANSWERED",
    "answer_rows",
    "answers_by_question",
    "assessments_for",
    "carried_over_unconfirmed",
    "completion_by_focus_area",
    "default_framework",
    "framework_overview",
    "missing_mandatory",
    "na_reasons_missing",
    "overall_completion",
    "questions_of",
    "scoring_answers",
    "scoring_questions",
    "trend_of",
    "with_completion",
]
