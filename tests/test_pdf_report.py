"""The PDF report of an assessment: what a reader finds in it, and who may download it."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageStat
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from assessments import selectors, services
from assessments.models import Answer, Assessment
from assessments.reports.flowables import KeepWhole
from assessments.reports.pdf import render_report, report_filename
from tests.conftest import start

PDFTOPPM = "/usr/bin/pdftoppm"
SECTIONS = [
    "Contents",
    "1 Introduction",
    "1.1 Administration profile",
    "2 Executive summary",
    "3 Readiness",
    "3.1 By focus area",
    "3.2 By pillar and standard",
    "4 Detailed findings",
    "5 Gap analysis",
    "6 Summary of assistance needs",
    "7 Recommendations",
    "8 Sign-off",
    "Annex A Scoring method",
    "Annex B Glossary",
    "Annex C List of evidence",
]


@pytest.fixture(autouse=True)
def _english():
    """These tests read English text; a request made by an earlier test (the language switch
    in test_home) can leave French active in the thread, so the language is set here."""
    with translation.override("en"):
        yield


def pages(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf):
    """All the text, with line breaks and runs of spaces folded to single spaces."""
    return " ".join(" ".join(pages(pdf)).split())


def answer(user, assessment, questions=None, comment="Checked on site.", number=50):
    """Answer questions (all by default) with level 2, yes, `number` or a sentence."""
    questions = list(selectors.questions_of(assessment)) if questions is None else questions
    values_by_type = {
        "maturity": 2,
        "yes_no": True,
        "number": number,
        "text": "The programme is described in the customs code.",
    }
    changes = {}
    for question in questions:
        values = {"comment": comment, "support_needed": "technical"}
        values[question.answer_type] = values_by_type[question.answer_type]
        changes[question] = (values, None)
    services.save_answers(user, assessment, changes)


@pytest.fixture
def full(editor, administration, safe):
    """A SAFE Phase 1 assessment with every question answered."""
    assessment = start(editor, administration, safe)
    answer(editor, assessment)
    return assessment


def test_every_section_heading_is_in_the_report(full):
    text = text_of(render_report(full))

    for heading in SECTIONS:
        assert heading in text


def test_summary_shows_the_overall_index_and_band(full):
    results = selectors.trend_of(full)[0][-1][1]

    summary = " ".join(pages(render_report(full))[3].split())

    assert "2 Executive summary" in summary
    assert f"readiness index of {results.overall.value:.0f} out of 100" in summary


def test_findings_show_answers_level_descriptors_and_comments(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    question = selectors.questions_of(assessment).get(code="T-AEI-01")
    answer(editor, assessment, [question], comment="Seen the customs code, article 12.")

    text = text_of(render_report(assessment))

    assert "T-AEI-01" in text
    assert "Level 2 of 4" in text
    assert " ".join(question.levels[2].split()) in text
    assert "Seen the customs code, article 12." in text


def test_not_applicable_answers_show_their_justification(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    question = selectors.questions_of(assessment).get(code="T-AEO-02")
    services.save_answers(
        editor,
        assessment,
        {question: ({"not_applicable": True, "na_justification": "No AEO law yet."}, None)},
    )

    text = text_of(render_report(assessment))

    assert "Not applicable" in text
    assert "No AEO law yet." in text


def test_evidence_is_listed_with_the_finding_and_in_the_annex(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    question = selectors.questions_of(assessment).get(code="T-AEI-01")
    answer(editor, assessment, [question])
    services.add_evidence(
        editor, assessment, question, url="https://example.org/law.pdf", title="Customs law"
    )

    text = text_of(render_report(assessment))

    assert text.count("Customs law") >= 2
    assert "https://example.org/law.pdf" in text


def test_a_fully_answered_report_has_more_pages_than_an_empty_one(editor, administration, safe):
    empty = start(editor, administration, safe, title="Empty")
    full = start(editor, administration, safe, title="Full")
    answer(editor, full)

    assert len(pages(render_report(full))) > len(pages(render_report(empty))) + 10


def test_an_empty_assessment_gives_a_short_report_that_says_so(editor, administration, safe):
    assessment = start(editor, administration, safe)

    report = pages(render_report(assessment))

    assert len(report) <= 5
    text = " ".join(" ".join(report).split())
    assert "No scored question has been answered yet" in text
    total = selectors.questions_of(assessment).count()
    assert f"This is a short report: 0 of {total} questions are answered" in text
    assert "Detailed findings" not in text


def test_a_nearly_empty_assessment_is_short_too(editor, administration, safe):
    assessment = start(editor, administration, safe)
    answer(editor, assessment, list(selectors.questions_of(assessment)[:5]))

    text = text_of(render_report(assessment))

    total = selectors.questions_of(assessment).count()
    assert f"This is a short report: 5 of {total} questions are answered" in text


def test_every_section_starts_on_its_own_page(full):
    report = pages(render_report(full))

    for heading in ["5 Gap analysis", "Annex A Scoring method"]:
        page = " ".join(next(p for p in report[2:] if heading in " ".join(p.split())).split())
        body = re.sub(r"^.*? edition (Page \d+ of ?\d*)?\s*", "", page)  # header and footer
        assert body.startswith(heading)
    annexes = [p for p in report[2:] if "Annex A Scoring method" in p or "Annex B Glossary" in p]
    assert len(annexes) == 2  # Annex A and Annex B no longer share a page


def test_priority_reads_high_medium_or_low_with_the_number_in_the_annex(full):
    text = text_of(render_report(full))
    gaps = text.split("5 Gap analysis")[-1].split("6 Summary of assistance needs")[0]

    assert "Medium" in gaps or "High" in gaps or "Low" in gaps
    assert "Priority of each gap" in text
    assert "High from a priority of 1, medium from 0.5, low below." in text


def test_what_is_in_place_shows_the_level_reached(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    question = selectors.questions_of(assessment).get(code="T-AEI-01")
    services.save_answers(editor, assessment, {question: ({"maturity": 4}, None)})

    summary = text_of(render_report(assessment)).split("Main strengths")[1][:400]

    assert "Level 4 of 4" in summary
    assert " ".join(question.levels[4].split())[:40] in summary


def test_a_partly_answered_assessment_renders_both_kinds_of_question(editor, administration, safe):
    assessment = start(editor, administration, safe)
    first_ten = list(selectors.questions_of(assessment)[:10])
    answer(editor, assessment, first_ten, comment="Partly done.")

    text = text_of(render_report(assessment))

    assert "Partly done." in text
    assert "Not answered yet" in text
    mandatory = sum(q.mandatory for q in selectors.questions_of(assessment)[10:])
    assert f"provisional: {mandatory} mandatory questions unanswered" in text


def test_draft_mark_on_every_page_until_validated(full, editor, reviewer):
    assert all("DRAFT — not validated" in page for page in pages(render_report(full)))

    services.submit(editor, full)
    submitted = pages(render_report(full))
    assert all("SUBMITTED — not yet validated" in page for page in submitted)
    assert not any("DRAFT" in page for page in submitted)
    assert "may change until the assessment is submitted" not in " ".join(submitted)

    services.validate(reviewer, full, "Checked against the evidence.")
    validated = pages(render_report(full))
    assert not any("DRAFT" in page for page in validated)
    assert "Checked against the evidence." in " ".join(validated)


def test_accented_names_survive_and_fonts_are_embedded(editor, administration, tiny):
    administration.name = "Douanes de Côte d'Ivoire, São Tomé et Łódź"
    administration.save()
    assessment = start(editor, administration, tiny, title="Évaluation à Łódź")
    answer(editor, assessment, comment="Contrôle à São Tomé, rapport de Łódź.")

    pdf = render_report(assessment)

    text = text_of(pdf)
    for name in ["Côte d'Ivoire", "São Tomé", "Łódź", "Évaluation à Łódź"]:
        assert name in text
    assert "Contrôle à São Tomé, rapport de Łódź." in text
    fonts = used_fonts(pdf)
    assert fonts
    assert all(embedded for _name, embedded in fonts)


def used_fonts(pdf):
    """(font name, embedded?) for every font any page uses."""
    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font["/BaseFont"]), embedded))
    return found


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed")
def test_pdffonts_sees_only_embedded_fonts(editor, administration, tiny, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(render_report(start(editor, administration, tiny)))

    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=30
    ).stdout.splitlines()[2:]

    assert listing
    assert all(line.split()[-5] == "yes" for line in listing)


def test_user_text_is_printed_literally_not_read_as_markup(editor, administration, tiny):
    administration.name = "Customs & Excise <b>Authority</b>"
    administration.save()
    assessment = start(editor, administration, tiny)
    answer(editor, assessment, comment='<font color="red">Unclosed & <b>bold</b> <para>')

    text = text_of(render_report(assessment))

    assert "Customs & Excise <b>Authority</b>" in text
    assert '<font color="red">Unclosed & <b>bold</b> <para>' in text


def test_a_question_block_moves_to_the_next_page_rather_than_split():
    style = ParagraphStyle("plain")
    filler = [Spacer(1, A4[1] - 200)]
    block = KeepWhole([Paragraph(f"Line {i}", style) for i in range(20)], max_height=600)
    buffer = io.BytesIO()

    SimpleDocTemplate(buffer, pagesize=A4).build([*filler, block])

    first, second = pages(buffer.getvalue())
    assert "Line 0" not in first
    assert "Line 0" in second and "Line 19" in second


def test_content_follows_the_active_language(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    answer(editor, assessment)

    with translation.override("fr"):
        text = text_of(render_report(assessment))

    assert "Informations électroniques préalables" in text
    assert "Existe-t-il une base juridique ?" in text


def test_phase_2_report_shows_the_action_plan(editor, administration, tiny):
    assessment = start(editor, administration, tiny, phase=2, title="Plan 2026")
    answer(editor, assessment, comment="Draft bill sent to parliament.")

    text = text_of(render_report(assessment))

    assert "Action plan" in text
    assert "T-PI-01" in text
    assert "Draft bill sent to parliament." in text


def test_phase_3_report_shows_indicators_against_the_baseline(editor, administration, tiny):
    baseline = start(editor, administration, tiny, phase=3, title="Baseline 2024")
    answer(editor, baseline, number=40)
    # Only a submitted or validated assessment of an earlier period is a baseline.
    Assessment.objects.filter(pk=baseline.pk).update(
        status=Assessment.Status.VALIDATED,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )
    current = start(editor, administration, tiny, phase=3, title="Review 2026")
    answer(editor, current, number=75)

    text = text_of(render_report(current))

    assert "Progress against the baseline" in text
    assert "Baseline: Baseline 2024" in text
    assert "T-ME-01" in text
    assert "+35" in text
    assert "Below target" in text


def test_editor_downloads_the_report_with_its_file_name(client, editor, full):
    client.force_login(editor)

    response = client.get(reverse("report_pdf", args=[full.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    name = "SAFE-needs-assessment-CIV-2026.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.content.startswith(b"%PDF")


def test_file_names_tell_phase_country_period_and_language_apart(editor, administration, tiny):
    needs = start(editor, administration, tiny)
    plan = start(editor, administration, tiny, phase=2)
    progress = start(editor, administration, tiny, phase=3)
    progress.period_start, progress.period_end = date(2027, 1, 1), date(2027, 6, 30)

    names = [report_filename(a) for a in (needs, plan, progress)]
    with translation.override("fr"):
        names.append(report_filename(needs))

    assert names == [
        "SAFE-needs-assessment-CIV-2026.pdf",
        "SAFE-implementation-capacity-CIV-2026.pdf",
        "SAFE-implementation-progress-CIV-2027-01_2027-06.pdf",
        "SAFE-needs-assessment-CIV-2026-fr.pdf",
    ]


def test_editor_of_another_administration_gets_404(client, other_editor, full):
    client.force_login(other_editor)

    assert client.get(reverse("report_pdf", args=[full.pk])).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, full):
    response = client.get(reverse("report_pdf", args=[full.pk]))

    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("framework", ["tiny", "safe"])
def test_report_reads_with_a_fixed_number_of_queries(
    request, framework, editor, administration, django_assert_max_num_queries
):
    content = request.getfixturevalue(framework)
    earlier = start(editor, administration, content, title="Earlier")
    answer(editor, earlier)
    assessment = start(editor, administration, content, title="Now")
    answer(editor, assessment)
    for saved in Answer.objects.filter(assessment=assessment).select_related("question"):
        services.add_evidence(
            editor, assessment, saved.question, url="https://example.org/e", title="Manual"
        )

    # 18 today (events, profile, plan costs and standards' references are read once each);
    # Phase 3 reads its baseline too.
    with django_assert_max_num_queries(19):
        render_report(assessment)


@pytest.mark.skipif(not shutil.which(PDFTOPPM), reason="poppler-utils is not installed")
def test_first_page_is_not_blank_when_rendered(full, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_report(full))

    subprocess.run(
        [PDFTOPPM, "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    assert ImageStat.Stat(image).stddev[0] > 20


def test_a_comment_longer_than_a_page_flows_over_pages(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    question = selectors.questions_of(assessment).get(code="T-AEI-01")
    words = " ".join(f"word{i}" for i in range(1500))
    long_word = "x" * 400  # wider than the column: cut between letters, not lost
    services.save_answers(
        editor, assessment, {question: ({"maturity": 2, "comment": f"{words} {long_word}"}, None)}
    )
    pdf = render_report(assessment)
    text = text_of(pdf).replace("\n", "")
    assert "word0" in text and "word1499" in text
    assert text.count("x") >= 400
    short = start(editor, administration, tiny, title="Short")
    answer(editor, short, [question])
    assert pages(pdf) > pages(render_report(short))
