"""Everything a report shows, read once with a fixed number of queries.

The renderer only lays out what this module returns, so the numbers come from the same
selectors and scoring module as the pages, and the PDF code never touches the ORM (no query
hides in a loop over questions). Texts are taken in the active language with `.tr()`.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import counting, scoring, selectors
from ..models import Answer, Assessment, Evidence, Phase, Question, Standard
from ..phase_results import phase_index_label, phase_report_title, phase_result_label, phase_slug
from . import context
from .records import (
    ActionItem,
    AreaReport,
    EvidenceItem,
    Finding,
    GapRow,
    GroupScore,
    Indicator,
    NotApplicableRow,
    ReportData,
    StrengthRow,
    TrendPoint,
)
from .score_texts import band_name, class_label, format_number

TOP_GAPS, TOP_STRENGTHS = 10, 5


def build_report_data(assessment, viewer=None, document=True):
    """Read and score one assessment for its report. About 15 queries, whatever its size.

    With `viewer`, comparisons only use earlier assessments that person may see (a donor: those
    shared with donors). `document=False` (the results page) leaves out what only the
    documents print: evidence, the review and its people, the profile, costs and the
    standards' references (`context.fill`); every figure stays the same."""
    assessment = Assessment.objects.select_related(
        "administration__region", "framework", "phase"
    ).get(pk=assessment.pk)
    trend, questions = selectors.trend_of(assessment, viewer)
    results = trend[-1][1]
    answers = _answers(assessment, document)
    earlier = _earlier(trend, assessment)
    findings = {pk: _finding(q, answers.get(pk), document) for pk, q in questions.items()}
    data = _header(assessment, results)
    data.focus_areas = _areas(assessment, questions, findings, results, earlier)
    data.pillars = _pillars(assessment, results, earlier)
    data.compared_overall = results.overall.value
    data.gaps = _gaps(results, questions)
    data.strengths = _strengths(results, questions)
    data.trend = _trend(trend, data.focus_areas)
    shared = next((a.shared for a, _r in trend if a.shared is not None), None)
    data.trend_basis = comparison_basis(shared) if shared else ""
    data.counts = counting.count(questions.values(), answers)
    data.answered = data.counts.answered
    data.total = data.counts.total
    data.missing_mandatory = data.counts.mandatory_left
    data.carried_over_unconfirmed = data.counts.carried_over
    data.evidence = [(f.code, item) for f in data.findings for item in f.evidence]
    if earlier is not None:
        data.earlier_label = _assessment_label(earlier[0])
        shared = earlier[0].shared
        if shared is not None:
            data.comparison_basis = comparison_basis(shared)
            data.compared_overall = shared.current.overall.value
    data.not_applicable = _not_applicable(results, questions, answers)
    if assessment.phase.number == Phase.MONITORING:
        readiness = selectors.readiness_baseline(assessment, viewer)
        if readiness is not None:
            data.readiness_baseline_label = _assessment_label(readiness[0])
            data.readiness_baseline_index = readiness[1].overall
    _phase_sections(data, assessment, questions, answers, trend)
    if document:
        context.fill(data, assessment, answers)
    return data


def _header(assessment, results):
    administration = assessment.administration
    status = Assessment.Status(assessment.status)
    return ReportData(
        assessment_id=assessment.pk,
        title=assessment.title,
        administration=administration.name,
        country_name=administration.country_name,
        country_iso3=administration.country_alpha3,
        region=administration.region.tr("name"),
        framework=assessment.framework.tr("title"),
        edition=assessment.framework.edition,
        phase_number=assessment.phase.number,
        phase_title=assessment.phase.tr("title"),
        period_start=assessment.period_start,
        period_end=assessment.period_end,
        status=status.value,
        status_label=str(status.label),
        validated=status == Assessment.Status.VALIDATED,
        review_comment=assessment.review_comment,
        generated=timezone.localdate(),
        results=results,
        band_name=band_name(results.overall.band),
        answered=0,
        total=0,
        focus_areas=[],
        pillars=[],
        gaps=[],
        strengths=[],
        gap_counts=results.gap_classes(),
        trend=[],
        result_label=str(phase_result_label(assessment.phase)),
        index_label=str(phase_index_label(assessment.phase)),
        report_title=str(phase_report_title(assessment.phase)),
        phase_slug=phase_slug(assessment.phase),
        level_achieved=results.overall.level_achieved,
        to_target=results.overall.to_target,
        provisional=results.overall.provisional,
        missing_mandatory=results.overall.missing_mandatory,
        confidence=results.overall.confidence.shares(),
        unclassified_gaps=len(results.unclassified_gaps()),
    )


def _answers(assessment, document=True):
    """{question id: Answer}; for a document with evidence and who answered (two queries)."""
    answers = Answer.objects.filter(assessment=assessment)
    if document:
        evidence = Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id"))
        answers = answers.select_related("updated_by").prefetch_related(evidence)
    return {a.question_id: a for a in answers}


def _earlier(trend, assessment):
    """The assessment just before this one in the trend, with its results, or None."""
    before = [(a, r) for a, r in trend if a.pk != assessment.pk]
    return before[-1] if before else None


def comparison_basis(shared):
    """Says that a comparison across editions rests on the mapped questions only."""
    return ngettext(
        "compared on the %(count)s question both editions share (%(older)s → %(newer)s)",
        "compared on the %(count)s questions both editions share (%(older)s → %(newer)s)",
        shared.count,
    ) % {"count": shared.count, "older": shared.older, "newer": shared.newer}


def _assessment_label(assessment):
    """Title, reference year and status: a comparison always says what it compares with."""
    status = Assessment.Status(assessment.status).label
    return f"{assessment.title} ({assessment.period_end:%Y}, {str(status).lower()})"


def _not_applicable(results, questions, answers):
    """Questions answered N/A: accepted ones first, then those the content does not allow."""
    rows = []
    for accepted, left_out in ((True, results.not_applicable), (False, results.na_refused)):
        for record in left_out:
            question = questions[record.id]
            answer = answers.get(record.id)
            rows.append(
                NotApplicableRow(
                    question_id=question.pk,
                    code=question.code,
                    text=question.tr("text"),
                    focus_area=question.focus_area.tr("title"),
                    justification=answer.na_justification.strip() if answer else "",
                    accepted=accepted,
                )
            )
    rows += _rejected_not_applicable(questions, answers)
    return rows


def _rejected_not_applicable(questions, answers):
    """N/A answers a reviewer rejected: the report says so until the question is answered."""
    return [
        NotApplicableRow(
            question_id=question.pk,
            code=question.code,
            text=question.tr("text"),
            focus_area=question.focus_area.tr("title"),
            justification=answer.na_justification.strip(),
            accepted=False,
            rejection=answer.na_rejection.strip(),
        )
        for pk, question in questions.items()
        if (answer := answers.get(pk)) is not None
        and answer.na_rejection.strip()
        and not answer.not_applicable
        and not answer.is_answered_for(question)
    ]


# Findings ---------------------------------------------------------------------------------


def _finding(question, answer, document=True):
    """A question with its answer as the documents print it; for the results page
    (`document=False`), only what its figures count: answered, N/A, the target score."""
    finding = Finding(
        code=question.code,
        text=question.tr("text") if document else "",
        answer_type=question.answer_type,
        mandatory=question.mandatory,
        standards=question.standard_codes,
        target=target_text(question, answer) if document else "",
        weight=float(question.weight),
        target_score=target_score(question, answer),
    )
    if answer is None:
        return finding
    finding.answered = answer.is_answered_for(question)
    finding.not_applicable = answer.not_applicable
    if not document:
        return finding
    finding.na_justification = answer.na_justification.strip()
    finding.comment = answer.comment.strip()
    finding.support = _support_label(answer.support_needed) if answer.support_needed else ""
    finding.evidence = [_evidence(item) for item in answer.evidence.all()]
    if not answer.not_applicable:
        _read_value(finding, question, answer)
    else:
        finding.answer = _("Not applicable")
    return finding


def _read_value(finding, question, answer):
    """The answer as a person would say it, plus the chosen maturity level's descriptor."""
    kind = question.answer_type
    if kind == Question.AnswerType.MATURITY and answer.maturity is not None:
        finding.level = answer.maturity
        finding.answer = _("Level %(level)s of 4") % {"level": answer.maturity}
        finding.level_descriptor = level_descriptor(question, answer.maturity)
    elif kind == Question.AnswerType.YES_NO and answer.yes_no is not None:
        finding.answer = _("Yes") if answer.yes_no else _("No")
    elif kind == Question.AnswerType.NUMBER and answer.number is not None:
        number = format_number(answer.number, question.number_kind)
        finding.answer = f"{number} {question.tr('unit')}".strip()
    elif kind == Question.AnswerType.TEXT:
        finding.answer = answer.text.strip()
    finding.score = scoring.value_score(
        question, answer.maturity, answer.yes_no, _float(answer.number), answer.target
    )


def level_descriptor(question, level):
    levels = question.tr("levels") or []
    return levels[level] if level is not None and 0 <= level < len(levels) else ""


def target_text(question, answer=None):
    target = answer.target if answer is not None and answer.target is not None else None
    target = question.target if target is None else target
    kind = question.answer_type
    if kind == Question.AnswerType.MATURITY:
        level = 3 if target is None else round(target)
        return _("Level %(level)s") % {"level": level}
    if kind == Question.AnswerType.YES_NO:
        return _("Yes")
    if kind == Question.AnswerType.NUMBER and target is not None:
        sign = "≤" if question.better == Question.Better.LOWER else "≥"
        return f"{sign} {format_number(target)} {question.tr('unit')}".strip()
    return ""


def target_score(question, answer=None):
    """A question's target on the 0-100 scale: a maturity level counts 25 points a level;
    yes, or a number at its target, counts 100. Free text has none."""
    kind = question.answer_type
    if kind == Question.AnswerType.MATURITY:
        target = answer.target if answer is not None and answer.target is not None else None
        target = question.target if target is None else target
        return 25.0 * (3 if target is None else float(target))
    if kind in (Question.AnswerType.YES_NO, Question.AnswerType.NUMBER):
        return 100.0
    return None


def _float(value):
    return None if value is None else float(value)


def _support_label(code):
    try:
        return str(Answer.Support(code).label)
    except ValueError:
        return code


def _evidence(item):
    name = item.original_name or (item.file.name.rsplit("/", 1)[-1] if item.file else "")
    return EvidenceItem(title=item.title.strip(), file_name=name, url=item.url)


# Scores by focus area, pillar and standard ------------------------------------------------


def _areas(assessment, questions, findings, results, earlier):
    by_area = {}
    for pk, question in questions.items():
        by_area.setdefault(question.focus_area_id, []).append(findings[pk])
    earlier_scores = earlier[1].by_focus_area if earlier else {}
    shared = earlier[0].shared if earlier else None
    areas = []
    for area in assessment.framework.focus_areas.order_by("order", "code"):
        if area.pk not in by_area:
            continue
        areas.append(
            AreaReport(
                code=area.code,
                title=area.tr("title"),
                description=area.tr("description"),
                score=results.by_focus_area.get(area.code),
                earlier=_value(earlier_scores.get(area.code)),
                findings=by_area[area.pk],
                target=_area_target(by_area[area.pk]),
                shared=shared.current.by_focus_area.get(area.code) if shared else None,
                on_shared=shared is not None,
            )
        )
    return areas


def _area_target(findings):
    """The score the area would have with every scored question at its target."""
    weighted = [(f.target_score, f.weight) for f in findings if f.target_score is not None]
    total = sum(weight for _score, weight in weighted)
    return sum(score * weight for score, weight in weighted) / total if total else None


def _pillars(assessment, results, earlier):
    """Pillars with their standards, only those this questionnaire scores."""
    before_p = earlier[1].by_pillar if earlier else {}
    before_s = earlier[1].by_standard if earlier else {}
    now = earlier[0].shared.current if earlier and earlier[0].shared else None
    pillars = {}
    standards = Standard.objects.filter(framework_id=assessment.framework_id).select_related(
        "pillar"
    )
    for standard in standards.order_by("pillar__order", "pillar__code", "order", "code"):
        if standard.code not in results.by_standard:
            continue
        pillar = standard.pillar
        if pillar.code not in pillars:
            pillars[pillar.code] = GroupScore(
                pillar.code,
                pillar.tr("title"),
                results.by_pillar.get(pillar.code),
                _value(before_p.get(pillar.code)),
                shared=now.by_pillar.get(pillar.code) if now else None,
                on_shared=now is not None,
            )
        pillars[pillar.code].children.append(
            GroupScore(
                standard.code,
                standard.tr("title"),
                results.by_standard[standard.code],
                _value(before_s.get(standard.code)),
                shared=now.by_standard.get(standard.code) if now else None,
                on_shared=now is not None,
            )
        )
    return list(pillars.values())


def _value(score):
    return None if score is None else score.value


# Gaps, strengths and trend ----------------------------------------------------------------


def _gaps(results, questions):
    rows = []
    for rank, gap in enumerate(results.gaps, start=1):
        question = questions[gap.question.id]
        rows.append(
            GapRow(
                rank=rank,
                code=question.code,
                text=question.tr("text"),
                focus_area=question.focus_area.tr("title"),
                focus_area_code=question.focus_area.code,
                current=gap.current,
                target=gap.target,
                priority=gap.priority,
                tfa_class=gap.tfa_class,
                class_label=class_label(gap.tfa_class),
                support=_support_label(gap.support_needed)
                if gap.support_needed
                else _("Not stated"),
                standards=gap.question.standards,
                recommendation=recommendation(question, gap),
            )
        )
    return rows


def recommendation(question, gap):
    """What closing the gap means, in the questionnaire's own words where it has them."""
    kind = question.answer_type
    if kind == Question.AnswerType.MATURITY:
        level = round(gap.target / 25)
        text = level_descriptor(question, level)
        return _("Reach level %(level)s: %(text)s") % {"level": level, "text": text}
    if kind == Question.AnswerType.YES_NO:
        return _("Put in place what the question asks for, with evidence that it works.")
    target = target_text(question)
    return _("Move the indicator to the target (%(target)s).") % {"target": target}


def _strengths(results, questions):
    return [
        StrengthRow(
            code=question_data.code,
            text=questions[question_data.id].tr("text"),
            focus_area=questions[question_data.id].focus_area.tr("title"),
            score=score,
        )
        for question_data, score in results.strengths[:TOP_STRENGTHS]
    ]


def _trend(trend, areas):
    return [
        TrendPoint(
            label=_assessment_label(a),
            overall=results.overall.value,
            by_focus_area={
                area.code: _value(results.by_focus_area.get(area.code)) for area in areas
            },
        )
        for a, results in trend
    ]


# Phase 2 action plan, Phase 3 indicators --------------------------------------------------


def _phase_sections(data, assessment, questions, answers, trend):
    if assessment.phase.number == Phase.PLANNING:
        data.action_plan = [_action(q, answers.get(pk)) for pk, q in questions.items()]
    elif assessment.phase.number == Phase.MONITORING:
        baseline = trend[0] if trend and trend[0][0].pk != assessment.pk else None
        before = {}
        if baseline is not None:
            data.baseline_label = _assessment_label(baseline[0])
            data.baseline_overall = baseline[1].overall.value
            before = dict(
                Answer.objects.filter(
                    assessment=baseline[0], question__answer_type=Question.AnswerType.NUMBER
                ).values_list("question_id", "number")
            )
            if baseline[0].shared is not None:  # another edition: its mapped questions only
                renamed = baseline[0].shared.question_map
                before = {renamed[pk]: v for pk, v in before.items() if pk in renamed}
        data.indicators = [
            _indicator(q, answers.get(pk), before.get(pk))
            for pk, q in questions.items()
            if q.answer_type == Question.AnswerType.NUMBER
        ]


def _action(question, answer):
    status, descriptor = _("Not answered yet"), ""
    if answer is not None and answer.not_applicable:
        status = _("Not applicable")
    elif answer is not None and answer.maturity is not None:
        status = _("Level %(level)s of 4") % {"level": answer.maturity}
        descriptor = level_descriptor(question, answer.maturity)
    elif answer is not None and answer.yes_no is not None:
        status = _("Yes") if answer.yes_no else _("No")
    return ActionItem(
        code=question.code,
        text=question.tr("text"),
        focus_area=question.focus_area.tr("title"),
        status=status,
        descriptor=descriptor,
        target=target_text(question, answer),
        support=_support_label(answer.support_needed) if answer and answer.support_needed else "",
        comment=answer.comment.strip() if answer else "",
        standards=question.standard_codes,
    )


def _indicator(question, answer, baseline):
    value = _float(answer.number) if answer is not None else None
    baseline = _float(baseline)
    own_target = answer.target if answer is not None else None
    target = question.target if own_target is None else own_target
    reached = None
    if value is not None and target is not None:
        lower = question.better == Question.Better.LOWER
        reached = value <= target if lower else value >= target
    return Indicator(
        code=question.code,
        text=question.tr("text"),
        unit=question.tr("unit"),
        better=question.better,
        kind=question.number_kind,
        value=value,
        target=target,
        baseline=baseline,
        change=None if value is None or baseline is None else value - baseline,
        reached=reached,
    )


# Texts shared by the results page and the report ------------------------------------------
