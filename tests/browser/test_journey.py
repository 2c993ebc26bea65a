"""People's journeys through the real pages, in Chromium: answer, save, attach, submit, validate."""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments import services
from assessments.answer_forms import AnswerForm
from assessments.models import Answer, Assessment, Evidence, Question
from tests.browser.conftest import log_in, log_out
from tests.conftest import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = re.compile(r"Saved at \d\d:\d\d")


def question(code):
    return Question.objects.get(code=code)


def tab_to(page: Page, selector, limit=40):
    """Press Tab until the keyboard focus is on `selector`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    pytest.fail(f"{limit} Tabs never reached {selector}; focus is on {focused}")


def open_more(card):
    """Open the card's one disclosure: comment, own target, standards, evidence and history."""
    card.locator("summary").click()


def wait_for_autosaves(page: Page):
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def answer_in_setup(user, assessment, code, **values):
    """Answer through the service the views use, as if someone had done it earlier."""
    q = question(code)
    form = AnswerForm({f"q{q.pk}-{name}": value for name, value in values.items()}, question=q)
    assert form.is_valid(), form.errors
    services.save_answers(user, assessment, {q: (form.answer_values(), None)})


def test_editor_completes_a_section_by_keyboard_and_finds_it_autosaved(
    live_server, page: Page, editor, administration, tiny
):
    assessment = start(editor, administration, tiny)
    first, second = question("T-AEI-01"), question("T-AEI-02")
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Continue where you left off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Advance electronic cargo information"
    )

    # From here on, the keyboard only.
    tab_to(page, f"#id_q{first.pk}-value_0")
    page.keyboard.press("Space")  # level 0
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # level 3
    tab_to(page, f"#q-{first.pk} summary")  # "Comment, target, standards and evidence"
    page.keyboard.press("Enter")
    tab_to(page, f"#id_q{first.pk}-comment")
    page.keyboard.type("Sea and air since the 2024 code; road planned.")
    tab_to(page, f"#id_q{second.pk}-value_0")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # level 1
    tab_to(page, f"#q-{second.pk} summary")
    page.keyboard.press("Space")
    tab_to(page, f"#id_q{second.pk}-comment")
    page.keyboard.type("Checked by hand at the port.")
    page.keyboard.press("Tab")  # leaving the field is the change that autosaves it

    for q in (first, second):
        expect(page.locator(f"#status-{q.pk}")).to_have_text(SAVED)
    wait_for_autosaves(page)
    for q in (first, second):
        expect(page.locator(f"#status-{q.pk}")).to_have_text(SAVED)

    page.reload()
    expect(page.locator(f"#id_q{first.pk}-value_3")).to_be_checked()
    expect(page.locator(f"#id_q{first.pk}-comment")).to_have_value(
        "Sea and air since the 2024 code; road planned."
    )
    expect(page.locator(f"#id_q{second.pk}-value_1")).to_be_checked()
    expect(page.locator(f"#id_q{second.pk}-comment")).to_have_value("Checked by hand at the port.")

    stored = {a.question.code: a for a in Answer.objects.filter(assessment=assessment)}
    assert (stored["T-AEI-01"].maturity, stored["T-AEI-01"].comment) == (
        3,
        "Sea and air since the 2024 code; road planned.",
    )
    assert (stored["T-AEI-02"].maturity, stored["T-AEI-02"].comment) == (
        1,
        "Checked by hand at the port.",
    )
    assert {a.updated_by for a in stored.values()} == {editor}


def test_save_draft_keeps_na_without_reason_as_a_draft_and_keeps_the_typing(
    live_server, page: Page, editor, administration, tiny
):
    assessment = start(editor, administration, tiny)
    first, second = question("T-AEI-01"), question("T-AEI-02")
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/AEI/")

    first_card, second_card = page.locator(f"#q-{first.pk}"), page.locator(f"#q-{second.pk}")
    first_card.get_by_label("Level 2: Sea cargo only.").check()
    open_more(first_card)
    first_card.get_by_label("Comment").fill("Air cargo law in parliament.")
    second_card.get_by_label("Not applicable").check()
    open_more(second_card)
    second_card.get_by_label("Comment").fill("No automatic checks yet.")
    first_card.get_by_label("Support needed to close the gap").select_option("technical")
    expect(second_card.get_by_label("Support needed to close the gap")).to_be_hidden()
    wait_for_autosaves(page)
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("status").filter(has_text="still need a reason")).to_be_visible()
    expect(second_card).to_contain_text("N/A, reason still missing")
    expect(first_card.get_by_label("Level 2: Sea cargo only.")).to_be_checked()
    expect(first_card.get_by_label("Comment")).to_have_value("Air cargo law in parliament.")
    expect(second_card.get_by_label("Not applicable")).to_be_checked()
    expect(second_card.get_by_label("Why it does not apply")).to_be_visible()
    expect(second_card.get_by_label("Comment")).to_have_value("No automatic checks yet.")
    expect(first_card.get_by_label("Support needed to close the gap")).to_have_value("technical")
    answer = Answer.objects.get(assessment=assessment, question=second)
    assert (answer.not_applicable, answer.na_justification, answer.is_answered) == (
        True,
        "",
        False,
    )
    assert Answer.objects.get(assessment=assessment, question=first).support_needed == "technical"


def test_editor_attaches_a_pdf_and_a_fake_pdf_is_refused(
    live_server, page: Page, editor, administration, tiny, tmp_path
):
    assessment = start(editor, administration, tiny)
    q = question("T-AEI-01")
    pdf = tmp_path / "customs-code-2024.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    fake = tmp_path / "minutes.pdf"
    fake.write_text("Minutes of the steering committee, not a PDF at all.\n")
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/AEI/")
    open_more(page.locator(f"#q-{q.pk}"))
    page.locator(f"#q-{q.pk}").get_by_role("link", name="Evidence and history").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("T-AEI-01")

    page.get_by_label("Document").set_input_files(pdf)
    page.get_by_label("Title").fill("Customs code 2024")
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_role("status").filter(has_text="Evidence added.")).to_be_visible()
    expect(page.get_by_role("link", name="Customs code 2024")).to_be_visible()
    expect(page.get_by_text("customs-code-2024.pdf")).to_be_visible()

    page.get_by_label("Document").set_input_files(fake)
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("This type of file is not accepted")).to_be_visible()
    expect(page.get_by_label("Document")).to_have_attribute("aria-invalid", "true")
    assert list(Evidence.objects.values_list("original_name", "content_type")) == [
        ("customs-code-2024.pdf", "application/pdf")
    ]


def test_coordinator_submits_and_reviewer_validates(
    live_server, page: Page, coordinator, reviewer, administration, tiny
):
    assessment = start(coordinator, administration, tiny)
    answer_in_setup(coordinator, assessment, "T-AEO-01", value="2")
    answer_in_setup(coordinator, assessment, "T-AEO-02", value="yes")
    first, second = question("T-AEI-01"), question("T-AEI-02")

    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Continue where you left off").click()
    page.get_by_role("link", name=re.compile(r"^AEI\b")).click()  # the tab, with its progress
    page.locator(f"#q-{first.pk}").get_by_label("Level 4: All modes, enforced.").check()
    page.locator(f"#q-{second.pk}").get_by_label("Level 2: Some automatic checks.").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Check and submit").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status").filter(has_text="Submitted for review")).to_be_visible()
    expect(page.locator(".badge.fs-6")).to_have_text("Submitted")
    log_out(page)

    log_in(page, live_server, reviewer)
    page.get_by_role("region", name="Waiting for your review").get_by_role(
        "link", name=assessment.title
    ).click()
    page.get_by_label("Comments for the administration").fill("Clear and well evidenced.")
    page.get_by_role("button", name="Validate").click()
    expect(page.get_by_role("status").filter(has_text="Assessment validated.")).to_be_visible()
    expect(page.locator(".badge.fs-6")).to_have_text("Validated")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.VALIDATED
    assert assessment.review_comment == "Clear and well evidenced."
