"""The implementation plan's services: proposal, shaping, adoption, traceability."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import Action, Plan, ProgressNote
from assessments.selectors import planning as plan_selectors
from tests.conftest import start
from tests.planning_helpers import proposed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(editor, coordinator, reviewer, administration, tiny):
    return proposed_plan(editor, coordinator, reviewer, administration, tiny)


def codes(queryset):
    return sorted(x.code for x in queryset)


def test_a_plan_is_proposed_from_the_gaps_grouped_by_standard_by_priority(plan):
    first, second = plan.actions.order_by("number")
    assert first.title == "Meet standard P1-06: Advance electronic information"
    assert codes(first.questions.all()) == ["T-AEI-01", "T-AEI-02"]
    assert codes(first.standards.all()) == ["P1-04", "P1-06"]
    assert (first.priority, first.support_class, first.focus_area.code) == (2.25, "B", "AEI")
    assert second.title == "Meet standard P2-03: Authorization"
    assert codes(second.questions.all()) == ["T-AEO-01", "T-AEO-02"]
    assert codes(second.standards.all()) == ["AEO-G", "P2-03"]
    assert (second.priority, second.support_class) == (1.875, "C")
    assert not first.accepted and first.origin == Action.Origin.GAP
    assert plan.status == Plan.Status.DRAFT


def test_only_a_validated_phase_1_assessment_seeds_a_plan(editor, administration, tiny):
    draft = start(editor, administration, tiny)
    with pytest.raises(ValidationError) as error:
        services.propose_plan(editor, draft)
    assert error.value.code == "not_validated"


def test_an_administration_has_one_plan(plan, coordinator):
    with pytest.raises(ValidationError) as error:
        services.propose_plan(coordinator, plan.baseline)
    assert error.value.code == "plan_exists"


def test_traceability_from_a_gap_to_its_actions_and_back(plan):
    view = plan_selectors.plan_view(plan, today=date(2026, 6, 15))
    by_code = {g.question.code: [a.reference for a in g.actions] for g in view.gaps}
    assert by_code == {
        "T-AEI-01": ["A-01"],
        "T-AEO-01": ["A-02"],
        "T-AEO-02": ["A-02"],
        "T-AEI-02": ["A-01"],
    }
    action = next(a for a in view.actions if a.number == 2)
    assert codes(action.questions.all()) == ["T-AEO-01", "T-AEO-02"]
    assert codes(action.standards.all()) == ["AEO-G", "P2-03"]


def test_merging_moves_gaps_and_standards_and_drops_the_others(plan, editor):
    first, second = plan.actions.order_by("number")
    services.merge_actions(editor, first, [second])
    second.refresh_from_db()
    assert codes(first.questions.all()) == ["T-AEI-01", "T-AEI-02", "T-AEO-01", "T-AEO-02"]
    assert first.support_class == "C" and first.accepted
    assert (second.status, second.merged_into_id) == ("dropped", first.pk)
    assert second.status_reason == "Merged into A-01."
    view = plan_selectors.plan_view(plan)
    assert all([a.reference for a in g.actions] == ["A-01"] for g in view.gaps)


def test_splitting_gives_the_chosen_gaps_to_a_new_action(plan, editor, tiny):
    second = plan.actions.get(number=2)
    aeo2 = tiny.questions.get(code="T-AEO-02")
    new = services.split_action(editor, second, [aeo2.pk], "Pass the AEO law")
    assert (new.number, new.origin, codes(new.questions.all())) == (3, "split", ["T-AEO-02"])
    assert codes(new.standards.all()) == ["P2-03"]
    assert codes(second.questions.all()) == ["T-AEO-01"]
    assert codes(second.standards.all()) == ["AEO-G", "P2-03"]


def test_an_action_cannot_give_away_all_its_gaps(plan, editor):
    second = plan.actions.get(number=2)
    with pytest.raises(ValidationError) as error:
        services.split_action(
            editor, second, list(second.questions.values_list("pk", flat=True)), "x"
        )
    assert error.value.code == "split_all"


def test_dropping_needs_a_reason_and_loses_nothing_without_one(plan, editor):
    action = plan.actions.get(number=1)
    with pytest.raises(ValidationError) as error:
        services.drop_action(editor, action, "  ")
    assert error.value.code == "reason_required"
    action.refresh_from_db()
    assert action.status == "planned"


def test_a_due_date_before_the_start_is_refused(plan, editor):
    action = plan.actions.get(number=1)
    with pytest.raises(ValidationError) as error:
        services.update_action(
            editor, action, {"start_date": date(2026, 5, 1), "due_date": date(2026, 4, 1)}
        )
    assert error.value.code == "due_before_start"


def test_adoption_is_refused_while_proposals_wait(plan, coordinator):
    with pytest.raises(ValidationError) as error:
        services.adopt_plan(coordinator, plan)
    assert error.value.code == "unreviewed_proposals"
    assert not plan.versions.exists()


def adopted(plan, user):
    services.accept_actions(user, plan.actions.all())
    return services.adopt_plan(user, plan, "First version")


def test_adoption_freezes_a_version_that_later_edits_do_not_change(plan, coordinator, editor):
    action = plan.actions.get(number=1)
    services.update_action(
        editor, action, {"due_date": date(2026, 9, 30), "estimated_cost": Decimal("5000")}
    )
    version = adopted(plan, coordinator)
    plan.refresh_from_db()
    assert (version.number, plan.status) == (1, "adopted")
    frozen = {row["number"]: row for row in version.snapshot}
    assert frozen[1]["due_date"] == "2026-09-30" and frozen[1]["estimated_cost"] == "5000.00"
    assert frozen[1]["questions"] == ["T-AEI-01", "T-AEI-02"]

    services.update_action(editor, action, {"due_date": date(2026, 12, 31)})
    version.refresh_from_db()
    plan.refresh_from_db()
    assert version.snapshot[0]["due_date"] == "2026-09-30"
    assert plan.status == "revising"


def test_status_and_progress_do_not_need_a_new_version(plan, coordinator, editor):
    adopted(plan, coordinator)
    action = plan.actions.get(number=1)
    services.add_progress_note(editor, action, "Draft law sent to parliament", status="in_progress")
    plan.refresh_from_db()
    action.refresh_from_db()
    assert plan.status == "adopted" and action.status == "in_progress"
    assert action.notes.get().text == "Draft law sent to parliament"


def test_a_revision_becomes_version_2_and_the_comparison_shows_it(plan, coordinator, editor):
    first = adopted(plan, coordinator)
    action = plan.actions.get(number=1)
    services.update_action(editor, action, {"due_date": date(2027, 3, 31)})
    services.drop_action(editor, plan.actions.get(number=2), "Covered by the regional programme")
    services.add_action(editor, plan, "Train risk analysts", estimated_cost=Decimal("12000"))
    second = services.adopt_plan(coordinator, plan, "Revision after the mid-term review")
    old, new = plan_selectors.versions_pair(plan, 1, 2)
    assert (old, new) == (first, second)
    from assessments import planning

    result = planning.compare(old.snapshot, new.snapshot)
    assert [a["title"] for a in result.added] == ["Train risk analysts"]
    assert [a["number"] for a in result.dropped] == [2]
    assert [n["number"] for _o, n in result.redated] == [1]


def test_adopting_twice_without_change_is_refused(plan, coordinator):
    adopted(plan, coordinator)
    with pytest.raises(ValidationError) as error:
        services.adopt_plan(coordinator, plan)
    assert error.value.code == "unchanged"


def test_a_status_change_writes_a_note(plan, editor):
    action = plan.actions.get(number=1)
    services.update_action(editor, action, {"status": "blocked", "status_reason": "No budget line"})
    note = ProgressNote.objects.get(action=action)
    assert (note.status, note.text) == ("blocked", "No budget line")


def test_a_missed_milestone_and_a_passed_due_date_show_in_the_plan_view(plan, editor):
    first, second = plan.actions.order_by("number")
    services.update_action(editor, first, {"status": "in_progress", "due_date": date(2026, 5, 31)})
    services.update_action(editor, second, {"due_date": date(2026, 12, 31)})
    services.add_milestone(editor, second, "Pilot with ten operators", date(2026, 6, 1))
    view = plan_selectors.plan_view(plan, today=date(2026, 6, 15))
    states = {a.number: a.health.state for a in view.actions}
    assert states == {1: "late", 2: "at_risk"}
    assert (view.progress.late, view.progress.at_risk) == (1, 1)


def test_a_project_proposal_groups_actions_of_the_plan(plan, coordinator):
    proposal = services.create_proposal(
        coordinator, plan, "AEO programme support", plan.actions.filter(number=2)
    )
    assert [a.number for a in proposal.actions.all()] == [2]
    with pytest.raises(ValidationError) as error:
        services.create_proposal(coordinator, plan, "Empty", [])
    assert error.value.code == "no_actions"


def test_the_programme_shows_the_phases_and_headline_numbers(plan, coordinator):
    adopted(plan, coordinator)
    programme = plan_selectors.programme_of(plan.administration)
    assert programme.current_phase == 2
    one, two, three = programme.phases
    assert one.completed is not None and two.completed is not None and three.started is None
    # baseline: (25*3 + 25*1 + 0*2 + 0*1) / 7 = 14.29
    assert round(programme.baseline_score.value, 2) == 14.29
    assert programme.progress.total == 2


def test_reading_a_plan_takes_the_same_queries_for_few_and_many_actions(
    plan, editor, django_assert_max_num_queries
):
    for n in range(10):
        services.add_action(editor, plan, f"Action {n}")
    with django_assert_max_num_queries(14):
        plan_selectors.plan_view(plan)
    for n in range(190):
        services.add_action(editor, plan, f"More {n}")
    with django_assert_max_num_queries(14):
        view = plan_selectors.plan_view(plan)
    assert len(view.actions) == 202
