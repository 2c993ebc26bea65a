"""The section page keeps each editable question card in the cache (templatetags/
question_cards.py): a cached page must be the page written fresh, and a card must follow every
change it shows."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments import services
from assessments.models import Answer, ReviewNote
from tests.conftest import start

pytestmark = pytest.mark.django_db


def page(client, assessment, code="AEI"):
    response = client.get(reverse("section", args=[assessment.pk, code]))
    assert response.status_code == 200
    html = response.content.decode()
    # Masked CSRF tokens and CSP nonces differ on every response; nothing else may.
    html = re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', r"\1", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def card(html, question):
    start_at = html.index(f'id="q-{question.pk}"')
    return html[start_at : html.index("</section>", start_at)]


@pytest.fixture
def answered(editor, assessment, tiny):
    first, second = tiny.questions.filter(focus_area__code="AEI").order_by("order")[:2]
    services.save_answers(
        editor, assessment, {first: ({"maturity": 2, "comment": "Sea only"}, 0), second: ({}, 0)}
    )
    return first


def test_a_page_from_the_cache_is_the_page_written_fresh(client, editor, assessment, answered):
    client.force_login(editor)
    fresh = page(client, assessment)
    cached = page(client, assessment)
    cache.clear()
    assert cached == fresh == page(client, assessment)
    assert re.search(r'value="2" id="[^"]+" checked', card(cached, answered))
    assert "Sea only" in card(cached, answered)


def test_a_card_follows_a_new_answer(client, editor, assessment, answered):
    client.force_login(editor)
    before = card(page(client, assessment), answered)
    assert "Sea only" in before
    version = Answer.objects.get(question=answered).version
    services.save_answers(
        editor, assessment, {answered: ({"maturity": 4, "comment": "All modes now"}, version)}
    )
    after = card(page(client, assessment), answered)
    assert "All modes now" in after and "Sea only" not in after
    assert re.search(r'value="4" id="[^"]+" checked', after)
    assert f'value="{version + 1}"' in after  # the version the next autosave sends


def test_a_card_follows_new_evidence(client, editor, assessment, answered):
    client.force_login(editor)
    assert "Customs code, art. 12" not in card(page(client, assessment), answered)
    services.add_evidence(
        editor, assessment, answered, url="https://example.org/code", title="Customs code, art. 12"
    )
    assert "Customs code, art. 12" in card(page(client, assessment), answered)


def test_a_card_follows_a_confirmed_carry_over(
    client, editor, administration, tiny, assessment, answered
):
    client.force_login(editor)
    later = start(editor, administration, tiny, title="Later", previous=assessment)
    assert "Carried over from" in card(page(client, later), answered)
    services.confirm_carried_over(editor, later, [answered])
    assert "Carried over from" not in card(page(client, later), answered)


def test_cards_with_reviewer_notes_are_written_fresh(
    client, editor, reviewer, assessment, answered
):
    client.force_login(editor)
    page(client, assessment)
    ReviewNote.objects.create(
        assessment=assessment, question=answered, author=reviewer, text="Which ports?"
    )
    assert "Which ports?" in card(page(client, assessment), answered)
