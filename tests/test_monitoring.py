"""The pure monitoring figures: progress-to-date, measurement checks, the baseline comparison
and the due date, on the hand-computed examples of docs/monitoring.md."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import monitoring
from assessments.scoring import AnswerData, QuestionData


@pytest.mark.parametrize(
    ("baseline", "target", "current", "better", "percent", "status"),
    [
        # docs/monitoring.md, example 1: AEOs, higher is better, 12 -> 30, now 21
        (12, 30, 21, "higher", 50, "on_the_way"),
        # example 2: release time in hours, lower is better, 72 -> 24, now 48 and 60
        (72, 24, 48, "lower", 50, "on_the_way"),
        (72, 24, 60, "lower", 25, "on_the_way"),
        # example 3: past the target: 36 AEOs is 133 % of the way, shown as 100 %
        (12, 30, 36, "higher", 100, "reached"),
        (72, 24, 24, "lower", 100, "reached"),
        # example 4: moved away from the target: 80 h is -17 %, shown as 0 %
        (72, 24, 80, "lower", 0, "moved_away"),
        (12, 30, 12, "higher", 0, "no_progress"),
        # example 5: baseline already at the target: holding it is 100 %, falling back 0 %
        (2, 2, 2, "higher", 100, "reached"),
        (2, 2, 3, "higher", 100, "reached"),
        (2, 2, 1, "higher", 0, "moved_away"),
        (24, 24, 20, "lower", 100, "reached"),
        (24, 24, 30, "lower", 0, "moved_away"),
    ],
)
def test_progress_to_date_worked_examples(baseline, target, current, better, percent, status):
    progress = monitoring.progress_to_date(baseline, target, current, better)
    assert progress.percent == percent
    assert progress.status == status


def test_progress_keeps_the_uncapped_ratio():
    assert monitoring.progress_to_date(12, 30, 36).raw == pytest.approx(24 / 18)
    assert monitoring.progress_to_date(72, 24, 80, "lower").raw == pytest.approx(-8 / 48)


def test_progress_without_a_measurement_is_no_data():
    progress = monitoring.progress_to_date(12, 30, None)
    assert (progress.share, progress.percent, progress.status) == (None, None, "no_data")


values = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(values, values, values)
def test_progress_is_always_between_0_and_100_percent(baseline, target, current):
    share = monitoring.progress_to_date(baseline, target, current).share
    assert 0.0 <= share <= 1.0


@given(values, values)
def test_reaching_the_target_is_always_100_percent(baseline, target):
    assert monitoring.progress_to_date(baseline, target, target).share == 1.0


@given(values, values, values, values)
def test_moving_towards_the_target_never_lowers_progress(baseline, target, a, b):
    """Of two values, the one further in the target's direction scores at least as much."""
    if target == baseline:
        return
    pa = monitoring.progress_to_date(baseline, target, a).share
    pb = monitoring.progress_to_date(baseline, target, b).share
    if (a - b) * (target - baseline) >= 0:
        assert pa >= pb - 1e-9


@given(values, values, values)
def test_lower_is_better_mirrors_higher_is_better(baseline, target, current):
    """Negating every value swaps the direction and leaves the progress unchanged."""
    up = monitoring.progress_to_date(baseline, target, current, "higher")
    down = monitoring.progress_to_date(-baseline, -target, -current, "lower")
    assert up.share == pytest.approx(down.share)
    assert up.status == down.status


@pytest.mark.parametrize(
    ("unit", "value", "code"),
    [
        ("count", 12, None),
        ("count", 12.5, "count_not_whole"),
        ("count", -1, "negative"),
        ("percentage", 100, None),
        ("percentage", 100.5, "percentage_over_100"),
        ("percentage", 37.25, None),
        ("hours", 1.5, None),
        ("amount", 250000.75, None),
    ],
)
def test_measurement_fits_its_unit(unit, value, code):
    error = monitoring.measurement_error(unit, value)
    assert (error[0] if error else None) == code


# The hand-made pair of docs/monitoring.md, "Baseline and follow-up".
QUESTIONS = [
    QuestionData(1, "Q1", "AEI", ("S1",), ("P1",), "maturity", weight=3),
    QuestionData(2, "Q2", "AEI", ("S1", "S2"), ("P1",), "maturity", weight=1),
    QuestionData(3, "Q3", "AEI", ("S2",), ("P1",), "yes_no", weight=1),
    QuestionData(4, "Q4", "AEO", ("S3",), ("P2",), "yes_no", weight=1),
]
BASELINE = [
    AnswerData(1, maturity=1),
    AnswerData(2, maturity=2),
    AnswerData(3, yes_no=False),
    AnswerData(4, yes_no=True),
]
FOLLOW_UP = [
    AnswerData(1, maturity=3),
    AnswerData(2, maturity=1),
    AnswerData(3, yes_no=False),
    AnswerData(4, yes_no=True),
]


def test_comparison_standard_by_standard_on_the_hand_made_pair():
    result = monitoring.compare(QUESTIONS, BASELINE, FOLLOW_UP)
    s1, s2, s3 = (result.by_standard[c] for c in ("S1", "S2", "S3"))
    assert (s1.before, s1.after, s1.change, s1.verdict) == (31.25, 62.5, 31.25, "improved")
    assert (s2.before, s2.after, s2.change, s2.verdict) == (25.0, 12.5, -12.5, "regressed")
    assert (s3.before, s3.after, s3.change, s3.verdict) == (100.0, 100.0, 0.0, "unchanged")
    assert (s1.target, s3.target) == (75.0, 100.0)  # maturity 3 by default; "yes"
    assert result.counts() == {"improved": 1, "unchanged": 1, "regressed": 1, "n/a": 0}


def test_comparison_names_the_questions_behind_each_change():
    result = monitoring.compare(QUESTIONS, BASELINE, FOLLOW_UP)
    assert [(q.code, q.before, q.after) for q in result.by_standard["S1"].questions] == [
        ("Q1", 25.0, 75.0),
        ("Q2", 50.0, 25.0),
    ]
    assert [q.code for q in result.by_standard["S2"].questions] == ["Q2"]
    assert result.by_standard["S3"].questions == ()


def test_comparison_overall_pillar_and_focus_area():
    result = monitoring.compare(QUESTIONS, BASELINE, FOLLOW_UP)
    assert result.overall.before == 37.5
    assert result.overall.after == pytest.approx(58.333333333)
    assert result.by_pillar["P2"].verdict == "unchanged"
    assert result.by_focus_area["AEI"].before == pytest.approx(25.0)  # (75+50+0)/5
    assert result.by_focus_area["AEI"].after == pytest.approx(50.0)  # (225+25+0)/5


def test_a_standard_unanswered_in_the_follow_up_is_not_comparable():
    result = monitoring.compare(QUESTIONS, BASELINE, FOLLOW_UP[:3])
    assert result.by_standard["S3"].verdict == "n/a"


@pytest.mark.parametrize(
    ("last", "months", "due"),
    [
        (date(2024, 6, 30), 24, date(2026, 6, 30)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (None, 24, None),
    ],
)
def test_next_due_date(last, months, due):
    assert monitoring.next_due_date(last, months) == due


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (date(2026, 5, 31), None),
        (date(2026, 6, 1), "before"),
        (date(2026, 6, 30), "before"),
        (date(2026, 7, 1), "overdue"),
    ],
)
def test_which_reminder_is_due(today, kind):
    assert monitoring.reminder_due(today, date(2026, 6, 30), 29) == kind


def _action(ref, status, due, cost=None, notes=()):
    return monitoring.PlanActionData(ref, f"Action {ref}", status, due, cost, "USD", notes)


def test_plan_state_on_the_review_date():
    """docs/monitoring.md, "The plan at the review date"."""
    actions = [
        _action("A-01", "done", date(2025, 6, 30), Decimal(100000),
                notes=((date(2025, 5, 2), "in_progress"), (date(2025, 12, 1), "done"))),
        _action("A-02", "in_progress", date(2026, 3, 31), Decimal(50000)),
        _action("A-03", "dropped", date(2026, 1, 31), Decimal(20000),
                notes=((date(2026, 2, 10), "dropped"),)),
        _action("A-04", "planned", date(2026, 12, 31)),
    ]  # fmt: skip
    state = monitoring.plan_state(actions, date(2026, 6, 30))
    assert state.counts == {"done": 1, "in_progress": 1, "dropped": 1, "planned": 1, "late": 1}
    assert [a.reference for a in state.late] == ["A-02"]
    assert state.budget == {"USD": Decimal(150000)}
    assert state.spent == {"USD": Decimal(100000)}
    assert state.done_share == 33  # 1 of 3 actions not dropped
    # On 1 October 2025, A-01 was still in progress (and late); A-03 has no earlier note,
    # so it counts with its current status (dropped).
    earlier = monitoring.plan_state(actions, date(2025, 10, 1))
    assert earlier.counts["in_progress"] == 2
    assert [a.reference for a in earlier.late] == ["A-01"]
    assert earlier.spent == {}


@pytest.mark.parametrize(
    ("current", "on", "expected"),
    [
        # AEOs 12 -> 30 between 1 Jan 2025 and 1 Jan 2027: halfway in time on 1 Jan 2026
        (21, date(2026, 1, 1), True),  # 50 % done, 365 of 730 days gone
        (18, date(2026, 1, 1), False),  # 33 % done
        (30, date(2026, 1, 1), True),  # reached
        (18, date(2025, 6, 1), True),  # 33 % done, 151 of 730 days (21 %) gone
        (None, date(2026, 1, 1), False),  # never measured
    ],
)
def test_on_track_compares_progress_with_the_time_elapsed(current, on, expected):
    progress = monitoring.progress_to_date(12, 30, current)
    assert monitoring.on_track(progress, date(2025, 1, 1), date(2027, 1, 1), on) is expected
