"""The results page: scores, bands, charts with their numbers, gaps and comparison."""

import pytest
from django.urls import reverse

from assessments import services
from tests.conftest import start

pytestmark = pytest.mark.django_db


def q(framework, code):
    return framework.questions.get(code=code)


def answer(user, assessment, framework, values):
    services.save_answers(
        user, assessment, {q(framework, code): (v, None) for code, v in values.items()}
    )


def test_results_show_index_band_and_focus_area_scores(client, editor, assessment, tiny):
    # AEI: T-AEI-01 level 2 (50, w3), T-AEI-02 level 4 (100, w1) -> (150 + 100) / 4 = 62.5
    # AEO: T-AEO-01 level 1 (25, w2), T-AEO-02 yes (100, w1)     -> (50 + 100) / 3 = 50
    # Overall: (150 + 100 + 50 + 100) / 7 = 57.14 -> 57, established
    answer(editor, assessment, tiny, {
        "T-AEI-01": {"maturity": 2, "support_needed": "funding"},
        "T-AEI-02": {"maturity": 4},
        "T-AEO-01": {"maturity": 1, "support_needed": "none"},
        "T-AEO-02": {"yes_no": True},
    })  # fmt: skip
    client.force_login(editor)
    response = client.get(reverse("results", args=[assessment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="display-6">57<span' in html
    assert "Established" in html
    assert ">62</td>" in html.replace('<td class="text-end">', ">")  # AEI rounds 62.5 down
    assert 'role="img"' in html and "Score by focus area" in html
    assert "A 1 · B 0 · C 1" in html


def test_gaps_are_sorted_by_priority_with_their_class(client, editor, assessment, tiny):
    # T-AEI-01: target 4 -> gap 100 - 25 = 75 points, weight 3, 1 standard -> 2.25 (C, funding)
    # T-AEO-01: target 3 -> gap 75 - 25 = 50, weight 2, 2 standards -> 1.25 (A, none)
    answer(editor, assessment, tiny, {
        "T-AEI-01": {"maturity": 1, "support_needed": "funding"},
        "T-AEO-01": {"maturity": 1, "support_needed": "none"},
    })  # fmt: skip
    client.force_login(editor)
    html = client.get(reverse("results", args=[assessment.pk])).content.decode()
    first, second = html.index("<strong>T-AEI-01</strong>"), html.index("<strong>T-AEO-01</strong>")
    assert first < second
    assert ">2.25<" in html and ">1.25<" in html


def test_empty_assessment_says_there_is_nothing_to_score(client, editor, assessment):
    client.force_login(editor)
    html = client.get(reverse("results", args=[assessment.pk])).content.decode()
    assert "Nothing to score yet" in html
    assert "No gap" in html


def test_provisional_scores_are_flagged(client, editor, assessment, tiny):
    answer(editor, assessment, tiny, {"T-AEI-01": {"maturity": 3}})
    client.force_login(editor)
    html = client.get(reverse("results", args=[assessment.pk])).content.decode()
    # 1 of the 4 scored questions answered: the overall 75 rests on too little, so it is starred
    assert "Provisional" in html
    assert '<div class="display-6">75*<span' in html


def test_change_since_the_earlier_assessment_is_shown_with_arrows(client, editor, administration,
                                                                  tiny):  # fmt: skip
    before = start(editor, administration, tiny, title="Baseline")
    answer(editor, before, tiny, {"T-AEI-01": {"maturity": 1}, "T-AEI-02": {"maturity": 1}})
    now = start(editor, administration, tiny, title="Follow-up", previous=before)
    answer(editor, now, tiny, {"T-AEI-01": {"maturity": 3}})
    client.force_login(editor)
    html = client.get(reverse("results", args=[now.pk])).content.decode()
    # AEI before: 25; now: (225 + 25) / 4 = 62.5 -> +38 (rounded from 37.5)
    assert 'class="text-end trend-up">+38<' in html
    assert "Baseline" in html
    assert "Scores over assessments" in html  # the trend chart


def test_results_use_constant_queries(client, editor, administration, tiny, safe,
                                      django_assert_max_num_queries):  # fmt: skip
    client.force_login(editor)
    for framework in (tiny, safe):
        assessment = start(editor, administration, framework)
        changes = {x: ({"maturity": 2}, None) for x in framework.questions.filter(
            phase__number=1, answer_type="maturity")}  # fmt: skip
        services.save_answers(editor, assessment, changes)
        with django_assert_max_num_queries(22):
            assert client.get(reverse("results", args=[assessment.pk])).status_code == 200


def test_target_set_for_this_assessment_changes_the_gap(client, editor, assessment, tiny):
    question = q(tiny, "T-AEI-02")  # default target: level 3
    client.force_login(editor)
    data = {
        f"q{question.pk}-value": "2",
        f"q{question.pk}-version": 0,
        f"q{question.pk}-target": "4",
    }
    assert client.post(reverse("section", args=[assessment.pk, "AEI"]), data).status_code == 302
    assert assessment.answers.get(question=question).target == 4
    html = client.get(reverse("results", args=[assessment.pk])).content.decode()
    # gap = 100 - 50 = 50 points, weight 1, 2 standards: 0.5 x 1 x 1.25 = 0.62(5)
    assert "<strong>T-AEI-02</strong>" in html
    assert '<td class="text-end">100</td>' in html
