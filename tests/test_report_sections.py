"""The needs-assessment report read as a reader would, section by section, in English and
French: introduction, profile, summary in sentences, gaps by area, assistance needs,
recommendations with WCO instruments, sign-off, annexes, and French typography."""

from datetime import date

import pytest
from django.utils import translation

from assessments import selectors, services
from assessments.models import Assessment
from assessments.reports.data import build_report_data
from assessments.reports.pdf import render_report, report_filename
from assessments.reports.typography import NNBSP, country_name, number_text, polish
from assessments.reports.word import render_word
from tests.conftest import start
from tests.test_pdf_report import answer, pages, text_of
from tests.test_word_report import all_text, document

EXPECTED = {
    "en": [
        "1 Introduction",
        "Purpose",
        "Columbus Programme",
        "Reference period",
        "From 1 January 2026 to 31 December 2026.",
        "Who answered",
        "Who reviewed",
        "1.1 Administration profile",
        "Customs IT system",
        "2 Executive summary",
        "reaches an overall SAFE readiness index of",
        "The assessment finds",
        "5 Gap analysis",
        "6 Summary of assistance needs",
        "Known cost",
        "7 Recommendations",
        "Read: WCO SAFE Framework of Standards",
        "WCO Risk Management Compendium",
        "8 Sign-off",
        "Validated by (WCO reviewer)",
        "Priority of each gap",
    ],
    "fr": [
        "1 Introduction",
        "Objet",
        "programme Columbus",
        "Période de référence",
        "Du 1 janvier 2026 au 31 décembre 2026.",
        "Qui a répondu",
        "Qui a examiné",
        "1.1 Profil de l'administration",
        "Système informatique douanier",
        "2 Synthèse",
        "atteint un indice global de préparation SAFE de",
        "L'évaluation relève",
        "5 Analyse des écarts",
        "6 Récapitulatif des besoins d'assistance",
        "Coût connu",
        "7 Recommandations",
        "À consulter : Cadre de normes SAFE",  # (text_of folds the narrow space)
        "Recueil de l'OMD sur la gestion des risques",
        "8 Validation et signatures",
        "Validée par (évaluateur de l'OMD)",
        "Priorité de chaque écart",
    ],
}


@pytest.fixture
def report_of(editor, coordinator, administration, tiny):
    services.save_profile(
        coordinator, administration, {"it_system": "ASYCUDA World", "staff": 1200}
    )
    assessment = start(editor, administration, tiny)
    answer(editor, assessment)

    def report(language):
        with translation.override(language):
            return text_of(render_report(assessment))

    return report


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_section_of_a_needs_assessment_is_there(report_of, language):
    text = report_of(language)

    for expected in EXPECTED[language]:
        assert expected in text, expected


def test_introduction_names_who_answered_and_who_reviewed(editor, reviewer, administration, tiny):
    editor.first_name, editor.last_name = "Awa", "Koné"
    editor.save()
    reviewer.first_name, reviewer.last_name = "Jean", "Dupont"
    reviewer.save()
    assessment = start(editor, administration, tiny)
    answer(editor, assessment)
    services.submit(editor, assessment)
    services.validate(reviewer, assessment, "Checked.")

    with translation.override("en"):
        text = text_of(render_report(assessment))

    assert "Who answered Awa Koné" in text
    assert "Who reviewed Jean Dupont" in text
    assert "Validated by (WCO reviewer) Jean Dupont" in text
    assert "DRAFT" not in text and "SUBMITTED" not in text


def test_the_profile_is_entered_once_and_shown_in_every_report(
    editor, coordinator, administration, tiny
):
    services.save_profile(coordinator, administration, {"border_posts": 37})
    first, second = start(editor, administration, tiny), start(editor, administration, tiny, 2)

    for assessment in (first, second):
        with translation.override("en"):
            assert "Border posts and customs offices 37" in text_of(render_report(assessment))


def test_french_report_uses_french_typography(editor, coordinator, administration, tiny):
    services.save_profile(coordinator, administration, {"staff": 1200})
    assessment = start(editor, administration, tiny)
    answer(editor, assessment)

    with translation.override("fr"):
        text = " ".join(pages(render_report(assessment)))

    assert f"consulter{NNBSP}:" in text  # narrow no-break space before a colon
    assert f"1{NNBSP}200" in text  # 1 200 agents, not 1,200
    assert "1 janvier 2026" in text and "2026-01-01" not in text
    assert "OEA" in text  # the glossary and instruments say OEA, as French does


def test_french_spacing_rules_leave_web_addresses_and_times_alone():
    with translation.override("fr"):
        assert polish("Réponse: oui; 85% «ici»") == (
            f"Réponse{NNBSP}: oui{NNBSP}; 85{NNBSP}% «{NNBSP}ici{NNBSP}»"
        )
        assert polish("https://example.org 10:30") == "https://example.org 10:30"
        assert number_text(1250.5) == f"1{NNBSP}250,5"
    with translation.override("en"):
        assert polish("Answer: yes") == "Answer: yes"
        assert number_text(1250.5) == "1,250.5"


def test_country_names_follow_the_language():
    with translation.override("fr"):
        assert country_name("DEU") == "Allemagne"
    with translation.override("en"):
        assert country_name("DEU") == "Germany"


def test_french_table_headers_never_break_inside_a_word(report_of):
    text = report_of("fr")

    for word in ("Catégorie", "Priorité", "Domaine"):
        assert word in text
        assert f"{word[:-1]} {word[-1]}" not in text and f"{word[:-2]} {word[-2:]}" not in text


def test_priority_words_follow_the_worked_example_in_docs_report():
    from assessments.reports.context import priority_level

    assert priority_level(50 / 100 * 2 * 1.25) == "high"  # docs/report.md: 1.25 → high
    assert [priority_level(p) for p in (1.0, 0.99, 0.5, 0.49)] == [
        "high",
        "medium",
        "medium",
        "low",
    ]


def test_summary_names_strongest_and_weakest_areas_only_when_they_differ(
    editor, administration, tiny
):
    from assessments import selectors

    assessment = start(editor, administration, tiny)
    questions = {q.code: q for q in selectors.questions_of(assessment)}
    level = {"T-AEI-01": 4, "T-AEO-01": 4}  # both areas at 100: a tie
    services.save_answers(
        editor, assessment, {questions[c]: ({"maturity": v}, None) for c, v in level.items()}
    )
    with translation.override("en"):
        assert "The strongest focus area" not in text_of(render_report(assessment))

    services.save_answers(editor, assessment, {questions["T-AEO-01"]: ({"maturity": 1}, None)})
    with translation.override("en"):
        text = text_of(render_report(assessment))
    assert "The strongest focus area is Advance electronic" in text


# The numbers beside the index -----------------------------------------------------------

NUMBERS = {
    "en": [
        "Level achieved",
        "Percent to target",
        "provisional: 1 mandatory question unanswered",
        "Confidence",
        "% self-declared",
        "Not applicable 1 question left out",
        "Gaps not classified 1 gap: support not stated yet",
        "Level, target and confidence by focus area",
        "Questions not applicable",
        "T-AEO-02",
        "No AEO law in force yet.",
        "Accepted",
    ],
    "fr": [
        "Niveau atteint",
        "Pourcentage de la cible atteint",
        "provisoire : 1 question obligatoire sans réponse",
        "Confiance",
        "Sans objet 1 question écartée",
        "Écarts non classés 1 écart : soutien pas encore indiqué",
        "Niveau, cible et confiance par domaine",
        "Questions non applicables",
        "No AEO law in force yet.",
        "Acceptée",
    ],
}


@pytest.fixture
def mixed(editor, administration, tiny):
    """One gap with support not stated, one accepted N/A, one mandatory question unanswered."""
    assessment = start(editor, administration, tiny)
    questions = {q.code: q for q in selectors.questions_of(assessment)}
    services.save_answers(
        editor,
        assessment,
        {
            questions["T-AEI-01"]: ({"maturity": 2, "support_needed": ""}, None),
            questions["T-AEI-02"]: ({"maturity": 4, "support_needed": "none"}, None),
            questions["T-AEO-02"]: (
                {"not_applicable": True, "na_justification": "No AEO law in force yet."},
                None,
            ),
            questions["T-AEO-03"]: ({"text": "Described in the customs code."}, None),
        },
    )
    return assessment


def folded(text):
    return " ".join(text.replace(NNBSP, " ").replace("\u00a0", " ").split())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_report_prints_level_target_provisional_confidence_na_and_unclassified(mixed, language):
    with translation.override(language):
        data = build_report_data(mixed)
        text = folded(text_of(render_report(mixed)))
        word = folded(all_text(document(render_word(mixed))))

    assert data.provisional and data.missing_mandatory == 1 and data.unclassified_gaps == 1
    level = f"{data.level_achieved}" if data.level_achieved is not None else "–"
    for expected in [*NUMBERS[language], f"{data.to_target:.0f} %", level]:
        assert folded(expected) in text, expected
        assert folded(expected) in word, expected


@pytest.mark.parametrize("language", ["en", "fr"])
def test_phase_3_report_names_its_phase_1_readiness_baseline(
    editor, administration, tiny, language
):
    baseline = start(editor, administration, tiny, title="Diagnostic 2024")
    answer(editor, baseline)
    Assessment.objects.filter(pk=baseline.pk).update(
        status=Assessment.Status.VALIDATED,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )
    monitoring = start(editor, administration, tiny, phase=3, title="Review 2026")
    answer(editor, monitoring)

    with translation.override(language):
        text = folded(text_of(render_report(monitoring)))
        word = folded(all_text(document(render_word(monitoring))))
        name = report_filename(monitoring)
        baseline_index = build_report_data(monitoring).readiness_baseline_index.value

    label = {"en": "Readiness baseline (Phase 1)", "fr": "Référence de préparation (phase 1)"}
    index = {"en": "SAFE readiness index", "fr": "indice de préparation SAFE"}
    for output in (text, word):
        assert f"{label[language]} Diagnostic 2024 (2024, " in output
        assert f"{index[language]} {baseline_index:.0f}" in output
    title = {"en": "SAFE implementation monitoring", "fr": "Suivi de la mise en œuvre de SAFE"}
    assert title[language] in text
    suffix = "" if language == "en" else "-fr"
    assert name == f"SAFE-implementation-progress-CIV-2026{suffix}.pdf"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_na_rejected_by_the_reviewer_is_listed_as_rejected(mixed, reviewer, language):
    Assessment.objects.filter(pk=mixed.pk).update(status=Assessment.Status.SUBMITTED)
    mixed.refresh_from_db()
    question = selectors.questions_of(mixed).get(code="T-AEO-02")
    services.reject_not_applicable(reviewer, mixed, question, "The law passed in March.")

    with translation.override(language):
        text = folded(text_of(render_report(mixed)))
        word = folded(all_text(document(render_word(mixed))))

    expected = {
        "en": "Rejected by the reviewer: The law passed in March.",
        "fr": "Rejetée par l'examinateur : The law passed in March.",
    }
    for output in (text, word):
        assert folded(expected[language]) in output
        assert "No AEO law in force yet." in output
