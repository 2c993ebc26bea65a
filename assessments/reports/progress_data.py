"""The progress report's data: one object for the review page, the PDF and the Word document.

Built for one person: indicators they may not see (by disclosure) are never in it, so no
renderer has to remember to filter.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import monitoring, permissions, selectors
from . import monitoring_charts

VERDICT_LABELS = {
    monitoring.IMPROVED: lambda: _("Improved"),
    monitoring.UNCHANGED: lambda: _("Unchanged"),
    monitoring.REGRESSED: lambda: _("Regressed"),
    monitoring.NOT_COMPARABLE: lambda: _("Not comparable"),
}
PROGRESS_LABELS = {
    monitoring.REACHED: lambda: _("Target reached"),
    monitoring.ON_THE_WAY: lambda: _("On the way"),
    monitoring.NO_PROGRESS: lambda: _("No progress yet"),
    monitoring.MOVED_AWAY: lambda: _("Moved away from the target"),
    monitoring.NO_DATA: lambda: _("No measurement yet"),
}


def verdict_label(code):
    return VERDICT_LABELS[code]()


def progress_label(code):
    return PROGRESS_LABELS[code]()


@dataclass
class QuestionMove:
    code: str
    text: str
    before: float | None
    after: float | None


@dataclass
class Row:
    """One focus area, pillar or standard: baseline vs now."""

    code: str
    title: str
    change: monitoring.GroupChange
    verdict: str
    questions: list = field(default_factory=list)  # QuestionMove
    children: list = field(default_factory=list)  # standards of a pillar


@dataclass
class IndicatorItem:
    row: selectors.monitoring.IndicatorRow
    figure: object  # figures.Figure or None
    progress_text: str
    latest_text: str
    baseline_text: str
    target_text: str


@dataclass
class ProgressData:
    review: object
    administration: object
    title: str
    review_date: object
    status: str
    baseline_label: str
    follow_up_label: str
    comparison: monitoring.Comparison | None
    overall: Row | None
    focus_areas: list
    pillars: list  # Row with children = standards
    changed: list  # standards that improved or regressed, with their questions
    counts: dict
    indicators: list  # IndicatorItem
    plan: monitoring.PlanState | None  # the plan at the review date; None without a plan
    plan_details: bool  # may name late and dropped actions (not donors)
    evaluation: str
    next_steps: str
    conclusions: str
    generated: object

    @property
    def is_draft(self):
        return self.status != "validated"


def build_progress_data(review, user):
    comparison, questions, titles = selectors.comparison_of(review)
    focus_areas, pillars, changed, overall = [], [], [], None
    if comparison is not None:
        overall = _row(comparison.overall, _("Overall"), questions)
        focus_areas = [
            _row(c, titles.get(code, code), questions)
            for code, c in comparison.by_focus_area.items()
        ]
        standards = {
            code: _row(c, titles.get(code, code), questions)
            for code, c in comparison.by_standard.items()
        }
        pillar_of = _pillar_of_standards(review)
        for code, c in comparison.by_pillar.items():
            pillar = _row(c, titles.get(code, code), questions)
            pillar.children = [
                s for s_code, s in standards.items() if pillar_of.get(s_code) == code
            ]
            pillars.append(pillar)
        changed = [
            s
            for s in standards.values()
            if s.change.verdict in (monitoring.IMPROVED, monitoring.REGRESSED)
        ]
        changed.sort(key=lambda s: -abs(s.change.change or 0))
    indicators = [
        _indicator(row)
        for row in selectors.indicators_for(user, review.administration, review.review_date)
    ]
    return ProgressData(
        review=review,
        administration=review.administration,
        title=review.title,
        review_date=review.review_date,
        status=review.status,
        baseline_label=_label(review.baseline),
        follow_up_label=_label(review.follow_up) if review.follow_up_id else "",
        comparison=comparison,
        overall=overall,
        focus_areas=focus_areas,
        pillars=pillars,
        changed=changed,
        counts=comparison.counts() if comparison else {},
        indicators=indicators,
        plan=selectors.plan_state_of(review.administration, review.review_date),
        plan_details=permissions.may_edit_monitoring(user, review.administration)
        or permissions.is_reviewer(user),
        evaluation=review.evaluation,
        next_steps=review.next_steps,
        conclusions=review.conclusions,
        generated=timezone.localdate(),
    )


def _label(assessment):
    return f"{assessment.title} ({assessment.period_start:%Y})"


def _pillar_of_standards(review):
    framework = review.follow_up.framework
    return dict(framework.standards.values_list("code", "pillar__code"))


def _row(change, title, questions):
    moves = []
    for move in change.questions:
        question = questions.get(move.question_id)
        moves.append(
            QuestionMove(
                move.code, question.tr("text") if question else "", move.before, move.after
            )
        )
    return Row(change.code, title, change, verdict_label(change.verdict), moves)


def _indicator(row):
    unit = row.indicator.unit
    fmt = monitoring_charts.format_value
    latest = row.latest
    return IndicatorItem(
        row=row,
        figure=monitoring_charts.indicator_chart(row),
        progress_text=progress_label(row.progress.status),
        latest_text=(
            f"{fmt(latest.value, unit)} ({latest.measured_on:%Y-%m-%d})" if latest else "–"
        ),
        baseline_text=_dated(row.indicator.baseline_value, row.indicator.baseline_date, unit),
        target_text=_dated(row.indicator.target_value, row.indicator.target_date, unit),
    )


def _dated(value, day, unit):
    if value is None:
        return "–"
    text = monitoring_charts.format_value(value, unit)
    return f"{text} ({day:%Y-%m-%d})" if day else text


def score_text(value):
    return "–" if value is None else f"{value:.0f}%"


def change_text(value):
    return "–" if value is None else f"{value:+.0f}"


def money(amounts):
    """{currency: amount} as "USD 150,000 · EUR 20,000"; "–" when nothing is costed."""
    if not amounts:
        return "–"
    return " · ".join(f"{currency} {amount:,.0f}" for currency, amount in sorted(amounts.items()))


def plan_rows(plan):
    """(label, number) rows of the plan's execution, for every renderer."""
    c = plan.counts
    return [
        (pgettext("monitoring", "Actions"), plan.total),
        (pgettext("monitoring", "Done"), c.get("done", 0)),
        (pgettext("monitoring", "In progress"), c.get("in_progress", 0)),
        (pgettext("monitoring", "Planned"), c.get("planned", 0)),
        (pgettext("monitoring", "Blocked"), c.get("blocked", 0)),
        (pgettext("monitoring", "Dropped"), c.get("dropped", 0)),
        (pgettext("monitoring", "Late"), c.get("late", 0)),
        (_("Budget (estimated costs)"), money(plan.budget)),
        (_("Cost of the actions done"), money(plan.spent)),
    ]
