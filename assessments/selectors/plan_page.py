"""Read side of the plan page: each action as one plain row, read in one pass.

The plan page lists every action; reading them as model instances with four prefetched
relations (what `planning.plan_view` does for the documents, which need them whole) cost more
than the rest of the page. Here each relation is one query of plain values and each action a
`Row` built once, with its health, so the template and the timeline only read attributes.
Nine queries whatever the number of actions, three more when the baseline's gaps are not
cached yet (see `scored` and tests/test_planning_views.py).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .. import permissions, planning
from ..models import Action, FocusArea, Milestone, Question
from .planning import GapTrace, scored_gaps, view_of

ROW_FIELDS = (
    "id", "number", "title", "accepted", "status", "status_reason", "responsible_unit",
    "start_date", "due_date", "estimated_cost", "currency", "support_class", "focus_area_id",
)  # fmt: skip


@dataclass(slots=True)
class Row:
    """One action as the plan page and its timeline show it."""

    pk: int
    number: int
    title: str
    accepted: bool
    status: str
    status_label: str  # the status in the reader's language
    status_reason: str
    responsible_unit: str
    start_date: date | None
    due_date: date | None
    estimated_cost: object  # Decimal or None
    currency: str
    support_class: str
    focus_area_id: int | None
    focus_area: object = None  # FocusArea or None
    questions: tuple = ()  # (question id, code) of the gaps it closes, in questionnaire order
    standards: tuple = ()  # standard codes
    milestone_marks: tuple = ()  # (due date, done), by date
    health: object = None  # planning.Health

    @property
    def reference(self):
        return f"A-{self.number:02d}"


def plan_page(plan, user, today=None):
    """The plan page's `PlanView`: rows instead of model instances, gaps traced to them."""
    today = today or timezone.localdate()
    return view_of(plan, _rows(plan, user, today), today, _gap_traces)


def _rows(plan, user, today):
    """The actions the person may see, by priority, with their links and health (5 queries)."""
    actions = Action.objects.filter(plan=plan).order_by("-priority", "number")
    actions = permissions.visible_plan_actions(user, actions).values_list(*ROW_FIELDS)
    labels = {value: str(label) for value, label in Action.Status.choices}
    rows = {}
    for values in actions:
        row = Row(*values[:5], labels.get(values[4], values[4]), *values[5:])
        rows[row.pk] = row
    questions, standards, marks = {}, {}, {}
    links = (
        Action.questions.through.objects.filter(action__plan=plan)
        .order_by(*(f"question__{name}" for name in Question._meta.ordering), "question_id")
        .values_list("action_id", "question_id", "question__code")
    )
    for action_id, question_id, code in links:
        questions.setdefault(action_id, []).append((question_id, code))
    links = (
        Action.standards.through.objects.filter(action__plan=plan)
        .order_by("standard__framework", "standard__order", "standard__code", "standard_id")
        .values_list("action_id", "standard__code")
    )
    for action_id, code in links:
        standards.setdefault(action_id, []).append(code)
    dates = Milestone.objects.filter(action__plan=plan).order_by("due_date", "id")
    for action_id, due, done in dates.values_list("action_id", "due_date", "done"):
        marks.setdefault(action_id, []).append((due, done))
    areas = FocusArea.objects.in_bulk({r.focus_area_id for r in rows.values()} - {None})
    for pk, row in rows.items():
        row.focus_area = areas.get(row.focus_area_id)
        row.questions = tuple(questions.get(pk, ()))
        row.standards = tuple(standards.get(pk, ()))
        row.milestone_marks = tuple(marks.get(pk, ()))
        row.health = planning.health(
            row.status, row.due_date, row.milestone_marks, today, row.start_date
        )
    return list(rows.values())


def _gap_traces(plan, live_rows):
    """The baseline's gaps, each with the live rows that close it; of each gap's question only
    what the page shows (code and text)."""
    gaps = scored_gaps(plan)
    if not gaps:
        return []
    fields = ("id", "code", "text", "translations")
    by_id = Question.objects.only(*fields).in_bulk([g.question.id for g in gaps])
    closing = {}
    for row in live_rows:
        for question_id, _code in row.questions:
            closing.setdefault(question_id, []).append(row)
    return [GapTrace(by_id[g.question.id], g, closing.get(g.question.id, [])) for g in gaps]
