"""Answers carried over from an earlier assessment: same phase only, marked until someone
confirms or changes them, counted wherever the assessment is summed up."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Assessment
from tests.conftest import start

pytestmark = pytest.mark.django_db


def q(framework, code):
    return framework.questions.get(code=code)


@pytest.fixture
def baseline(editor, administration, tiny):
    first = start(editor, administration, tiny, title="Baseline 2024")
    services.save_answers(
        editor,
        first,
        {
            q(tiny, "T-AEI-01"): ({"maturity": 2}, None),
            q(tiny, "T-AEI-02"): ({"maturity": 1}, None),
            q(tiny, "T-AEO-01"): ({"maturity": 3}, None),
        },
    )
    return first


def start_form(tiny, phase, previous):
    return {
        "framework": tiny.pk,
        "phase": phase,
        "title": "Follow-up 2026",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "previous": previous.pk,
    }


def test_a_start_from_another_phase_is_refused_with_a_clear_reason(
    client, editor, administration, tiny
):
    phase2 = start(editor, administration, tiny, phase=2, title="Plan 2025")
    client.force_login(editor)
    url = reverse("assessment_start", args=[administration.pk])
    response = client.post(url, start_form(tiny, 1, phase2))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("previous", code="other_phase")
    assert "“Plan 2025” is a Phase 2 assessment" in response.content.decode()
    assert not Assessment.objects.filter(title="Follow-up 2026").exists()


def test_the_service_refuses_another_phase_too(editor, administration, tiny):
    phase2 = start(editor, administration, tiny, phase=2)
    with pytest.raises(Exception, match="Phase 1") as error:
        start(editor, administration, tiny, phase=1, previous=phase2)
    assert error.value.code == "other_phase"


def test_copied_answers_are_marked_and_counted_as_unconfirmed(
    client, editor, coordinator, administration, tiny, baseline
):
    client.force_login(editor)
    url = reverse("assessment_start", args=[administration.pk])
    response = client.post(url, start_form(tiny, 1, baseline), follow=True)
    follow_up = Assessment.objects.get(title="Follow-up 2026")
    assert set(follow_up.answers.values_list("carried_over_from", flat=True)) == {baseline.pk}
    html = response.content.decode()
    assert "3 answer(s) carried over" in html
    assert "3 answers carried over from an earlier assessment are not confirmed yet" in html
    section = client.get(reverse("section", args=[follow_up.pk, "AEI"])).content.decode()
    assert section.count("Carried over from Baseline 2024: confirm or change.") == 2
    results = client.get(reverse("results", args=[follow_up.pk])).content.decode()
    assert "3 answers carried over" in results
    client.force_login(coordinator)
    submit = client.get(reverse("submit", args=[follow_up.pk])).content.decode()
    assert "3 answers carried over" in submit


def test_changing_an_answer_clears_its_mark(editor, administration, tiny, baseline):
    follow_up = start(editor, administration, tiny, previous=baseline)
    question = q(tiny, "T-AEI-01")
    services.save_answers(editor, follow_up, {question: ({"maturity": 3}, None)})
    marks = dict(follow_up.answers.values_list("question__code", "carried_over_from"))
    assert marks == {"T-AEI-01": None, "T-AEI-02": baseline.pk, "T-AEO-01": baseline.pk}


def test_saving_an_answer_unchanged_keeps_its_mark(editor, administration, tiny, baseline):
    follow_up = start(editor, administration, tiny, previous=baseline)
    question = q(tiny, "T-AEI-01")
    services.save_answers(editor, follow_up, {question: ({"maturity": 2}, None)})
    assert Answer.objects.get(assessment=follow_up, question=question).carried_over_from == baseline


def test_confirm_this_section_confirms_only_its_answers(
    client, editor, administration, tiny, baseline
):
    follow_up = start(editor, administration, tiny, previous=baseline)
    client.force_login(editor)
    response = client.post(reverse("confirm_section", args=[follow_up.pk, "AEI"]), follow=True)
    assert "2 carried-over answer(s) confirmed." in response.content.decode()
    marks = dict(follow_up.answers.values_list("question__code", "carried_over_from"))
    assert marks == {"T-AEI-01": None, "T-AEI-02": None, "T-AEO-01": baseline.pk}
    overview = client.get(reverse("assessment_detail", args=[follow_up.pk])).content.decode()
    assert "1 answer carried over from an earlier assessment is not confirmed yet" in overview


def test_confirm_one_question_by_htmx_answers_a_fragment(
    client, editor, administration, tiny, baseline
):
    follow_up = start(editor, administration, tiny, previous=baseline)
    question = q(tiny, "T-AEI-02")
    client.force_login(editor)
    response = client.post(
        reverse("confirm_section", args=[follow_up.pk, "AEI"]),
        {"question": question.pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Confirmed" in response.content.decode()
    assert Answer.objects.get(assessment=follow_up, question=question).carried_over_from is None
    assert follow_up.answers.filter(carried_over_from__isnull=False).count() == 2


def test_the_report_data_counts_unconfirmed_answers(editor, administration, tiny, baseline):
    from assessments.reports.data import build_report_data

    follow_up = start(editor, administration, tiny, previous=baseline)
    assert build_report_data(follow_up).carried_over_unconfirmed == 3
