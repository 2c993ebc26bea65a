"""Read side of the implementation plan and the programme page, with their queries planned.

The documents read a plan through `plan_view`, the plan page through `plan_page.plan_page`
(plain rows): a fixed number of queries whatever the number of actions, each action carrying
its health (see `assessments.planning.health`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, planning, scoring
from ..models import Action, Assessment, Milestone, Phase, Plan, ProgressNote, Question
from .scored import results_of


@dataclass
class GapTrace:
    """One gap of the baseline and the actions that close it (traceability gap → actions)."""

    question: object  # Question
    gap: scoring.Gap
    actions: list = field(default_factory=list)


@dataclass
class AreaGroup:
    focus_area: object  # FocusArea or None
    actions: list


@dataclass
class PlanView:
    plan: Plan
    actions: list  # every visible action (dropped included), by priority
    areas: list  # [AreaGroup] of live actions, in focus-area order, by priority within
    dropped: list
    progress: planning.Progress
    gaps: list  # [GapTrace], highest priority first
    uncovered: list  # [GapTrace] with no live action
    versions: list
    today: date

    @property
    def live(self):
        return [a for a in self.actions if a.status != Action.Status.DROPPED]

    @property
    def waiting(self):
        return [a for a in self.live if not a.accepted]


def plan_actions(plan, user=None):
    """The plan's actions with everything pages show, in three plus four prefetch queries.

    A donor sees only the actions shared with their organisation.
    """
    queryset = (
        Action.objects.filter(plan=plan)
        .select_related("focus_area", "merged_into")
        .prefetch_related(
            "questions",
            "standards",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "id")),
            Prefetch(
                "notes",
                queryset=ProgressNote.objects.select_related("author").order_by(
                    "-written_on", "-created_at", "-id"
                ),
            ),
        )
        .order_by("-priority", "number")
    )
    if user is not None:
        queryset = permissions.visible_plan_actions(user, queryset)
    return list(queryset)


def with_health(actions, today):
    """Give each action `health` (state and reasons) on `today`, from its prefetched milestones."""
    for a in actions:
        a.health = planning.health(
            a.status,
            a.due_date,
            [(m.due_date, m.done) for m in a.milestones.all()],
            today,
            a.start_date,
        )
    return actions


def plan_view(plan, user=None, today=None, with_gaps=True):
    """Everything the plan page, the report and the exports need (about 12 queries)."""
    today = today or timezone.localdate()
    actions = with_health(plan_actions(plan, user), today)
    return view_of(plan, actions, today, _gap_traces if with_gaps else None)


def view_of(plan, actions, today, trace_gaps):
    """A `PlanView` of these actions (model instances or the plan page's rows, each with its
    `health`): grouped by focus area, dropped apart, progress, and the gaps as
    `trace_gaps(plan, live actions)` links them (none without it)."""
    live = [a for a in actions if a.status != Action.Status.DROPPED]
    gaps = trace_gaps(plan, live) if trace_gaps else []
    return PlanView(
        plan=plan,
        actions=actions,
        areas=by_area(live),
        dropped=[a for a in actions if a.status == Action.Status.DROPPED],
        progress=planning.progress((a.status, a.health.state) for a in actions),
        gaps=gaps,
        uncovered=[g for g in gaps if not g.actions],
        versions=list(plan.versions.select_related("adopted_by").order_by("-number")),
        today=today,
    )


def by_area(actions):
    """[AreaGroup] of the actions, in focus-area order, keeping their order within an area."""
    groups = {}
    for a in actions:
        key = a.focus_area.order if a.focus_area else 10_000
        groups.setdefault((key, a.focus_area_id), AreaGroup(a.focus_area, [])).actions.append(a)
    return [groups[key] for key in sorted(groups, key=lambda k: (k[0], k[1] or 0))]


def _gap_traces(plan, live_actions):
    """The baseline's gaps, each with the live actions linked to its question.

    Scores from plain records and loads as model instances only the questions that are gaps
    (with the standards the report names): most of a questionnaire is no gap."""
    gaps = scored_gaps(plan)
    if not gaps:
        return []
    by_id = Question.objects.select_related("focus_area").prefetch_related("standards")
    by_id = by_id.in_bulk([g.question.id for g in gaps])
    closing = {}
    for a in live_actions:
        for q in a.questions.all():
            closing.setdefault(q.pk, []).append(a)
    return [GapTrace(by_id[g.question.id], g, closing.get(g.question.id, [])) for g in gaps]


def scored_gaps(plan):
    """The gaps (`scoring.Gap`) of the plan's baseline, highest priority first (see
    `scored.results_of`)."""
    if plan.baseline_id is None:
        return []
    return results_of([plan.baseline])[plan.baseline_id].gaps


def plan_of(administration_id):
    return (
        Plan.objects.select_related("administration__region", "framework", "baseline")
        .filter(administration_id=administration_id)
        .first()
    )


def versions_pair(plan, old_number, new_number):
    """Two versions of a plan by number, or None for a missing one."""
    found = {v.number: v for v in plan.versions.filter(number__in=[old_number, new_number])}
    return found.get(old_number), found.get(new_number)


def comparison_against_current(plan, version):
    """Compare an adopted version with the living plan (what the next adoption would record)."""
    return planning.compare(version.snapshot, plan_snapshot(plan))


def plan_snapshot(plan):
    """The plan's actions as plain JSON, as a version keeps them (three queries)."""
    actions = plan.actions.select_related("focus_area").prefetch_related("questions", "standards")
    rows = []
    for a in actions.order_by("number"):
        row = {"id": a.pk, "number": a.number, "status": a.status}
        for name in Action.VERSIONED_FIELDS:
            value = getattr(a, name)
            row[name] = value.isoformat() if hasattr(value, "isoformat") else value
        row["estimated_cost"] = None if a.estimated_cost is None else str(a.estimated_cost)
        row["focus_area"] = a.focus_area.code if a.focus_area else ""
        row["questions"] = sorted(q.code for q in a.questions.all())
        row["standards"] = sorted(s.code for s in a.standards.all())
        rows.append(row)
    return rows


# The programme page -------------------------------------------------------------------------


@dataclass
class PhaseStep:
    number: int
    title: str
    started: object = None  # date or None
    completed: object = None
    started_by: str = ""  # what started it, e.g. the assessment or the plan
    completed_by: str = ""
    current: bool = False


@dataclass
class Programme:
    administration: object
    phases: list
    current_phase: int
    baseline: object  # Assessment or None
    baseline_score: object  # scoring.Score or None
    latest: object  # latest validated Phase 1 assessment
    latest_score: object
    plan: object  # Plan or None
    progress: object  # planning.Progress or None
    adopted: object  # latest PlanVersion or None
    capacity: object  # (Assessment, Score) of the Phase 2 questionnaire, or None


def programme_of(administration, today=None):
    """The Columbus programme of one administration at a glance (about 15 queries)."""
    today = today or timezone.localdate()
    assessments = list(
        Assessment.objects.filter(administration=administration)
        .select_related("phase", "framework")
        .order_by("created_at", "pk")
    )
    phase1 = [a for a in assessments if a.phase.number == Phase.NEEDS_ASSESSMENT]
    validated1 = [a for a in phase1 if a.status == Assessment.Status.VALIDATED]
    phase2 = [a for a in assessments if a.phase.number == Phase.PLANNING]
    phase3 = [a for a in assessments if a.phase.number == Phase.MONITORING]
    plan = plan_of(administration.pk)
    baseline = (plan.baseline if plan and plan.baseline_id else None) or (
        validated1[0] if validated1 else None
    )
    latest = validated1[-1] if validated1 else None
    scored = {a.pk: a for a in (baseline, latest, phase2[-1] if phase2 else None) if a}
    scores = _overall_scores(list(scored.values()))  # the baseline is often the latest too
    progress, adopted, first_version = None, None, None
    if plan is not None:
        progress = planning.progress(_action_states(plan, today))
        versions = list(plan.versions.order_by("number"))
        adopted = versions[-1] if versions else None
        first_version = versions[0] if versions else None
    phases = _phase_steps(phase1, validated1, plan, first_version, progress, phase3)
    current = 3 if phase3 else 2 if (plan or validated1) else 1
    for step in phases:
        step.current = step.number == current
    return Programme(
        administration=administration,
        phases=phases,
        current_phase=current,
        baseline=baseline,
        baseline_score=scores.get(baseline.pk) if baseline else None,
        latest=latest,
        latest_score=scores.get(latest.pk) if latest else None,
        plan=plan,
        progress=progress,
        adopted=adopted,
        capacity=(phase2[-1], scores.get(phase2[-1].pk)) if phase2 else None,
    )


def _action_states(plan, today):
    """(status, health state) of each of the plan's actions: all the programme's progress bar
    needs, from plain values (two queries, no model instance)."""
    marks = {}
    milestones = Milestone.objects.filter(action__plan=plan).order_by("due_date", "id")
    for action_id, due, done in milestones.values_list("action_id", "due_date", "done"):
        marks.setdefault(action_id, []).append((due, done))
    actions = Action.objects.filter(plan=plan).order_by()
    return [
        (status, planning.health(status, due, marks.get(pk, ()), today, start).state)
        for pk, status, due, start in actions.values_list("pk", "status", "due_date", "start_date")
    ]


def _phase_steps(phase1, validated1, plan, first_version, progress, phase3):
    one = PhaseStep(1, _("Needs assessment"))
    if phase1:
        one.started, one.started_by = phase1[0].created_at.date(), phase1[0].title
    if validated1:
        first = validated1[0]
        one.completed = (first.validated_at or first.updated_at).date()
        one.completed_by = first.title
    two = PhaseStep(2, _("Planning and implementation"))
    if plan is not None:
        two.started, two.started_by = plan.created_at.date(), plan.title
    if first_version is not None:
        two.completed = first_version.adopted_at.date()
        two.completed_by = f"v{first_version.number}"
    three = PhaseStep(3, _("Monitoring and evaluation"))
    if phase3:
        three.started, three.started_by = phase3[0].created_at.date(), phase3[0].title
    return [one, two, three]


def _overall_scores(assessments):
    """{assessment id: overall Score} for a few assessments (see `scored.results_of`)."""
    return {pk: results.overall for pk, results in results_of(assessments).items()}


def action_detail(pk):
    """One action with its plan, gaps, standards, milestones and notes (six queries)."""
    return (
        Action.objects.select_related("plan__administration", "plan__framework", "focus_area")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.select_related("focus_area")),
            "standards",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "id")),
            Prefetch("notes", queryset=ProgressNote.objects.select_related("author")),
            "merged_from",
        )
        .get(pk=pk)
    )
