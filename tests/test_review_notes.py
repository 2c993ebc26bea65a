"""Reviewer notes per question: added while reviewing, listed on return, shown to the editor,
kept in the history."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Assessment, ReviewNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUBMITTED)
    assessment.refresh_from_db()
    return assessment


def note_url(assessment, question):
    return reverse("add_note", args=[assessment.pk, question.pk])


def test_a_reviewer_notes_a_question_and_the_editor_reads_it_after_the_return(
    client, reviewer, editor, submitted, tiny
):
    question = tiny.questions.get(code="T-AEI-02")
    client.force_login(reviewer)
    section = client.get(reverse("section", args=[submitted.pk, "AEI"])).content.decode()
    assert "Note for the administration" in section
    response = client.post(note_url(submitted, question), {"text": "Which ports check by hand?"})
    assert response.status_code == 302
    overview = client.get(reverse("assessment_detail", args=[submitted.pk])).content.decode()
    assert "Questions with reviewer notes:" in overview and "T-AEI-02" in overview
    services.return_for_changes(reviewer, submitted, "See the notes.")

    client.force_login(editor)
    overview = client.get(reverse("assessment_detail", args=[submitted.pk])).content.decode()
    assert "Questions with reviewer notes:" in overview
    section = client.get(reverse("section", args=[submitted.pk, "AEI"])).content.decode()
    assert "Which ports check by hand?" in section
    assert "Note for the administration" not in section
    history = client.get(reverse("history", args=[submitted.pk])).content.decode()
    assert "Which ports check by hand?" in history


def test_an_empty_note_is_refused_and_nothing_is_stored(client, reviewer, submitted, tiny):
    question = tiny.questions.get(code="T-AEI-02")
    client.force_login(reviewer)
    response = client.post(note_url(submitted, question), {"text": "   "}, follow=True)
    assert "The note is empty" in response.content.decode()
    assert not ReviewNote.objects.exists()


@pytest.mark.parametrize("who", ["editor", "coordinator", "donor"])
def test_only_reviewers_add_notes(client, request, submitted, tiny, who):
    question = tiny.questions.get(code="T-AEI-02")
    client.force_login(request.getfixturevalue(who))
    response = client.post(note_url(submitted, question), {"text": "x"})
    assert response.status_code in (403, 404)
    assert not ReviewNote.objects.exists()


def test_no_note_on_a_draft(client, reviewer, assessment, tiny):
    question = tiny.questions.get(code="T-AEI-02")
    client.force_login(reviewer)
    assert client.post(note_url(assessment, question), {"text": "x"}).status_code == 403
