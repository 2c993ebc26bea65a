"""Every table that leaves the application is safe to open in a spreadsheet."""

import io

import pytest
from openpyxl import load_workbook

from assessments import exports


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_that_a_spreadsheet_would_run_is_neutralised(start):
    assert exports.neutralise(f'{start}HYPERLINK("http://x")') == f'\'{start}HYPERLINK("http://x")'


def test_numbers_and_plain_text_stay_as_they_are():
    assert exports.neutralise(-3) == -3
    assert exports.neutralise("Risk management") == "Risk management"
    assert exports.neutralise(None) == ""


def test_csv_and_xlsx_carry_the_neutralised_text():
    rows = [["code", "comment"], ["Q1", "=1+1"], ["Q2", 2.5]]
    text = exports.csv_bytes(rows).decode("utf-8-sig")
    assert "'=1+1" in text
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([("Answers", rows)]))).active
    assert sheet["B2"].value == "'=1+1"
    assert sheet["B3"].value == 2.5
    assert sheet.freeze_panes == "A2"
