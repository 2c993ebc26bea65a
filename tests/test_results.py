"""The results page: scores, bands, charts with their numbers, gaps and comparison."""

from datetime import date

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment, Evidence
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
    # Overall: (150 + 100 + 50 + 100) / 7 = 57.14 -> 57, developing (level 2 is 37.5 to 62.5)
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
    assert '<div class="display-6" id="overall-index">57<span' in html
    assert '<strong id="overall-band">Developing</strong>' in html
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
    assert '<div class="display-6" id="overall-index">75*<span' in html


def test_change_since_the_earlier_assessment_is_shown_with_arrows(client, editor, administration,
                                                                  tiny):  # fmt: skip
    before = start(editor, administration, tiny, title="Baseline")
    answer(editor, before, tiny, {"T-AEI-01": {"maturity": 1}, "T-AEI-02": {"maturity": 1}})
    make(before, "submitted", 2025)
    now = start(editor, administration, tiny, title="Follow-up", previous=before)
    answer(editor, now, tiny, {"T-AEI-01": {"maturity": 3}})
    client.force_login(editor)
    html = client.get(reverse("results", args=[now.pk])).content.decode()
    # AEI before: 25; now: (225 + 25) / 4 = 62.5 -> +38 (rounded from 37.5)
    assert 'class="text-end trend-up">+38<' in html
    assert "Baseline (2025, submitted)" in html  # labelled with its status
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


def make(assessment, status, year):
    """Give an assessment a status and a reference period (the year it describes)."""
    Assessment.objects.filter(pk=assessment.pk).update(
        status=status, period_start=date(year, 1, 1), period_end=date(year, 12, 31)
    )
    assessment.refresh_from_db()
    return assessment


def results_html(client, user, assessment):
    client.force_login(user)
    response = client.get(reverse("results", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_all_answers_at_level_2_read_developing_with_level_achieved_2(client, editor, assessment,
                                                                    tiny):  # fmt: skip
    answer(editor, assessment, tiny, {
        code: {"maturity": 2} for code in ("T-AEI-01", "T-AEI-02", "T-AEO-01")
    } | {"T-AEO-02": {"yes_no": False}})  # fmt: skip
    html = results_html(client, editor, assessment)
    # (3 x 50 + 1 x 50 + 2 x 50 + 0) / 7 = 42.86: level 2, "Developing"; 9 of 10 at level >= 2?
    # No: 3 of 4 answers reach level 2, fewer than 90 %, so the level achieved is 0.
    assert '<strong id="overall-band">Developing</strong>' in html
    assert '<dd class="d-inline" id="level-achieved">Level 0</dd>' in html
    # Nobody said what support the gaps need: they are not classified, not silently B.
    assert 'id="gap-classes">A 0 · B 0 · C 0<' in html
    assert "4 gaps not classified: support needed not stated" in html


def test_confidence_shows_what_the_scores_rest_on(client, editor, reviewer, assessment, tiny):
    answer(editor, assessment, tiny, {"T-AEI-01": {"maturity": 3}, "T-AEI-02": {"maturity": 3}})
    first = assessment.answers.get(question__code="T-AEI-01")
    Evidence.objects.create(answer=first, url="https://example.org/law", title="Law")
    html = results_html(client, editor, assessment)
    expected = "50 % evidence · 0 % validated · 50 % self-declared"
    assert f'id="overall-confidence">{expected}<' in html
    make(assessment, "validated", 2026)
    html = results_html(client, reviewer, assessment)
    assert 'id="overall-confidence">0 % evidence · 100 % validated · 0 % self-declared<' in html


def test_level_achieved_and_progress_to_target_are_shown_beside_the_index(
    client, editor, assessment, tiny
):
    answer(editor, assessment, tiny, {
        "T-AEI-01": {"maturity": 4}, "T-AEI-02": {"maturity": 3},
        "T-AEO-01": {"maturity": 3}, "T-AEO-02": {"yes_no": True},
    })  # fmt: skip
    html = results_html(client, editor, assessment)
    # Every answer reaches level 3 at least; every target (4, 3, 3, yes) is met.
    assert '<dd class="d-inline" id="level-achieved">Level 3</dd>' in html
    assert '<dd class="d-inline" id="to-target">100 %</dd>' in html


def test_not_applicable_questions_are_counted_and_listed(client, editor, assessment, tiny):
    answer(editor, assessment, tiny, {
        "T-AEI-01": {"maturity": 4, "not_applicable": True, "na_justification": "Not for us."},
        "T-AEI-02": {"not_applicable": True, "na_justification": "No land border at all."},
        "T-AEO-01": {"maturity": 4}, "T-AEO-02": {"yes_no": True},
    })  # fmt: skip
    html = results_html(client, editor, assessment)
    assert 'id="na-count">1 not applicable · 1 mandatory question left<' in html
    assert "No land border at all." in html
    # T-AEI-01 does not allow N/A: it is listed as counted unanswered and keeps the index
    # provisional even though everything else is at the top.
    assert "Not applicable is not allowed for this question: counted as not answered." in html
    assert '<div class="display-6" id="overall-index">100*<span' in html


def test_reviewer_rejects_a_not_applicable_and_the_index_becomes_provisional(
    client, editor, reviewer, assessment, tiny
):
    answer(editor, assessment, tiny, {
        "T-AEI-01": {"maturity": 4},
        "T-AEI-02": {"not_applicable": True, "na_justification": "No land border at all."},
        "T-AEO-01": {"maturity": 4}, "T-AEO-02": {"yes_no": True},
    })  # fmt: skip
    make(assessment, "submitted", 2026)
    html = results_html(client, reviewer, assessment)
    assert "Reject this N/A" in html and '<div class="display-6" id="overall-index">100<' in html
    question = q(tiny, "T-AEI-02")
    url = reverse("reject_not_applicable", args=[assessment.pk, question.pk])

    assert client.post(url, {"reason": ""}).status_code == 302  # refused: nothing changes
    assert Answer.objects.get(question=question).not_applicable is True
    response = client.post(url, {"reason": "There is a road border with Ghana."}, follow=True)

    stored = Answer.objects.get(question=question)
    assert not stored.not_applicable and stored.na_rejection == "There is a road border with Ghana."
    html = response.content.decode()
    assert "N/A rejected for T-AEI-02" in html
    assert '<div class="display-6" id="overall-index">100*<span' in html
    assert assessment.changes.filter(question=question).count() == 2


def test_comparison_ignores_drafts_and_later_periods(client, editor, administration, tiny):
    older = start(editor, administration, tiny, title="Validated 2024")
    answer(editor, older, tiny, {"T-AEI-01": {"maturity": 1}})
    make(older, "validated", 2024)
    draft = make(start(editor, administration, tiny, title="Draft 2025"), "draft", 2025)
    answer(editor, draft, tiny, {"T-AEI-01": {"maturity": 4}})
    later = make(start(editor, administration, tiny, title="Submitted 2027"), "submitted", 2027)
    now = start(editor, administration, tiny, title="Now 2026")
    answer(editor, now, tiny, {"T-AEI-01": {"maturity": 3}})
    make(now, "submitted", 2026)

    html = results_html(client, editor, now)

    assert "Validated 2024 (2024, validated)" in html
    assert "Draft 2025" not in html and later.title not in html
    assert 'class="text-end trend-up">+50<' in html  # AEI: 25 -> 75


def test_donor_only_sees_comparisons_with_assessments_shared_with_donors(
    client, editor, donor, administration, tiny
):
    hidden = start(editor, administration, tiny, title="Internal 2024")
    answer(editor, hidden, tiny, {"T-AEI-01": {"maturity": 1}})
    make(hidden, "validated", 2024)
    now = start(editor, administration, tiny, title="Shared 2026")
    answer(editor, now, tiny, {"T-AEI-01": {"maturity": 3}})
    Assessment.objects.filter(pk=now.pk).update(shared_with_donors=True)
    make(now, "validated", 2026)

    assert "Internal 2024" in results_html(client, editor, now)
    html = results_html(client, donor, now)
    assert "Internal 2024" not in html
    assert "No earlier assessment of this phase yet." in html


@pytest.mark.parametrize(
    ("phase", "title"),
    [(1, "SAFE readiness: results"), (2, "Implementation capacity: results"),
     (3, "Implementation progress: results")],
)  # fmt: skip
def test_each_phase_names_its_own_result(client, editor, administration, tiny, phase, title):
    assessment = start(editor, administration, tiny, phase=phase)
    html = results_html(client, editor, assessment)
    assert f'<h1 class="h2">{title}</h1>' in html
    if phase != 1:
        assert "SAFE readiness index" not in html and "SAFE readiness:" not in html
        assert 'id="no-standard-scores"' in html


def test_submit_page_lists_gaps_whose_support_is_not_stated(client, editor, coordinator,
                                                            assessment, tiny):  # fmt: skip
    answer(editor, assessment, tiny, {
        "T-AEI-01": {"maturity": 1},  # below target 4, support not stated
        "T-AEO-01": {"maturity": 1, "support_needed": "legal"},  # class B: not a to-do
    })  # fmt: skip
    client.force_login(coordinator)
    html = client.get(reverse("submit", args=[assessment.pk])).content.decode()
    assert "To do: say what support each gap needs" in html
    todo = html[html.index('id="unclassified-gaps"') :]
    assert "T-AEI-01" in todo and "T-AEO-01" not in todo


def test_results_read_in_french(client, editor, assessment, tiny):
    answer(editor, assessment, tiny, {"T-AEI-01": {"maturity": 0}, "T-AEO-01": {"maturity": 1}})
    client.force_login(editor)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    html = client.get(reverse("results", args=[assessment.pk])).content.decode()
    assert "Préparation SAFE : résultats" in html
    assert "Indice de préparation SAFE" in html
    assert "2 écarts non classés : appui nécessaire non indiqué" in html
    assert "0 % étayé · 0 % validé · 100 % déclaratif" in html


def test_demo_shows_a_not_applicable_to_review_and_whole_counts(client, regions, safe, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    counts = Answer.objects.filter(question__number_kind="count", number__isnull=False)
    assert counts.exists() and all(a.number == int(a.number) for a in counts)
    kenya = Assessment.objects.get(status="submitted", administration__country="KE")
    reviewer = get_user_model().objects.get(username="reviewer")
    html = results_html(client, reviewer, kenya)
    assert "Bulk cargo is cleared elsewhere." in html and "Reject this N/A" in html


def test_phase_3_shows_its_phase_1_readiness_baseline(client, editor, administration, tiny):
    needs = start(editor, administration, tiny, title="Needs 2024")
    answer(editor, needs, tiny, {
        "T-AEI-01": {"maturity": 2}, "T-AEI-02": {"maturity": 2},
        "T-AEO-01": {"maturity": 2}, "T-AEO-02": {"yes_no": False},
    })  # fmt: skip
    make(needs, "validated", 2024)
    draft_needs = make(start(editor, administration, tiny, title="Needs draft"), "draft", 2025)
    monitoring = start(editor, administration, tiny, phase=3, title="Monitoring 2026")
    html = results_html(client, editor, monitoring)
    # (3 x 50 + 50 + 2 x 50 + 0) / 7 = 42.86 -> 43, the readiness of the validated Phase 1
    baseline = html[html.index('id="readiness-baseline"') :]
    assert "Phase 1 baseline: Needs 2024 (2024, validated), SAFE readiness index 43" in baseline
    assert draft_needs.title not in html
