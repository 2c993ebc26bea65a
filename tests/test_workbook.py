"""The offline workbook: download, fill in without a connection, upload back."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import Answer, AnswerChange

pytestmark = pytest.mark.django_db


def answer(user, assessment, code, version=0, **values):
    question = assessment.framework.questions.get(code=code)
    services.save_answers(user, assessment, {question: (values, version)})


def download(client, assessment):
    response = client.get(reverse("workbook_download", args=[assessment.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def upload(client, assessment, workbook, htmx=False):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "filled.xlsx"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("workbook_upload", args=[assessment.pk]), {"file": buffer}, **headers
    )


def row_of(sheet, code):
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def values(assessment):
    fields = ["question__code", *Answer.VALUE_FIELDS]
    return list(assessment.answers.order_by("question__code").values_list(*fields))


def test_workbook_has_a_protected_sheet_per_focus_area_with_drop_downs(client, editor, assessment):
    client.force_login(editor)
    workbook = download(client, assessment)
    assert workbook.sheetnames == ["Read me", "Lists", "Versions", "AEI", "AEO"]
    assert workbook["Versions"].sheet_state == "hidden"
    assert workbook.security.lockStructure
    sheet = workbook["AEI"]
    assert sheet.protection.sheet
    row = row_of(sheet, "T-AEI-01")
    assert not sheet.cell(row, 3).protection.locked  # the answer
    assert sheet.cell(row, 2).protection.locked  # the question
    assert "0: No legal basis." in sheet.cell(row, 8).value
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert "=Lists!$A$1:$A$5" in lists  # a range, not "0,1,2,3,4": the same in every locale


def test_a_filled_workbook_saves_the_answers(client, editor, assessment):
    answer(editor, assessment, "T-AEI-02", maturity=1, comment="Kept.")
    client.force_login(editor)
    workbook = download(client, assessment)
    aei, aeo = workbook["AEI"], workbook["AEO"]
    aei.cell(row_of(aei, "T-AEI-01"), 3).value = 3
    aei.cell(row_of(aei, "T-AEI-01"), 7).value = "Technical assistance"
    aeo.cell(row_of(aeo, "T-AEO-01"), 3).value = 2
    aeo.cell(row_of(aeo, "T-AEO-02"), 4).value = "Yes"
    aeo.cell(row_of(aeo, "T-AEO-02"), 5).value = "No AEO law planned."
    aeo.cell(row_of(aeo, "T-AEO-03"), 3).value = "=not a formula, typed as text"
    aeo.cell(row_of(aeo, "T-AEO-03"), 3).data_type = "s"
    response = upload(client, assessment, workbook)
    assert response.status_code == 200
    assert "4 answers saved" in response.content.decode()
    saved = {a.question.code: a for a in assessment.answers.select_related("question")}
    assert saved["T-AEI-01"].maturity == 3
    assert saved["T-AEI-01"].support_needed == "technical"
    assert saved["T-AEI-02"].comment == "Kept." and saved["T-AEI-02"].version == 1
    assert saved["T-AEO-01"].maturity == 2
    assert saved["T-AEO-02"].not_applicable and saved["T-AEO-02"].na_justification
    assert saved["T-AEO-03"].text == "=not a formula, typed as text"


def test_round_trip_unchanged_gives_identical_answers(client, editor, assessment):
    answer(editor, assessment, "T-AEI-01", maturity=2, comment="=SUM(A1)", support_needed="legal")
    answer(editor, assessment, "T-AEO-02", yes_no=False)
    answer(editor, assessment, "T-AEO-03", text="A programme since 2019.")
    before, history = values(assessment), AnswerChange.objects.count()
    client.force_login(editor)
    response = upload(client, assessment, download(client, assessment))
    assert "0 answers saved" in response.content.decode()
    assert values(assessment) == before
    assert AnswerChange.objects.count() == history


def test_french_workbook_reads_back(client, editor, assessment):
    answer(editor, assessment, "T-AEO-02", yes_no=True, support_needed="funding")
    client.force_login(editor)
    client.post(reverse("set_language"), {"language": "fr"})
    workbook = download(client, assessment)
    sheet = workbook["AEO"]
    assert sheet.cell(row_of(sheet, "T-AEO-02"), 3).value == "Oui"
    before = values(assessment)
    response = upload(client, assessment, workbook)
    assert response.status_code == 200
    assert values(assessment) == before


def test_one_bad_cell_refuses_the_whole_file_with_sheet_row_and_reason(client, editor, assessment):
    client.force_login(editor)
    workbook = download(client, assessment)
    aei, aeo = workbook["AEI"], workbook["AEO"]
    aei.cell(row_of(aei, "T-AEI-01"), 3).value = 3  # valid
    bad_row = row_of(aei, "T-AEI-02")
    aei.cell(bad_row, 3).value = 7
    aeo.cell(row_of(aeo, "T-AEO-01"), 3).value = "=1+1"  # a formula
    aeo.cell(row_of(aeo, "T-AEO-02"), 4).value = "Yes"  # N/A without a reason
    aei.cell(row_of(aei, "T-AEI-01"), 4).value = "Yes"  # N/A where the content forbids it
    response = upload(client, assessment, workbook)
    assert response.status_code == 400
    html = response.content.decode()
    assert "nothing was saved" in html
    assert f'<tr data-code="maturity"><td>AEI</td><td>{bad_row}</td>' in html
    assert 'data-code="formula"' in html and 'data-code="na_justification"' in html
    assert 'data-code="na_not_allowed"' in html
    assert not assessment.answers.exists()


def test_workbook_of_another_assessment_is_refused(client, editor, assessment, tiny):
    from tests.conftest import start

    other = start(editor, assessment.administration, tiny, title="Other")
    client.force_login(editor)
    response = upload(client, other, download(client, assessment))
    assert 'data-code="wrong_assessment"' in response.content.decode()


def test_not_a_workbook_is_refused(client, editor, assessment):
    client.force_login(editor)
    bogus = io.BytesIO(b"%PDF-1.4 not a workbook")
    bogus.name = "x.xlsx"
    response = client.post(reverse("workbook_upload", args=[assessment.pk]), {"file": bogus})
    assert response.status_code == 400
    assert 'data-code="not_a_workbook"' in response.content.decode()


def test_an_answer_changed_since_the_download_is_a_conflict_never_overwritten(
    client, editor, coordinator, assessment
):
    answer(editor, assessment, "T-AEI-01", maturity=1)
    client.force_login(editor)
    workbook = download(client, assessment)
    answer(coordinator, assessment, "T-AEI-01", version=1, maturity=2, comment="Checked on site.")
    sheet = workbook["AEI"]
    sheet.cell(row_of(sheet, "T-AEI-01"), 3).value = 4
    sheet.cell(row_of(sheet, "T-AEI-02"), 3).value = 2  # no conflict here
    response = upload(client, assessment, workbook, htmx=True)
    html = response.content.decode()
    assert "changed in the application since you downloaded" in html
    assert "Checked on site." in html
    saved = assessment.answers.get(question__code="T-AEI-01")
    assert saved.maturity == 2  # theirs stands
    assert not assessment.answers.filter(question__code="T-AEI-02").exists()  # nothing written

    response = client.post(
        reverse("workbook_resolve", args=[assessment.pk]), {"choice-T-AEI-01": "mine"}
    )
    assert "2 answers saved" in response.content.decode()
    assert assessment.answers.get(question__code="T-AEI-01").maturity == 4
    assert assessment.answers.get(question__code="T-AEI-02").maturity == 2


def test_keeping_the_applications_answer_saves_only_the_rest(
    client, editor, coordinator, assessment
):
    answer(editor, assessment, "T-AEI-01", maturity=1)
    client.force_login(editor)
    workbook = download(client, assessment)
    answer(coordinator, assessment, "T-AEI-01", version=1, maturity=2)
    sheet = workbook["AEI"]
    sheet.cell(row_of(sheet, "T-AEI-01"), 3).value = 4
    sheet.cell(row_of(sheet, "T-AEI-02"), 3).value = 3
    upload(client, assessment, workbook)
    client.post(reverse("workbook_resolve", args=[assessment.pk]), {"choice-T-AEI-01": "theirs"})
    assert assessment.answers.get(question__code="T-AEI-01").maturity == 2
    assert assessment.answers.get(question__code="T-AEI-02").maturity == 3


def test_a_submitted_assessment_takes_no_upload(client, editor, coordinator, assessment):
    client.force_login(editor)
    workbook = download(client, assessment)
    assessment.status = "submitted"
    assessment.save()
    assert upload(client, assessment, workbook).status_code == 403
