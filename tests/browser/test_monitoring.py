"""Monitoring in Chromium: record measurements, start a review, compare with the baseline,
submit, a reviewer validates, download the progress report; axe on the monitoring pages."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assessments import services
from assessments.models import Indicator, Measurement, MonitoringReview
from tests.browser.conftest import log_in, log_out
from tests.browser.test_accessibility import axe_violations
from tests.conftest import start
from tests.test_monitoring_pages import answer, validated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(coordinator, reviewer, administration, tiny):
    baseline = validated(coordinator, reviewer, administration, tiny, "Baseline 2024",
                         T_AEI_01=1, T_AEI_02=2, T_AEO_01=1, T_AEO_02=False)  # fmt: skip
    follow_up = start(coordinator, administration, tiny, title="Follow-up 2026", previous=baseline)
    answer(coordinator, follow_up, T_AEI_01=3, T_AEI_02=1, T_AEO_01=1, T_AEO_02=False)
    aeo = services.save_indicator(
        coordinator,
        Indicator(administration=administration, name="Authorised economic operators",
                  unit="count", baseline_value=12, baseline_date=date(2024, 1, 1),
                  target_value=30, target_date=date(2026, 12, 31)),
    )  # fmt: skip
    return baseline, follow_up, aeo


def test_record_review_validate_and_download_the_progress_report(
    live_server, page: Page, coordinator, reviewer, administration, world
):
    baseline, follow_up, aeo = world
    log_in(page, live_server, coordinator)
    page.get_by_role("link", name="Monitoring", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring")
    page.get_by_role("link", name="Authorised economic operators").click()

    # A count with decimals is refused; what was typed stays.
    page.get_by_label("Date").fill("2025-06-30")
    page.get_by_label("Value").fill("21.5")
    page.get_by_label("Source").fill("AEO register")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("A count is a whole number.")).to_be_visible()
    expect(page.get_by_label("Source")).to_have_value("AEO register")
    page.get_by_label("Value").fill("21")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_have_text("Measurement of 2025-06-30 recorded.")
    expect(page.locator("#progress")).to_have_text("50%")  # (21 - 12) / (30 - 12)
    page.reload()
    expect(page.locator("#measurements")).to_contain_text("AEO register")
    assert Measurement.objects.get(indicator=aeo).value == 21

    # Start a review and compare the follow-up with the baseline.
    page.get_by_role("link", name="Monitoring", exact=True).first.click()
    page.get_by_role("link", name="Start a review").click()
    page.get_by_label("Title").fill("Monitoring review 2026")
    page.get_by_label("Review date").fill("2026-06-30")
    page.get_by_label("Validated baseline").select_option(str(baseline.pk))
    page.get_by_label("Follow-up self-assessment").select_option(str(follow_up.pk))
    page.get_by_role("button", name="Start the review").click()
    expect(page.locator("#comparison-summary")).to_have_text(
        "Standards: 1 improved, 2 unchanged, 1 regressed."
    )
    expect(
        page.get_by_text("T-AEI-01 — Is there a legal basis for advance cargo data?")
    ).to_be_visible()
    expect(page.locator("#review-indicators")).to_contain_text("21 (2025-06-30)")

    # Submitting without an evaluation is refused, then done.
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_role("status")).to_have_text(
        "Write and save the evaluation before submitting."
    )
    page.get_by_label("The administration's evaluation").fill("Advance data covers sea and air.")
    page.get_by_role("button", name="Save the evaluation").click()
    expect(page.get_by_role("status")).to_have_text("Evaluation saved.")
    page.get_by_role("button", name="Submit the review").click()
    expect(page.locator("#review-status")).to_have_text("Submitted")
    log_out(page)

    # The reviewer finds it on the home page and validates it.
    log_in(page, live_server, reviewer)
    page.get_by_role("link", name=re.compile("Monitoring review 2026")).click()
    expect(page.locator("#evaluation")).to_have_text("Advance data covers sea and air.")
    page.get_by_label("Reviewer's conclusions").fill("Real progress on advance data.")
    page.get_by_role("button", name="Validate").click()
    expect(page.locator("#review-status")).to_have_text("Validated")
    expect(page.locator("#conclusions")).to_have_text("Real progress on advance data.")
    assert MonitoringReview.objects.get().status == "validated"

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the progress report (PDF)").click()
    download = info.value
    assert download.suggested_filename == "SAFE-progress-report-CIV-2026-06-30.pdf"
    text = "".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert "Real progress on advance data." in text
    # The indicator is the administration's only: never in the reviewer's copy.
    assert "Authorised economic operators" not in text


@pytest.mark.parametrize(
    "page_name", ["overview", "indicator", "indicator_edit", "review_start", "review"]
)
def test_monitoring_pages_have_no_serious_violations(
    live_server, page: Page, coordinator, administration, world, page_name
):
    baseline, follow_up, aeo = world
    services.record_measurement(coordinator, aeo, date(2025, 6, 30), 21)
    review = services.start_review(
        coordinator, administration, "Review", date(2026, 6, 30), baseline, follow_up
    )
    path = {
        "overview": f"/administrations/{administration.pk}/monitoring/",
        "indicator": f"/indicators/{aeo.pk}/",
        "indicator_edit": f"/indicators/{aeo.pk}/edit/",
        "review_start": f"/administrations/{administration.pk}/reviews/new/",
        "review": f"/reviews/{review.pk}/",
    }[page_name]
    log_in(page, live_server, coordinator)
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


def test_the_overview_fits_a_phone(live_server, page: Page, coordinator, administration, world):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/administrations/{administration.pk}/monitoring/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
