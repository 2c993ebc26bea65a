"""Plans for tests, built through the same services the application uses."""

from assessments import services
from tests.conftest import start

# The known baseline of docs/planning.md: answers to the tiny framework's Phase 1.
BASELINE = {
    "T-AEI-01": {"maturity": 1},  # target 4: gap 75 points, weight 3 -> priority 2.25
    "T-AEI-02": {"maturity": 1},  # target 3: gap 50, weight 1, two standards -> 0.625
    "T-AEO-01": {"maturity": 0, "support_needed": "funding"},  # gap 75, w 2, 2 std -> 1.875
    "T-AEO-02": {"yes_no": False, "support_needed": "none"},  # gap 100, weight 1 -> 1.0
}


def validated_baseline(editor, coordinator, reviewer, administration, framework, **kwargs):
    """A validated Phase 1 assessment answered as BASELINE."""
    assessment = start(editor, administration, framework, **kwargs)
    questions = {q.code: q for q in framework.questions.filter(code__in=BASELINE)}
    services.save_answers(
        editor, assessment, {questions[code]: (values, 0) for code, values in BASELINE.items()}
    )
    services.submit(coordinator, assessment)
    services.validate(reviewer, assessment, "Good baseline.")
    return assessment


def proposed_plan(editor, coordinator, reviewer, administration, framework):
    baseline = validated_baseline(editor, coordinator, reviewer, administration, framework)
    return services.propose_plan(coordinator, baseline)
