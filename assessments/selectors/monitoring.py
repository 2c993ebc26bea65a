"""Monitoring (Columbus Phase 3), read side: indicators with their series and progress, the
re-assessment due date, and what a monitoring review gathers. Queries are planned: a page
costs the same few queries for 5 indicators or 50 with 100 measurements each."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from .. import monitoring, permissions
from ..models import (
    Action,
    Assessment,
    Indicator,
    Measurement,
    MonitoringReview,
    MonitoringSettings,
    Phase,
    Plan,
    ProgressNote,
    Standard,
)
from .assessments import scoring_answers
from .questionnaires import scoring_questions


@dataclass
class IndicatorRow:
    """An indicator as pages and reports show it, as of a date."""

    indicator: Indicator
    measurements: list  # Measurement, oldest first, up to the date
    latest: Measurement | None
    progress: monitoring.Progress
    standards: list = field(default_factory=list)


def indicators_for(user, administration, as_of=None):
    """The administration's indicators this person may see, each with its measurements up to
    `as_of` (all when None), latest value and progress. Three queries."""
    measurements = Measurement.objects.order_by("measured_on")
    if as_of is not None:
        measurements = measurements.filter(measured_on__lte=as_of)
    indicators = permissions.visible_indicators(
        user, Indicator.objects.filter(administration=administration)
    ).prefetch_related(
        Prefetch("measurements", queryset=measurements),
        Prefetch("standards", queryset=Standard.objects.order_by("order")),
    )
    return [indicator_row(i) for i in indicators]


def indicator_series(indicator):
    """One indicator with all its measurements and standards (three queries)."""
    indicator = (
        Indicator.objects.filter(pk=indicator.pk)
        .select_related("administration")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on")),
            Prefetch("standards", queryset=Standard.objects.order_by("order")),
            Prefetch("actions", queryset=Action.objects.select_related("plan").order_by("number")),
        )
        .get()
    )
    return indicator_row(indicator)


def indicator_row(indicator):
    series = list(indicator.measurements.all())
    latest = series[-1] if series else None
    progress = monitoring.progress_to_date(
        indicator.baseline_value,
        indicator.target_value,
        latest.value if latest else None,
        indicator.better,
    )
    return IndicatorRow(indicator, series, latest, progress, list(indicator.standards.all()))


def rhythm_of(administration):
    """The administration's monitoring settings (defaults when it never chose)."""
    return MonitoringSettings.objects.filter(administration=administration).first() or (
        MonitoringSettings(administration=administration)
    )


def last_validated_needs_assessment(administration):
    return (
        Assessment.objects.filter(
            administration=administration,
            phase__number=Phase.NEEDS_ASSESSMENT,
            status=Assessment.Status.VALIDATED,
        )
        .order_by("-validated_at", "-pk")
        .first()
    )


@dataclass
class Cycle:
    months: int
    reminder_days: int
    last: Assessment | None
    due: date | None
    overdue: bool


def cycle_of(administration, today):
    """The re-assessment cycle: rhythm, last validated Phase 1 assessment, next due date."""
    settings = rhythm_of(administration)
    last = last_validated_needs_assessment(administration)
    last_day = last.validated_at.date() if last and last.validated_at else None
    due = monitoring.next_due_date(last_day, settings.reassessment_months)
    return Cycle(
        settings.reassessment_months,
        settings.reminder_days,
        last,
        due,
        due is not None and today > due,
    )


def baseline_choices(administration):
    """Validated Phase 1 assessments: what a review may compare against."""
    return Assessment.objects.filter(
        administration=administration,
        phase__number=Phase.NEEDS_ASSESSMENT,
        status=Assessment.Status.VALIDATED,
    ).order_by("-validated_at")


def follow_up_choices(administration):
    return Assessment.objects.filter(
        administration=administration, phase__number=Phase.NEEDS_ASSESSMENT
    ).order_by("-created_at")


def reviews_for(user, administration):
    return permissions.visible_reviews(
        user, MonitoringReview.objects.filter(administration=administration)
    ).select_related("baseline", "follow_up")


@dataclass
class StandardInfo:
    code: str
    title: str
    pillar: str


def comparison_of(review):
    """The follow-up against the baseline (None without a follow-up), with the questions and
    standards it names: (Comparison, {question id: Question}, {code: title}). Five queries."""
    if review.follow_up_id is None:
        return None, {}, {}
    questions, by_id = scoring_questions(review.follow_up)
    answers = scoring_answers([review.baseline_id, review.follow_up_id])
    comparison = monitoring.compare(
        questions, answers[review.baseline_id], answers[review.follow_up_id]
    )
    framework = review.follow_up.framework
    titles = {s.code: s.tr("title") for s in framework.standards.all()}
    titles |= {p.code: p.tr("title") for p in framework.pillars.all()}
    titles |= {f.code: f.tr("title") for f in framework.focus_areas.all()}
    return comparison, by_id, titles


def indicator_export_rows(user, administration):
    """Header and one row per measurement of the indicators this person may see."""
    rows = [
        ["indicator", "unit", "better", "baseline", "baseline_date", "target", "target_date",
         "standards", "disclosure", "measured_on", "value", "source", "note"]
    ]  # fmt: skip
    for row in indicators_for(user, administration):
        i = row.indicator
        head = [
            i.name, i.unit, i.better, _text(i.baseline_value), _text(i.baseline_date),
            _text(i.target_value), _text(i.target_date),
            " ".join(s.code for s in row.standards), i.disclosure,
        ]  # fmt: skip
        if not row.measurements:
            rows.append([*head, "", "", "", ""])
        for m in row.measurements:
            rows.append([*head, m.measured_on.isoformat(), str(m.value), m.source, m.note])
    return rows


def _text(value):
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def plan_state_of(administration, on):
    """The administration's plan as it stood on a date, or None without a plan. Three
    queries."""
    plan = Plan.objects.filter(administration=administration).first()
    if plan is None:
        return None
    notes = ProgressNote.objects.exclude(status="").only("action_id", "written_on", "status")
    actions = (
        Action.objects.filter(plan=plan, accepted=True, merged_into__isnull=True)
        .prefetch_related(Prefetch("notes", queryset=notes))
        .order_by("order", "number")
    )
    return monitoring.plan_state(
        (
            monitoring.PlanActionData(
                a.reference, a.title, a.status, a.due_date, a.estimated_cost, a.currency,
                tuple((n.written_on, n.status) for n in a.notes.all()),
            )
            for a in actions
        ),
        on,
    )  # fmt: skip


@dataclass
class ProgrammeIndicators:
    on_track: int
    total: int  # indicators the person may see
    measured: int
    cycle: Cycle


def programme_indicators(user, administration, today):
    """The programme page's monitoring card: indicators on track (docs/monitoring.md) among
    those the person may see, and the re-assessment due date.

    The card needs each indicator's latest value, not its series: plain values in two
    queries (plus the cycle's two), however many measurements there are."""
    indicators = permissions.visible_indicators(
        user, Indicator.objects.filter(administration=administration)
    )
    latest = dict(
        Measurement.objects.filter(indicator__in=indicators.values("pk"))
        .order_by("measured_on", "id")
        .values_list("indicator_id", "value")
    )  # in date order: each indicator keeps its last value
    on_track = measured = total = 0
    fields = ("pk", "baseline_value", "target_value", "better", "baseline_date", "target_date")
    for pk, baseline, target, better, start, end in indicators.values_list(*fields):
        total += 1
        measured += pk in latest
        progress = monitoring.progress_to_date(baseline, target, latest.get(pk), better)
        on_track += monitoring.on_track(progress, start, end, today)
    return ProgrammeIndicators(on_track, total, measured, cycle_of(administration, today))
