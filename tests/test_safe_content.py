"""The SAFE 2021 content shipped in fixtures/: complete, consistent and loadable."""

import pytest

from assessments.content import read_content
from tests.conftest import SAFE_2021

PILLAR_STANDARDS = (
    [f"P1-{n:02}" for n in range(1, 12)]
    + [f"P2-{n:02}" for n in range(1, 7)]
    + ["P3-01", "P3-02", "P3-03"]
)
AEO_CRITERIA = [f"AEO-{letter}" for letter in "ABCDEFGHIJKLM"]


@pytest.fixture(scope="module")
def content():
    return read_content(SAFE_2021)


def questions(content, phase):
    return [q for q in content["questions"] if q["phase"] == phase]


def test_every_standard_and_aeo_criterion_is_defined(content):
    defined = [s["code"] for p in content["pillars"] for s in p["standards"]]
    assert set(PILLAR_STANDARDS + AEO_CRITERIA) <= set(defined)
    assert len([c for c in defined if c.startswith("P1-")]) == 11
    assert len([c for c in defined if c.startswith("P2-")]) == 6


def test_every_standard_and_aeo_criterion_is_referenced_in_phase_1(content):
    referenced = {code for q in questions(content, 1) for code in q["standards"]}
    missing = set(PILLAR_STANDARDS + AEO_CRITERIA) - referenced
    assert not missing, f"not referenced by any needs-assessment question: {sorted(missing)}"


def test_four_focus_areas_and_three_columbus_phases(content):
    assert [f["code"] for f in content["focus_areas"]] == ["AEI", "RM", "OI", "AEO"]
    assert [p["number"] for p in content["phases"]] == [1, 2, 3]


def test_phase_1_has_at_least_80_maturity_questions_across_all_focus_areas(content):
    maturity = [q for q in questions(content, 1) if q["answer_type"] == "maturity"]
    assert len(maturity) >= 80
    assert {q["focus_area"] for q in maturity} == {"AEI", "RM", "OI", "AEO"}


def test_level_descriptors_are_specific_to_each_question(content):
    maturity = [q for q in content["questions"] if q["answer_type"] == "maturity"]
    for q in maturity:
        texts = [level["en"] for level in q["levels"]]
        assert len(set(texts)) == 5, q["code"]
    seen = {}
    for q in maturity:
        key = tuple(level["en"] for level in q["levels"])
        assert key not in seen, f"{q['code']} repeats the scale of {seen.get(key)}"
        seen[key] = q["code"]


def test_phase_2_and_3_questionnaires(content):
    assert len(questions(content, 2)) >= 12
    monitoring = questions(content, 3)
    assert len(monitoring) >= 12
    indicators = [q for q in monitoring if q["answer_type"] == "number"]
    assert len(indicators) >= 5
    for q in indicators:
        assert q["unit"]["en"] and q["target"] is not None, q["code"]


def test_every_question_has_guidance_and_evidence_examples(content):
    for q in content["questions"]:
        if q["answer_type"] != "text":
            assert q["guidance"]["en"] and q["evidence"]["en"], q["code"]


def test_every_question_is_translated_into_french(content):
    for q in content["questions"]:
        assert q["text"].get("fr"), q["code"]
        if q["guidance"]["en"]:
            assert q["guidance"].get("fr"), q["code"]
        for level in q["levels"]:
            assert level.get("fr"), q["code"]


def test_every_standard_and_aeo_condition_rests_on_at_least_two_scored_questions(content):
    counts = {}
    for q in questions(content, 1):
        if q["answer_type"] != "text":
            for code in q["standards"]:
                counts[code] = counts.get(code, 0) + 1
    thin = {code: counts.get(code, 0) for code in PILLAR_STANDARDS + AEO_CRITERIA}
    assert not {code: n for code, n in thin.items() if n < 2}


def test_coordinated_border_management_continuity_and_kyoto_are_covered_by_name(content):
    english = " ".join(q["text"]["en"] + " " + q["guidance"]["en"] for q in questions(content, 1))
    for name in (
        "Coordinated Border Management",
        "Trade Continuity and Resumption",
        "Revised Kyoto Convention",
    ):
        assert name in english, name
