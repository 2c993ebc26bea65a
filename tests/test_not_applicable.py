"""Which questions may be N/A comes from the content (Question.na_allowed)."""

import pytest
from django.urls import reverse

from assessments.models import Answer

pytestmark = pytest.mark.django_db


def test_na_is_offered_only_where_the_content_allows_it(client, editor, assessment, tiny):
    allowed, not_allowed = tiny.questions.get(code="T-AEI-02"), tiny.questions.get(code="T-AEI-01")
    client.force_login(editor)
    html = client.get(reverse("section", args=[assessment.pk, "AEI"])).content.decode()
    assert f'name="q{allowed.pk}-not_applicable"' in html
    assert f'name="q{not_allowed.pk}-not_applicable"' not in html


def test_na_on_a_question_that_does_not_allow_it_is_refused(client, editor, assessment, tiny):
    question = tiny.questions.get(code="T-AEI-01")
    client.force_login(editor)
    url = reverse("autosave", args=[assessment.pk, question.pk])
    data = {f"q{question.pk}-not_applicable": "on", f"q{question.pk}-na_justification": "x"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].has_error("not_applicable", code="na_not_allowed")
    assert not Answer.objects.exists()
