"""Lose nothing, refuse nothing wrongly: a save that was committed but never acknowledged (the
worker died before answering) must not turn the person's next save into a conflict with
themselves; under contention a person wins by choosing "Keep my answer", not by racing."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, AnswerChange
from tests.test_assessments import fields, q

pytestmark = pytest.mark.django_db


def autosave(client, assessment, question, value, version, **extra):
    url = reverse("autosave", args=[assessment.pk, question.pk])
    return client.post(url, fields(question, value, version=version) | extra)


def test_resending_an_unacknowledged_save_is_not_a_conflict(client, editor, assessment, tiny):
    question = q(tiny, "T-AEI-01")
    client.force_login(editor)
    assert autosave(client, assessment, question, "2", 0).status_code == 200  # reply lost
    response = autosave(client, assessment, question, "2", 0)  # the page still says version 0
    assert response.status_code == 200
    answer = Answer.objects.get(question=question)
    assert (answer.maturity, answer.version) == (2, 1)
    assert AnswerChange.objects.filter(question=question).count() == 1


def test_a_further_change_after_an_unacknowledged_save_is_saved(client, editor, assessment,
                                                                 tiny):  # fmt: skip
    question = q(tiny, "T-AEI-01")
    client.force_login(editor)
    autosave(client, assessment, question, "2", 0)  # committed, reply lost
    response = autosave(client, assessment, question, "3", 0)  # changed again, still version 0
    assert response.status_code == 200, response.content.decode()
    answer = Answer.objects.get(question=question)
    assert (answer.maturity, answer.version) == (3, 2)


def test_someone_elses_change_in_between_is_still_a_conflict(client, editor, coordinator,
                                                             assessment, tiny):  # fmt: skip
    question = q(tiny, "T-AEI-01")
    client.force_login(editor)
    autosave(client, assessment, question, "2", 0)  # editor: committed, reply lost
    services.save_answers(coordinator, assessment, {question: ({"maturity": 4}, 1)})
    response = autosave(client, assessment, question, "3", 0)
    assert response.status_code == 409
    assert Answer.objects.get(question=question).maturity == 4


def test_under_contention_a_person_wins_by_choosing(client, editor, coordinator, assessment,
                                                    tiny):  # fmt: skip
    """Others keep saving; the editor's 'Keep my answer' succeeds at the first try."""
    question = q(tiny, "T-AEI-01")
    for level, version in ((1, 0), (2, 1), (3, 2)):
        services.save_answers(coordinator, assessment, {question: ({"maturity": level}, version)})
    client.force_login(editor)
    conflict = autosave(client, assessment, question, "0", 0)
    assert conflict.status_code == 409 and "Keep my answer" in conflict.content.decode()
    services.save_answers(coordinator, assessment, {question: ({"maturity": 4}, 3)})  # again
    kept = autosave(client, assessment, question, "0", 0, force=question.pk)
    assert kept.status_code == 200
    assert Answer.objects.get(question=question).maturity == 0
