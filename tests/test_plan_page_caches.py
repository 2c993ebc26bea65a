"""What the plan and programme pages keep in the cache follows every change to what they show:
scores by the version of their answers, evidence and status; the timeline by what it draws."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.selectors import scored
from tests.planning_helpers import BASELINE, proposed_plan

pytestmark = pytest.mark.django_db


def test_cached_scores_follow_answers_evidence_and_status(
    assessment, editor, coordinator, reviewer, tiny, django_assert_num_queries
):
    questions = {q.code: q for q in tiny.questions.filter(code__in=BASELINE)}
    services.save_answers(
        editor, assessment, {questions[code]: (values, 0) for code, values in BASELINE.items()}
    )
    question = questions["T-AEI-01"]  # answered at maturity 1
    first = scored.results_of([assessment])[assessment.pk].overall
    with django_assert_num_queries(2):  # from the cache: only the version is read
        assert scored.results_of([assessment])[assessment.pk].overall == first
    services.save_answers(editor, assessment, {question: ({"maturity": 4}, 1)})
    raised = scored.results_of([assessment])[assessment.pk].overall
    assert raised.value > first.value
    services.add_evidence(editor, assessment, question, url="https://example.org/decree")
    backed = scored.results_of([assessment])[assessment.pk].overall
    assert backed.confidence != raised.confidence
    services.submit(coordinator, assessment)
    services.validate(reviewer, assessment, "Checked.")
    assessment.refresh_from_db()
    validated = scored.results_of([assessment])[assessment.pk].overall
    assert validated.confidence != backed.confidence


def timeline(client, url, **headers):
    html = client.get(url, **headers).content.decode()
    return re.search(r'<div class="chart">(.*?)</div>', html, re.S)[1]


def test_the_timeline_follows_the_plan_and_the_language(
    client, editor, coordinator, reviewer, administration, tiny
):
    plan = proposed_plan(editor, coordinator, reviewer, administration, tiny)
    first = plan.actions.get(number=1)
    today = timezone.localdate()
    start, due = today - timedelta(days=10), today + timedelta(days=60)
    services.update_action(editor, first, {"start_date": start, "due_date": due})
    client.force_login(editor)
    url = reverse("plan", args=[plan.pk])
    drawn = timeline(client, url)
    assert f"{start.isoformat()} – {due.isoformat()}, On track." in drawn
    assert timeline(client, url) == drawn  # the second visit reads it from the cache
    later = due + timedelta(days=400)
    services.update_action(editor, first, {"due_date": later})
    redrawn = timeline(client, url)
    assert f"{start.isoformat()} – {later.isoformat()}, On track." in redrawn
    client.cookies["django_language"] = "fr"
    french = timeline(client, url, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Aujourd" in french and "Today" not in french
