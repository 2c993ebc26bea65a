"""Readiness scoring (assessments/scoring.py): the worked example of docs/scoring.md, each rule
on its own, and properties that must hold for any questionnaire. Pure functions: no database."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assessments import scoring
from assessments.phase_results import phase_result_label
from assessments.scoring import AnswerData, QuestionData, Score, score_assessment

PILLAR_OF = {"P1-04": "P1", "P1-06": "P1", "P2-01": "P2", "AEO-G": "P2", "P3-01": "P3"}


def question(qid, code=None, focus_area="RM", standards=("P1-04",), **kwargs):
    return QuestionData(
        id=qid,
        code=code or f"Q-{qid:02d}",
        focus_area=focus_area,
        standards=tuple(standards),
        pillars=tuple(dict.fromkeys(PILLAR_OF[s] for s in standards)),
        answer_type=kwargs.pop("answer_type", "maturity"),
        **kwargs,
    )


def score(questions, answers):
    return scoring.score_assessment(questions, answers)


# The worked example of docs/scoring.md, section 9 ------------------------------------------


def worked_example(rm01_level=2):
    questions = [
        question(1, "RM-01", "RM", ("P1-04", "P1-06"), weight=2, na_allowed=False),
        question(2, "RM-02", "RM", ("P1-06",), answer_type="yes_no", na_allowed=False),
        question(3, "RM-03", "RM", ("P1-04",), answer_type="number", target=80, na_allowed=False),
        question(4, "AEO-01", "AEO", ("P1-06", "P2-01"), weight=3, na_allowed=False),
        question(5, "AEO-02", "AEO", ("P2-01",), weight=2, na_allowed=True),
        question(6, "AEO-03", "AEO", ("P2-01",), na_allowed=False),
    ]
    answers = [
        AnswerData(1, maturity=rm01_level, support_needed="technical", evidence=True),
        AnswerData(2, yes_no=False, support_needed="none"),
        AnswerData(3, number=60),
        AnswerData(4, maturity=3, support_needed="legal", target=4, evidence=True),
        AnswerData(5, not_applicable=True),
        AnswerData(6, not_applicable=True),  # not allowed: counts as not yet answered
    ]
    return questions, answers


def test_worked_example_scores_bands_and_completion():
    results = score(*worked_example())

    expected = {  # value, band, answered, applicable, provisional, level achieved, to target
        "overall": (400 / 7, "developing", 4, 5, True, 0, 400 / 725 * 100),
        "RM": (175 / 4, "developing", 3, 3, False, 0, 50),
        "AEO": (225 / 3, "established", 1, 2, True, 3, 60),
        "P1": (400 / 7, "developing", 4, 4, False, 0, 400 / 650 * 100),
        "P2": (225 / 3, "established", 1, 2, True, 3, 60),
        "P1-04": (175 / 3, "developing", 2, 2, False, 2, 70),
        "P1-06": (325 / 6, "developing", 3, 3, False, 0, 325 / 550 * 100),
        "P2-01": (225 / 3, "established", 1, 2, True, 3, 60),
    }
    scores = {
        "overall": results.overall,
        **results.by_focus_area,
        **results.by_pillar,
        **results.by_standard,
    }
    assert list(results.by_focus_area) == ["RM", "AEO"]
    assert list(results.by_pillar) == ["P1", "P2"]
    assert list(results.by_standard) == ["P1-04", "P1-06", "P2-01"]
    for name, (value, band, answered, applicable, *rest) in expected.items():
        got = scores[name]
        provisional, level, to_target = rest
        assert got.value == pytest.approx(value), name
        assert (got.band, got.answered, got.applicable) == (band, answered, applicable), name
        assert (got.provisional, got.level_achieved) == (provisional, level), name
        assert got.to_target == pytest.approx(to_target), name
    assert results.overall.value == pytest.approx(57.14, abs=0.005)
    assert results.overall.to_target == pytest.approx(55.17, abs=0.005)
    assert results.by_standard["P1-06"].value == pytest.approx(54.17, abs=0.005)
    assert results.overall.completion == pytest.approx(0.8)
    assert results.overall.missing_mandatory == 1  # AEO-03: the overall index is provisional
    assert results.by_focus_area["AEO"].completion == pytest.approx(0.5)
    assert results.by_focus_area["AEO"].not_applicable == 1


def test_worked_example_not_applicable_and_confidence():
    results = score(*worked_example())

    assert [q.code for q in results.not_applicable] == ["AEO-02"]
    assert [q.code for q in results.na_refused] == ["AEO-03"]
    assert results.overall.confidence == (2, 2, 0)  # self-declared, evidence, validated
    assert results.overall.confidence.shares() == (50, 50, 0)
    assert results.by_focus_area["AEO"].confidence == (0, 1, 0)
    validated = [replace(a, validated=True) for a in worked_example()[1]]
    assert score(worked_example()[0], validated).overall.confidence == (0, 0, 4)


def test_worked_example_gaps_priorities_and_classes():
    results = score(*worked_example())

    gaps = [
        (g.question.code, g.current, g.target, g.size, g.priority, g.tfa_class)
        for g in results.gaps
    ]
    assert gaps == [
        ("RM-02", 0, 100, 100, pytest.approx(1.0), "A"),
        ("AEO-01", 75, 100, 25, pytest.approx(0.9375), "B"),
        ("RM-01", 50, 75, 25, pytest.approx(0.625), "C"),
        ("RM-03", pytest.approx(75), 100, pytest.approx(25), pytest.approx(0.25), "not_classified"),
    ]
    assert results.gap_classes() == {"A": 1, "B": 1, "C": 1, "not_classified": 1}
    assert [g.question.code for g in results.unclassified_gaps()] == ["RM-03"]


def test_worked_example_strengths_and_change():
    results = score(*worked_example())
    before = score(*worked_example(rm01_level=1))

    assert [(q.code, s) for q, s in results.strengths] == [("AEO-01", 75), ("RM-03", 75)]
    assert before.overall.value == pytest.approx(50.0)
    assert scoring.change(results.overall, before.overall) == pytest.approx(50 / 7)
    assert scoring.change(results.overall, before.overall) == pytest.approx(7.14, abs=0.005)
    rm_now, rm_before = results.by_focus_area["RM"], before.by_focus_area["RM"]
    assert rm_before.value == pytest.approx(31.25)
    assert scoring.change(rm_now, rm_before) == pytest.approx(12.5)


# Each rule on its own ----------------------------------------------------------------------


@pytest.mark.parametrize("level, expected", [(0, 0), (1, 25), (2, 50), (3, 75), (4, 100)])
def test_maturity_levels_score_a_quarter_each(level, expected):
    assert scoring.value_score(question(1), maturity=level) == expected


def test_yes_scores_100_and_no_scores_0():
    q = question(1, answer_type="yes_no")
    assert scoring.value_score(q, yes_no=True) == 100
    assert scoring.value_score(q, yes_no=False) == 0


@pytest.mark.parametrize("value, expected", [(0, 0), (40, 50), (60, 75), (80, 100)])
def test_number_higher_is_better_scores_the_share_of_the_target(value, expected):
    q = question(1, answer_type="number", target=80)
    assert scoring.value_score(q, number=value) == pytest.approx(expected)


def test_number_above_its_target_is_capped_at_100():
    q = question(1, answer_type="number", target=80)
    assert scoring.value_score(q, number=120) == 100


@pytest.mark.parametrize("hours, expected", [(1, 100), (2, 100), (4, 50), (8, 25)])
def test_number_lower_is_better_scores_target_over_value(hours, expected):
    q = question(1, answer_type="number", target=2, better="lower")
    assert scoring.value_score(q, number=hours) == pytest.approx(expected)


def test_number_without_a_target_counts_as_unanswered():
    questions = [question(1, answer_type="number"), question(2)]
    results = score(questions, [AnswerData(1, number=50), AnswerData(2, maturity=2)])
    assert scoring.value_score(questions[0], number=50) is None
    assert (results.overall.value, results.overall.answered) == (50, 1)
    assert results.overall.applicable == 2


def test_text_questions_are_not_scored():
    questions = [question(1), question(2, focus_area="AEI", answer_type="text")]
    # even a stray value on a text question is ignored
    results = score(questions, [AnswerData(1, maturity=2), AnswerData(2, maturity=0)])
    assert results.overall[:5] == Score(50, 1, 1, "developing", False)[:5]
    assert "AEI" not in results.by_focus_area
    assert results.gaps[0].question.id == 1 and len(results.gaps) == 1


def test_not_applicable_is_left_out_of_the_mean_and_the_count():
    questions = [question(1), question(2, weight=5)]
    results = score(
        questions, [AnswerData(1, maturity=4), AnswerData(2, maturity=0, not_applicable=True)]
    )
    assert results.overall[:5] == Score(100, 1, 1, "advanced", False)[:5]
    assert results.overall.not_applicable == 1
    assert results.gaps == []


def test_not_applicable_where_the_content_does_not_allow_it_counts_as_unanswered():
    questions = [question(1), question(2, weight=5, na_allowed=False)]
    results = score(
        questions, [AnswerData(1, maturity=4), AnswerData(2, maturity=0, not_applicable=True)]
    )
    assert results.overall[:5] == Score(100, 1, 2, "advanced", True)[:5]
    assert results.overall.missing_mandatory == 1
    assert [q.id for q in results.na_refused] == [2]


def test_group_of_only_not_applicable_questions_is_absent():
    questions = [question(1), question(2, focus_area="AEO", standards=("P3-01",))]
    results = score(questions, [AnswerData(1, maturity=1), AnswerData(2, not_applicable=True)])
    assert list(results.by_focus_area) == ["RM"]
    assert "P3" not in results.by_pillar and "P3-01" not in results.by_standard


def test_unanswered_question_is_not_counted_as_zero():
    questions = [question(1), question(2, weight=3)]
    results = score(questions, [AnswerData(1, maturity=3)])
    assert results.overall.value == 75
    assert (results.overall.answered, results.overall.applicable) == (1, 2)


def test_answer_saved_without_a_value_is_unanswered():
    questions = [question(1), question(2)]
    results = score(questions, [AnswerData(1, maturity=3), AnswerData(2, support_needed="legal")])
    assert results.overall.value == 75
    assert results.overall.answered == 1
    assert results.gaps == []


def test_weights_make_a_question_count_more():
    questions = [question(1, weight=3), question(2)]
    results = score(questions, [AnswerData(1, maturity=4), AnswerData(2, maturity=0)])
    assert results.overall.value == 75


def test_question_counts_in_each_of_its_standards_and_once_per_pillar():
    questions = [question(1, standards=("P1-04", "P1-06", "P2-01")), question(2)]
    results = score(questions, [AnswerData(1, maturity=4), AnswerData(2, maturity=0)])
    assert results.by_standard["P1-04"].value == 50  # with question 2
    assert results.by_standard["P1-06"].value == 100
    assert results.by_standard["P2-01"].value == 100
    assert results.by_pillar["P1"].applicable == 2  # not 3
    assert results.by_pillar["P1"].value == 50
    assert results.overall.value == 50


@pytest.mark.parametrize(
    "answered, applicable, provisional",
    [(0, 1, True), (1, 3, True), (4, 9, True), (1, 2, True), (3, 4, True), (4, 5, False),
     (8, 10, False), (3, 3, False)],
)  # fmt: skip
def test_scope_is_provisional_below_80_percent_answered(answered, applicable, provisional):
    questions = [question(i, mandatory=False) for i in range(1, applicable + 1)]
    answers = [AnswerData(i, maturity=2) for i in range(1, answered + 1)]
    results = score(questions, answers)
    area = results.by_focus_area["RM"]
    assert area.provisional is provisional
    assert area.completion == pytest.approx(answered / applicable)
    assert (area.value is None) is (answered == 0)
    assert results.overall.provisional is provisional  # no mandatory question is missing


def test_overall_index_is_provisional_until_every_mandatory_question_is_answered():
    questions = [question(i) for i in range(1, 11)] + [question(11, mandatory=False)]
    nine = [AnswerData(i, maturity=4) for i in range(1, 10)]
    results = score(questions, nine)
    assert results.by_focus_area["RM"].provisional is False  # 9 of 11: above 80 %
    assert results.overall.provisional is True and results.overall.missing_mandatory == 1
    complete = score(questions, [*nine, AnswerData(10, maturity=4)]).overall
    assert complete.provisional is False and complete.missing_mandatory == 0


def test_scoring_md_section_4_example_half_answered_at_level_4():
    questions = [question(i) for i in range(1, 5)]  # mandatory, default target level 3
    overall = score(questions, [AnswerData(1, maturity=4), AnswerData(2, maturity=4)]).overall
    assert (overall.value, overall.provisional, overall.missing_mandatory) == (100, True, 2)
    assert overall.to_target == pytest.approx(50)


def test_nothing_applicable_is_complete_and_not_provisional():
    overall = score([question(1)], [AnswerData(1, not_applicable=True)]).overall
    assert overall[:5] == Score(None, 0, 0, None, False)[:5]
    assert (overall.level_achieved, overall.to_target) == (None, None)
    assert overall.completion == 1.0


@pytest.mark.parametrize(
    "value, band",
    [
        (0, "not_in_place"),
        (12.49, "not_in_place"),
        (12.5, "initial"),
        (25, "initial"),
        (37.49, "initial"),
        (37.5, "developing"),
        (50, "developing"),
        (62.49, "developing"),
        (62.5, "established"),
        (75, "established"),
        (87.49, "established"),
        (87.5, "advanced"),
        (100, "advanced"),
        (None, None),
    ],
)
def test_band_boundaries(value, band):
    assert scoring.band(value) == band


def test_score_carries_its_band():
    questions = [question(1), question(2)]
    results = score(questions, [AnswerData(1, maturity=1), AnswerData(2, maturity=0)])
    assert (results.overall.value, results.overall.band) == (12.5, "initial")


@pytest.mark.parametrize(
    ("level", "band"),
    [(0, "not_in_place"), (1, "initial"), (2, "developing"), (3, "established"), (4, "advanced")],
)
def test_every_answer_at_level_n_lands_in_the_band_named_for_level_n(level, band):
    questions = [question(i, weight=1 + i % 3) for i in range(1, 11)]
    results = score(questions, [AnswerData(i, maturity=level) for i in range(1, 11)])
    assert (results.overall.value, results.overall.band) == (25 * level, band)
    assert results.overall.level_achieved == level
    assert scoring.BANDS[level][1] == band


@pytest.mark.parametrize(
    ("levels", "achieved"),
    [([4] * 10, 4), ([4] * 9 + [0], 4), ([4] * 8 + [0, 0], 0), ([3] * 8 + [2, 4], 3),
     ([3] * 8 + [2, 2], 2), ([1] * 5, 1), ([], None)],
)  # fmt: skip
def test_level_achieved_is_reached_by_90_percent_of_the_answers(levels, achieved):
    questions = [question(i) for i in range(1, len(levels) + 1)]
    answers = [AnswerData(i, maturity=level) for i, level in enumerate(levels, 1)]
    assert score(questions, answers).overall.level_achieved == achieved


def test_percent_to_target_counts_unanswered_questions_as_nothing_reached():
    questions = [question(1, target=4), question(2, target=4), question(3, target=2)]
    # 1: level 4 (on target); 2: level 2 (50 short of 100); 3: unanswered (50 short of 50)
    results = score(questions, [AnswerData(1, maturity=4), AnswerData(2, maturity=2)])
    assert results.overall.to_target == pytest.approx(100 * (1 - 100 / 250))
    assert results.overall.value == 75


def test_maturity_target_defaults_to_level_3():
    results = score(
        [question(1), question(2)], [AnswerData(1, maturity=2), AnswerData(2, maturity=3)]
    )
    assert [(g.question.id, g.current, g.target, g.size) for g in results.gaps] == [(1, 50, 75, 25)]


def test_question_target_sets_the_gap():
    results = score([question(1, target=4)], [AnswerData(1, maturity=3)])
    assert [(g.target, g.size) for g in results.gaps] == [(100, 25)]


def test_assessment_target_overrides_the_question_target():
    questions = [question(1, target=4), question(2, target=2)]
    answers = [AnswerData(1, maturity=3, target=3), AnswerData(2, maturity=3, target=4)]
    results = score(questions, answers)
    assert [(g.question.id, g.target, g.size) for g in results.gaps] == [(2, 100, 25)]


def test_no_gap_at_or_above_target():
    questions = [question(1, target=2), question(2, answer_type="yes_no")]
    results = score(questions, [AnswerData(1, maturity=2), AnswerData(2, yes_no=True)])
    assert results.gaps == []


@pytest.mark.parametrize(
    "support, tfa_class",
    [
        ("none", "A"),
        ("", "not_classified"),
        ("legal", "B"),
        ("technical", "C"),
        ("equipment", "C"),
        ("funding", "C"),
        ("something else", "not_classified"),
    ],
)
def test_gap_class_follows_the_support_needed(support, tfa_class):
    results = score([question(1)], [AnswerData(1, maturity=0, support_needed=support)])
    assert results.gaps[0].tfa_class == tfa_class
    assert results.gaps[0].support_needed == support


def test_gap_classes_counts_each_class():
    questions = [question(i) for i in range(1, 5)]
    supports = ["none", "technical", "funding", "legal"]
    answers = [AnswerData(i, maturity=1, support_needed=s) for i, s in enumerate(supports, 1)]
    assert score(questions, answers).gap_classes() == {"A": 1, "B": 1, "C": 2, "not_classified": 0}


@pytest.mark.parametrize(
    "size, weight, n_standards, expected",
    [
        (100, 1, 1, 1.0),
        (25, 2, 2, 0.625),
        (25, 3, 2, 0.9375),
        (30, 1, 3, 0.45),
        (50, 1, 0, 0.5),
        (100 / 3, 1, 1, 0.3333),  # rounded to 4 decimals
    ],
)
def test_priority_formula(size, weight, n_standards, expected):
    assert scoring.priority(size, weight, n_standards) == pytest.approx(expected, abs=1e-12)


def test_gaps_come_highest_priority_first():
    questions = [
        question(1, "A-01"),  # gap 25, weight 1
        question(2, "A-02", weight=2),  # gap 25, weight 2
        question(3, "A-03", standards=("P1-04", "P1-06", "P2-01")),  # gap 25 x 1.5
        question(4, "A-04"),  # gap 75
    ]
    answers = [AnswerData(i, maturity=lvl) for i, lvl in ((1, 2), (2, 2), (3, 2), (4, 0))]
    results = score(questions, answers)
    assert [g.question.code for g in results.gaps] == ["A-04", "A-02", "A-03", "A-01"]
    assert [g.priority for g in results.gaps] == [0.75, 0.5, 0.375, 0.25]


def test_equal_priorities_are_ordered_by_question_code():
    questions = [question(1, "RM-09"), question(2, "AEI-02"), question(3, "RM-01")]
    answers = [AnswerData(i, maturity=2) for i in (1, 2, 3)]
    results = score(questions, answers)
    assert [g.question.code for g in results.gaps] == ["AEI-02", "RM-01", "RM-09"]


def test_strengths_start_at_75_best_first():
    questions = [
        question(1, "Q-A"),
        question(2, "Q-B", weight=2),
        question(3, "Q-C"),
        question(4, "Q-D"),
        question(5, "Q-E", answer_type="yes_no"),
    ]
    answers = [
        AnswerData(1, maturity=3),
        AnswerData(2, maturity=3),
        AnswerData(3, maturity=2),
        AnswerData(4, maturity=4),
        AnswerData(5, yes_no=True),
    ]
    strengths = score(questions, answers).strengths
    assert [(q.code, s) for q, s in strengths] == [
        ("Q-D", 100),
        ("Q-E", 100),
        ("Q-B", 75),
        ("Q-A", 75),
    ]


def test_change_is_points_gained_or_lost():
    now = Score(62.5, 4, 4, "established", False)
    before = Score(70.0, 4, 4, "established", False)
    assert scoring.change(now, before) == -7.5
    assert scoring.change(before, now) == 7.5


def test_change_is_none_when_a_score_is_missing():
    empty = Score(None, 0, 3, None, True)
    full = Score(50.0, 3, 3, "established", False)
    assert scoring.change(full, empty) is None
    assert scoring.change(empty, full) is None
    assert scoring.change(None, full) is None
    assert scoring.change(full, None) is None


def test_last_answer_for_a_question_wins():
    results = score([question(1)], [AnswerData(1, maturity=0), AnswerData(1, maturity=4)])
    assert results.overall.value == 100


# Properties that hold for any questionnaire ------------------------------------------------

FOCUS_AREAS = ("AEI", "RM", "AEO")
SUPPORT = ("none", "", "legal", "technical", "equipment", "funding")
BOUNDS = tuple(lower for lower, _code, _name in scoring.BANDS)
# Float sums: a weighted mean of scores that are all 100 can come out at 100.00000000000001.
EPSILON = 1e-9

numbers = st.one_of(
    st.integers(0, 200).map(float),
    st.floats(min_value=0, max_value=10_000, allow_nan=False, allow_infinity=False),
)
weights = st.one_of(st.integers(1, 5).map(float), st.floats(min_value=0.1, max_value=10))
ANSWER_STATES = ("value", "value", "value", "blank", "not_applicable", "missing")


@st.composite
def questionnaire(draw, max_questions=12):
    """(questions, answers): any mix of kinds, standards, weights, targets and answer states."""
    questions, answers = [], []
    for i in range(1, draw(st.integers(1, max_questions)) + 1):
        kind = draw(st.sampled_from(("maturity", "yes_no", "number", "maturity", "text")))
        standards = draw(
            st.lists(st.sampled_from(sorted(PILLAR_OF)), min_size=1, max_size=3, unique=True)
        )
        if kind == "number":
            target = draw(st.one_of(st.integers(1, 100).map(float), numbers, st.none()))
        else:
            target = draw(st.one_of(st.none(), st.integers(0, 4)))
        questions.append(
            question(
                i,
                f"Q-{i:02d}",
                draw(st.sampled_from(FOCUS_AREAS)),
                standards,
                answer_type=kind,
                weight=draw(weights),
                target=target,
                better=draw(st.sampled_from(("higher", "lower"))),
            )
        )
        state = draw(st.sampled_from(ANSWER_STATES))
        if state == "missing":  # never opened
            continue
        if state == "blank":  # saved without a value
            answers.append(AnswerData(i))
        elif state == "not_applicable":
            answers.append(AnswerData(i, not_applicable=True))
        else:
            value = {
                "maturity": lambda: {"maturity": draw(st.integers(0, 4))},
                "yes_no": lambda: {"yes_no": draw(st.booleans())},
                "number": lambda: {"number": draw(numbers)},
                "text": dict,
            }[kind]()
            support = draw(st.sampled_from(SUPPORT))
            own_target = draw(st.one_of(st.none(), st.integers(0, 4)))
            answers.append(AnswerData(i, support_needed=support, target=own_target, **value))
    return questions, answers


def all_scores(results):
    """{(kind, code): Score} for every score in the results."""
    scores = {("overall", ""): results.overall}
    for kind in ("by_focus_area", "by_pillar", "by_standard"):
        scores.update({(kind, code): s for code, s in getattr(results, kind).items()})
    return scores


def value_of(scores, key):
    return scores[key].value if key in scores else None


def is_unanswered(answer):
    return answer is None or (
        not answer.not_applicable
        and answer.maturity is None
        and answer.yes_no is None
        and answer.number is None
    )


def raised(q, answer):
    """The same answer one step better, or None when it cannot be raised."""
    if answer is None or answer.not_applicable:
        return None
    if q.answer_type == "maturity" and answer.maturity is not None and answer.maturity < 4:
        return replace(answer, maturity=answer.maturity + 1)
    if q.answer_type == "yes_no" and answer.yes_no is False:
        return replace(answer, yes_no=True)
    if q.answer_type == "number" and answer.number is not None:
        step = 1 + answer.number / 2
        better = answer.number - step if q.better == "lower" else answer.number + step
        return replace(answer, number=max(0.0, better))
    return None


# The autouse fixture of conftest.py (a media root) is function-scoped but unused here.
properties = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@properties
@given(questionnaire())
def test_every_score_lies_between_0_and_100(data):
    results = score(*data)
    for key, s in all_scores(results).items():
        assert s.value is None or -EPSILON <= s.value <= 100 + EPSILON, key
        assert 0 <= s.answered <= s.applicable, key
    for gap in results.gaps:
        assert 0 <= gap.current < gap.target <= 100
        assert gap.size == pytest.approx(gap.target - gap.current)
        assert gap.priority >= 0
    for _q, value in results.strengths:
        assert scoring.STRENGTH_FROM <= value <= 100


@properties
@given(questionnaire(), st.data())
def test_raising_one_answer_never_lowers_any_score(data, more):
    questions, answers = data
    by_id = {q.id: q for q in questions}
    raisable = [i for i, a in enumerate(answers) if raised(by_id[a.question_id], a) is not None]
    assume(raisable)
    i = more.draw(st.sampled_from(raisable))
    better = list(answers)
    better[i] = raised(by_id[answers[i].question_id], answers[i])

    before, after = all_scores(score(questions, answers)), all_scores(score(questions, better))
    assert before.keys() == after.keys()
    for key, s in before.items():
        if s.value is None:
            assert after[key].value is None, key
        else:
            assert after[key].value >= s.value, key


@properties
@given(questionnaire(), st.data())
def test_marking_an_unanswered_question_not_applicable_changes_no_score(data, more):
    questions, answers = data
    by_question = {a.question_id: a for a in answers}
    open_ids = [
        q.id for q in questions if q.answer_type != "text" and is_unanswered(by_question.get(q.id))
    ]
    assume(open_ids)
    qid = more.draw(st.sampled_from(open_ids))
    with_na = [a for a in answers if a.question_id != qid] + [AnswerData(qid, not_applicable=True)]

    before, after = score(questions, answers), score(questions, with_na)
    scores_before, scores_after = all_scores(before), all_scores(after)
    for key in scores_before.keys() | scores_after.keys():
        assert value_of(scores_after, key) == value_of(scores_before, key), key
    assert after.overall.applicable == before.overall.applicable - 1
    assert after.gaps == before.gaps
    assert after.strengths == before.strengths


def counts(s):
    return s.answered, s.applicable, s.provisional


def assert_same_scores(one, other):
    scores_one, scores_other = all_scores(one), all_scores(other)
    assert scores_one.keys() == scores_other.keys()
    for key, s in scores_one.items():
        t = scores_other[key]
        assert counts(t) == counts(s), key
        if s.value is None:
            assert t.value is None, key
            continue
        assert t.value == pytest.approx(s.value, rel=1e-9, abs=1e-9), key
        near_a_bound = any(abs(s.value - bound) < 1e-6 for bound in BOUNDS)
        assert t.band == s.band or near_a_bound, key


@properties
@given(questionnaire().flatmap(lambda d: st.tuples(st.permutations(d[0]), st.permutations(d[1]))))
def test_order_of_questions_and_answers_changes_nothing(shuffled):
    questions, answers = shuffled
    in_order = score(
        sorted(questions, key=lambda q: q.id), sorted(answers, key=lambda a: a.question_id)
    )
    results = score(questions, answers)

    assert_same_scores(results, in_order)
    assert results.gaps == in_order.gaps
    assert results.strengths == in_order.strengths


@properties
@given(questionnaire(), st.floats(min_value=0.01, max_value=100))
def test_scaling_every_weight_changes_no_score(data, factor):
    questions, answers = data
    heavier = [replace(q, weight=q.weight * factor) for q in questions]
    before, after = score(questions, answers), score(heavier, answers)

    assert_same_scores(after, before)
    # Priorities scale with the weights (and are rounded), the gaps themselves do not change.
    assert {g.question.id: g.size for g in after.gaps} == {
        g.question.id: g.size for g in before.gaps
    }


def test_assessment_target_overrides_the_number_target():
    question = QuestionData(
        id=1, code="N", focus_area="AEI", standards=("P1-08",), pillars=("P1",),
        answer_type="number", target=90.0,
    )  # fmt: skip
    own = score_assessment([question], [AnswerData(question_id=1, number=45.0, target=50.0)])
    default = score_assessment([question], [AnswerData(question_id=1, number=45.0)])
    assert own.overall.value == pytest.approx(90.0)
    assert default.overall.value == pytest.approx(50.0)


def test_float_noise_cannot_move_a_score_across_a_band():
    questions = [
        QuestionData(id=i, code=f"Q{i}", focus_area="AEI", standards=("S",), pillars=("P",),
                     answer_type="maturity", weight=w)
        for i, w in ((1, 0.1), (2, 0.2))
    ]  # fmt: skip
    results = score_assessment(questions, [AnswerData(question_id=i, maturity=3) for i in (1, 2)])
    assert results.overall.value == 75.0
    assert results.overall.band == "established"


@properties
@given(questionnaire(), st.integers(0, 4))
def test_any_questionnaire_answered_all_at_level_n_is_in_band_n(data, level):
    questions = [replace(q, answer_type="maturity") for q in data[0]]
    results = score(questions, [AnswerData(q.id, maturity=level) for q in questions])
    for key, s in all_scores(results).items():
        assert (s.band, s.level_achieved) == (scoring.BANDS[level][1], level), key


@properties
@given(questionnaire(), st.data())
def test_adding_not_applicable_never_raises_an_index_above_what_the_answers_support(data, more):
    questions, answers = data
    by_id = {q.id: q for q in questions}
    chosen = more.draw(st.sets(st.sampled_from(sorted(by_id))))
    kept = [a for a in answers if a.question_id not in chosen]
    with_na = kept + [AnswerData(i, not_applicable=True) for i in chosen]

    supported = [
        scoring.value_score(by_id[a.question_id], a.maturity, a.yes_no, a.number, a.target)
        for a in kept
        if not a.not_applicable
    ]
    supported = [v for v in supported if v is not None]
    overall = score(questions, with_na).overall
    if overall.value is not None:
        assert overall.value <= max(supported) + EPSILON
    # Where the content refuses N/A, marking it is exactly the same as leaving it unanswered.
    refusing = [replace(q, na_allowed=False) for q in questions]
    unanswered = [a for a in kept if not a.not_applicable]
    with_refused = unanswered + [AnswerData(i, not_applicable=True) for i in chosen]
    assert_same_scores(score(refusing, with_refused), score(refusing, unanswered))


# The cases of issue 10, on the real SAFE content -------------------------------------------


def safe_questions(phase):
    """The SAFE questionnaire of one phase as scoring records, read from the content file."""
    from assessments.content import read_content
    from tests.conftest import ROOT

    content = read_content(ROOT / "fixtures" / "safe-2021.yaml")
    pillar_of = {s["code"]: p["code"] for p in content["pillars"] for s in p["standards"]}
    return [
        QuestionData(
            id=i,
            code=q["code"],
            focus_area=q["focus_area"],
            standards=tuple(q["standards"]),
            pillars=tuple(dict.fromkeys(pillar_of[s] for s in q["standards"])),
            answer_type=q["answer_type"],
            weight=float(q["weight"]),
            target=q["target"],
            better=q["better"],
            mandatory=q["mandatory"],
            na_allowed=q["na_allowed"],
            assesses_standards=q["assesses_standards"],
        )
        for i, q in enumerate(content["questions"], 1)
        if q["phase"] == phase
    ]


def test_issue_all_questions_at_level_2_read_developing_not_established():
    questions = safe_questions(1)
    assert len(questions) >= 90
    results = score(questions, [AnswerData(q.id, maturity=2) for q in questions])
    assert (results.overall.value, results.overall.band) == (50, "developing")
    assert results.overall.level_achieved == 2 and results.overall.provisional is False
    # Nobody said what support is needed: every gap is a to-do, none silently B.
    counts = results.gap_classes()
    assert counts == {"A": 0, "B": 0, "C": 0, "not_classified": len(results.gaps)}
    below = [q for q in questions if scoring.target_score(q) > 50]
    assert len(results.gaps) == len(below)  # all but the questions aiming at level 2


def test_issue_all_but_5_not_applicable_and_5_at_level_4_is_provisional_and_far_from_target():
    questions = safe_questions(1)
    marked, top = questions[:-5], questions[-5:]
    answers = [AnswerData(q.id, not_applicable=True) for q in marked]
    answers += [AnswerData(q.id, maturity=4) for q in top]
    overall = score(questions, answers).overall
    accepted = [q for q in marked if q.na_allowed]
    refused = [q for q in marked if not q.na_allowed]
    assert 0 < len(accepted) <= 8  # only where a mode of transport can be absent
    assert overall.not_applicable == len(accepted)
    assert overall.applicable == len(questions) - len(accepted)
    assert overall.answered == 5
    assert overall.missing_mandatory == sum(q.mandatory for q in refused)
    assert overall.value == 100 and overall.provisional is True
    assert overall.to_target < 20


def test_issue_half_answered_all_at_level_4_is_provisional():
    questions = safe_questions(1)
    half = len(questions) // 2
    overall = score(questions, [AnswerData(q.id, maturity=4) for q in questions[:half]]).overall
    assert overall.value == 100 and overall.completion == pytest.approx(half / len(questions))
    assert overall.provisional is True
    assert overall.missing_mandatory == sum(q.mandatory for q in questions[half:])
    # Percent-to-target: the unanswered half has reached nothing of its targets.
    assert overall.to_target == pytest.approx(100 * _wanted(questions[:half]) / _wanted(questions))


def _wanted(questions):
    return sum(q.weight * scoring.target_score(q) for q in questions if q.answer_type != "text")


@pytest.mark.parametrize("phase", [2, 3])
def test_issue_phase_2_and_3_questions_feed_no_safe_standard_score(phase):
    questions = safe_questions(phase)
    results = score(questions, [AnswerData(q.id, maturity=2, yes_no=True) for q in questions])
    assert results.by_standard == {} and results.by_pillar == {}
    assert results.by_focus_area and results.overall.answered > 0
    label = str(phase_result_label(phase))
    assert label in ("Implementation capacity", "Implementation progress")
