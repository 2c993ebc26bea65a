"""Read-side helpers: the querysets and summaries pages need, with their queries planned."""

from django.db.models import Count, Prefetch, Q

from .. import permissions, scoring
from ..models import Answer, Assessment, Framework, Question

ANSWERED = Q(answers__not_applicable=False) & (
    Q(answers__maturity__isnull=False)
    | Q(answers__yes_no__isnull=False)
    | Q(answers__number__isnull=False)
    | ~Q(answers__text="")
) | (
    Q(answers__not_applicable=True)
    & ~Q(answers__na_justification="")
    & Q(answers__question__na_allowed=True)
)


def assessments_for(user):
    """Assessments the person may see, newest first, with what list pages show."""
    return (
        permissions.visible_assessments(user)
        .select_related("administration__region", "framework", "phase")
        .annotate(n_answered=Count("answers", filter=ANSWERED))
        .order_by("-updated_at")
    )


def with_completion(assessments):
    """Give each assessment of a list `percent` complete (one query for the question counts).

    Expects `n_answered` from `assessments_for`; the same rule as `Answer.is_answered_for`.
    """
    assessments = list(assessments)
    totals = dict(
        Question.objects.filter(retired=False, phase_id__in={a.phase_id for a in assessments})
        .values_list("phase_id")
        .annotate(n=Count("id"))
    )
    for a in assessments:
        total = totals.get(a.phase_id, 0)
        a.percent = round(100 * a.n_answered / total) if total else 0
    return assessments


def questions_of(assessment, focus_area=None):
    """The questionnaire of an assessment (its framework and phase), in order."""
    questions = Question.objects.filter(
        framework_id=assessment.framework_id, phase_id=assessment.phase_id, retired=False
    )
    if focus_area is not None:
        questions = questions.filter(focus_area=focus_area)
    return questions.select_related("focus_area").order_by("focus_area__order", "order")


def completion_by_focus_area(assessment):
    """Per focus area: questions, answered, mandatory left. Two queries whatever the size."""
    questions = list(questions_of(assessment).only("id", "mandatory", "na_allowed", "focus_area"))
    answers = answers_by_question(assessment)
    sections = {}
    for question in questions:
        fa = question.focus_area
        row = sections.setdefault(
            fa.pk, {"focus_area": fa, "total": 0, "answered": 0, "mandatory_left": 0}
        )
        row["total"] += 1
        answer = answers.get(question.pk)
        if answer is not None and answer.is_answered_for(question):
            row["answered"] += 1
        elif question.mandatory:
            row["mandatory_left"] += 1
    rows = list(sections.values())
    for row in rows:
        row["percent"] = round(100 * row["answered"] / row["total"]) if row["total"] else 0
    return rows


def overall_completion(rows):
    total = sum(r["total"] for r in rows)
    answered = sum(r["answered"] for r in rows)
    return {
        "total": total,
        "answered": answered,
        "mandatory_left": sum(r["mandatory_left"] for r in rows),
        "percent": round(100 * answered / total) if total else 0,
    }


def framework_overview(framework):
    """Focus areas, pillars and standards with question counts per phase, for the browse page."""
    standards = framework.standards.annotate(
        n_questions=Count("questions", filter=Q(questions__retired=False))
    ).order_by("order")
    pillars = framework.pillars.prefetch_related(Prefetch("standards", queryset=standards))
    focus_areas = framework.focus_areas.annotate(
        **{
            f"phase{n}": Count(
                "questions", filter=Q(questions__phase__number=n, questions__retired=False)
            )
            for n in (1, 2, 3)
        }
    )
    return {"framework": framework, "pillars": pillars, "focus_areas": focus_areas}


def default_framework():
    return Framework.newest()


def missing_mandatory(assessment):
    """Mandatory questions without an answer (or with an N/A the content does not allow, or
    without a justification), in order."""
    answers = answers_by_question(assessment)
    return [
        q
        for q in questions_of(assessment).filter(mandatory=True)
        if not (q.pk in answers and answers[q.pk].is_answered_for(q))
    ]


def answers_by_question(assessment):
    """Just what completion needs of each answer, keyed by question id (one query)."""
    fields = ["question_id", "maturity", "yes_no", "number", "text", "not_applicable"]
    return {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).only(*fields, "na_justification")
    }


def scoring_questions(assessment):
    """The questionnaire as scoring records, plus {id: Question} (two queries)."""
    questions = (
        Question.objects.filter(
            framework_id=assessment.framework_id, phase_id=assessment.phase_id, retired=False
        )
        .select_related("focus_area")
        .prefetch_related("standards__pillar")
        .order_by("focus_area__order", "order")
    )
    records, by_id = [], {}
    for q in questions:
        standards = sorted(q.standards.all(), key=lambda s: s.order)
        records.append(
            scoring.QuestionData(
                id=q.pk,
                code=q.code,
                focus_area=q.focus_area.code,
                standards=tuple(s.code for s in standards),
                pillars=tuple(dict.fromkeys(s.pillar.code for s in standards)),
                answer_type=q.answer_type,
                weight=q.weight,
                target=q.target,
                better=q.better,
                mandatory=q.mandatory,
            )
        )
        by_id[q.pk] = q
    return records, by_id


def scoring_answers(assessment_ids):
    """{assessment id: [AnswerData]} for several assessments in one query."""
    result = {pk: [] for pk in assessment_ids}
    for a in Answer.objects.filter(assessment_id__in=assessment_ids):
        result[a.assessment_id].append(
            scoring.AnswerData(
                question_id=a.question_id,
                maturity=a.maturity,
                yes_no=a.yes_no,
                number=None if a.number is None else float(a.number),
                not_applicable=a.not_applicable,
                support_needed=a.support_needed,
                target=a.target,
            )
        )
    return result


def trend_of(assessment):
    """Results of the administration's assessments of the same phase and edition up to this
    one, oldest first, and the questionnaire: ([(Assessment, Results)], {id: Question}).
    Four queries however many assessments and questions there are; the last entry is
    `assessment` itself."""
    series = list(
        Assessment.objects.filter(
            administration_id=assessment.administration_id,
            framework_id=assessment.framework_id,
            phase_id=assessment.phase_id,
            created_at__lte=assessment.created_at,
        )
        .exclude(pk=assessment.pk)
        .order_by("created_at", "pk")
    )
    series.append(assessment)
    questions, by_id = scoring_questions(assessment)
    answers = scoring_answers([a.pk for a in series])
    return [(a, scoring.score_assessment(questions, answers[a.pk])) for a in series], by_id


EXPORT_HEADER = [
    "code", "phase", "focus_area", "standards", "question", "answer_type", "value",
    "not_applicable", "justification", "comment", "support_needed", "target", "evidence",
    "updated_at", "updated_by",
]  # fmt: skip


def answer_rows(assessment):
    """The header, then one row per question with its answer (four queries)."""
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment)
        .select_related("updated_by")
        .prefetch_related("evidence")
    }
    rows = [EXPORT_HEADER]
    for q in questions_of(assessment).prefetch_related("standards"):
        a = answers.get(q.pk)
        value = ""
        if a is not None:
            value = {"maturity": a.maturity, "yes_no": a.yes_no, "number": a.number}.get(
                q.answer_type, a.text
            )
            value = (
                ""
                if value is None
                else ("yes" if value is True else "no" if value is False else value)
            )
        rows.append(
            [
                q.code,
                assessment.phase.number,
                q.focus_area.code,
                " ".join(s.code for s in q.standards.all()),
                q.tr("text"),
                q.answer_type,
                value,
                "yes" if a and a.not_applicable else "",
                a.na_justification if a else "",
                a.comment if a else "",
                a.support_needed if a else "",
                "" if a is None or a.target is None else a.target,
                " ".join(e.url or e.original_name for e in a.evidence.all()) if a else "",
                f"{a.updated_at:%Y-%m-%d %H:%M}" if a else "",
                (a.updated_by.get_full_name() or a.updated_by.username)
                if a and a.updated_by
                else "",
            ]
        )
    return rows
