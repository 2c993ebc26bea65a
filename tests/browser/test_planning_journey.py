"""The Phase 2 journey in Chromium: a validated needs assessment becomes a plan, people shape
it, the coordinator adopts it, progress is marked, one action runs late, and the programme page
and the plan PDF say so."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assessments.models import Action, Plan
from tests.browser.conftest import log_in
from tests.planning_helpers import validated_baseline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row(page: Page, reference):
    """The action's row in the plan table (its tick box is labelled "Select A-01")."""
    return page.get_by_role("row", name=re.compile(f"^Select {reference} "))


def test_from_the_gaps_to_an_adopted_plan_with_one_late_action(
    live_server, page: Page, editor, coordinator, reviewer, administration, tiny
):
    validated_baseline(editor, coordinator, reviewer, administration, tiny)
    today = timezone.localdate()
    log_in(page, live_server, coordinator)

    page.get_by_role("link", name="Columbus programme and plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Columbus programme")
    page.get_by_role("button", name="Propose the plan from the gaps").click()
    expect(page.get_by_role("status")).to_contain_text("Plan proposed: 2 actions")
    expect(page.get_by_text("2 proposed actions wait for a decision")).to_be_visible()

    # Edit A-01: a real title and dates that will make it late once it is under way.
    page.get_by_role("link", name=re.compile("Meet standard P1-06")).click()
    page.locator("#id_title").fill("Pass the advance cargo data decree")
    page.locator("#id_start_date").fill((today - timedelta(days=60)).isoformat())
    page.locator("#id_due_date").fill((today - timedelta(days=1)).isoformat())
    page.locator("#id_estimated_cost").fill("25000")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("status")).to_contain_text("Action A-01 saved.")
    page.get_by_role("link", name="SAFE implementation plan").click()

    # Add an action, merge A-02 into A-01, drop the added one with a reason.
    page.get_by_label("New action").fill("Study a regional data hub")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status")).to_contain_text("Action A-03 added.")
    page.get_by_role("link", name="SAFE implementation plan").click()
    page.get_by_label("Select A-01").check()
    page.get_by_label("Select A-02").check()
    page.get_by_role("button", name="Merge into the first").click()
    expect(page.get_by_role("status")).to_contain_text("Merged into A-01.")
    page.get_by_label("Select A-03").check()
    page.get_by_label("Why drop them").fill("Left to the regional programme")
    page.get_by_role("button", name="Drop").click()
    expect(page.get_by_role("status")).to_contain_text("1 action(s) dropped.")
    expect(page.get_by_text("2 dropped actions")).to_be_visible()

    # Adopt.
    page.get_by_role("link", name="Adopt the plan").click()
    page.get_by_label("What this version decides").fill("Adopted by the steering committee")
    page.get_by_role("button", name="Adopt", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Version 1 adopted.")
    expect(page.locator("#plan-status")).to_have_text("Adopted")

    # Progress: A-01 starts; its due date has passed, so it is late.
    page.get_by_role("link", name="Pass the advance cargo data decree").click()
    page.locator("#id_note-text").fill("Draft decree sent to the ministry")
    page.get_by_label("Status after this note").select_option("in_progress")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_role("status")).to_contain_text("Note added.")
    expect(page.get_by_text("Draft decree sent to the ministry")).to_be_visible()
    page.get_by_role("link", name="SAFE implementation plan").click()
    expect(row(page, "A-01")).to_have_class(re.compile("table-danger"))
    expect(page.locator("#late-count")).to_have_text("1")
    expect(page.locator("#plan-status")).to_have_text("Adopted")  # progress needs no version

    plan = Plan.objects.get(administration=administration)
    assert plan.versions.count() == 1
    assert Action.objects.get(plan=plan, number=1).status == "in_progress"

    # The programme page and the plan PDF show the late action.
    page.get_by_role("link", name="Columbus programme").click()
    expect(page.locator("#plan-card")).to_contain_text("1 late")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Plan report (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("SAFE-implementation-plan-CIV-")
    with open(download.path(), "rb") as pdf:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Pass the advance cargo data decree" in text
    assert "Late" in text and "1 late" in text


def test_a_refused_adoption_says_why_and_adopts_nothing(
    live_server, page: Page, editor, coordinator, reviewer, administration, tiny
):
    from assessments import services

    baseline = validated_baseline(editor, coordinator, reviewer, administration, tiny)
    plan = services.propose_plan(coordinator, baseline)
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/plans/{plan.pk}/adopt/")
    expect(page.get_by_text("2 proposed actions still wait for a decision.")).to_be_visible()
    expect(page.get_by_role("button", name="Adopt", exact=True)).to_be_disabled()
    assert not plan.versions.exists()
