"""Next steps and the e-mails people wait on: coordinators when an assessment is fully
answered or returned, reviewers when one is submitted (English, then French)."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments import services
from assessments.models import Assessment

pytestmark = pytest.mark.django_db


def answer_all(user, assessment):
    questions = assessment.framework.questions.filter(phase=assessment.phase, retired=False)
    values = {q: ({"maturity": 2} if q.answer_type == "maturity" else {}, None) for q in questions}
    for question in questions:
        if question.answer_type == "yes_no":
            values[question] = ({"yes_no": True}, None)
        elif question.answer_type == "text":
            values[question] = ({"text": "Described."}, None)
    services.save_answers(user, assessment, values)


def test_coordinators_hear_once_when_the_last_question_is_answered(
    client, editor, coordinator, assessment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(editor, assessment)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "All questions of “Needs assessment 2026” are answered" in message.subject
    assert "Toutes les questions de « Needs assessment 2026 » ont une réponse" in message.subject
    assert "vérifiez-la et soumettez-la" in message.body
    assert f"/assessments/{assessment.pk}/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        question = assessment.framework.questions.get(code="T-AEI-01")
        services.save_answers(editor, assessment, {question: ({"maturity": 3}, None)})
    assert len(mail.outbox) == 1  # already complete: no second message

    client.force_login(editor)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "a coordinator of your administration checks and submits it" in html
    client.force_login(coordinator)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "Next step: check the answers and submit them for review." in html


def test_reviewers_hear_of_a_submission_and_coordinators_of_a_return(
    editor, coordinator, reviewer, assessment, django_capture_on_commit_callbacks
):
    answer_all(editor, assessment)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(coordinator, assessment)
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert "submitted for review" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_changes(reviewer, assessment, "See the notes.")
    assert mail.outbox[1].to == [coordinator.email]
    assert "returned for changes" in mail.outbox[1].subject
    assert Assessment.objects.get(pk=assessment.pk).status == "returned"
