"""Assessments leave as spreadsheets and JSON, and come back from JSON unchanged."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import Answer, AnswerChange, Assessment, AssessmentEvent, Evidence
from assessments.selectors.data import score_rows
from assessments.services.transfer import export_assessment, import_assessment
from tests.conftest import start

pytestmark = pytest.mark.django_db

INJECTIONS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]


def answer(user, assessment, code, version=0, **values):
    question = assessment.framework.questions.get(code=code)
    services.save_answers(user, assessment, {question: (values, version)})


@pytest.fixture
def filled(editor, coordinator, reviewer, assessment):
    answer(editor, assessment, "T-AEI-01", maturity=2, comment='=HYPERLINK("http://x")')
    answer(editor, assessment, "T-AEI-01", version=1, maturity=3, support_needed="technical")
    answer(editor, assessment, "T-AEI-02", maturity=1)
    answer(editor, assessment, "T-AEO-01", maturity=1)
    answer(editor, assessment, "T-AEO-02", not_applicable=True, na_justification="No AEO law.")
    answer(editor, assessment, "T-AEO-03", text="@the programme")
    question = assessment.framework.questions.get(code="T-AEI-01")
    services.add_evidence(editor, assessment, question, url="https://example.org/law", title="Law")
    services.submit(coordinator, assessment)
    services.validate(reviewer, assessment, "Consistent.")
    return assessment


def history(assessment):
    return [
        (c.question.code, c.changed_at, c.changed_by_id, c.old_value, c.new_value)
        for c in AnswerChange.objects.filter(assessment=assessment).order_by("id")
    ]


def events(assessment):
    return list(
        AssessmentEvent.objects.filter(assessment=assessment)
        .order_by("id")
        .values_list("action", "at", "actor_id", "comment")
    )


def test_json_round_trip_gives_identical_scores_answers_and_history(filled, other_administration):
    document = json.loads(json.dumps(export_assessment(filled)))
    copy = import_assessment(None, document, other_administration)
    assert copy.pk != filled.pk and copy.administration == other_administration
    assert score_rows(copy) == score_rows(filled)
    assert history(copy) == history(filled)
    assert events(copy) == events(filled)
    assert copy.status == "validated" and copy.validated_at == filled.validated_at
    fields = ["question__code", "version", "updated_at", *Answer.VALUE_FIELDS]
    assert list(copy.answers.order_by("question__code").values_list(*fields)) == list(
        filled.answers.order_by("question__code").values_list(*fields)
    )
    assert Evidence.objects.get(answer__assessment=copy).url == "https://example.org/law"


def test_a_document_with_a_bad_value_is_refused_whole(filled, other_administration):
    document = export_assessment(filled)
    document["answers"][0]["maturity"] = 7
    document["answers"][1]["question"] = "NO-SUCH"
    before = Assessment.objects.count()
    with pytest.raises(Exception) as caught:
        import_assessment(None, document, other_administration)
    codes = {e.code for e in caught.value.error_list}
    assert codes == {"maturity", "unknown_question"}
    assert Assessment.objects.count() == before


def test_import_command_restores_by_country_code(filled, tmp_path, capsys):
    path = tmp_path / "a.json"
    call_command("export_assessment", filled.pk, output=str(path))
    call_command("import_assessment", str(path))
    copy = Assessment.objects.exclude(pk=filled.pk).get()
    assert copy.administration_id == filled.administration_id
    assert score_rows(copy) == score_rows(filled)
    assert "Imported assessment" in capsys.readouterr().out


def test_the_import_page_restores_and_lists_errors(client, coordinator, filled):
    client.force_login(coordinator)
    url = reverse("import_json", args=[filled.administration_id])
    good = io.BytesIO(json.dumps(export_assessment(filled)).encode())
    good.name = "a.json"
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    assert Assessment.objects.count() == 2
    bad = io.BytesIO(b"{not json")
    bad.name = "b.json"
    response = client.post(url, {"file": bad})
    assert response.status_code == 400
    assert "not a JSON document" in response.content.decode()
    assert Assessment.objects.count() == 2


@pytest.mark.parametrize("name", ["export_xlsx", "export_csv", "scores_csv", "workbook_download"])
def test_every_export_neutralises_formulas(client, editor, assessment, name):
    for code, prefix in zip(
        ["T-AEI-01", "T-AEI-02", "T-AEO-01", "T-AEO-02"], INJECTIONS, strict=False
    ):
        answer(editor, assessment, code, comment=prefix + "cmd")
    answer(editor, assessment, "T-AEO-03", text=INJECTIONS[4] + "text", comment=INJECTIONS[5] + "c")
    client.force_login(editor)
    response = client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    cells = _cells(response)
    for prefix in INJECTIONS if name != "scores_csv" else []:
        assert not any(isinstance(c, str) and c.startswith(prefix) for c in cells), prefix
    if name != "scores_csv":
        assert "'=1+1cmd" in cells and "'\tx" + "text" in cells


def _cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        import csv

        text = content.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]


def test_xlsx_export_has_answers_and_scores(client, editor, filled):
    client.force_login(editor)
    response = client.get(reverse("export_xlsx", args=[filled.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Answers", "Scores"]
    scores = list(workbook["Scores"].iter_rows(values_only=True))
    assert scores[1][0] == "overall" and scores[1][2] == pytest.approx(score_rows(filled)[1][2])
    assert "SAFE-assessment-CIV-" in response["Content-Disposition"]


@pytest.mark.parametrize("name", ["export_xlsx", "scores_csv", "export_json", "workbook_download"])
def test_exports_use_the_same_queries_whatever_the_size(
    client, editor, assessment, safe, django_assert_max_num_queries, name
):
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        client.get(reverse(name, args=[assessment.pk]))
    big = start(editor, assessment.administration, safe, title="Big")
    changes = {
        q: ({"maturity": 2, "comment": "c"} if q.answer_type == "maturity" else {"comment": "c"}, 0)
        for q in safe.questions.filter(phase__number=1)
    }
    services.save_answers(editor, big, changes)
    with django_assert_max_num_queries(14):
        client.get(reverse(name, args=[big.pk]))


def test_json_export_carries_the_plan_actions_linked_to_its_questions(filled):
    from assessments.models import Plan
    from assessments.models.planning import Action

    plan = Plan.objects.create(
        administration=filled.administration, framework=filled.framework, title="Plan"
    )
    action = Action.objects.create(plan=plan, number=1, title="Draft the ACI law")
    action.questions.add(filled.framework.questions.get(code="T-AEI-01"))
    links = export_assessment(filled)["plan_links"]
    assert links == [
        {"action": "A-01", "title": "Draft the ACI law", "status": "planned", "due_date": None,
         "questions": ["T-AEI-01"], "standards": []}
    ]  # fmt: skip


def test_coordinators_find_the_import_on_their_home_page(client, coordinator, editor):
    url = reverse("import_json", args=[coordinator.memberships.get().administration_id])
    client.force_login(coordinator)
    assert url in client.get(reverse("home")).content.decode()
    client.force_login(editor)
    assert url not in client.get(reverse("home")).content.decode()


def test_an_oversized_import_is_refused(client, coordinator, filled, settings, monkeypatch):
    from assessments.views import data

    monkeypatch.setattr(data, "MAX_IMPORT_BYTES", 10)
    client.force_login(coordinator)
    document = io.BytesIO(json.dumps(export_assessment(filled)).encode())
    document.name = "a.json"
    response = client.post(
        reverse("import_json", args=[filled.administration_id]), {"file": document}
    )
    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()
    assert Assessment.objects.count() == 1
