"""A section page people can live in: measured at 1,280 px on the largest SAFE 2021 Phase 1
section with every question answered (half below target, half at or above it).

The figures are printed (run with -s) so the report can quote them. On main before the first
rework the same measurement gave 16,316 px and 188 Tab stops (7.83 per question); after it,
8,785 px per 26 questions and 7.33 Tab stops per question. Now each card is the question with
its guidance in view (never a Tab stop), one radio group (levels, then "Not applicable" where
the content allows it), the support needed when the answer falls short of the target, and one
disclosure for what is rarely used (comment until there is one, own target, SAFE standards,
evidence and history). The issue's aims are held: at most 3 Tab stops per answered question
and at most 7,750 px per 26 questions."""

import time

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Answer, Question
from tests.browser.conftest import log_in
from tests.conftest import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PX_PER_26_QUESTIONS = 7_750  # at 1,280 px wide
MAX_TAB_STOPS_PER_QUESTION = 3


def answer_every_question(page: Page):
    """Tick level 1 on even cards and level 4 on odd ones, as a person clicking through."""
    cards = page.locator(".question-card")
    for i in range(cards.count()):
        radios = cards.nth(i).get_by_role("radio")
        radios.nth(1 if i % 2 == 0 else min(4, radios.count() - 1)).check()
    return cards.count()


def tab_stops_through_questions(page: Page):
    """Tab presses from just before the first question card to the row of buttons after the last."""
    page.locator(".question-card").first.evaluate(
        "card => { const b = document.createElement('button'); b.id = 'tab-start';"
        " card.before(b); b.focus(); }"
    )
    presses = 0
    while presses < 2_000:
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("!document.activeElement.closest('.question-card')"):
            return presses - 1
    raise AssertionError("Tab never left the questions")


def test_section_page_is_short_and_quick_to_tab_through(
    live_server, page: Page, coordinator, administration, safe
):
    assessment = start(coordinator, administration, safe)
    code = "RM"
    n = Question.objects.filter(
        framework=safe, phase__number=1, focus_area__code=code, retired=False
    ).count()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/{code}/")
    answered = answer_every_question(page)
    expect(page.locator(".save-status").last).to_contain_text("Saved")
    page.reload()
    height = page.evaluate("document.documentElement.scrollHeight")
    stops = tab_stops_through_questions(page)
    print(
        f"\nsection={code} questions={answered} height_px={height} "
        f"px_per_26_questions={round(height * 26 / answered)} tab_stops={stops} "
        f"tab_stops_per_question={stops / answered:.2f}"
    )
    assert answered == n
    assert height * 26 / answered <= MAX_PX_PER_26_QUESTIONS
    assert stops / answered <= MAX_TAB_STOPS_PER_QUESTION


def test_support_needed_appears_only_below_the_target(
    live_server, page: Page, editor, administration, tiny
):
    """T-AEI-01's default target is level 4: level 2 falls short, level 4 does not; lowering the
    assessment's own target to 2 (behind the card's disclosure) makes level 2 enough."""
    assessment = start(editor, administration, tiny)
    q = Question.objects.get(code="T-AEI-01")
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/AEI/")
    card = page.locator(f"#q-{q.pk}")
    support = card.get_by_label("Support needed to close the gap")
    expect(support).to_be_hidden()
    card.get_by_label("Level 4: All modes, enforced.").check()
    expect(support).to_be_hidden()
    card.get_by_label("Level 2: Sea cargo only.").check()
    expect(support).to_be_visible()
    support.select_option("technical")
    expect(card.locator(".save-status")).to_contain_text("Saved")
    target = card.get_by_label("Target level for this assessment")
    expect(target).to_be_hidden()
    card.get_by_text("Comment, target, standards and evidence").click()
    target.select_option("2")
    expect(support).to_be_visible()  # a support choice already made stays in view
    support.select_option("")
    expect(support).to_be_hidden()
    # The status still reads "Saved at …" from the save before while these two are on their
    # way: wait for the database to hold them before reloading.
    saved = Answer.objects.filter(assessment=assessment, question=q, target=2, support_needed="")
    deadline = time.monotonic() + 5
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    answer = Answer.objects.get(assessment=assessment, question=q)
    assert (answer.maturity, answer.target, answer.support_needed) == (2, 2, "")
    page.reload()
    expect(card.locator("details.question-more")).to_have_attribute("open", "")  # own target
