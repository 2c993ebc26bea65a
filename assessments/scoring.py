"""Readiness scoring: answers in, scores and gaps out. Pure: no ORM, no request.

The method is documented in docs/scoring.md; tests reproduce its worked example. Everything
here works on the small frozen records below, so pages, the PDF report, exports and the bench
all score the same way.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

PROVISIONAL_BELOW = 0.5  # a score resting on fewer than half its questions is provisional
BANDS = (  # (lower bound in %, code, name); a score belongs to the last band it reaches
    (0, "initial", "Initial"),
    (25, "developing", "Developing"),
    (50, "established", "Established"),
    (75, "advanced", "Advanced"),
)
# WTO TFA-style classes of a gap, from the support the administration says it needs.
CLASS_BY_SUPPORT = {
    "none": "A",  # own resources, now
    "": "B",  # not stated: assume it needs more time
    "legal": "B",  # legal reform: needs more time, done at home
    "technical": "C",  # outside support
    "equipment": "C",
    "funding": "C",
}
STRENGTH_FROM = 75.0


@dataclass(frozen=True, slots=True)
class QuestionData:
    id: int
    code: str
    focus_area: str
    standards: tuple  # standard / AEO criterion codes
    pillars: tuple  # pillar codes of those standards, without repeats
    answer_type: str  # maturity | yes_no | number | text
    weight: float = 1.0
    target: float | None = None  # maturity level 0-4, or the number aimed at
    better: str = "higher"
    mandatory: bool = True


@dataclass(frozen=True, slots=True)
class AnswerData:
    question_id: int
    maturity: int | None = None
    yes_no: bool | None = None
    number: float | None = None
    not_applicable: bool = False
    support_needed: str = ""
    target: float | None = None  # this assessment's own target, overrides the question's


class Score(NamedTuple):
    """A score with what it rests on. A named tuple: results hold dozens, built fast."""

    value: float | None  # 0-100, None when nothing scored is answered
    answered: int  # scored questions answered (N/A excluded)
    applicable: int  # scored questions not marked N/A
    band: str | None
    provisional: bool

    @property
    def completion(self):
        return self.answered / self.applicable if self.applicable else 1.0


class Gap(NamedTuple):
    question: QuestionData
    current: float  # score 0-100
    target: float  # score 0-100
    size: float  # target - current, in score points
    priority: float
    tfa_class: str  # A, B or C
    support_needed: str


@dataclass
class Results:
    overall: Score
    by_focus_area: dict = field(default_factory=dict)  # code -> Score, in question order
    by_pillar: dict = field(default_factory=dict)
    by_standard: dict = field(default_factory=dict)
    gaps: list = field(default_factory=list)  # highest priority first
    strengths: list = field(default_factory=list)  # (QuestionData, score), best first

    def gap_classes(self):
        counts = {"A": 0, "B": 0, "C": 0}
        for gap in self.gaps:
            counts[gap.tfa_class] += 1
        return counts


def band(value):
    if value is None:
        return None
    code = BANDS[0][1]
    for lower, band_code, _name in BANDS:
        if value >= lower:
            code = band_code
    return code


def value_score(question, maturity=None, yes_no=None, number=None, target=None):
    """A value on the 0-100 scale, or None when it cannot be scored.

    `target` is the assessment's own target for a number question, when it set one.
    """
    kind = question.answer_type
    if kind == "maturity" and maturity is not None:
        return 25.0 * maturity
    if kind == "yes_no" and yes_no is not None:
        return 100.0 if yes_no else 0.0
    target = question.target if target is None else target
    if kind == "number" and number is not None and target is not None:
        return number_score(float(number), float(target), question.better)
    return None


def number_score(value, target, better="higher"):
    """Share of the target reached, capped at 100 %; for "lower is better", target / value."""
    if better == "lower":
        if value <= target:
            return 100.0
        return 100.0 * target / value
    if target <= 0:
        return 100.0
    return min(100.0, max(0.0, 100.0 * value / target))


def target_score(question, answer):
    target = answer.target if answer.target is not None else question.target
    if question.answer_type == "maturity":
        return 25.0 * (3 if target is None else target)
    return 100.0  # yes, or the number target reached


def score_assessment(questions, answers):
    """Score an assessment. `answers` may be any iterable of AnswerData."""
    by_question = {a.question_id: a for a in answers}
    # code -> [weighted sum, weight, answered, applicable], in order of first appearance
    by_focus_area, by_pillar, by_standard = (defaultdict(_new_sums) for _ in range(3))
    overall = _new_sums()
    gaps, strengths = [], []
    for question in questions:
        if question.answer_type == "text":
            continue
        answer = by_question.get(question.id)
        score = None
        if answer is not None:
            if answer.not_applicable:
                continue
            score = value_score(
                question, answer.maturity, answer.yes_no, answer.number, answer.target
            )
        sums = [overall, by_focus_area[question.focus_area]]
        for code in question.pillars:
            sums.append(by_pillar[code])
        for code in question.standards:
            sums.append(by_standard[code])
        if score is None:  # applicable but unanswered: lowers completion, not the score
            for acc in sums:
                acc[3] += 1
            continue
        weight = question.weight
        weighted = weight * score
        for acc in sums:
            acc[0] += weighted
            acc[1] += weight
            acc[2] += 1
            acc[3] += 1
        wanted = target_score(question, answer)
        if score < wanted:
            size = wanted - score
            gaps.append(
                Gap(
                    question,
                    score,
                    wanted,
                    size,
                    priority(size, weight, len(question.standards)),
                    CLASS_BY_SUPPORT.get(answer.support_needed, "B"),
                    answer.support_needed,
                )
            )
        if score >= STRENGTH_FROM:
            strengths.append((question, score))
    gaps.sort(key=lambda g: (-g.priority, g.question.code))
    strengths.sort(key=lambda s: (-s[1], -s[0].weight, s[0].code))
    return Results(
        overall=_score(overall),
        by_focus_area={code: _score(acc) for code, acc in by_focus_area.items()},
        by_pillar={code: _score(acc) for code, acc in by_pillar.items()},
        by_standard={code: _score(acc) for code, acc in by_standard.items()},
        gaps=gaps,
        strengths=strengths,
    )


def priority(size, weight, n_standards):
    """Gap size (0-1) x weight x (1 + a quarter for each further standard that relies on it)."""
    return round(size / 100.0 * weight * (1 + 0.25 * max(0, n_standards - 1)), 4)


def _new_sums():
    return [0.0, 0.0, 0, 0]


def _score(acc):
    total, weights, answered, applicable = acc
    # Rounded so that float noise (74.99999999999999) cannot move a score across a band.
    value = round(total / weights, 9) if weights else None
    return Score(
        value=value,
        answered=answered,
        applicable=applicable,
        band=band(value),
        provisional=applicable > 0 and answered / applicable < PROVISIONAL_BELOW,
    )


def change(now, before):
    """Points gained (+) or lost (-) between two scores; None when either is missing."""
    if now is None or before is None or now.value is None or before.value is None:
        return None
    return now.value - before.value
