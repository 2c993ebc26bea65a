"""The offline workbook: an assessment as an XLSX file to fill where the connection is poor.

One sheet per focus area, one row per question. Only the answer cells are unlocked; the
question, its level descriptors and guidance sit beside it, locked. Drop-down lists point at
ranges of a hidden `Lists` sheet rather than inline "a,b,c" strings, so they read the same in
every locale of Excel and LibreOffice (the list separator of an inline list is
locale-dependent in some versions). A hidden `Versions` sheet records the version of every
answer at download time: on upload, an answer changed in the application since then is a
conflict to resolve, never overwritten (the check is `services.save_answers`'s).

`read_workbook` validates every cell and returns the changes only when the whole file is
valid; otherwise it returns the list of errors by sheet, row and reason.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from .exports import neutralise
from .forms import MAX_TEXT
from .models import Answer, Question

VERSIONS_SHEET, LISTS_SHEET = "Versions", "Lists"
COLUMNS = ("code", "question", "answer", "not_applicable", "justification", "comment",
           "support", "descriptors", "guidance")  # fmt: skip
ANSWER, NA, JUSTIFICATION, COMMENT, SUPPORT = 3, 4, 5, 6, 7  # 1-based columns
WIDTHS = (11, 50, 14, 10, 30, 30, 24, 50, 50)
UNLOCKED = Protection(locked=False)
ANSWER_FILL = PatternFill("solid", fgColor="FFF7D6")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
LANGUAGES = ("en", "fr")


@dataclass
class CellError:
    sheet: str
    row: int
    reason: str
    code: str


@dataclass
class Reading:
    """What an upload gave: the changes to save, or the errors that refuse the file."""

    changes: dict = field(default_factory=dict)  # question code -> (values, version)
    errors: list = field(default_factory=list)
    rows: int = 0


def _words():
    """Yes/no and support labels in every language, so a French file reads in English."""
    yes, no, support = set(), set(), {}
    for language in LANGUAGES:
        with translation.override(language):
            yes.add(str(_("Yes")).casefold())
            no.add(str(_("No")).casefold())
            for code, label in Answer.Support.choices:
                support[str(label).casefold()] = code
    for code in Answer.Support.values:
        support[code] = code
    return yes, no, support


def sheet_title(focus_area):
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", focus_area.code)[:31]


def build_workbook(assessment, questions, answers):
    """The workbook as bytes. `questions` in order with their focus area; `answers` by
    question id."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = _("Read me")[:31]
    _readme(readme, assessment)
    lists = workbook.create_sheet(LISTS_SHEET)
    ranges = _lists(lists)
    versions = workbook.create_sheet(VERSIONS_SHEET)
    versions.append(["assessment", assessment.pk])
    versions.append(["question", "version", "sheet", "row"])
    sheets, made = {}, {}
    for question in questions:
        area = question.focus_area
        if area.pk not in sheets:
            sheets[area.pk] = _area_sheet(workbook, area, ranges)
        sheet = sheets[area.pk]
        answer = answers.get(question.pk)
        sheet.append(_question_row(question, answer))
        row = sheet.max_row
        _style_row(sheet, row, question, ranges, made)
        versions.append([question.code, answer.version if answer else 0, sheet.title, row])
    for sheet in (lists, versions):
        sheet.sheet_state = "hidden"
        sheet.protection.sheet = True
    workbook.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _readme(sheet, assessment):
    lines = [
        assessment.title,
        f"{assessment.administration.name} · {assessment.framework.code} · "
        + _("Phase %(number)s") % {"number": assessment.phase.number},
        "",
        _("Fill in the yellow cells only: one sheet per focus area, one row per question."),
        _("Choose a maturity level, yes or no, and the support needed from the drop-down lists."),
        _("Mark a question not applicable only with a justification."),
        _("Upload the file on the assessment's data page. Nothing is saved unless every cell "
          "is valid; answers changed in the application since this download are shown to you "
          "as conflicts, never overwritten."),
    ]  # fmt: skip
    for line in lines:
        sheet.append([neutralise(line)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True


def _lists(sheet):
    """Drop-down values in columns of the hidden sheet; returns their absolute ranges."""
    supports = [str(label) for _code, label in Answer.Support.choices]
    columns = {
        "maturity": list(range(5)),
        "yes_no": [str(_("Yes")), str(_("No"))],
        "na": [str(_("Yes"))],
        "support": supports,
    }
    ranges = {}
    for index, (name, values) in enumerate(columns.items()):
        letter = "ABCD"[index]
        for row, value in enumerate(values, start=1):
            sheet[f"{letter}{row}"] = value
        ranges[name] = f"{LISTS_SHEET}!${letter}$1:${letter}${len(values)}"
    return ranges


def _area_sheet(workbook, area, ranges):
    sheet = workbook.create_sheet(sheet_title(area))
    headers = [
        _("Code"), _("Question"), _("Answer"), _("Not applicable"), _("Why it does not apply"),
        _("Comment"), _("Support needed"), _("Levels and expected answer"), _("Guidance"),
    ]  # fmt: skip
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions["ABCDEFGHI"[index]].width = width
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # people may widen columns and rows
    sheet.protection.formatRows = False
    return sheet


def _validation(sheet, kind, ranges, made):
    """One validation object per kind and sheet (`made` remembers them)."""
    key = (sheet.title, kind)
    if key not in made:
        prompt = _("Choose from the list.")
        if kind == "number":
            rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            prompt = _("A number, 0 or more.")
        else:
            rule = DataValidation(type="list", formula1=f"={ranges[kind]}", allow_blank=True)
        rule.error = _("This value is not accepted here.")
        rule.errorTitle = _("Invalid value")
        rule.prompt = prompt
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        made[key] = rule
    return made[key]


def _question_row(question, answer):
    value = None
    if answer is not None and not answer.not_applicable:
        value = {
            Question.AnswerType.MATURITY: answer.maturity,
            Question.AnswerType.YES_NO: None
            if answer.yes_no is None
            else str(_("Yes") if answer.yes_no else _("No")),
            Question.AnswerType.NUMBER: None if answer.number is None else float(answer.number),
            Question.AnswerType.TEXT: answer.text,
        }[question.answer_type]
    support = dict(Answer.Support.choices).get(answer.support_needed, "") if answer else ""
    return [
        question.code,
        question.tr("text"),
        neutralise(value),
        str(_("Yes")) if answer and answer.not_applicable else "",
        neutralise(answer.na_justification if answer else ""),
        neutralise(answer.comment if answer else ""),
        str(support),
        neutralise(_descriptors(question)),
        neutralise(question.tr("guidance")),
    ]


def _descriptors(question):
    match question.answer_type:
        case Question.AnswerType.MATURITY:
            return "\n".join(f"{n}: {text}" for n, text in enumerate(question.tr("levels")))
        case Question.AnswerType.YES_NO:
            return _("Yes or No")
        case Question.AnswerType.NUMBER:
            unit = question.tr("unit")
            return _("A number, 0 or more") + (f" ({unit})" if unit else "")
    return _("Free text")


def _style_row(sheet, row, question, ranges, made):
    for column in range(1, len(COLUMNS) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    columns = (ANSWER, NA, JUSTIFICATION, COMMENT, SUPPORT)
    if not question.na_allowed:  # the content does not allow N/A here: nothing to fill
        columns = (ANSWER, COMMENT, SUPPORT)
    for column in columns:
        cell = sheet.cell(row=row, column=column)
        cell.protection = UNLOCKED
        cell.fill = ANSWER_FILL
    kind = {
        Question.AnswerType.MATURITY: "maturity",
        Question.AnswerType.YES_NO: "yes_no",
        Question.AnswerType.NUMBER: "number",
    }.get(question.answer_type)
    if kind:
        _validation(sheet, kind, ranges, made).add(sheet.cell(row=row, column=ANSWER).coordinate)
    if question.na_allowed:
        _validation(sheet, "na", ranges, made).add(sheet.cell(row=row, column=NA).coordinate)
    _validation(sheet, "support", ranges, made).add(sheet.cell(row=row, column=SUPPORT).coordinate)


# --- reading an upload back -------------------------------------------------------------


def read_workbook(upload, assessment, questions):
    """Validate every cell of an uploaded workbook against the assessment's questions.

    `questions` maps code -> Question. Returns a `Reading`: errors, or the changes (by
    question code: (answer values, version at download)) when there is no error at all.
    """
    reading = Reading()
    workbook = _open(upload, reading)
    if workbook is None:
        return reading
    versions = _versions(workbook, assessment, reading)
    if versions is None:
        return reading
    words = _words()
    seen = set()
    for code, (version, sheet_name, row) in versions.items():
        question = questions.get(code)
        if question is None or sheet_name not in workbook.sheetnames:
            reading.errors.append(
                CellError(
                    sheet_name,
                    row,
                    _("This question is not in the assessment."),
                    "unknown_question",
                )
            )
            continue
        sheet = workbook[sheet_name]
        cells = [sheet.cell(row=row, column=c) for c in range(1, SUPPORT + 1)]
        if str(cells[0].value or "").strip() != code:
            reading.errors.append(
                CellError(
                    sheet_name,
                    row,
                    _("Rows were moved: expected question %(code)s here.") % {"code": code},
                    "moved_row",
                )
            )
            continue
        seen.add(code)
        values = _row_values(question, cells, sheet_name, row, words, reading.errors)
        if values is not None:
            reading.changes[code] = (values, version)
    reading.rows = len(seen)
    if reading.errors:
        reading.changes = {}
    return reading


def _open(upload, reading):
    if upload.size > MAX_UPLOAD_BYTES:
        reading.errors.append(CellError("", 0, _("The file is larger than 5 MB."), "too_large"))
        return None
    try:
        return load_workbook(upload, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        reading.errors.append(
            CellError("", 0, _("This is not an Excel workbook (.xlsx)."), "not_a_workbook")
        )
        return None


def _versions(workbook, assessment, reading):
    """{code: (version, sheet, row)} from the hidden sheet, or None when it is not ours."""
    if VERSIONS_SHEET not in workbook.sheetnames:
        reading.errors.append(
            CellError(
                "", 0, _("This workbook was not downloaded from this application."), "not_ours"
            )
        )
        return None
    sheet = workbook[VERSIONS_SHEET]
    if sheet["B1"].value != assessment.pk:
        reading.errors.append(
            CellError("", 0, _("This workbook belongs to another assessment."), "wrong_assessment")
        )
        return None
    result = {}
    for code, version, sheet_name, row in sheet.iter_rows(min_row=3, max_col=4, values_only=True):
        if code and isinstance(version, int) and isinstance(row, int):
            result[str(code)] = (version, str(sheet_name), row)
    return result


def _text(value):
    if value is None:
        return ""
    text = str(value)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        text = text[1:]  # the neutralising quote our own download added
    return text.strip()


def _row_values(question, cells, sheet, row, words, errors):
    """Answer values from one row, in the shape `save_answers` takes, or None on error."""
    yes, no, supports = words
    found = []

    def fail(reason, code):
        found.append(CellError(sheet, row, reason, code))

    if any(cell.data_type == "f" for cell in cells):
        fail(_("Formulas are not accepted; type the value."), "formula")
    raw_answer, raw_na, raw_why, raw_comment, raw_support = (
        cell.value for cell in cells[ANSWER - 1 : SUPPORT]
    )
    na_text = _text(raw_na).casefold()
    if na_text and na_text not in yes:
        fail(_("Not applicable: leave empty or choose Yes."), "not_applicable")
    not_applicable = na_text in yes
    if not_applicable and not question.na_allowed:
        fail(_("This question cannot be marked not applicable."), "na_not_allowed")
    why, comment = _text(raw_why), _text(raw_comment)
    if not_applicable and not why:
        fail(_("Say why the question does not apply to your administration."), "na_justification")
    if len(why) > MAX_TEXT or len(comment) > MAX_TEXT:
        fail(_("A text is longer than %(max)s characters.") % {"max": MAX_TEXT}, "too_long")
    support_text = _text(raw_support).casefold()
    support = supports.get(support_text) if support_text else ""
    if support is None:
        fail(_("Support needed: choose from the list."), "support")
    value = None if not_applicable or found else _value(question, raw_answer, yes, no, fail)
    errors.extend(found)
    if found:
        return None
    values = {
        "not_applicable": not_applicable,
        "na_justification": why,
        "comment": comment,
        "support_needed": support,
    }
    field_name = {
        Question.AnswerType.MATURITY: "maturity",
        Question.AnswerType.YES_NO: "yes_no",
        Question.AnswerType.NUMBER: "number",
        Question.AnswerType.TEXT: "text",
    }[question.answer_type]
    values[field_name] = ("" if value is None else value) if field_name == "text" else value
    return values


def _value(question, raw, yes, no, fail):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    match question.answer_type:
        case Question.AnswerType.MATURITY:
            text = _text(raw).split(":")[0].strip()
            if isinstance(raw, int | float) and raw == int(raw) and 0 <= raw <= 4:
                return int(raw)
            if text in {"0", "1", "2", "3", "4"}:
                return int(text)
            fail(_("A maturity level is a whole number from 0 to 4."), "maturity")
        case Question.AnswerType.YES_NO:
            text = _text(raw).casefold()
            if isinstance(raw, bool):
                return raw
            if text in yes or text in no:
                return text in yes
            fail(_("Answer Yes or No."), "yes_no")
        case Question.AnswerType.NUMBER:
            try:
                number = Decimal(
                    str(raw).strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
                )
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite() or number < 0 or number >= Decimal(10**12):
                fail(_("A number, 0 or more, is expected."), "number")
                return None
            return number.quantize(Decimal("0.01"))
        case _:
            text = _text(raw)
            if len(text) > MAX_TEXT:
                fail(_("A text is longer than %(max)s characters.") % {"max": MAX_TEXT}, "too_long")
                return None
            return text
    return None
