"""The report as an editable Word document: the same sections as the PDF, in both languages."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from assessments import services
from assessments.reports.word import render_word
from tests.conftest import start
from tests.test_pdf_report import answer

SECTIONS = {
    "en": [
        "1 Introduction",
        "1.1 Administration profile",
        "2 Executive summary",
        "3 Readiness",
        "4 Detailed findings",
        "5 Gap analysis",
        "6 Summary of assistance needs",
        "7 Recommendations",
        "8 Sign-off",
        "Annex A Scoring method",
        "Annex B Glossary",
        "Annex C List of evidence",
    ],
    "fr": [
        "1 Introduction",
        "1.1 Profil de l'administration",
        "2 Synthèse",
        "3 État de préparation",
        "4 Constats détaillés",
        "5 Analyse des écarts",
        "6 Récapitulatif des besoins d'assistance",
        "7 Recommandations",
        "8 Validation et signatures",
        "Annexe A Méthode de notation",
        "Annexe B Glossaire",
        "Annexe C Liste des éléments probants",
    ],
}


@pytest.fixture
def full(editor, coordinator, administration, tiny):
    services.save_profile(coordinator, administration, {"staff": 1200, "it_system": "SYDONIA"})
    assessment = start(editor, administration, tiny)
    answer(editor, assessment, comment="Checked on site.")
    return assessment


def document(data):
    return Document(io.BytesIO(data))


def headings(doc):
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def all_text(doc):
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_word_report_has_every_section_in_order(full, language):
    with translation.override(language):
        doc = document(render_word(full))

    found = headings(doc)
    positions = [found.index(title) for title in SECTIONS[language]]
    assert positions == sorted(positions)


def test_word_report_carries_the_answers_profile_and_sentences(full):
    with translation.override("en"):
        text = all_text(document(render_word(full)))

    assert "Checked on site." in text
    assert "SYDONIA" in text and "1,200" in text or "1200" in text
    assert "reaches an overall SAFE readiness index of" in text
    assert "Read: WCO SAFE Framework of Standards" in text


def test_word_report_in_french_uses_french_typography(full):
    with translation.override("fr"):
        text = all_text(document(render_word(full)))

    assert "atteint un indice global de préparation SAFE de" in text
    assert "\u202f:" in text  # narrow no-break space before a colon
    assert "1 janvier 2026" in text or "1er janvier 2026" in text


def test_editor_downloads_the_word_report_with_its_file_name(client, editor, full):
    client.force_login(editor)

    response = client.get(reverse("report_docx", args=[full.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    expected = 'attachment; filename="SAFE-needs-assessment-CIV-2026.docx"'
    assert response["Content-Disposition"] == expected
    assert "1 Introduction" in headings(document(response.content))


def test_another_administration_cannot_download_the_word_report(client, other_editor, full):
    client.force_login(other_editor)

    assert client.get(reverse("report_docx", args=[full.pk])).status_code == 404


def test_an_arabic_comment_is_a_right_to_left_paragraph(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    answer(editor, assessment, comment="تم التحقق من قانون الجمارك")

    doc = document(render_word(assessment))

    arabic = [p for p in doc.paragraphs if "تم التحقق" in p.text]
    assert arabic
    assert all(p._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
               is not None for p in arabic)  # fmt: skip


def test_word_report_shows_the_results_pages_charts_as_pictures(full):
    doc = document(render_word(full))
    pictures = doc.inline_shapes
    assert len(pictures) == 2  # the focus-area radar and the pillar bars
    png = doc.part.related_parts[pictures[0]._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert png.blob.startswith(b"\x89PNG")
