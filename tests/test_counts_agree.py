"""Counts agree everywhere: one assessment with every tricky case, the same figures on the
overview, the list's progress, the section tabs, the results page, the submit page, the CSV,
XLSX and scores exports and the PDF report (docs/scoring.md, "Counting answers")."""

import csv
import io
import re

import pytest
import yaml
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from assessments import counting, selectors, services
from assessments.content import load_content
from assessments.models import Answer, Question
from tests.conftest import start

pytestmark = pytest.mark.django_db

LEVELS = ["None.", "Started.", "Half way.", "Mostly.", "Fully."]
# code, focus area, mandatory, N/A allowed
QUESTIONS = [
    ("Q-01", "AEI", True, False),  # level given: answered
    ("Q-02", "AEI", True, True),  # N/A with its reason: not applicable
    ("Q-03", "AEI", True, True),  # N/A, reason still missing: not answered, mandatory left
    ("Q-04", "AEI", False, True),  # only a comment: not answered
    ("Q-05", "AEO", False, True),  # N/A rejected by the reviewer: not answered
    ("Q-06", "AEO", True, True),  # carried over, not confirmed: answered, listed unconfirmed
    ("Q-07", "AEO", True, True),  # answered, then retired: counts nowhere
    ("Q-08", "AEO", False, False),  # N/A (imported) where not allowed: not answered
    ("Q-09", "AEO", False, True),  # nothing at all: not answered
]
REASON = "No seaport: the country is landlocked."


@pytest.fixture
def framework(tmp_path):
    content = {
        "framework": {"code": "counts-2021", "title": "Counts", "edition": 2021},
        "phases": [{"number": 1, "title": "Needs assessment"}],
        "focus_areas": [
            {"code": "AEI", "title": "Advance electronic cargo information"},
            {"code": "AEO", "title": "Business partnership and AEO"},
        ],
        "pillars": [
            {
                "code": "P1",
                "title": "Customs-to-Customs",
                "standards": [{"code": "P1-06", "title": "Advance electronic information"}],
            }
        ],
        "questions": [
            {
                "code": code,
                "phase": 1,
                "focus_area": area,
                "standards": ["P1-06"],
                "text": f"Question {code}?",
                "answer_type": "maturity",
                "mandatory": mandatory,
                "na_allowed": na_allowed,
                "levels": LEVELS,
            }
            for code, area, mandatory, na_allowed in QUESTIONS
        ],
    }
    path = tmp_path / "counts.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return load_content(path).framework


def save(user, assessment, framework, values):
    questions = {q.code: q for q in framework.questions.all()}
    services.save_answers(
        user, assessment, {questions[code]: (v, None) for code, v in values.items()}
    )


@pytest.fixture
def tricky(coordinator, reviewer, administration, framework):
    """The assessment with one question of each case, back with its administration."""
    earlier = start(coordinator, administration, framework, title="Needs assessment 2025")
    save(coordinator, earlier, framework, {"Q-06": {"maturity": 2}})
    assessment = start(coordinator, administration, framework, previous=earlier)
    na = {"not_applicable": True, "na_justification": REASON}
    save(coordinator, assessment, framework, {
        "Q-01": {"maturity": 3},
        "Q-02": na,
        "Q-03": {"maturity": 1},  # for now, so that it can be submitted
        "Q-04": {"comment": "We have not discussed this one yet."},
        "Q-05": na,
        "Q-07": {"maturity": 4},
    })  # fmt: skip
    services.submit(coordinator, assessment)
    services.reject_not_applicable(reviewer, assessment, framework.questions.get(code="Q-05"),
                                   "Every administration has a land border.")  # fmt: skip
    services.return_for_changes(reviewer, assessment, "Please answer Q-05.")
    assessment.refresh_from_db()
    save(coordinator, assessment, framework, {"Q-03": {"not_applicable": True}})
    Answer.objects.create(  # as an import of older content would leave it
        assessment=assessment, question=framework.questions.get(code="Q-08"), **na
    )
    Question.objects.filter(framework=framework, code="Q-07").update(retired=True)
    return assessment


# What every page must say, by the definitions of assessments/counting.py
TOTAL, WITH_VALUE, NOT_APPLICABLE, MANDATORY_LEFT = 8, 2, 1, 1
ANSWERED = WITH_VALUE + NOT_APPLICABLE
SECTIONS = {"AEI": (2, 4), "AEO": (1, 4)}  # answered, total
# The scores count the scored questions: answered with a value, out of the applicable ones
SCORED = {"AEI": (1, 3), "AEO": (1, 4)}


def text_of(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_definitions_count_each_case_once(tricky):
    counts = counting.count(selectors.questions_of(tricky), selectors.answers_by_question(tricky))
    assert (counts.total, counts.with_value, counts.not_applicable) == (8, 2, 1)
    assert (counts.answered, counts.applicable, counts.unanswered) == (3, 7, 5)
    assert counts.mandatory_left == MANDATORY_LEFT
    assert (counts.na_reason_missing, counts.na_refused, counts.na_rejected) == (1, 1, 1)
    assert counts.carried_over == 1


def test_counts_agree_everywhere(client, coordinator, tricky):
    client.force_login(coordinator)
    pk = tricky.pk

    # The overview: overall and per section, the drafts and the carried-over answers
    html = text_of(client.get(reverse("assessment_detail", args=[pk])))
    assert f"{ANSWERED} of {TOTAL} questions answered; {MANDATORY_LEFT} mandatory left." in html
    for answered, total in SECTIONS.values():
        assert f'<td class="text-end">{answered} / {total}</td>' in html
    assert "1 answer carried over from an earlier assessment is not confirmed yet" in html

    # The list's progress bar (SQL counting) and the section tabs
    html = text_of(client.get(reverse("assessment_list")))
    assert f'aria-valuenow="{round(100 * ANSWERED / TOTAL)}"' in html
    html = text_of(client.get(reverse("section", args=[pk, "AEI"])))
    for answered, total in SECTIONS.values():
        assert f"{answered}/{total}" in html

    # The results page: completion, N/A, mandatory left, the scores' answered / applicable
    html = text_of(client.get(reverse("results", args=[pk])))
    assert f'{ANSWERED}<span class="fs-6"> / {TOTAL}</span>' in html
    assert f"{NOT_APPLICABLE} not applicable · {MANDATORY_LEFT} mandatory question left" in html
    for answered, applicable in SCORED.values():
        assert f'<td class="text-end">{answered} / {applicable}</td>' in html
    assert "1 answer carried over" in html
    assert "Rejected by the reviewer: Every administration has a land border." in html

    # The submit page: the mandatory question left is the one whose N/A reason is missing
    html = text_of(client.get(reverse("submit", args=[pk])))
    assert f"{MANDATORY_LEFT} mandatory question is not answered yet." in html
    assert ">Q-03</a>" in html and "1 answer carried over" in html

    # The exports: each answer's `counts_as`, and the scores' answered / applicable
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("export_csv", args=[pk]))
                                           .content.decode("utf-8-sig"))))  # fmt: skip
    assert_export_counts(rows)
    workbook = load_workbook(io.BytesIO(client.get(reverse("export_xlsx", args=[pk])).content))
    sheets = [list(sheet.values) for sheet in workbook.worksheets]
    answers, scores = ([dict(zip(s[0], row, strict=True)) for row in s[1:]] for s in sheets)
    assert_export_counts(answers)
    assert_score_counts(scores)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("scores_csv", args=[pk]))
                                           .content.decode("utf-8-sig"))))  # fmt: skip
    assert_score_counts(rows)

    # The PDF report
    response = client.get(reverse("report_pdf", args=[pk]))
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    pdf = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    assert f"Questions answered: {ANSWERED} of {TOTAL}" in pdf
    assert f"{NOT_APPLICABLE} of {TOTAL} question answered not applicable." in pdf


def assert_export_counts(rows):
    assert len(rows) == TOTAL  # the retired question is not exported
    states = [row["counts_as"] for row in rows]
    assert states.count("answered") == WITH_VALUE
    assert states.count("not_applicable") == NOT_APPLICABLE
    assert states.count("not_answered") == TOTAL - ANSWERED
    assert [row["code"] for row in rows if row["carried_over"] == "yes"] == ["Q-06"]


def assert_score_counts(rows):
    by_code = {(row["level"], row["code"] or ""): row for row in rows}
    overall = by_code[("overall", "")]
    assert (int(overall["answered"]), int(overall["applicable"])) == (
        WITH_VALUE,
        TOTAL - NOT_APPLICABLE,
    )
    for code, (answered, applicable) in SCORED.items():
        row = by_code[("focus_area", code)]
        assert (int(row["answered"]), int(row["applicable"])) == (answered, applicable)
