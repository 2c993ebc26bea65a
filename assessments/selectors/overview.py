"""The WCO-wide picture: every administration's latest numbers, regional benchmarks and the
standards a region most often misses. A fixed number of queries whatever the number of
administrations: everything is read in bulk, then scored in Python by `scoring`.

Numbers rest on validated Phase 1 (needs assessment) questionnaires only: a draft can move any
day, and the phases' questionnaires are not comparable with one another.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from .. import monitoring, scoring
from ..models import Administration, Answer, Assessment, FocusArea, Region
from ..models.content import Phase
from ..models.monitoring import MonitoringSettings
from .questionnaires import questionnaire_records

K_ANONYMITY = 5  # fewer validated administrations than this: no regional aggregate at all
Status = Assessment.Status


@dataclass
class OverviewRow:
    """One administration on the overview; None wherever there is nothing to show yet."""

    administration: Administration
    region: Region
    phase: int | None = None  # highest Columbus phase it has started
    latest: Assessment | None = None  # latest validated needs assessment
    results: object = None  # its scoring.Results
    index: float | None = None
    band: str | None = None
    confidence: tuple | None = None  # % (self-declared, evidence, validated): `confidence_of`
    change: float | None = None  # points since the previous validated needs assessment
    waiting: int = 0  # assessments submitted, waiting for review
    status: str | None = None  # status of its most recent assessment
    actions_done: int | None = None  # plan execution, None when it has no plan
    actions_late: int | None = None
    actions_total: int | None = None
    next_due: object = None  # next needs assessment due, from the monitoring rhythm
    overdue: bool = False
    focus_areas: dict = field(default_factory=dict)  # code -> score value


def confidence_of(results):
    """(self-declared, evidence, validated) shares of the index's answers, in %, or None
    (`scoring.Confidence`; every answer of a validated assessment counts as validated)."""
    return results.overall.confidence.shares() if results else None


def _question_records(pairs):
    """{(framework id, phase id): [QuestionData]} for several questionnaires (two queries):
    the same records as every other page scores with (`questionnaire_records`)."""
    return questionnaire_records(pairs)


ANSWER_COLUMNS = ("assessment_id", "question_id", "maturity", "yes_no", "number",
                  "not_applicable", "na_justification", "support_needed", "target")  # fmt: skip


def _answers(assessment_ids):
    """{assessment id: [AnswerData]} of validated assessments in one query, as plain rows.

    The rows skip Django's per-value converters (a third of the page's time at 186
    administrations): booleans may come back as 0/1 and numbers as Decimal, float or int,
    which scoring reads the same."""
    result = defaultdict(list)
    if not assessment_ids:
        return result
    queryset = Answer.objects.filter(assessment_id__in=assessment_ids).values_list(*ANSWER_COLUMNS)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pk, question, maturity, yes_no, number, na, why, support, target in cursor.fetchall():
            result[pk].append(
                scoring.AnswerData(
                    question_id=question,
                    # a value left on an answer ticked N/A does not count (`counting`)
                    maturity=None if na else maturity,
                    yes_no=None if na or yes_no is None else bool(yes_no),
                    number=None if na or number is None else float(number),
                    # an N/A counts only with its justification, as `Answer.is_answered`
                    not_applicable=bool(na) and bool(why.strip()),
                    support_needed=support,
                    target=target,
                    validated=True,  # only validated assessments are read here
                )
            )
    return result


def _validated_needs(assessments):
    """{administration id: [validated Phase 1 assessments, newest first]}."""
    result = defaultdict(list)
    for a in assessments:
        if a.status == Status.VALIDATED and a.phase.number == Phase.NEEDS_ASSESSMENT:
            result[a.administration_id].append(a)
    for series in result.values():
        series.sort(key=lambda a: (a.validated_at or a.created_at, a.pk), reverse=True)
    return result


def _scored(assessments, depth=2):
    """Score the newest `depth` validated needs assessments of every administration.

    Returns ({administration id: [(Assessment, Results)], newest first}, questions by pair)."""
    series = {k: v[:depth] for k, v in _validated_needs(assessments).items()}
    wanted = [a for group in series.values() for a in group]
    questions = _question_records({(a.framework_id, a.phase_id) for a in wanted})
    answers = _answers([a.pk for a in wanted])
    scored = {
        admin: [
            (a, scoring.score_assessment(questions[(a.framework_id, a.phase_id)], answers[a.pk]))
            for a in group
        ]
        for admin, group in series.items()
    }
    return scored, questions


def _all_assessments(administration_ids=None):
    queryset = Assessment.objects.select_related("phase").only(
        "id", "administration_id", "framework_id", "phase_id", "phase__number", "status",
        "created_at", "validated_at", "title",
    )  # fmt: skip
    if administration_ids is not None:
        queryset = queryset.filter(administration_id__in=administration_ids)
    return list(queryset)


def _plan_execution(today):
    """{administration id: (done, late, total)} for every plan (one query), or {} when the
    plan models are not installed."""
    try:
        from ..models.planning import Action
    except ImportError:  # pragma: no cover - plans arrive with Columbus Phase 2
        return {}
    closed = [Action.Status.DONE, Action.Status.DROPPED]
    rows = (
        Action.objects.exclude(status=Action.Status.DROPPED)
        .values("plan__administration_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=Action.Status.DONE)),
            late=Count("id", filter=Q(due_date__lt=today) & ~Q(status__in=closed)),
        )
    )
    return {r["plan__administration_id"]: (r["done"], r["late"], r["total"]) for r in rows}


def _rhythms():
    """{administration id: months between needs assessments}, None -> the default (one query)."""
    result = dict(
        MonitoringSettings.objects.values_list("administration_id", "reassessment_months")
    )
    result[None] = MonitoringSettings._meta.get_field("reassessment_months").default
    return result


def overview(today=None):
    """Every administration with its numbers (about ten queries whatever their number)."""
    today = today or timezone.localdate()
    administrations = list(Administration.objects.select_related("region"))
    assessments = _all_assessments()
    scored, _questions = _scored(assessments)
    plans = _plan_execution(today)
    rhythms = _rhythms()
    by_admin = defaultdict(list)
    for a in assessments:
        by_admin[a.administration_id].append(a)
    rows = []
    for administration in administrations:
        row = OverviewRow(administration, administration.region)
        own = by_admin.get(administration.pk, [])
        if own:
            row.phase = max(a.phase.number for a in own)
            row.status = max(own, key=lambda a: (a.created_at, a.pk)).status
            row.waiting = sum(1 for a in own if a.status == Status.SUBMITTED)
        series = scored.get(administration.pk, [])
        if series:
            row.latest, row.results = series[0]
            overall = row.results.overall
            row.index, row.band = overall.value, overall.band
            row.confidence = confidence_of(row.results)
            row.focus_areas = {code: s.value for code, s in row.results.by_focus_area.items()}
            if len(series) > 1:
                row.change = scoring.change(overall, series[1][1].overall)
            if row.latest.validated_at:
                months = rhythms.get(administration.pk, rhythms[None])
                row.next_due = monitoring.next_due_date(row.latest.validated_at.date(), months)
                row.overdue = row.next_due is not None and today > row.next_due
        if administration.pk in plans:
            row.actions_done, row.actions_late, row.actions_total = plans[administration.pk]
        rows.append(row)
    return rows


SORTS = {
    "name": lambda r: r.administration.name.casefold(),
    "region": lambda r: (r.region.name, r.administration.name.casefold()),
    "phase": lambda r: r.phase or 0,
    "index": lambda r: (r.index is not None, r.index or 0),
    "change": lambda r: (r.change is not None, r.change or 0),
    "waiting": lambda r: r.waiting,
    "late": lambda r: (r.actions_late is not None, r.actions_late or 0),
    "due": lambda r: (r.next_due is None, r.next_due or date.min),
}


def filter_and_sort(rows, region="", phase="", band="", status="", sort="name"):
    """The table as asked: filters compose; `sort` is a key of SORTS, "-" first for descending."""
    if region:
        rows = [r for r in rows if r.region.code == region]
    if phase:
        rows = [r for r in rows if str(r.phase or "") == str(phase)]
    if band:
        rows = [r for r in rows if (r.band or "none") == band]
    if status == "waiting":
        rows = [r for r in rows if r.waiting]
    elif status == "none":
        rows = [r for r in rows if r.status is None]
    elif status:
        rows = [r for r in rows if r.status == status]
    descending = sort.startswith("-")
    key = SORTS.get(sort.lstrip("-"), SORTS["name"])
    return sorted(rows, key=key, reverse=descending)


def round_half_up(value):
    """Whole points, halves up (Python's round() sends 72.5 to 72): what people expect."""
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def regional_averages(rows):
    """[(region, average index, n administrations it rests on)], regions with data only."""
    by_region = defaultdict(list)
    for row in rows:
        if row.index is not None:
            by_region[row.region].append(row.index)
    return [(region, mean(values), len(values)) for region, values in sorted(
        by_region.items(), key=lambda item: item[0].name)]  # fmt: skip


def focus_area_distribution(rows):
    """[(focus area code, {band: n administrations})] in the framework's order."""
    counts = defaultdict(lambda: defaultdict(int))
    order = []
    for row in rows:
        for code, value in row.focus_areas.items():
            if code not in counts:
                order.append(code)
            counts[code][scoring.band(value) or "none"] += 1
    return [(code, dict(counts[code])) for code in order]


def focus_area_titles(codes):
    titles = {}
    for area in FocusArea.objects.filter(code__in=codes).order_by("-framework__edition"):
        titles.setdefault(area.code, area.tr("title"))
    return titles


@dataclass
class UnmetStandard:
    code: str
    title: str
    below: int  # administrations below target on at least one of its questions
    assessed: int  # administrations whose validated assessment covers it
    mean_gap: float  # average gap size in points among those below

    @property
    def share(self):
        return self.below / self.assessed if self.assessed else 0


def unmet_standards(region):
    """The region's standards most often below target, most often first (constant queries)."""
    ids = list(region.administrations.values_list("pk", flat=True))
    scored, questions = _scored(_all_assessments(ids), depth=1)
    below, assessed, gaps = defaultdict(set), defaultdict(set), defaultdict(list)
    for admin, series in scored.items():
        assessment, results = series[0]
        for question in questions[(assessment.framework_id, assessment.phase_id)]:
            for code in question.standards:
                assessed[code].add(admin)
        for gap in results.gaps:
            for code in gap.question.standards:
                below[code].add(admin)
                gaps[code].append(gap.size)
    titles = _standard_titles(below)
    ranked = [
        UnmetStandard(code, titles.get(code, code), len(admins), len(assessed[code]),
                      mean(gaps[code]))
        for code, admins in below.items()
    ]  # fmt: skip
    ranked.sort(key=lambda s: (-s.below, -s.mean_gap, s.code))
    return ranked, len(scored)


def _standard_titles(codes):
    from ..models import Standard

    titles = {}
    for standard in Standard.objects.filter(code__in=list(codes)).order_by("-framework__edition"):
        titles.setdefault(standard.code, standard.tr("title"))
    return titles


@dataclass
class Position:
    """An administration against its region, only as anonymous aggregates."""

    region: Region
    peers: int  # administrations of the region with a validated needs assessment
    shown: bool  # False below K_ANONYMITY: nothing about the region is shown
    own_index: float | None = None
    region_average: int | None = None  # whole points, halves up
    focus_areas: list = field(default_factory=list)  # (code, own, region average, n)


def own_position(administration):
    """The administration's latest index against its region's average, when at least
    K_ANONYMITY administrations of the region have a validated needs assessment; the
    averages are rounded to whole points so one administration's score cannot be solved for
    from two successive views."""
    region = administration.region
    ids = list(region.administrations.values_list("pk", flat=True))
    scored, _questions = _scored(_all_assessments(ids), depth=1)
    position = Position(region, len(scored), len(scored) >= K_ANONYMITY)
    own = scored.get(administration.pk)
    own_results = own[0][1] if own else None
    position.own_index = own_results.overall.value if own_results else None
    if not position.shown:
        return position
    indexes = [s[0][1].overall.value for s in scored.values() if s[0][1].overall.value is not None]
    position.region_average = round_half_up(mean(indexes)) if indexes else None
    by_area = defaultdict(list)
    for series in scored.values():
        for code, score in series[0][1].by_focus_area.items():
            if score.value is not None:
                by_area[code].append(score.value)
    for code, values in by_area.items():
        if len(values) < K_ANONYMITY:
            continue
        mine = own_results.by_focus_area.get(code) if own_results else None
        position.focus_areas.append(
            (code, mine.value if mine else None, round_half_up(mean(values)), len(values))
        )
    return position
