"""Which questions may be N/A comes from the content (Question.na_allowed)."""

import pytest
from django.urls import reverse

from assessments.models import Answer

pytestmark = pytest.mark.django_db


def test_na_is_offered_only_where_the_content_allows_it(client, editor, assessment, tiny):
    allowed, not_allowed = tiny.questions.get(code="T-AEI-02"), tiny.questions.get(code="T-AEI-01")
    client.force_login(editor)
    html = client.get(reverse("section", args=[assessment.pk, "AEI"])).content.decode()
    # "Not applicable" is the last option of the levels' radio group
    assert f'name="q{allowed.pk}-value" value="na" id="id_q{allowed.pk}-not_applicable"' in html
    assert f'id="id_q{not_allowed.pk}-not_applicable"' not in html


def test_choosing_na_in_the_levels_saves_a_draft_until_the_reason_is_given(
    client, editor, assessment, tiny
):
    question = tiny.questions.get(code="T-AEI-02")
    client.force_login(editor)
    url = reverse("autosave", args=[assessment.pk, question.pk])
    response = client.post(url, {f"q{question.pk}-value": "na"})
    assert response.status_code == 200
    assert "N/A, reason still missing" in response.content.decode()
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.not_applicable, answer.maturity, answer.is_answered) == (True, None, False)
    reason = {f"q{question.pk}-value": "na", f"q{question.pk}-na_justification": "No land borders."}
    client.post(url, {**reason, f"q{question.pk}-version": answer.version})
    answer.refresh_from_db()
    assert (answer.not_applicable, answer.is_answered) == (True, True)
    html = client.get(reverse("section", args=[assessment.pk, "AEI"])).content.decode()
    assert f'value="na" id="id_q{question.pk}-not_applicable" checked' in html


def test_na_in_the_levels_where_the_content_does_not_allow_it_is_refused(
    client, editor, assessment, tiny
):
    question = tiny.questions.get(code="T-AEI-01")
    client.force_login(editor)
    url = reverse("autosave", args=[assessment.pk, question.pk])
    response = client.post(url, {f"q{question.pk}-value": "na"})
    assert response.status_code == 400
    assert response.context["form"].has_error("not_applicable", code="na_not_allowed")
    assert not Answer.objects.exists()


def test_na_on_a_question_that_does_not_allow_it_is_refused(client, editor, assessment, tiny):
    question = tiny.questions.get(code="T-AEI-01")
    client.force_login(editor)
    url = reverse("autosave", args=[assessment.pk, question.pk])
    data = {f"q{question.pk}-not_applicable": "on", f"q{question.pk}-na_justification": "x"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].has_error("not_applicable", code="na_not_allowed")
    assert not Answer.objects.exists()
