"""Reading is not editing: whoever may not change an assessment reads its answers as text,
never as greyed-out or live inputs."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from tests.conftest import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    question = tiny.questions.get(code="T-AEI-01")
    values = {"maturity": 3, "comment": "Road cargo next year.", "support_needed": "technical"}
    services.save_answers(editor, assessment, {question: (values, None)})
    return assessment


def section_html(client, user, assessment):
    client.force_login(user)
    response = client.get(reverse("section", args=[assessment.pk, "AEI"]))
    assert response.status_code == 200
    return response.content.decode()


def assert_read_only(html):
    assert "Level 3: Sea and air." in html  # the chosen level and its descriptor
    assert "Road cargo next year." in html
    assert "Technical assistance" in html
    for live in ("<input", "<textarea", '<select name="q', "hx-post", "disabled"):
        assert live not in html.split('class="card question-card"')[1].split("</main>")[0], live


def test_a_reviewer_reads_a_draft_as_text(client, reviewer, answered):
    assert_read_only(section_html(client, reviewer, answered))


def test_a_submitted_assessment_reads_as_text_for_its_own_editor(client, editor, answered):
    Assessment.objects.filter(pk=answered.pk).update(status=Assessment.Status.SUBMITTED)
    html = section_html(client, editor, answered)
    assert_read_only(html)
    assert "answers are read-only" in html


def test_the_editor_of_a_draft_gets_inputs(client, editor, answered):
    html = section_html(client, editor, answered)
    assert "hx-post" in html and "<textarea" in html
