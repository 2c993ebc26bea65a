"""The pure plan rules (assessments/planning.py) and the worked example of docs/planning.md."""

from datetime import date

from assessments import planning, scoring

Q = scoring.QuestionData


def gap(qid, code, area, standards, priority, tfa_class="B"):
    question = Q(qid, code, area, standards, (), "maturity")
    return scoring.Gap(question, 25.0, 75.0, 50.0, priority, tfa_class, "")


def test_gaps_group_by_their_first_standard_and_the_most_urgent_group_comes_first():
    gaps = [
        gap(1, "T-AEI-01", "AEI", ("P1-06",), 2.25),
        gap(3, "T-AEO-01", "AEO", ("P2-03", "AEO-G"), 1.875, "C"),
        gap(4, "T-AEO-02", "AEO", ("P2-03",), 1.0, "A"),
        gap(2, "T-AEI-02", "AEI", ("P1-06", "P1-04"), 0.625),
    ]
    first, second = planning.propose(gaps)
    assert (first.standard, first.question_ids, first.standards) == (
        "P1-06",
        (1, 2),
        ("P1-06", "P1-04"),
    )
    assert (first.priority, first.support_class, first.focus_area) == (2.25, "B", "AEI")
    assert (second.standard, second.question_ids, second.standards) == (
        "P2-03",
        (3, 4),
        ("P2-03", "AEO-G"),
    )
    assert (second.priority, second.support_class) == (1.875, "C")


def test_no_gap_proposes_no_action():
    assert planning.propose([]) == []


def test_the_strictest_support_class_wins():
    assert planning.strictest_class(["A", "C", "B"]) == "C"
    assert planning.strictest_class(["A", "A"]) == "A"
    assert planning.strictest_class([]) == "B"


TODAY = date(2026, 6, 15)


def test_an_action_past_its_due_date_is_late():
    state = planning.health("in_progress", date(2026, 6, 14), [], TODAY)
    assert state == planning.Health("late", ("due_passed",))


def test_an_action_due_today_is_not_late():
    assert planning.health("in_progress", TODAY, [], TODAY).state == "on_track"


def test_a_missed_milestone_puts_an_action_at_risk():
    milestones = [(date(2026, 5, 1), True), (date(2026, 6, 1), False)]
    state = planning.health("in_progress", date(2026, 12, 31), milestones, TODAY)
    assert state == planning.Health("at_risk", ("milestone_missed",))


def test_a_blocked_action_is_at_risk():
    assert planning.health("blocked", date(2026, 12, 31), [], TODAY).reasons == ("blocked",)


def test_a_planned_action_due_within_thirty_days_is_at_risk():
    assert planning.health("planned", date(2026, 7, 15), [], TODAY).state == "at_risk"
    assert planning.health("planned", date(2026, 7, 16), [], TODAY).state == "on_track"


def test_done_and_dropped_actions_are_never_late():
    assert planning.health("done", date(2020, 1, 1), [], TODAY).state == "done"
    assert planning.health("dropped", date(2020, 1, 1), [], TODAY).state == "dropped"


def test_progress_counts_statuses_and_lateness():
    counts = planning.progress(
        [("done", "done"), ("in_progress", "late"), ("blocked", "at_risk"), ("planned",
         "on_track"), ("dropped", "dropped")]
    )  # fmt: skip
    assert (counts.total, counts.done, counts.in_progress, counts.blocked) == (4, 1, 1, 1)
    assert (counts.planned, counts.late, counts.at_risk, counts.dropped) == (1, 1, 1, 1)
    assert counts.percent_done == 25


def row(id, number, start="2026-01-01", due="2026-06-30", cost="1000.00", status="planned"):
    return {"id": id, "number": number, "start_date": start, "due_date": due,
            "estimated_cost": cost, "currency": "USD", "status": status}  # fmt: skip


def test_version_comparison_on_a_hand_made_pair():
    old = [row(1, 1), row(2, 2), row(3, 3), row(4, 4, status="dropped")]
    new = [
        row(1, 1, due="2026-09-30"),  # re-dated
        row(2, 2, cost="2500"),  # re-costed
        row(3, 3, status="dropped"),  # dropped
        row(4, 4),  # revived: counts as added
        row(5, 5),  # added
    ]
    result = planning.compare(old, new)
    assert [a["number"] for a in result.added] == [4, 5]
    assert [a["number"] for a in result.dropped] == [3]
    assert [(o["due_date"], n["due_date"]) for o, n in result.redated] == [
        ("2026-06-30", "2026-09-30")
    ]
    assert [(o["estimated_cost"], n["estimated_cost"]) for o, n in result.recosted] == [
        ("1000.00", "2500")
    ]
    assert not result.unchanged


def test_the_same_cost_written_differently_is_not_a_change():
    assert planning.compare([row(1, 1, cost="1000")], [row(1, 1, cost="1000.00")]).unchanged


def test_worked_example_of_the_documentation():
    """docs/planning.md, "Worked example": on 15 June 2026, three actions."""
    actions = [
        ("in_progress", date(2026, 5, 31), []),  # due 31 May -> late
        ("in_progress", date(2026, 12, 31), [(date(2026, 6, 1), False)]),  # at risk
        ("done", date(2026, 3, 31), []),  # done
    ]
    states = [planning.health(s, due, m, TODAY).state for s, due, m in actions]
    assert states == ["late", "at_risk", "done"]
    counts = planning.progress((s, h) for (s, _d, _m), h in zip(actions, states, strict=True))
    assert (counts.done, counts.in_progress, counts.late, counts.percent_done) == (1, 2, 1, 33)
