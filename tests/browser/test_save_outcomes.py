"""What a person sees when a save on the section page does not go through: every outcome
is shown beside its question, nothing replaces the page, nothing typed is lost.

The live server runs with DEBUG off (pytest-django's default), as in production."""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.models import Answer, Question
from assessments.views import questionnaire
from tests.browser.conftest import log_in
from tests.conftest import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_section(page, live_server, assessment, code="AEI"):
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/{code}/")


def card(page, code):
    question = Question.objects.get(code=code)
    return page.locator(f"#q-{question.pk}"), question


def stored(assessment, question):
    return Answer.objects.filter(assessment=assessment, question=question).first()


@pytest.fixture(autouse=True)
def _patient_navigation(page: Page):
    """The first page a fresh live server serves can be slow on a busy machine."""
    page.set_default_navigation_timeout(20_000)


@pytest.fixture
def fast_retry(monkeypatch):
    monkeypatch.setattr(questionnaire, "AUTOSAVE_RETRY_SECONDS", 1)


def test_refused_autosave_shows_its_reason_beside_the_question(
    live_server, page: Page, editor, administration, tiny
):
    assessment = start(editor, administration, tiny, phase=3)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    box, question = card(page, "T-ME-01")
    box.get_by_label(re.compile("Share of maritime")).fill("-5")
    box.get_by_label(re.compile("Share of maritime")).press("Tab")
    expect(box.get_by_role("status")).to_contain_text("Not saved")
    expect(box.get_by_role("status")).to_contain_text("greater than or equal to 0")
    expect(page.get_by_role("heading", level=1)).to_be_visible()  # the page is still there
    expect(page.get_by_role("alert").filter(has_text="1 answer is not saved")).to_be_visible()
    assert stored(assessment, question) is None


@pytest.mark.parametrize("key", [None, "Space"], ids=["click", "space"])
def test_ticking_na_before_the_reason_saves_a_draft_and_asks_for_the_reason(
    live_server, page: Page, editor, administration, tiny, key
):
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    box, question = card(page, "T-AEI-02")
    reason = box.get_by_label("Why it does not apply")
    expect(reason).to_be_hidden()

    if key:
        box.get_by_label("Not applicable").focus()
        page.keyboard.press(key)
    else:
        box.get_by_label("Not applicable").check()

    expect(reason).to_be_visible()
    expect(box.get_by_role("status")).to_contain_text("N/A, reason still missing")
    answer = stored(assessment, question)
    assert (answer.not_applicable, answer.is_answered) == (True, False)
    reason.fill("No land borders.")
    reason.press("Tab")
    expect(box.get_by_role("status")).to_contain_text("Saved at")
    expect(box.get_by_role("status")).not_to_contain_text("reason still missing")
    assert stored(assessment, question).is_answered
    page.reload()
    expect(card(page, "T-AEI-02")[0].get_by_label("Why it does not apply")).to_have_value(
        "No land borders."
    )


def test_autosave_conflict_shows_both_answers_and_keep_mine_saves_mine(
    live_server, page: Page, editor, coordinator, administration, tiny
):
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    box, question = card(page, "T-AEI-01")
    services.save_answers(coordinator, assessment, {question: ({"maturity": 1}, None)})

    box.get_by_label("Level 3: Sea and air.").check()

    status = box.get_by_role("status")
    expect(status).to_contain_text("Coordinator changed this answer meanwhile")
    expect(status).to_contain_text("Level 1")
    expect(status).to_contain_text("Level 3")
    assert stored(assessment, question).maturity == 1
    box.get_by_role("button", name="Keep my answer").click()
    expect(status).to_contain_text("Saved at")
    assert stored(assessment, question).maturity == 3
    page.reload()
    expect(card(page, "T-AEI-01")[0].get_by_label("Level 3: Sea and air.")).to_be_checked()


def test_server_error_shows_not_saved_and_retries_by_itself(
    live_server, page: Page, editor, administration, tiny, monkeypatch, fast_retry
):
    assessment = start(editor, administration, tiny)
    real_save = services.save_answers
    calls = []

    def fails_first_time(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services, "save_answers", fails_first_time)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    box, question = card(page, "T-AEI-01")

    box.get_by_label("Level 2: Sea cargo only.").check()

    status = box.get_by_role("status")
    expect(status).to_contain_text("Not saved: the server had a problem.")
    expect(box.get_by_role("button", name="Retry")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="1 answer is not saved")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(status).to_contain_text("Saved at", timeout=10_000)
    expect(page.get_by_role("alert").filter(has_text="not saved")).to_be_hidden()
    assert stored(assessment, question).maturity == 2


def test_lost_connection_counts_unsaved_answers_and_saves_when_back(
    live_server, page: Page, editor, administration, tiny, fast_retry
):
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    first, q1 = card(page, "T-AEI-01")
    second, q2 = card(page, "T-AEI-02")

    page.context.set_offline(True)
    first.get_by_label("Level 4: All modes, enforced.").check()
    second.get_by_label("Level 1: Checked by hand.").check()

    expect(first.get_by_role("status")).to_contain_text("Not saved: the connection is lost.")
    expect(page.get_by_role("alert")).to_contain_text("2 answers are not saved yet.")
    assert stored(assessment, q1) is None
    page.context.set_offline(False)
    expect(first.get_by_role("status")).to_contain_text("Saved at", timeout=10_000)
    expect(second.get_by_role("status")).to_contain_text("Saved at", timeout=10_000)
    expect(page.get_by_role("alert").filter(has_text="not saved")).to_be_hidden()
    assert stored(assessment, q1).maturity == 4
    assert stored(assessment, q2).maturity == 1


def test_leaving_with_an_unsaved_answer_asks_first(
    live_server, page: Page, editor, administration, tiny
):
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    box, _question = card(page, "T-AEI-01")
    page.context.set_offline(True)
    box.get_by_label("Level 4: All modes, enforced.").check()
    expect(box.get_by_role("status")).to_contain_text("Not saved")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Overview").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Advance electronic cargo information"
    )


def test_save_draft_with_two_conflicts_is_resolved_in_one_step(
    live_server, page: Page, editor, coordinator, administration, tiny
):
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    open_section(page, live_server, assessment)
    first, q1 = card(page, "T-AEI-01")
    second, q2 = card(page, "T-AEI-02")
    services.save_answers(coordinator, assessment, {q1: ({"maturity": 1}, None)})
    services.save_answers(coordinator, assessment, {q2: ({"maturity": 2, "comment": "x"}, None)})

    first.get_by_label("Level 3: Sea and air.").check()
    first.locator("summary").click()  # comment, target, standards and evidence
    first.get_by_label("Comment").fill("Air since March; road next year.")
    second.get_by_label("Level 2: Some automatic checks.").check()
    second.locator("summary").click()
    second.get_by_label("Comment").fill("Checks at the main port only.")
    page.get_by_role("button", name="Save draft").click()

    conflicts = page.locator("#conflicts")
    expect(conflicts).to_contain_text("Someone else changed 2 of these answers")
    q2_choice = conflicts.locator(f"#conflict-{q2.pk}")
    expect(q2_choice.get_by_role("row")).to_have_count(2)  # header + the comment only
    expect(q2_choice).to_contain_text("Checks at the main port only.")
    expect(first.get_by_label("Comment")).to_have_value("Air since March; road next year.")
    conflicts.get_by_role("button", name="Keep mine for all").click()

    expect(page.get_by_role("status").filter(has_text="Saved 2 answer(s)")).to_be_visible()
    expect(page.locator("#conflicts")).to_have_count(0)
    a1, a2 = stored(assessment, q1), stored(assessment, q2)
    assert (a1.maturity, a1.comment) == (3, "Air since March; road next year.")
    assert (a2.maturity, a2.comment) == (2, "Checks at the main port only.")


def test_start_from_a_previous_assessment_refuses_another_phase_and_marks_copies(
    live_server, page: Page, editor, administration, tiny
):
    baseline = start(editor, administration, tiny, title="Baseline 2024")
    plan = start(editor, administration, tiny, phase=2, title="Plan 2025")
    question = Question.objects.get(code="T-AEI-01")
    services.save_answers(editor, baseline, {question: ({"maturity": 2}, None)})
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/administrations/{administration.pk}/start/")
    page.get_by_label("Title").fill("Follow-up 2026")
    page.get_by_label("Start from a previous assessment").select_option(str(plan.pk))
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_text("“Plan 2025” is a Phase 2 assessment")).to_be_visible()
    page.get_by_label("Start from a previous assessment").select_option(str(baseline.pk))
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("status").filter(has_text="1 answer(s) carried over")).to_be_visible()
    page.get_by_role("link", name="Advance electronic cargo information").click()
    box = page.locator(f"#q-{question.pk}")
    expect(box).to_contain_text("Carried over from Baseline 2024: confirm or change.")
    box.get_by_role("button", name="Confirm").click()
    expect(box).to_contain_text("Confirmed")
    follow_up = Answer.objects.get(question=question, assessment__title="Follow-up 2026")
    assert (follow_up.maturity, follow_up.carried_over_from) == (2, None)
