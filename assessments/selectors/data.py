"""What leaves the application as tables: an assessment's scores beside its answers."""

from .. import scoring
from ..models import Answer
from .assessments import questions_of, scoring_answers
from .questionnaires import scoring_records

SCORE_HEADER = ["level", "code", "score", "band", "answered", "applicable", "provisional"]


def score_rows(assessment):
    """The header, then the overall score and one row per focus area, pillar and standard
    (three queries whatever the size)."""
    questions = scoring_records(assessment)
    results = scoring.score_assessment(questions, scoring_answers([assessment.pk])[assessment.pk])
    rows = [SCORE_HEADER, _score_row("overall", "", results.overall)]
    for level, scores in (
        ("focus_area", results.by_focus_area),
        ("pillar", results.by_pillar),
        ("standard", results.by_standard),
    ):
        rows.extend(_score_row(level, code, score) for code, score in scores.items())
    return rows


def _score_row(level, code, score):
    value = None if score.value is None else round(score.value, 1)
    return [
        level,
        code,
        value,
        score.band or "",
        score.answered,
        score.applicable,
        "yes" if score.provisional else "",
    ]


def workbook_inputs(assessment):
    """The questionnaire in order and the answers by question id (two queries)."""
    questions = list(questions_of(assessment))
    answers = {a.question_id: a for a in Answer.objects.filter(assessment=assessment)}
    return questions, answers
