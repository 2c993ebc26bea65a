"""Everything a report shows, read once with a fixed number of queries.

The renderer only lays out what this module returns, so the numbers come from the same
selectors and scoring module as the pages, and the PDF code never touches the ORM (no query
hides in a loop over questions). Texts are taken in the active language with `.tr()`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import counting, scoring, selectors
from ..models import Answer, Assessment, Evidence, Phase, Question, Standard
from ..phase_results import phase_index_label, phase_report_title, phase_result_label, phase_slug
from . import context

BAND_NAMES = {code: name for _lower, code, name in scoring.BANDS}
TOP_GAPS, TOP_STRENGTHS = 10, 5


@dataclass
class EvidenceItem:
    title: str
    file_name: str
    url: str


@dataclass
class Finding:
    """One question of the questionnaire with what the administration answered."""

    code: str
    text: str
    answer_type: str
    mandatory: bool
    standards: tuple
    answered: bool = False
    answer: str = ""  # human reading: "Level 3 of 4", "Yes", "85 %", the free text
    level: int | None = None
    level_descriptor: str = ""
    target: str = ""
    not_applicable: bool = False
    na_justification: str = ""
    comment: str = ""
    support: str = ""
    score: float | None = None
    evidence: list = field(default_factory=list)
    weight: float = 1
    target_score: float | None = None  # the target on the 0-100 scale; None for free text


@dataclass
class AreaReport:
    """A focus area: its score, the earlier score, and its findings."""

    code: str
    title: str
    description: str
    score: scoring.Score | None
    earlier: float | None
    findings: list = field(default_factory=list)
    target: float | None = None  # weighted mean of its questions' targets, 0-100
    shared: scoring.Score | None = None  # on the questions both editions share, if compared so
    on_shared: bool = False

    @property
    def compared(self):
        """The score the change is measured from: the shared questions' across editions."""
        return self.shared if self.on_shared else self.score


@dataclass
class GroupScore:
    """A pillar or a standard with its score; a pillar lists its standards as children."""

    code: str
    title: str
    score: scoring.Score | None
    earlier: float | None
    children: list = field(default_factory=list)
    shared: scoring.Score | None = None  # on the questions both editions share, if compared so
    on_shared: bool = False

    @property
    def compared(self):
        """The score the change is measured from: the shared questions' across editions."""
        return self.shared if self.on_shared else self.score


@dataclass
class GapRow:
    rank: int
    code: str
    text: str
    focus_area: str
    focus_area_code: str
    current: float
    target: float
    priority: float
    tfa_class: str  # A, B, C or scoring.NOT_CLASSIFIED
    support: str
    standards: tuple
    recommendation: str
    class_label: str = ""  # "A", "B", "C" or "Not classified", in the active language


@dataclass
class StrengthRow:
    code: str
    text: str
    focus_area: str
    score: float


@dataclass
class NotApplicableRow:
    """A question left out as not applicable, with the administration's reason."""

    question_id: int
    code: str
    text: str
    focus_area: str
    justification: str
    accepted: bool  # False: the content does not allow N/A here, it counts as unanswered
    rejection: str = ""  # a reviewer rejected the N/A, with this reason: now to be answered


@dataclass
class TrendPoint:
    label: str
    overall: float | None
    by_focus_area: dict  # focus-area code -> score or None


@dataclass
class ActionItem:
    """A Phase 2 planning answer, read as a line of the action plan."""

    code: str
    text: str
    focus_area: str
    status: str
    descriptor: str
    target: str
    support: str
    comment: str
    standards: tuple


@dataclass
class Indicator:
    """A Phase 3 number question against its target and the baseline assessment."""

    code: str
    text: str
    unit: str
    better: str
    kind: str  # count | percentage | hours | amount
    value: float | None
    target: float | None
    baseline: float | None
    change: float | None
    reached: bool | None


@dataclass
class ReportData:
    assessment_id: int
    title: str
    administration: str
    country_name: str
    country_iso3: str
    region: str
    framework: str
    edition: int
    phase_number: int
    phase_title: str
    period_start: date
    period_end: date
    status: str
    status_label: str
    validated: bool
    review_comment: str
    generated: date
    results: scoring.Results
    band_name: str
    answered: int
    total: int
    focus_areas: list
    pillars: list
    gaps: list
    strengths: list
    gap_counts: dict
    trend: list
    earlier_label: str = ""
    # Across editions: "compared on the N questions both editions share (a → b)", else ""
    comparison_basis: str = ""
    compared_overall: float | None = None  # this index on the shared questions, or the index
    trend_basis: str = ""  # the trend shows points of another edition: on which questions
    baseline_label: str = ""
    baseline_overall: float | None = None
    action_plan: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    evidence: list = field(default_factory=list)  # (question code, EvidenceItem)
    # What this phase's result measures, for titles, headers and file names (phase_results.py)
    result_label: str = ""
    index_label: str = ""
    report_title: str = ""
    phase_slug: str = ""
    level_achieved: int | None = None
    to_target: float | None = None  # percent-to-target of the overall index
    provisional: bool = False
    missing_mandatory: int = 0
    confidence: tuple | None = None  # % (self-declared, backed by evidence, validated)
    not_applicable: list = field(default_factory=list)  # NotApplicableRow, accepted or not
    unclassified_gaps: int = 0  # gaps whose support is not stated yet
    # Phase 3: the Phase 1 needs assessment it measures progress from (label, readiness index)
    readiness_baseline_label: str = ""
    readiness_baseline_index: scoring.Score | None = None
    review: object = None  # context.Review: stage, dates and people (report only)
    profile: list = field(default_factory=list)  # (label, value) of the administration
    costs: dict = field(default_factory=dict)  # question code -> [(amount, currency)]
    standard_notes: list = field(default_factory=list)  # context.StandardNote
    carried_over_unconfirmed: int = 0  # answers copied from an earlier assessment, unchecked
    # answered / N/A / applicable as every page counts them (counting.py, docs/scoring.md)
    counts: counting.Counts = field(default_factory=counting.Counts)

    @property
    def findings(self):
        return [finding for area in self.focus_areas for finding in area.findings]


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


def band_name(code):
    """The band's name in the active language (scoring.BANDS holds the English ones)."""
    names = {
        "not_in_place": _("Not in place"),
        "initial": _("Initial"),
        "developing": _("Developing"),
        "established": _("Established"),
        "advanced": _("Advanced"),
    }
    return names.get(code, BAND_NAMES.get(code, "")) if code else _("Not scored")


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


def class_label(tfa_class):
    return _("Not classified") if tfa_class == scoring.NOT_CLASSIFIED else tfa_class


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


def format_number(value, kind=""):
    """85, 85.5 or 1,250: no trailing zeros from the decimal column; a count is whole."""
    if kind == Question.NumberKind.COUNT:
        return f"{round(float(value)):,}"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


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


def score_text(score):
    """A score as a whole number out of 100, or "n/a"; provisional scores are flagged."""
    if score is None or score.value is None:
        return _("n/a")
    text = f"{score.value:.0f}"
    return text + "*" if score.provisional else text


def change_text(now, before):
    if now is None or now.value is None or before is None:
        return "–"
    delta = now.value - before
    return f"{delta:+.0f}".replace("-", "−")


def answered_text(score):
    if score is None:
        return "–"
    return f"{score.answered} / {score.applicable}"


def confidence_text(score):
    """What a score rests on: "40 % evidence · 10 % validated · 50 % self-declared"."""
    shares = score.confidence.shares() if score is not None else None
    if shares is None:
        return "–"
    own, evidence, validated = (round(share) for share in shares)
    return _("%(evidence)s %% evidence · %(validated)s %% validated · %(own)s %% self-declared") % {
        "evidence": evidence,
        "validated": validated,
        "own": own,
    }


def level_text(score):
    if score is None or score.level_achieved is None:
        return "–"
    return _("Level %(level)s") % {"level": score.level_achieved}


def to_target_text(score):
    if score is None or score.to_target is None:
        return "–"
    return f"{score.to_target:.0f} %"
