"""The questionnaire as reports read it is kept in the cache by content version
(selectors/questionnaires.py): loading new content must be seen at once."""

import pytest

from assessments.content import load_content
from assessments.models import Assessment
from assessments.selectors import scoring_questions
from tests.conftest import start
from tests.test_content_loader import tiny_with

pytestmark = pytest.mark.django_db


def read(assessment):
    """As the reports read it: with its framework (what the cache key is made of)."""
    return Assessment.objects.select_related("framework").get(pk=assessment.pk)


def test_new_content_is_read_at_once(tmp_path, editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    _records, by_id = scoring_questions(read(assessment))
    texts = {q.code: q.text for q in by_id.values()}
    assert texts["T-AEI-01"] == "Is there a legal basis for advance cargo data?"
    load_content(
        tiny_with(tmp_path, "Is there a legal basis for advance", "Is there a law on advance")
    )
    _records, by_id = scoring_questions(read(assessment))
    texts = {q.code: q.text for q in by_id.values()}
    assert texts["T-AEI-01"] == "Is there a law on advance cargo data?"


def test_the_cached_questionnaire_is_the_one_built(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    first = scoring_questions(read(assessment))
    second = scoring_questions(read(assessment))  # from the cache
    assert second[0] == first[0]
    assert [(q.pk, q.code, q.focus_area.code, q.standard_codes) for q in second[1].values()] == [
        (q.pk, q.code, q.focus_area.code, q.standard_codes) for q in first[1].values()
    ]
