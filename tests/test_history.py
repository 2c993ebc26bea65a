"""The history page: paginated, filtered by section, question and person, showing only the
parts of an answer that changed, in a constant number of queries."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.views import questionnaire

pytestmark = pytest.mark.django_db

CHANGED_ROW = '<th scope="row" class="fw-normal">'


def q(framework, code):
    return framework.questions.get(code=code)


def history(client, assessment, **params):
    return client.get(reverse("history", args=[assessment.pk]), params).content.decode()


def test_only_the_parts_that_changed_are_shown(client, editor, assessment, tiny):
    question = q(tiny, "T-AEI-01")
    services.save_answers(editor, assessment, {question: ({"maturity": 2}, None)})
    services.save_answers(editor, assessment, {question: ({"comment": "Law of 2019"}, None)})
    client.force_login(editor)
    html = history(client, assessment)
    assert html.count(CHANGED_ROW) == 2  # one row per change: what it changed, nothing else
    assert f"{CHANGED_ROW}Comment</th>" in html and f"{CHANGED_ROW}Answer</th>" in html
    assert "Law of 2019" in html and "Level 2: Sea cargo only." in html


def test_filters_by_section_question_and_person(client, editor, coordinator, assessment, tiny):
    services.save_answers(editor, assessment, {q(tiny, "T-AEI-01"): ({"maturity": 1}, None)})
    services.save_answers(coordinator, assessment, {q(tiny, "T-AEO-01"): ({"maturity": 3}, None)})
    client.force_login(editor)
    by_section = history(client, assessment, section="AEO")
    assert ">T-AEO-01<" in by_section and ">T-AEI-01<" not in by_section
    by_question = history(client, assessment, question="t-aei-01")
    assert ">T-AEI-01<" in by_question and ">T-AEO-01<" not in by_question
    by_person = history(client, assessment, person=str(coordinator.pk))
    assert ">T-AEO-01<" in by_person and ">T-AEI-01<" not in by_person


def test_history_is_paginated_and_keeps_the_filter(
    client, editor, assessment, tiny, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(questionnaire, "HISTORY_PAGE_SIZE", 3)
    question = q(tiny, "T-AEI-01")
    for n in range(7):
        services.save_answers(editor, assessment, {question: ({"comment": f"draft-v{n}"}, None)})
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        first = history(client, assessment, section="AEI")
    assert "Page 1 of 3" in first and "section=AEI&amp;page=2" in first
    # v6, v5, v4 (and v4 was v3 before); the prefix keeps a random CSRF token from matching
    assert "draft-v6" in first and "draft-v2" not in first
    last = history(client, assessment, section="AEI", page=3)
    assert "draft-v0" in last and "draft-v6" not in last
