"""Tables leaving the application (CSV and XLSX), one place that makes every cell safe.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some programs, a tab
or carriage return) as a formula: a comment such as `=HYPERLINK(...)` typed by anyone would run
in a reviewer's spreadsheet. Every text cell goes through `neutralise` (OWASP's advice: prefix
with a single quote); numbers, dates and booleans stay typed so totals still add up.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """The cell as it may safely go into a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_rows(rows):
    return [[neutralise(cell) for cell in row] for row in rows]


def csv_bytes(rows):
    """UTF-8 with a byte-order mark, so spreadsheet programs read the accents."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(safe_rows(rows))
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheets):
    """`sheets` is `[(title, rows), ...]`; the first row of each is its header (bold, frozen)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        for row in safe_rows(rows):
            sheet.append([_xlsx_value(cell) for cell in row])
        if rows:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell):
    if isinstance(cell, Decimal):
        return float(cell)
    if isinstance(cell, datetime) and cell.tzinfo is not None:
        return cell.replace(tzinfo=None)
    return cell


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_download(rows, filename):
    return download(csv_bytes(rows), filename, "text/csv; charset=utf-8")


def xlsx_download(sheets, filename):
    return download(xlsx_bytes(sheets), filename, XLSX_TYPE)
