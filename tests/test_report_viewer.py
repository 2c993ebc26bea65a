"""Who asks for a report decides what it compares with: a donor's report never mentions an
earlier assessment that was not shared with donors, even when a reviewer's report of the same
version is already cached."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from assessments.models import Assessment
from tests.conftest import start
from tests.test_pdf_report import answer, text_of


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def shared_with_hidden_earlier(editor, administration, tiny):
    earlier = start(editor, administration, tiny, title="Confidential review 2024")
    answer(editor, earlier)
    Assessment.objects.filter(pk=earlier.pk).update(
        status=Assessment.Status.VALIDATED,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        shared_with_donors=False,
    )
    current = start(editor, administration, tiny, title="Needs assessment 2026")
    answer(editor, current)
    Assessment.objects.filter(pk=current.pk).update(
        status=Assessment.Status.VALIDATED, shared_with_donors=True
    )
    return current


def download(client, user, assessment, name="report_pdf"):
    client.force_login(user)
    response = client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    return response.content


def test_donor_pdf_does_not_mention_a_non_shared_earlier_assessment(
    client, reviewer, donor, shared_with_hidden_earlier
):
    reviewers = text_of(download(client, reviewer, shared_with_hidden_earlier))
    donors = text_of(download(client, donor, shared_with_hidden_earlier))

    assert "Confidential review 2024" in reviewers  # the reviewer's report, now cached
    assert "Confidential review 2024" not in donors
    assert "Needs assessment 2026" in donors


def test_donor_word_report_does_not_mention_a_non_shared_earlier_assessment(
    client, reviewer, donor, shared_with_hidden_earlier
):
    from tests.test_word_report import all_text, document

    reviewers = all_text(
        document(download(client, reviewer, shared_with_hidden_earlier, "report_docx"))
    )
    donors = all_text(document(download(client, donor, shared_with_hidden_earlier, "report_docx")))

    assert "Confidential review 2024" in reviewers
    assert "Confidential review 2024" not in donors
