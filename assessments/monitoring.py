"""Phase 3 monitoring figures: data in, data out. No ORM, no request.

Documented with hand-computed examples in docs/monitoring.md; tests reproduce them.
- `progress_to_date`: how far an indicator has moved from its baseline towards its target.
- `measurement_error`: whether a value fits the indicator's unit (counts whole, shares 0-100).
- `compare`: a follow-up self-assessment against the validated baseline, standard by standard
  (and by focus area and pillar), with the questions behind each change; scored by
  `assessments.scoring`, so the comparison and the results pages agree.
- `next_due_date`: when the next self-assessment is due, from the last one and the rhythm.
"""

import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from . import scoring

COUNT, PERCENTAGE, HOURS, AMOUNT = "count", "percentage", "hours", "amount"
IMPROVED, UNCHANGED, REGRESSED, NOT_COMPARABLE = "improved", "unchanged", "regressed", "n/a"
REACHED, ON_THE_WAY, NO_PROGRESS, MOVED_AWAY, NO_DATA = (
    "reached",
    "on_the_way",
    "no_progress",
    "moved_away",
    "no_data",
)
# A score change smaller than this (in points on the 0-100 scale) is "unchanged": it is
# below what one answer moving by one step in a large standard could produce.
UNCHANGED_WITHIN = 0.5


class Progress(NamedTuple):
    share: float | None  # 0.0-1.0 for the progress bar; None without a current value
    raw: float | None  # uncapped (current - baseline) / (target - baseline)
    status: str  # reached | on_the_way | no_progress | moved_away | no_data

    @property
    def percent(self):
        return None if self.share is None else round(100 * self.share)


def progress_to_date(baseline, target, current, better="higher"):
    """(current - baseline) / (target - baseline), capped to 0-100 %.

    The sign of (target - baseline) carries the direction, so the same formula serves
    "higher is better" and "lower is better". Past the target counts as 100 %; moving away
    from the target counts as 0 % with the status `moved_away`. When the baseline already
    equals the target there is nothing to close: holding it (or doing better, by `better`)
    is 100 %, falling back is 0 %.
    """
    if current is None or baseline is None or target is None:
        return Progress(None, None, NO_DATA)
    baseline, target, current = float(baseline), float(target), float(current)
    if target == baseline:
        held = current >= target if better == "higher" else current <= target
        return Progress(1.0 if held else 0.0, None, REACHED if held else MOVED_AWAY)
    raw = (current - baseline) / (target - baseline)
    if raw >= 1:
        status = REACHED
    elif raw > 0:
        status = ON_THE_WAY
    elif raw == 0:
        status = NO_PROGRESS
    else:
        status = MOVED_AWAY
    return Progress(min(1.0, max(0.0, raw)), raw, status)


def measurement_error(unit, value):
    """(code, message) when `value` does not fit `unit`, else None. Messages are English;
    callers translate by code."""
    value = Decimal(str(value))
    if value < 0:
        return "negative", "A measurement cannot be negative."
    if unit == COUNT and value != value.to_integral_value():
        return "count_not_whole", "A count is a whole number."
    if unit == PERCENTAGE and value > 100:
        return "percentage_over_100", "A percentage is between 0 and 100."
    return None


def on_track(progress, baseline_date, target_date, on):
    """Is the indicator where it should be by now? Reached, or at least as far along as the
    time elapsed between its baseline and target dates (a straight path); without dates,
    any progress counts. No measurement is never on track."""
    if progress.share is None:
        return False
    if progress.status == REACHED:
        return True
    if baseline_date is None or target_date is None or target_date <= baseline_date:
        return progress.status == ON_THE_WAY
    elapsed = (on - baseline_date).days / (target_date - baseline_date).days
    return progress.share >= min(1.0, max(0.0, elapsed))


class QuestionChange(NamedTuple):
    code: str
    question_id: int
    before: float | None  # score 0-100
    after: float | None


class GroupChange(NamedTuple):
    code: str  # standard, pillar or focus area code
    before: float | None
    after: float | None
    change: float | None  # points, after - before
    verdict: str  # improved | unchanged | regressed | n/a
    target: float | None  # weighted mean of the questions' target scores
    questions: tuple  # QuestionChange, the questions whose score moved, biggest move first


class Comparison(NamedTuple):
    overall: GroupChange
    by_focus_area: dict  # code -> GroupChange, in question order
    by_pillar: dict
    by_standard: dict

    def counts(self):
        """How many standards improved, stayed, regressed or cannot be compared."""
        result = {IMPROVED: 0, UNCHANGED: 0, REGRESSED: 0, NOT_COMPARABLE: 0}
        for row in self.by_standard.values():
            result[row.verdict] += 1
        return result


def verdict(change):
    if change is None:
        return NOT_COMPARABLE
    if change >= UNCHANGED_WITHIN:
        return IMPROVED
    if change <= -UNCHANGED_WITHIN:
        return REGRESSED
    return UNCHANGED


def compare(questions, baseline_answers, follow_up_answers):
    """Score both assessments of one questionnaire and say what moved, and why.

    `questions` are `scoring.QuestionData`; the answers are `scoring.AnswerData` lists.
    """
    before = scoring.score_assessment(questions, baseline_answers)
    after = scoring.score_assessment(questions, follow_up_answers)
    moved = _moved_questions(questions, baseline_answers, follow_up_answers)
    targets = _targets(questions, follow_up_answers)

    def group(code, old, new, members):
        change = scoring.change(new, old)
        behind = sorted(
            (moved[q.id] for q in members if q.id in moved),
            key=lambda m: (-abs((m.after or 0) - (m.before or 0)), m.code),
        )
        weights = [(q.weight, targets[q.id]) for q in members if q.id in targets]
        total = sum(w for w, _t in weights)
        target = round(sum(w * t for w, t in weights) / total, 9) if total else None
        return GroupChange(
            code, _value(old), _value(new), change, verdict(change), target, tuple(behind)
        )

    def groups(old, new, key):
        codes = list(dict.fromkeys([*new.keys(), *old.keys()]))
        return {
            code: group(code, old.get(code), new.get(code), [q for q in questions if key(q, code)])
            for code in codes
        }

    return Comparison(
        overall=group("overall", before.overall, after.overall, questions),
        by_focus_area=groups(
            before.by_focus_area, after.by_focus_area, lambda q, c: q.focus_area == c
        ),
        by_pillar=groups(before.by_pillar, after.by_pillar, lambda q, c: c in q.pillars),
        by_standard=groups(before.by_standard, after.by_standard, lambda q, c: c in q.standards),
    )


def _value(score):
    return None if score is None else score.value


def _question_score(question, answer):
    if answer is None or answer.not_applicable:
        return None
    return scoring.value_score(
        question, answer.maturity, answer.yes_no, answer.number, answer.target
    )


def _targets(questions, answers):
    """{question id: target score 0-100} of the scored questions not marked N/A."""
    by_id = {a.question_id: a for a in answers}
    result = {}
    for q in questions:
        answer = by_id.get(q.id) or scoring.AnswerData(q.id)
        if q.answer_type != "text" and not answer.not_applicable:
            result[q.id] = scoring.target_score(q, answer)
    return result


def _moved_questions(questions, baseline_answers, follow_up_answers):
    """{question id: QuestionChange} for scored questions whose score differs."""
    old = {a.question_id: a for a in baseline_answers}
    new = {a.question_id: a for a in follow_up_answers}
    result = {}
    for q in questions:
        if q.answer_type == "text":
            continue
        before = _question_score(q, old.get(q.id))
        after = _question_score(q, new.get(q.id))
        if before != after:
            result[q.id] = QuestionChange(q.code, q.id, before, after)
    return result


def add_months(day, months):
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 →
    28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due_date(last_assessed, months):
    """The next Phase 1 self-assessment is due `months` after the last validated one; None
    when there is none yet (the first one is due now)."""
    if last_assessed is None:
        return None
    return add_months(last_assessed, months)


def reminder_due(today, due, days_before):
    """Which reminder, if any, is due today: "before" within `days_before` days of the due
    date, "overdue" from the day after it; None otherwise."""
    if due is None:
        return None
    if today > due:
        return "overdue"
    if today >= due - timedelta(days=days_before):
        return "before"
    return None


class PlanActionData(NamedTuple):
    reference: str
    title: str
    status: str  # the action's status today
    due_date: date | None
    cost: Decimal | None
    currency: str
    notes: tuple = ()  # (written_on, status) of the progress notes that changed the status


class PlanState(NamedTuple):
    on: date
    counts: dict  # status -> number of actions, plus "late"
    total: int
    late: tuple  # PlanActionData: not done or dropped, due before the date
    dropped: tuple
    budget: dict  # currency -> estimated cost of all actions not dropped
    spent: dict  # currency -> estimated cost of the actions done

    @property
    def done_share(self):
        live = self.total - self.counts.get("dropped", 0)
        return round(100 * self.counts.get("done", 0) / live) if live else None


def status_on(action, on):
    """The action's status on a date: set by its last status note on or before that date;
    its current status when no note says otherwise."""
    earlier = [(day, status) for day, status in action.notes if status and day <= on]
    return max(earlier)[1] if earlier else action.status


def plan_state(actions, on):
    """The plan's execution on a date: actions done, late, dropped; the estimated cost of the
    actions done against the budget (the plan records estimated costs, not payments)."""
    counts, late, dropped, budget, spent = {}, [], [], {}, {}
    actions = list(actions)
    for action in actions:
        status = status_on(action, on)
        counts[status] = counts.get(status, 0) + 1
        if status == "dropped":
            dropped.append(action)
            continue
        if status != "done" and action.due_date is not None and action.due_date < on:
            late.append(action)
        if action.cost is not None:
            budget[action.currency] = budget.get(action.currency, 0) + action.cost
            if status == "done":
                spent[action.currency] = spent.get(action.currency, 0) + action.cost
    counts["late"] = len(late)
    return PlanState(on, counts, len(actions), tuple(late), tuple(dropped), budget, spent)
