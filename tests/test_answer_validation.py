"""What the answer form accepts: numbers by their kind, N/A only where the content allows it
and with a real reason. Errors carry stable codes."""

import pytest

from assessments.answer_forms import AnswerForm
from assessments.models import Question

pytestmark = pytest.mark.django_db


def form(question, **values):
    data = {f"q{question.pk}-{name}": value for name, value in values.items()}
    return AnswerForm(data, question=question)


def codes(bound, field):
    return {error.code for error in bound.errors.as_data().get(field, [])}


@pytest.fixture
def count_question(tiny):
    question = tiny.questions.get(code="T-ME-01")
    question.number_kind = Question.NumberKind.COUNT
    question.unit = "operators"
    return question


def test_a_count_refuses_decimals(count_question):
    assert codes(form(count_question, value="19.6"), "value") == {"whole_number"}
    assert codes(form(count_question, value="1", target="1.7"), "target") == {"whole_number"}
    assert form(count_question, value="19").is_valid()


@pytest.mark.parametrize(("value", "valid"), [("0", True), ("85.5", True), ("100", True),
                                              ("100.01", False), ("250", False)])  # fmt: skip
def test_a_percentage_lies_between_0_and_100(tiny, value, valid):
    question = tiny.questions.get(code="T-ME-01")
    assert question.number_kind == Question.NumberKind.PERCENTAGE
    bound = form(question, value=value)
    assert bound.is_valid() is valid
    if not valid:
        assert codes(bound, "value") == {"percentage_range"}


def test_the_target_field_says_whether_higher_or_lower_is_better(tiny):
    question = tiny.questions.get(code="T-ME-01")
    assert "higher is better" in str(form(question).fields["target"].label)


def test_not_applicable_is_refused_where_the_content_does_not_allow_it(tiny):
    question = tiny.questions.get(code="T-AEI-01")
    bound = form(question, not_applicable="on", na_justification="We do not do this at all.")
    assert codes(bound, "not_applicable") == {"na_not_allowed"}


@pytest.mark.parametrize(
    ("justification", "code"),
    [("", None), ("n/a", "na_justification_too_short"), ("No land border.", None)],
)  # fmt: skip
def test_not_applicable_reason_when_given_has_real_length(tiny, justification, code):
    # No reason yet is a draft that counts as not answered (`na_reason_missing`), not an error.
    question = tiny.questions.get(code="T-AEI-02")
    bound = form(question, not_applicable="on", na_justification=justification)
    assert bound.is_valid() is (code is None)
    if code:
        assert codes(bound, "na_justification") == {code}
