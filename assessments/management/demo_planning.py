"""Demo implementation plans for `seed_demo` (Columbus Phase 2), built through the services.

Côte d'Ivoire: an adopted plan (two versions) from its validated 2024 baseline, with actions in
every status, one late, one at risk, milestones, notes, one action shared with the donor and
one project proposal. Kenya: a draft plan proposed from a validated 2024 baseline, waiting for
decisions. Dates are set from today, so the late action stays late whenever the demo is seeded.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from assessments import services
from assessments.models import Action, DonorOrganisation, Plan

UNITS = [
    ("Legal affairs directorate", "Mariam Traoré"),
    ("Risk management unit", "Koffi Yao"),
    ("IT and single window directorate", "Awa Diallo"),
    ("AEO programme office", "Jean-Marc Kouassi"),
    ("Training centre", "Fatou Bamba"),
]
FUNDING = ["own_budget", "donor_secured", "donor_requested", "none_yet", "own_budget"]
# (status, reason) for the first actions; the rest stay planned.
STATUSES = [
    ("done", ""),
    ("in_progress", ""),  # made late below
    ("in_progress", ""),  # a missed milestone: at risk
    ("blocked", "Waiting for the budget law of next year."),
    ("done", ""),
    ("in_progress", ""),
    ("dropped", "Covered by the regional customs connectivity programme."),
]


def seed(framework, administrations, users, baselines):
    """Create the demo plans once; later runs change nothing."""
    if Plan.objects.filter(administration=administrations["CI"]).exists():
        return
    ivory_coast(users, baselines["CI"])
    services.propose_plan(users["coordinator-ke"], baselines["KE"])


def ivory_coast(users, baseline):
    editor, coordinator, reviewer = users["editor"], users["coordinator"], users["reviewer"]
    plan = services.propose_plan(coordinator, baseline)
    plan.title = "SAFE implementation plan 2025–2028"
    plan.currency = "XOF"
    plan.save(update_fields=["title", "currency"])
    today = timezone.localdate()
    actions = list(plan.actions.order_by("number"))
    services.accept_actions(editor, actions)
    for i, action in enumerate(actions):
        unit, person = UNITS[i % len(UNITS)]
        start = today - timedelta(days=300 - 25 * (i % 8))
        services.update_action(
            editor,
            action,
            {
                "responsible_unit": unit,
                "responsible_person": person,
                "start_date": start,
                "due_date": start + timedelta(days=420 + 30 * (i % 6)),
                "estimated_cost": Decimal(15_000_000 + 2_500_000 * (i % 9)),
                "currency": "XOF",
                "funding_source": "donor_requested" if action.support_class == "C"
                else FUNDING[i % len(FUNDING)],
                "expected_result": "The standard's requirements are met and verified.",
            },
        )  # fmt: skip
    late, at_risk = actions[1], actions[2]
    services.update_action(editor, late, {"due_date": today - timedelta(days=20)})
    services.add_milestone(
        editor, late, "Draft decree sent to the ministry", today - timedelta(days=90)
    )
    services.add_milestone(editor, at_risk, "Pilot with ten operators", today - timedelta(days=10))
    services.add_milestone(editor, at_risk, "Roll-out to all ports", today + timedelta(days=120))
    services.add_milestone(editor, actions[0], "Procedure published", today - timedelta(days=60))
    services.set_milestone_done(editor, late.milestones.get(), True, today - timedelta(days=85))
    services.set_milestone_done(
        editor, actions[0].milestones.get(), True, today - timedelta(days=58)
    )
    services.adopt_plan(coordinator, plan, "Adopted by the national steering committee.")
    for action, (status, reason) in zip(actions, STATUSES, strict=False):
        if status in Action.REASON_REQUIRED:
            services.update_action(editor, action, {"status": status, "status_reason": reason})
        else:
            services.add_progress_note(editor, action, _note(status), status=status)
    services.add_progress_note(
        reviewer, late, "The decree is the critical path: consider a ministerial order first.",
        kind="comment",
    )  # fmt: skip
    # A revision: one action re-dated, one added; adopted as version 2.
    services.update_action(
        editor, actions[5], {"due_date": actions[5].due_date + timedelta(days=90)}
    )
    services.add_action(
        editor, plan, "Train 40 risk analysts in targeting of advance cargo data",
        focus_area=actions[0].focus_area, start_date=today, due_date=today + timedelta(days=240),
        estimated_cost=Decimal(30_000_000), currency="XOF", funding_source="donor_requested",
        support_class="C", responsible_unit="Training centre",
    )  # fmt: skip
    services.adopt_plan(
        coordinator, plan, "Mid-term revision: training added, one action re-dated."
    )
    open_c = plan.actions.filter(support_class="C").exclude(status="dropped")
    needs_support = list(open_c.order_by("-priority", "number")[:3])
    if needs_support:
        donor = DonorOrganisation.objects.filter(memberships__user=users["donor"]).first()
        if donor is not None:
            needs_support[0].shared_with.add(donor)
        services.create_proposal(
            coordinator, plan, "Support to the AEO programme and advance cargo data",
            needs_support,
            objective="Close the gaps that need outside support, in two years.",
            expected_results="AEO operators validated on site; advance data screened.",
            indicators="Operators validated on site\nShare of manifests screened before loading",
        )  # fmt: skip


def _note(status):
    return {
        "done": "Completed and verified by the internal audit unit.",
        "in_progress": "Work started; terms of reference agreed.",
    }.get(status, "Status updated.")
