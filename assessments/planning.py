"""Implementation-plan rules: gaps in, proposed actions out; dates in, late and at-risk out;
two adopted versions in, what changed out. Pure: no ORM, no request.

The rules are documented in docs/planning.md with a worked example that
tests/test_planning_rules.py reproduces. Pages, PDFs, exports and the seed all use them, so a
late action is late everywhere.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

CLASS_ORDER = {"A": 0, "B": 1, "C": 2}  # C (outside support) outranks B outranks A
CLOSED = {"done", "dropped"}
DUE_SOON = timedelta(days=30)  # an action due within this time with nothing started is at risk

ON_TRACK, AT_RISK, LATE, DONE, DROPPED = "on_track", "at_risk", "late", "done", "dropped"


@dataclass(frozen=True, slots=True)
class ProposedAction:
    """One proposed action: the gaps of one standard, highest priority first."""

    standard: str  # the standard the gaps are grouped under (their first standard)
    question_ids: tuple  # the gaps it closes, highest priority first
    standards: tuple  # every standard those gaps serve, without repeats
    focus_area: str  # focus area of its highest-priority gap
    priority: float  # its highest gap priority
    support_class: str  # A, B or C: the most demanding class of its gaps


def propose(gaps):
    """Group scoring gaps (already highest priority first) by their first standard.

    Each group proposes one action; the actions come out in the order of their most urgent gap,
    so the plan opens with what matters most. A gap without a standard groups under "".
    """
    groups = {}
    for gap in gaps:
        key = gap.question.standards[0] if gap.question.standards else ""
        groups.setdefault(key, []).append(gap)
    proposals = []
    for key, members in groups.items():
        standards = dict.fromkeys(code for g in members for code in g.question.standards)
        proposals.append(
            ProposedAction(
                standard=key,
                question_ids=tuple(g.question.id for g in members),
                standards=tuple(standards),
                focus_area=members[0].question.focus_area,
                priority=members[0].priority,
                support_class=strictest_class(g.tfa_class for g in members),
            )
        )
    proposals.sort(key=lambda p: (-p.priority, p.standard))
    return proposals


def strictest_class(classes):
    """The support class of an action: the most demanding of its gaps' (B when none)."""
    classes = [c for c in classes if c in CLASS_ORDER]
    return max(classes, key=CLASS_ORDER.__getitem__) if classes else "B"


class Health(NamedTuple):
    state: str  # on_track | at_risk | late | done | dropped
    reasons: tuple  # codes: due_passed, milestone_missed, blocked, due_soon_not_started


def health(status, due_date, milestones, today, start_date=None):
    """Whether an action is on track, at risk or late on `today`.

    Late: the due date has passed and the action is neither done nor dropped. At risk (when not
    late): it is blocked, a milestone's date has passed without it being done, or it is due
    within 30 days and has not started. `milestones` is any iterable of (due date, done).
    """
    if status in CLOSED:
        return Health(status, ())
    reasons = []
    if due_date is not None and due_date < today:
        reasons.append("due_passed")
    if any(not done and when < today for when, done in milestones):
        reasons.append("milestone_missed")
    if status == "blocked":
        reasons.append("blocked")
    if status == "planned" and due_date is not None and today <= due_date <= today + DUE_SOON:
        reasons.append("due_soon_not_started")
    if "due_passed" in reasons:
        return Health(LATE, tuple(reasons))
    return Health(AT_RISK if reasons else ON_TRACK, tuple(reasons))


@dataclass
class Progress:
    """Headline counts of a plan: what the programme page and the report show."""

    total: int = 0  # actions not dropped
    done: int = 0
    in_progress: int = 0
    planned: int = 0
    blocked: int = 0
    late: int = 0
    at_risk: int = 0
    dropped: int = 0

    @property
    def percent_done(self):
        return round(100 * self.done / self.total) if self.total else 0


def progress(states):
    """Count (status, health state) pairs of a plan's actions."""
    result = Progress()
    for status, state in states:
        if status == "dropped":
            result.dropped += 1
            continue
        result.total += 1
        if status == "done":
            result.done += 1
        elif status == "in_progress":
            result.in_progress += 1
        elif status == "blocked":
            result.blocked += 1
        else:
            result.planned += 1
        if state == LATE:
            result.late += 1
        elif state == AT_RISK:
            result.at_risk += 1
    return result


@dataclass
class Comparison:
    """What changed between two adopted versions, each a list of action references."""

    added: list = field(default_factory=list)  # [new]
    dropped: list = field(default_factory=list)  # [old]
    redated: list = field(default_factory=list)  # [(old, new)]
    recosted: list = field(default_factory=list)  # [(old, new)]

    @property
    def unchanged(self):
        return not (self.added or self.dropped or self.redated or self.recosted)


def compare(old_snapshot, new_snapshot):
    """Compare two version snapshots (lists of action dicts keyed by `id`).

    Added: in the new version and not (or only as dropped) in the old. Dropped: alive in the
    old version, absent or dropped in the new. Re-dated: alive in both with another start or due
    date. Re-costed: alive in both with another cost or currency. An action may be both.
    """
    old = {a["id"]: a for a in old_snapshot if a.get("status") != "dropped"}
    new = {a["id"]: a for a in new_snapshot if a.get("status") != "dropped"}
    result = Comparison()
    result.added = [new[i] for i in new if i not in old]
    result.dropped = [old[i] for i in old if i not in new]
    for i in old.keys() & new.keys():
        before, after = old[i], new[i]
        if (before.get("start_date"), before.get("due_date")) != (
            after.get("start_date"),
            after.get("due_date"),
        ):
            result.redated.append((before, after))
        if _cost(before) != _cost(after):
            result.recosted.append((before, after))
    for items in (result.added, result.dropped):
        items.sort(key=lambda a: a.get("number", 0))
    for items in (result.redated, result.recosted):
        items.sort(key=lambda pair: pair[1].get("number", 0))
    return result


def _cost(action):
    cost = action.get("estimated_cost")
    return (None if cost in (None, "") else Decimal(str(cost)), action.get("currency"))


def as_date(value):
    """A snapshot date (ISO text) or a date, as a date."""
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def costs_by_source(rows):
    """Sum (funding source, currency, cost) rows: {(source, currency): total}; no cost, no sum."""
    totals = {}
    for source, currency, cost in rows:
        if cost is None:
            continue
        key = (source, currency)
        totals[key] = totals.get(key, Decimal(0)) + Decimal(cost)
    return totals
