"""Demo data for monitoring (Columbus Phase 3), called by seed_demo: Côte d'Ivoire's
indicators with two years of measurements, its follow-up self-assessment and one validated
monitoring review. Idempotent: does nothing once the administration has indicators."""

import random
from datetime import date
from decimal import Decimal

from assessments import selectors, services
from assessments.models import Action, Assessment, Indicator, MonitoringReview, Phase

# question code -> (baseline, target, disclosure)
PLAN = {
    "ME-AEI-01": (55, 90, "donors"),
    "ME-AEI-02": (30, 80, "donors"),
    "ME-RM-01": (4, 10, "reviewers"),
    "ME-RM-02": (72, 24, "donors"),
    "ME-OI-01": (45, 80, "reviewers"),
    "ME-OI-02": (60, 90, "administration"),
    "ME-OI-03": (70, 90, "administration"),
    "ME-AEO-01": (8, 30, "donors"),
    "ME-AEO-02": (5, 30, "reviewers"),
    "ME-AEO-03": (0, 2, "donors"),
}
BASELINE_DAY, TARGET_DAY = date(2024, 6, 30), date(2027, 12, 31)
QUARTERS = [
    date(y, m, d) for y in (2024, 2025, 2026) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))
]
QUARTERS = [q for q in QUARTERS if date(2024, 9, 30) <= q <= date(2026, 9, 30)]  # two years


def seed_monitoring(framework, administration, users):
    if Indicator.objects.filter(administration=administration).exists():
        return
    rng = random.Random(3)
    coordinator, editor, reviewer = users["coordinator"], users["editor"], users["reviewer"]
    services.set_rhythm(coordinator, administration, 24, 60)
    for indicator in services.propose_indicators(coordinator, administration, framework):
        code = indicator.question.code if indicator.question else ""
        if code not in PLAN:
            continue
        baseline, target, disclosure = PLAN[code]
        indicator.baseline_value, indicator.target_value = baseline, target
        indicator.baseline_date, indicator.target_date = BASELINE_DAY, TARGET_DAY
        indicator.disclosure = disclosure
        services.save_indicator(coordinator, indicator, actions=_actions_for(indicator))
        _measure(editor, indicator, baseline, target, rng)
    _review(administration, coordinator, editor, reviewer, rng)


def _actions_for(indicator):
    """The plan's actions on the standards the indicator measures (two at most)."""
    return list(
        Action.objects.filter(
            plan__administration_id=indicator.administration_id,
            accepted=True,
            standards__in=indicator.standards.all(),
        )
        .distinct()
        .order_by("number")[:2]
    )


def _measure(user, indicator, baseline, target, rng):
    """Quarterly values moving from the baseline towards the target, with some noise."""
    span = (TARGET_DAY - BASELINE_DAY).days
    for day in QUARTERS:
        share = (day - BASELINE_DAY).days / span
        value = baseline + (target - baseline) * share * rng.uniform(0.6, 1.2)
        if indicator.unit == "count":
            value = max(0, round(value))
        elif indicator.unit == "percentage":
            value = min(100.0, max(0.0, round(value, 1)))
        else:
            value = max(0.0, round(value, 1))
        services.record_measurement(
            user, indicator, day, Decimal(str(value)), source=_source(indicator), note=""
        )


def _source(indicator):
    return {"hours": "Time Release Study", "count": "AEO register"}.get(
        indicator.unit, "Customs declaration system (ASYCUDA World)"
    )


def _review(administration, coordinator, editor, reviewer, rng):
    """Complete the 2026 follow-up, then a review compared with the 2024 baseline."""
    needs = Assessment.objects.filter(
        administration=administration, phase__number=Phase.NEEDS_ASSESSMENT
    )
    baseline = needs.filter(status=Assessment.Status.VALIDATED).order_by("validated_at").first()
    follow_up = needs.exclude(pk=getattr(baseline, "pk", None)).order_by("-created_at").first()
    if baseline is None or follow_up is None or MonitoringReview.objects.exists():
        return
    answered = selectors.answers_by_question(follow_up)
    changes = {}
    for question in selectors.questions_of(follow_up):
        if question.pk in answered and answered[question.pk].is_answered:
            continue
        if question.answer_type == "maturity":
            changes[question] = ({"maturity": max(0, min(4, round(rng.gauss(2.8, 0.9))))}, None)
        elif question.answer_type == "yes_no":
            changes[question] = ({"yes_no": rng.random() < 0.75}, None)
        elif question.answer_type == "number":
            changes[question] = (
                {"number": round((question.target or 10) * rng.uniform(0.5, 1.0), 1)},
                None,
            )
        else:
            changes[question] = ({"text": "Set out in the 2026 modernisation plan."}, None)
    services.save_answers(editor, follow_up, changes)
    review = services.start_review(
        coordinator,
        administration,
        "Monitoring review 2026",
        date(2026, 6, 30),
        baseline,
        follow_up,
    )
    services.save_evaluation(
        coordinator,
        review,
        "Advance cargo data now covers sea and air freight; the risk engine selects fewer "
        "declarations with a better hit rate. The AEO programme grew but mutual recognition "
        "is still under negotiation. Release times fell, though not yet to the target.",
        "Extend advance data to road freight; conclude the first MRA with Ghana; repeat the "
        "Time Release Study in 2027.",
    )
    services.submit_review(coordinator, review)
    services.validate_review(
        reviewer,
        review,
        "The follow-up is consistent with the indicators. Progress is real on advance data "
        "and risk management; the AEO programme needs mutual recognition to pay off.",
    )
    services.share_review(coordinator, review, True)
