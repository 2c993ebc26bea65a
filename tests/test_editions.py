"""Editions: a mapping file between two editions is validated whole, and answers carry over
along it (hand-made pair: tests/data/tiny.yaml -> tests/data/tiny-2025.yaml)."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from assessments import editions, selectors, services
from assessments.content import ContentError, load_content
from assessments.models import EditionMapping, MonitoringReview, Question
from assessments.reports.data import build_report_data
from assessments.scoring import score_assessment
from tests.conftest import DATA

MAPPING = DATA / "tiny-2021-to-2025.yaml"


@pytest.fixture
def newer(tiny):
    return load_content(DATA / "tiny-2025.yaml").framework


def write_mapping(tmp_path, text):
    path = tmp_path / "mapping.yaml"
    path.write_text(MAPPING.read_text().replace(*text))
    return path


def test_a_mapping_sorts_questions_into_carried_over_renumbered_retired_and_new(tiny, newer):
    editions.load_mapping(MAPPING)
    changes = editions.changes_between(tiny, newer)
    assert [q.code for q in changes.new] == ["T-AEO-04"]
    assert [q.code for q in changes.retired] == ["T-AEO-02"]
    assert [(a.code, b.code) for a, b in changes.renumbered] == [("T-AEI-02", "T-AEI-02B")]
    assert changes.unchanged == 6 and changes.reworded == []


def test_loading_the_same_mapping_twice_writes_nothing_the_second_time(tiny, newer):
    assert editions.load_mapping(MAPPING)[1] is True
    assert editions.load_mapping(MAPPING)[1] is False


@pytest.mark.parametrize(
    ("replace", "code", "line"),
    [
        (
            ("{from: T-AEI-01, to: T-AEI-01}", "{from: T-AEI-09, to: T-AEI-01}"),
            "unknown_question",
            6,
        ),
        (
            ("{from: T-AEO-03, to: T-AEO-03}", "{from: T-AEI-01, to: T-AEO-03}"),
            "duplicate_mapping",
            10,
        ),
        (
            ("{from: T-AEO-03, to: T-AEO-03}", "{from: T-AEO-03, to: T-AEI-01}"),
            "duplicate_mapping",
            10,
        ),
        (("  - {to: T-AEO-04, new: true}\n", ""), "unmapped_question", None),
        (("{from: T-AEO-02, retired: true}", "{from: T-AEO-02}"), "bad_line", 9),
        (("from: tiny-2021\n", "from: tiny-1999\n"), "unknown_edition", 3),
    ],
)
def test_a_bad_mapping_is_refused_whole_with_line_and_reason(
    tmp_path, tiny, newer, replace, code, line
):
    path = write_mapping(tmp_path, replace)
    with pytest.raises(ContentError) as error:
        editions.load_mapping(path)
    assert code in error.value.codes
    problem = next(p for p in error.value.problems if p.code == code)
    assert problem.line == line
    assert str(path) in str(error.value)
    assert not EditionMapping.objects.exists()


def test_a_new_edition_assessment_carries_mapped_answers_over_and_leaves_new_questions_open(
    tiny, newer, administration, coordinator
):
    editions.load_mapping(MAPPING)
    old = start(coordinator, administration, tiny)
    by_code = {q.code: q for q in selectors.questions_of(old)}
    services.save_answers(
        coordinator,
        old,
        {
            by_code["T-AEI-01"]: ({"maturity": 2}, 0),
            by_code["T-AEI-02"]: ({"maturity": 3}, 0),
            by_code["T-AEO-01"]: ({"maturity": 1}, 0),
            by_code["T-AEO-02"]: ({"yes_no": True}, 0),
        },
    )
    new = start(coordinator, administration, newer, previous=old)

    copied = {a.question.code: a.maturity for a in new.answers.select_related("question")}
    assert copied == {"T-AEI-01": 2, "T-AEI-02B": 3, "T-AEO-01": 1}
    assert set(new.answers.values_list("carried_over_from", flat=True)) == {old.pk}  # to confirm
    assert not new.answers.filter(question__code__in=["T-AEO-02", "T-AEO-04"]).exists()
    before, after = scores(old), scores(new)
    for standard in ("P1-06", "P1-04"):  # rest only on mapped questions
        assert after.by_standard[standard].value == before.by_standard[standard].value


def test_the_framework_page_shows_what_changed_since_the_older_edition(client, tiny, newer, editor):
    editions.load_mapping(MAPPING)
    client.force_login(editor)
    page = client.get(reverse("framework_version", args=[newer.code])).content.decode()
    assert "Changes since tiny-2021" in page
    assert "T-AEO-04" in page and "T-AEO-02" in page and "T-AEI-02B" in page


def test_new_assessments_default_to_the_newest_edition(tiny, newer):
    assert selectors.default_framework() == newer
    assert Question.objects.filter(framework=tiny).exists()  # the older one stays loaded


def start(user, administration, framework, previous=None, phase=1):
    return services.start_assessment(
        user,
        administration,
        framework.phases.get(number=phase),
        f"Needs assessment {framework.edition}",
        date(framework.edition, 1, 1),
        date(framework.edition, 12, 31),
        previous=previous,
    )


def scores(assessment):
    records, _ = selectors.scoring_questions(assessment)
    return score_assessment(records, selectors.scoring_answers([assessment.pk])[assessment.pk])


# Comparisons across editions ---------------------------------------------------------------
# The 2021 assessment answers T-AEI-01 2, T-AEI-02 3, T-AEO-01 1 and T-AEO-02 (retired) yes;
# the 2025 one carries the first three over, then raises T-AEI-01 to 4 and answers the new
# T-AEO-04 with 0. Shared Phase 1 questions: T-AEI-01, T-AEI-02 -> T-AEI-02B, T-AEO-01 and
# T-AEO-03 (free text, not scored): 4. Weights 3, 1, 2 (and 1 for T-AEO-02, T-AEO-04).
#   2021 on the shared questions: (3*50 + 1*75 + 2*25) / 6 = 45.83 (with T-AEO-02: 53.57)
#   2025 on the shared questions: (3*100 + 1*75 + 2*25) / 6 = 70.83; complete: 425 / 7 = 60.71
#   AEO: 2021 shared 25 (complete 50), 2025 shared 25 (complete (50 + 0) / 3 = 16.67)
BASIS = "compared on the 4 questions both editions share (tiny-2021 → tiny-2025)"


def answer(user, assessment, **levels):
    by_code = {q.code: q for q in selectors.questions_of(assessment)}
    services.save_answers(
        user,
        assessment,
        {
            by_code[code.replace("_", "-")]: (
                {"yes_no" if isinstance(v, bool) else "maturity": v},
                None,
            )
            for code, v in levels.items()
        },
    )


@pytest.fixture
def across(tiny, newer, administration, coordinator, reviewer):
    """(2021 validated, 2025 started from it) with the mapping loaded."""
    editions.load_mapping(MAPPING)
    old = start(coordinator, administration, tiny)
    answer(coordinator, old, T_AEI_01=2, T_AEI_02=3, T_AEO_01=1, T_AEO_02=True)
    services.submit(coordinator, old)
    services.validate(reviewer, old, "Consistent.")
    new = start(coordinator, administration, newer, previous=old)
    answer(coordinator, new, T_AEI_01=4, T_AEO_04=0)
    return old, new


def test_a_comparison_across_editions_scores_both_sides_on_the_shared_questions(across):
    old, new = across
    trend, _ = selectors.trend_of(new)
    assert [a.pk for a, _r in trend] == [old.pk, new.pk]
    (earlier, before), (_current, own) = trend
    assert before.overall.value == pytest.approx(275 / 6)
    assert earlier.shared.count == 4
    assert earlier.shared.current.overall.value == pytest.approx(425 / 6)
    assert own.overall.value == pytest.approx(425 / 7)  # the headline stays complete
    assert before.by_focus_area["AEO"].value == pytest.approx(25)


def test_the_report_measures_change_on_the_shared_questions_and_says_so(across):
    _old, new = across
    data = build_report_data(new)
    assert data.comparison_basis == BASIS
    aeo = next(area for area in data.focus_areas if area.code == "AEO")
    assert aeo.score.value == pytest.approx(50 / 3)
    assert aeo.earlier == pytest.approx(25)
    assert aeo.compared.value == pytest.approx(25)  # change 0, not 16.67 - 50
    assert data.compared_overall == pytest.approx(425 / 6)


def test_the_results_page_and_pdf_label_the_comparison_in_english_and_french(
    client, across, coordinator, django_assert_max_num_queries
):
    _old, new = across
    client.force_login(coordinator)
    with django_assert_max_num_queries(23):
        page = client.get(reverse("results", args=[new.pk])).content.decode()
    assert "Compared on the 4 questions both editions share (tiny-2021 → tiny-2025)" in page
    assert f"Points of another edition: {BASIS}; the latest on all its questions." in page
    pdf = client.get(reverse("report_pdf", args=[new.pk]))
    text = " ".join(
        "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split()
    )
    assert BASIS in text
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("results", args=[new.pk]))
    assert "Comparé sur les 4 questions communes aux deux éditions" in page.content.decode()


def test_without_a_mapping_no_comparison_across_editions_appears(
    tiny, newer, administration, coordinator, reviewer
):
    old = start(coordinator, administration, tiny)
    answer(coordinator, old, T_AEI_01=2, T_AEI_02=3, T_AEO_01=1, T_AEO_02=True)
    services.submit(coordinator, old)
    services.validate(reviewer, old, "Consistent.")
    new = start(coordinator, administration, newer)
    trend, _ = selectors.trend_of(new)
    assert [a.pk for a, _r in trend] == [new.pk]
    data = build_report_data(new)
    assert data.earlier_label == "" and data.comparison_basis == ""


def test_a_monitoring_review_refuses_a_follow_up_of_another_edition(
    across, administration, coordinator
):
    old, new = across
    with pytest.raises(ValidationError) as error:
        services.start_review(coordinator, administration, "R", date(2026, 1, 1), old, new)
    assert error.value.code == "edition_mismatch"
    assert not MonitoringReview.objects.exists()


def test_phase_3_indicators_take_their_baseline_across_the_mapping(
    tiny, newer, administration, coordinator, reviewer
):
    editions.load_mapping(MAPPING)
    old = start(coordinator, administration, tiny, phase=3)
    services.save_answers(
        coordinator, old, {q: ({"number": 50}, None) for q in selectors.questions_of(old)}
    )
    services.submit(coordinator, old)
    new = start(coordinator, administration, newer, phase=3)
    data = build_report_data(new)
    assert [(i.code, i.baseline) for i in data.indicators] == [("T-ME-01", 50)]
    assert data.baseline_label.startswith("Needs assessment 2021")


def test_the_overview_lists_the_questions_new_in_the_edition(
    client, tiny, newer, administration, coordinator
):
    editions.load_mapping(MAPPING)
    old = start(coordinator, administration, tiny)
    new = start(coordinator, administration, newer, previous=old)
    client.force_login(coordinator)
    page = client.get(reverse("assessment_detail", args=[new.pk])).content.decode()
    assert "1 question is new in tiny-2025 and was not carried over." in page
    assert "T-AEO-04" in page
    same = start(coordinator, administration, tiny, previous=old)
    page = client.get(reverse("assessment_detail", args=[same.pk])).content.decode()
    assert 'id="new-questions"' not in page
