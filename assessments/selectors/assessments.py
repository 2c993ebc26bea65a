"""Read-side helpers: the querysets and summaries pages need, with their queries planned."""

from dataclasses import dataclass, replace

from django.db.models import Count, F, Prefetch, Q

from .. import counting, permissions, scoring
from ..models import (
    Answer,
    Assessment,
    EditionMapping,
    FocusArea,
    Framework,
    Phase,
    Question,
    QuestionMapping,
)
from .questionnaires import scoring_questions, scoring_records

# `counting.is_done` in SQL, for lists that count many assessments' answers at once: a usable
# value on an answer not ticked N/A, or N/A with a reason where the question allows it; answers
# to retired questions count nowhere. Blank means whitespace only, as `str.strip()` says.
ANSWERED = Q(answers__question__retired=False) & (
    Q(answers__not_applicable=False)
    & (
        Q(answers__maturity__isnull=False)
        | Q(answers__yes_no__isnull=False)
        | Q(answers__number__isnull=False)
        | Q(answers__text__regex=r"\S")
    )
    | (
        Q(answers__not_applicable=True)
        & Q(answers__na_justification__regex=r"\S")
        & Q(answers__question__na_allowed=True)
    )
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
    """Per focus area: questions, answered, mandatory left, percent, and its `counting.Counts`
    (`counts`). Three queries whatever the size; questions are read as rows, not models
    (half the time on a 100-question phase)."""
    fields = ("id", "mandatory", "na_allowed", "focus_area_id")
    questions = questions_of(assessment).select_related(None).values_list(*fields, named=True)
    areas = FocusArea.objects.filter(framework_id=assessment.framework_id).in_bulk()
    answers = answers_by_question(assessment)
    sections = {}
    for question in questions:
        row = sections.get(question.focus_area_id)
        if row is None:
            row = {"focus_area": areas[question.focus_area_id], "counts": counting.Counts()}
            sections[question.focus_area_id] = row
        row["counts"].add(question, answers.get(question.id))
    rows = list(sections.values())
    for row in rows:
        counts = row["counts"]
        row.update(
            total=counts.total,
            answered=counts.answered,
            mandatory_left=counts.mandatory_left,
            percent=counts.percent,
        )
    return rows


def overall_completion(rows):
    """The sections' counts added up (`completion_by_focus_area`)."""
    total = counting.Counts()
    for row in rows:
        for name, value in vars(row["counts"]).items():
            setattr(total, name, getattr(total, name) + value)
    return {
        "total": total.total,
        "answered": total.answered,
        "mandatory_left": total.mandatory_left,
        "percent": total.percent,
        "counts": total,
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
    """Mandatory questions not answered (`counting.is_done`: an N/A the content does not
    allow, or without its reason, is not), in order."""
    answers = answers_by_question(assessment)
    return [
        q
        for q in questions_of(assessment).filter(mandatory=True)
        if not counting.is_done(answers.get(q.pk), q)
    ]


def answers_by_question(assessment):
    """Just what counting needs of each answer, keyed by question id (one query)."""
    fields = ["question_id", "maturity", "yes_no", "number", "text", "not_applicable"]
    return {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).only(
            *fields, "na_justification", "na_rejection", "carried_over_from"
        )
    }


def scoring_answers(assessments):
    """{assessment id: [AnswerData]} for several assessments (or their ids) in one query.

    An N/A counts as such only with a justification (as `Answer.is_answered`); an answer is
    validated when a reviewer validated its assessment, backed by evidence when it has any."""
    result = {getattr(a, "pk", a): [] for a in assessments}
    rows = (
        Answer.objects.filter(assessment_id__in=result)
        .annotate(n_evidence=Count("evidence"), assessment_status=F("assessment__status"))
        .values_list(
            "assessment_id", "question_id", "maturity", "yes_no", "number", "not_applicable",
            "na_justification", "support_needed", "target", "n_evidence", "assessment_status",
        )
    )  # fmt: skip
    validated = Assessment.Status.VALIDATED
    for (
        pk,
        question,
        maturity,
        yes_no,
        number,
        na,
        why,
        support,
        target,
        n_evidence,
        status,
    ) in rows:
        result[pk].append(
            scoring.AnswerData(
                question_id=question,
                # a value left on an answer ticked N/A does not count (`counting.has_value`)
                maturity=None if na else maturity,
                yes_no=None if na else yes_no,
                number=None if na or number is None else float(number),
                not_applicable=na and bool(why.strip()),
                support_needed=support,
                target=target,
                evidence=n_evidence > 0,
                validated=status == validated,
            )
        )
    return result


COMPARABLE = (Assessment.Status.SUBMITTED, Assessment.Status.VALIDATED)


def _reference(a):
    """Order of assessments in time: by the period they describe, then when they were made."""
    return (a.period_end, a.period_start, a.created_at, a.pk)


def earlier_comparable(assessment, viewer=None):
    """Submitted or validated assessments of the same administration and phase whose reference
    period comes before this one's, oldest first: of the same edition, or of an older edition
    when a mapping into this one is loaded (compared on the mapped questions only, `trend_of`).
    A viewer who only sees what is shared with donors only gets those:
    `permissions.visible_assessments` decides."""
    mapped_editions = EditionMapping.objects.filter(newer_id=assessment.framework_id)
    candidates = (
        Assessment.objects.filter(
            Q(framework_id=assessment.framework_id)
            | Q(framework_id__in=mapped_editions.values("older_id")),
            administration_id=assessment.administration_id,
            phase__number__in=Phase.objects.filter(pk=assessment.phase_id).values("number"),
            status__in=COMPARABLE,
            period_end__lte=assessment.period_end,
        )
        .exclude(pk=assessment.pk)
        .select_related("framework")
    )
    if viewer is not None:
        candidates = permissions.visible_assessments(viewer, candidates)
    here = _reference(assessment)
    return sorted((a for a in candidates if _reference(a) < here), key=_reference)


@dataclass
class SharedQuestions:
    """How an assessment of an older edition is compared with this one: only on the questions
    the mapping carries over, both sides scored on them alone (docs/scoring.md)."""

    older: str  # edition codes, e.g. safe-2021
    newer: str
    question_map: dict  # {older question id: newer question id}, this phase's questions only
    current: scoring.Results  # this assessment scored on the shared questions only

    @property
    def count(self):
        return len(self.question_map)


def _mapped_lines(assessment, series):
    """{older edition id: {older question id: newer question id}} for the older editions in
    the series (one query, none when every assessment is of this edition)."""
    older = {a.framework_id for a in series} - {assessment.framework_id}
    maps = {pk: {} for pk in older}
    if older:
        lines = QuestionMapping.objects.filter(
            mapping__newer_id=assessment.framework_id,
            mapping__older_id__in=older,
            change=QuestionMapping.Change.MAPPED,
        ).values_list("mapping__older_id", "older_id", "newer_id")
        for edition, older_id, newer_id in lines:
            maps[edition][older_id] = newer_id
    return maps


def _on_shared_questions(questions, answers, question_map):
    """Both sides restricted to the mapped questions: the earlier answers renamed to this
    edition's question ids, the questionnaire cut to the questions they can land on."""
    kept = {q.id for q in questions} & set(question_map.values())
    shared = [q for q in questions if q.id in kept]
    renamed = [
        replace(a, question_id=question_map[a.question_id])
        for a in answers
        if question_map.get(a.question_id) in kept
    ]
    return shared, renamed


def readiness_baseline(assessment, viewer=None):
    """The Phase 1 needs assessment a later phase builds on: the latest submitted or validated
    one of the same administration and edition whose period ends by this one's end, with its
    results, or None. Phase 3 reports progress against it (four queries)."""
    candidates = Assessment.objects.filter(
        administration_id=assessment.administration_id,
        framework_id=assessment.framework_id,
        phase__number=1,
        status__in=COMPARABLE,
        period_end__lte=assessment.period_end,
    ).exclude(pk=assessment.pk)
    if viewer is not None:
        candidates = permissions.visible_assessments(viewer, candidates)
    baseline = max(candidates, key=_reference, default=None)
    if baseline is None:
        return None
    questions = scoring_records(baseline)
    answers = scoring_answers([baseline])[baseline.pk]
    return baseline, scoring.score_assessment(questions, answers)


def trend_of(assessment, viewer=None):
    """Results of the comparable earlier assessments (`earlier_comparable`), oldest first,
    then this one, and the questionnaire: ([(Assessment, Results)], {id: Question}).

    An earlier assessment of another edition is scored on the mapped questions only, and
    carries `shared` (SharedQuestions, with this one's results on the same questions); the
    others carry `shared = None`. This one's own results stay complete. Four queries (five
    with an older edition) however many assessments and questions there are."""
    series = [*earlier_comparable(assessment, viewer), assessment]
    questions, by_id = scoring_questions(assessment)
    answers = scoring_answers(series)
    maps = _mapped_lines(assessment, series)
    trend = []
    for a in series:
        a.shared = None
        if a.framework_id == assessment.framework_id:
            trend.append((a, scoring.score_assessment(questions, answers[a.pk])))
        else:
            trend.append((a, _across_editions(a, assessment, questions, answers, maps)))
    return trend, by_id


def _across_editions(earlier, assessment, questions, answers, maps):
    """The earlier assessment's results on the shared questions; sets `earlier.shared` with
    this assessment's results on the same questions, so both sides are alike."""
    question_map = maps[earlier.framework_id]
    shared_q, renamed = _on_shared_questions(questions, answers[earlier.pk], question_map)
    same = {q.id: q.id for q in shared_q}
    current_q, current = _on_shared_questions(questions, answers[assessment.pk], same)
    earlier.shared = SharedQuestions(
        older=earlier.framework.code,
        newer=assessment.framework.code,
        question_map={k: v for k, v in question_map.items() if v in same},
        current=scoring.score_assessment(current_q, current),
    )
    return scoring.score_assessment(shared_q, renamed)


def gaps_without_support(assessment):
    """Questions below their target whose answer does not say what support closing the gap
    needs: a to-do before submitting, never assumed to be class B (three queries)."""
    questions, by_id = scoring_questions(assessment)
    answers = scoring_answers([assessment])[assessment.pk]
    results = scoring.score_assessment(questions, answers)
    return [by_id[gap.question.id] for gap in results.unclassified_gaps()]


EXPORT_HEADER = [
    "code", "phase", "focus_area", "standards", "question", "answer_type", "value",
    "not_applicable", "justification", "comment", "support_needed", "target", "evidence",
    "updated_at", "updated_by", "counts_as", "carried_over",
]  # fmt: skip


def answer_rows(assessment):
    """The header, then one row per question with its answer (four queries). `counts_as` is
    how the pages count it (`counting.status`): answered, not_applicable or not_answered;
    `carried_over` says "yes" while an answer copied from an earlier assessment is unchecked."""
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
                counting.status(a, q),
                "yes" if a and a.carried_over_from_id else "",
            ]
        )
    return rows
