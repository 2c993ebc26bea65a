"""Data in and out and the overview, as people see them in a browser."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from assessments.models import Answer
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import axe_violations
from tests.conftest import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def download_workbook(page, tmp_path):
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the offline workbook").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def row_of(sheet, code):
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def test_a_bad_workbook_is_listed_cell_by_cell_then_a_good_one_is_saved(
    live_server, page: Page, editor, administration, tiny, tmp_path
):
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/data/")
    path = download_workbook(page, tmp_path)
    assert path.name.startswith("SAFE-workbook-CIV-")
    workbook = load_workbook(path)
    sheet = workbook["AEI"]
    row = row_of(sheet, "T-AEI-01")
    sheet.cell(row, 3).value = 9
    workbook.save(path)

    page.get_by_label("Filled-in workbook (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("nothing was saved")
    expect(refusal.get_by_role("row").nth(1)).to_contain_text(f"AEI{row}")
    assert not Answer.objects.filter(assessment=assessment).exists()

    sheet.cell(row, 3).value = 3
    workbook.save(path)
    page.get_by_label("Filled-in workbook (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("Workbook accepted: 1 answer saved.")).to_be_visible()
    assert Answer.objects.get(assessment=assessment).maturity == 3


@pytest.mark.parametrize("path", ["/overview/", "/overview/regions/{region}/"])
def test_overview_pages_have_no_serious_violations(
    live_server, page: Page, reviewer, administration, tiny, path
):
    start(reviewer, administration, tiny)
    log_in(page, live_server, reviewer)
    page.goto(live_server.url + path.format(region=administration.region_id))
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/assessments/{a}/data/", "/administrations/{adm}/position/"])
def test_data_and_position_pages_have_no_serious_violations(
    live_server, page: Page, coordinator, administration, tiny, path
):
    assessment = start(coordinator, administration, tiny)
    log_in(page, live_server, coordinator)
    page.goto(live_server.url + path.format(a=assessment.pk, adm=administration.pk))
    assert axe_violations(page) == []
