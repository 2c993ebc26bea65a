"""Report data of the implementation plan and of a project proposal: read once, in a fixed
number of queries, then rendered as PDF, Word, CSV and XLSX without touching the database.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import planning
from ..models import Action, Plan
from ..selectors import donors as donor_selectors
from ..selectors import planning as plan_selectors
from . import plan_charts


@dataclass
class ActionRow:
    id: int
    reference: str
    title: str
    focus_area: str
    description: str
    expected_result: str
    responsible: str
    start: date | None
    due: date | None
    cost: Decimal | None
    currency: str
    funding: str
    funding_label: str
    support_class: str
    status: str
    status_label: str
    status_reason: str
    state: str
    state_label: str
    priority: float
    gaps: list  # question codes
    standards: list  # standard codes
    milestones: list  # (name, date, done)
    shared: bool = False
    engagements: list = field(default_factory=list)  # EngagementRow, donors by name

    @property
    def flagged(self):
        return self.state in (planning.LATE, planning.AT_RISK)

    @property
    def double_funding(self):
        """Two donors or more engaged on this action: they must check nothing is paid twice."""
        return len({e.donor for e in self.engagements}) > 1


@dataclass
class EngagementRow:
    """A donor's support engagement (not withdrawn) on the need an action answers."""

    donor: str
    amount: Decimal | None
    currency: str
    status: str
    status_label: str


@dataclass
class TraceRow:
    standard: str  # "P1-06 Advance electronic information"
    gap: str  # "T-AEI-01 Is there a legal basis …"
    score: str  # "25 → 100"
    actions: list  # references


@dataclass
class PlanReportData:
    plan_id: int
    title: str
    administration: str
    country_name: str
    country_iso3: str
    framework: str
    baseline: str
    status_label: str
    version_label: str
    adopted: bool
    generated: date
    today: date
    areas: list  # [(focus area title, [ActionRow])]
    dropped: list  # [ActionRow]
    progress: planning.Progress
    costs: list  # [(funding label, currency, total)]
    totals: list  # [(currency, total)]
    timeline_groups: list  # [(area title, [plan_charts.Bar])]
    unscheduled: list  # references
    traceability: list  # [TraceRow]
    uncovered: list = field(default_factory=list)  # gap labels no action closes

    @property
    def actions(self):
        return [a for _area, rows in self.areas for a in rows]


def state_labels():
    return {
        planning.ON_TRACK: _("On track"),
        planning.AT_RISK: _("At risk"),
        planning.LATE: _("Late"),
        planning.DONE: _("Done"),
        planning.DROPPED: _("Dropped"),
    }


def action_row(a):
    labels = state_labels()
    return ActionRow(
        id=a.pk,
        reference=a.reference,
        title=a.title,
        focus_area=a.focus_area.tr("title") if a.focus_area else "",
        description=a.description,
        expected_result=a.expected_result,
        responsible=" · ".join(x for x in (a.responsible_unit, a.responsible_person) if x),
        start=a.start_date,
        due=a.due_date,
        cost=a.estimated_cost,
        currency=a.currency,
        funding=a.funding_source,
        funding_label=str(a.get_funding_source_display()),
        support_class=a.support_class,
        status=a.status,
        status_label=str(a.get_status_display()),
        status_reason=a.status_reason,
        state=a.health.state,
        state_label=labels.get(a.health.state, ""),
        priority=a.priority,
        gaps=sorted(q.code for q in a.questions.all()),
        standards=sorted(s.code for s in a.standards.all()),
        milestones=[(m.name, m.due_date, m.done) for m in a.milestones.all()],
    )


def build_plan_report_data(plan, user=None, today=None):
    """The plan by focus area and priority, costs by source, timeline, traceability."""
    view = plan_selectors.plan_view(plan, user, today)
    areas = [
        (g.focus_area.tr("title") if g.focus_area else _("Other actions"),
         [action_row(a) for a in g.actions])
        for g in view.areas
    ]  # fmt: skip
    live = [a for _t, rows in areas for a in rows]
    dropped = [action_row(a) for a in view.dropped]
    _attach_engagements([*live, *dropped])
    groups, unscheduled = plan_charts.bars_of(view.areas)
    latest = view.versions[0] if view.versions else None
    return PlanReportData(
        plan_id=plan.pk,
        title=plan.title,
        administration=plan.administration.name,
        country_name=plan.administration.country_name,
        country_iso3=plan.administration.country_alpha3,
        framework=plan.framework.tr("title"),
        baseline=_baseline_label(plan),
        status_label=str(Plan.Status(plan.status).label),
        version_label=(
            _("Version %(n)s, adopted %(day)s")
            % {"n": latest.number, "day": latest.adopted_at.date().isoformat()}
            if latest
            else _("Not adopted yet")
        ),
        adopted=latest is not None,
        generated=timezone.localdate(),
        today=view.today,
        areas=areas,
        dropped=dropped,
        progress=view.progress,
        costs=_costs(live),
        totals=_totals(live),
        timeline_groups=groups,
        unscheduled=[a.reference for a in unscheduled],
        traceability=_traceability(view),
        uncovered=[f"{g.question.code} {g.question.tr('text')}" for g in view.uncovered],
    )


def _attach_engagements(rows):
    """Each action's donor engagements, in one query for the whole plan. An engagement on a
    need that several actions answer is listed under each of them."""
    by_action = donor_selectors.engagements_by_action([r.id for r in rows])
    for row in rows:
        row.engagements = [
            EngagementRow(
                donor=e.donor.name,
                amount=e.amount,
                currency=e.currency,
                status=e.status,
                status_label=str(e.get_status_display()),
            )
            for e in by_action.get(row.id, [])
        ]


def engagement_text(e):
    """ "Trade Facilitation Fund — EUR 120 000 (agreed)"."""
    amount = "" if e.amount is None else f" — {e.currency} {e.amount:,.0f}".replace(",", "\u202f")
    return f"{e.donor}{amount} ({e.status_label.lower()})"


def double_funding_text(row):
    return (
        _("Two donors or more: check for double funding")
        + " ("
        + ", ".join(sorted({e.donor for e in row.engagements}))
        + ")"
    )


def _baseline_label(plan):
    if plan.baseline is None:
        return _("No baseline")
    return f"{plan.baseline.title} ({plan.baseline.period_end:%Y})"


def _costs(rows):
    labels = dict(Action.Funding.choices)
    totals = planning.costs_by_source((r.funding, r.currency, r.cost) for r in rows)
    order = list(labels)
    return [
        (str(labels.get(source, source)), currency, total)
        for (source, currency), total in sorted(
            totals.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    ]


def _totals(rows):
    totals = {}
    for r in rows:
        if r.cost is not None:
            totals[r.currency] = totals.get(r.currency, Decimal(0)) + r.cost
    return sorted(totals.items())


def _traceability(view):
    """Standard → gap → action, from the baseline's gaps, in standard order."""
    rows = []
    for trace in view.gaps:
        question = trace.question
        standards = sorted(question.standards.all(), key=lambda s: s.order)
        gap = trace.gap
        for standard in standards[:1] or [None]:
            rows.append(
                TraceRow(
                    standard=f"{standard.code} {standard.tr('title')}" if standard else "",
                    gap=f"{question.code} {question.tr('text')}",
                    score=f"{gap.current:.0f} → {gap.target:.0f}",
                    actions=[a.reference for a in trace.actions],
                )
            )
    rows.sort(key=lambda r: (r.standard, r.gap))
    return rows


# Project proposal ---------------------------------------------------------------------------


@dataclass
class ProposalData:
    proposal_id: int
    title: str
    administration: str
    country_name: str
    country_iso3: str
    objective: str
    expected_results: str
    indicators: list
    baseline: str
    baseline_score: str
    problem: list  # [TraceRow] of the proposal's gaps
    activities: list  # [ActionRow]
    budget: list  # [(funding label, currency, total)]
    totals: list  # [(currency, total)]
    timeline_groups: list
    generated: date
    today: date


def build_proposal_data(proposal, today=None):
    """A project proposal's content; about a dozen queries whatever its size."""
    today = today or timezone.localdate()
    plan = proposal.plan
    chosen = {a.pk for a in proposal.actions.all()}
    view = plan_selectors.plan_view(plan, None, today)
    actions = [a for a in view.actions if a.pk in chosen]
    rows = [action_row(a) for a in actions]
    gaps = [g for g in view.gaps if any(a.pk in chosen for a in g.actions)]
    scores = plan_selectors._overall_scores([plan.baseline]) if plan.baseline_id else {}
    overall = scores.get(plan.baseline_id)
    areas = [type(g)(g.focus_area, [a for a in g.actions if a.pk in chosen]) for g in view.areas]
    groups, _unscheduled = plan_charts.bars_of([g for g in areas if g.actions])
    return ProposalData(
        proposal_id=proposal.pk,
        title=proposal.title,
        administration=plan.administration.name,
        country_name=plan.administration.country_name,
        country_iso3=plan.administration.country_alpha3,
        objective=proposal.objective,
        expected_results=proposal.expected_results,
        indicators=[line.strip() for line in proposal.indicators.splitlines() if line.strip()],
        baseline=_baseline_label(plan),
        baseline_score="–" if overall is None or overall.value is None else f"{overall.value:.0f}",
        problem=[
            TraceRow(
                standard=" ".join(s.code for s in g.question.standards.all()),
                gap=f"{g.question.code} {g.question.tr('text')}",
                score=f"{g.gap.current:.0f} → {g.gap.target:.0f}",
                actions=[a.reference for a in g.actions if a.pk in chosen],
            )
            for g in gaps
        ],
        activities=rows,
        budget=_costs(rows),
        totals=_totals(rows),
        timeline_groups=groups,
        generated=timezone.localdate(),
        today=today,
    )


def proposal_queryset():
    from ..models import ProjectProposal

    return ProjectProposal.objects.select_related(
        "plan__administration", "plan__framework", "plan__baseline"
    ).prefetch_related(Prefetch("actions", queryset=Action.objects.only("id", "plan_id")))
