"""Readiness scoring: answers in, scores and gaps out. Pure: no ORM, no request.

The method is documented in docs/scoring.md; tests reproduce its worked examples. Everything
here works on the small frozen records below, so pages, the PDF report, exports and the bench
all score the same way.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

# A focus area, pillar or standard resting on fewer than 80 % of its applicable questions is
# provisional; the overall index is provisional until every mandatory question is answered.
PROVISIONAL_BELOW = 0.8
# The level achieved is the highest level reached by at least 90 % of the answered questions.
LEVEL_ACHIEVED_SHARE = 0.9
# One band per maturity level: an assessment answered all at level n (25 n points) lands in the
# band named for level n. Bounds lie halfway between levels. (lower bound, code, name)
BANDS = (
    (0, "not_in_place", "Not in place"),  # level 0
    (12.5, "initial", "Initial"),  # level 1
    (37.5, "developing", "Developing"),  # level 2
    (62.5, "established", "Established"),  # level 3
    (87.5, "advanced", "Advanced"),  # level 4
)
NOT_CLASSIFIED = "not_classified"  # support not stated: a to-do, never assumed
# WTO TFA-style classes of a gap, from the support the administration says it needs.
CLASS_BY_SUPPORT = {
    "none": "A",  # own resources, now
    "legal": "B",  # legal reform: needs more time, done at home
    "technical": "C",  # outside support
    "equipment": "C",
    "funding": "C",
}
GAP_CLASSES = ("A", "B", "C", NOT_CLASSIFIED)
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
    na_allowed: bool = True  # the content's flag; the selector passes it (default false there)
    assesses_standards: bool = True  # False: traces to its standards, feeds no standard score


@dataclass(frozen=True, slots=True)
class AnswerData:
    question_id: int
    maturity: int | None = None
    yes_no: bool | None = None
    number: float | None = None
    not_applicable: bool = False  # with a justification; the selector checks that
    support_needed: str = ""
    target: float | None = None  # this assessment's own target, overrides the question's
    evidence: bool = False  # at least one document or link supports it
    validated: bool = False  # a reviewer validated the assessment it belongs to


class Confidence(NamedTuple):
    """What the answered questions of a score rest on; each answer counts in one column."""

    self_declared: int = 0
    evidence: int = 0
    validated: int = 0

    @property
    def total(self):
        return self.self_declared + self.evidence + self.validated

    def shares(self):
        """(self-declared, evidence, validated) in % of the answered questions; None if none."""
        total = self.total
        if not total:
            return None
        return tuple(100.0 * n / total for n in self)


class Score(NamedTuple):
    """A score with what it rests on. A named tuple: results hold dozens, built fast."""

    value: float | None  # 0-100, None when nothing scored is answered
    answered: int  # scored questions answered (N/A excluded)
    applicable: int  # scored questions not marked N/A
    band: str | None
    provisional: bool
    level_achieved: int | None = None  # level 0-4 reached by LEVEL_ACHIEVED_SHARE of answers
    to_target: float | None = None  # percent-to-target, 0-100
    not_applicable: int = 0  # questions left out as N/A (the content allows it)
    missing_mandatory: int = 0  # applicable mandatory questions without an answer
    confidence: Confidence = Confidence()

    @property
    def completion(self):
        return self.answered / self.applicable if self.applicable else 1.0


class Gap(NamedTuple):
    question: QuestionData
    current: float  # score 0-100
    target: float  # score 0-100
    size: float  # target - current, in score points
    priority: float
    tfa_class: str  # A, B, C or NOT_CLASSIFIED
    support_needed: str


@dataclass
class Results:
    overall: Score
    by_focus_area: dict = field(default_factory=dict)  # code -> Score, in question order
    by_pillar: dict = field(default_factory=dict)
    by_standard: dict = field(default_factory=dict)
    gaps: list = field(default_factory=list)  # highest priority first
    strengths: list = field(default_factory=list)  # (QuestionData, score), best first
    not_applicable: list = field(default_factory=list)  # QuestionData left out as N/A
    na_refused: list = field(default_factory=list)  # N/A where the content does not allow it

    def gap_classes(self):
        counts = dict.fromkeys(GAP_CLASSES, 0)
        for gap in self.gaps:
            counts[gap.tfa_class] += 1
        return counts

    def unclassified_gaps(self):
        """Gaps whose support is not stated: the administration still has to say."""
        return [gap for gap in self.gaps if gap.tfa_class == NOT_CLASSIFIED]


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


def target_score(question, answer=None):
    target = answer.target if answer is not None and answer.target is not None else None
    target = question.target if target is None else target
    if question.answer_type == "maturity":
        return 25.0 * (3 if target is None else target)
    return 100.0  # yes, or the number target reached


def level_of(score):
    """The maturity level a score stands for: 25 points a level, rounded down (75 % -> 3)."""
    return min(4, int(score / 25.0 + 1e-9))


class _Sums:
    """What one score adds up while the questions are read. `counts[3 * level + trust]`
    counts answers by level and trust at once, so an answer costs one counter, not two."""

    __slots__ = ("total", "weights", "wanted", "short", "unanswered", "na", "missing", "counts")

    def __init__(self):
        self.total = self.weights = self.wanted = self.short = 0.0
        self.unanswered = self.na = self.missing = 0
        self.counts = [0] * 15


def score_assessment(questions, answers):
    """Score an assessment. `answers` may be any iterable of AnswerData."""
    by_question = {a.question_id: a for a in answers}
    by_focus_area, by_pillar, by_standard = (defaultdict(_Sums) for _ in range(3))
    overall = _Sums()
    gaps, strengths, left_out, refused = [], [], [], []
    for question in questions:
        if question.answer_type == "text":
            continue
        answer = by_question.get(question.id)
        if question.assesses_standards:
            sums = [overall, by_focus_area[question.focus_area]]
            for code in question.pillars:
                sums.append(by_pillar[code])
            for code in question.standards:
                sums.append(by_standard[code])
        else:
            sums = (overall, by_focus_area[question.focus_area])
        if answer is not None and answer.not_applicable and question.na_allowed:
            for acc in sums:
                acc.na += 1
            left_out.append(question)
            continue
        score = None
        if answer is not None and answer.not_applicable:
            refused.append(question)  # counted as not yet answered
        elif answer is not None:
            score = value_score(
                question, answer.maturity, answer.yes_no, answer.number, answer.target
            )
        weight = question.weight
        wanted = target_score(question, answer)
        if score is None:  # applicable but unanswered: lowers completion, not the score
            _add_unanswered(sums, weight * wanted, question.mandatory)
            continue
        _add(sums, weight, score, wanted, 3 * level_of(score) + _trust(answer))
        if score < wanted:
            size = wanted - score
            gaps.append(
                Gap(
                    question,
                    score,
                    wanted,
                    size,
                    priority(size, weight, len(question.standards)),
                    CLASS_BY_SUPPORT.get(answer.support_needed, NOT_CLASSIFIED),
                    answer.support_needed,
                )
            )
        if score >= STRENGTH_FROM:
            strengths.append((question, score))
    gaps.sort(key=lambda g: (-g.priority, g.question.code))
    strengths.sort(key=lambda s: (-s[1], -s[0].weight, s[0].code))
    return Results(
        overall=_score(overall, whole=True),
        by_focus_area=_scores(by_focus_area),
        by_pillar=_scores(by_pillar),
        by_standard=_scores(by_standard),
        gaps=gaps,
        strengths=strengths,
        not_applicable=left_out,
        na_refused=refused,
    )


def _add(sums, weight, score, wanted, cell):
    weighted, target = weight * score, weight * wanted
    short = target - weighted if score < wanted else 0.0
    for acc in sums:
        acc.total += weighted
        acc.weights += weight
        acc.wanted += target
        acc.short += short
        acc.counts[cell] += 1


def _add_unanswered(sums, target, mandatory):
    for acc in sums:
        acc.unanswered += 1
        acc.missing += mandatory
        acc.wanted += target
        acc.short += target


def _trust(answer):
    """0 self-declared only, 1 backed by evidence, 2 validated by a reviewer."""
    return 2 if answer.validated else 1 if answer.evidence else 0


def priority(size, weight, n_standards):
    """Gap size (0-1) x weight x (1 + a quarter for each further standard that relies on it)."""
    return round(size / 100.0 * weight * (1 + 0.25 * max(0, n_standards - 1)), 4)


def level_achieved(levels):
    """Highest level reached by at least LEVEL_ACHIEVED_SHARE of the answers counted in
    `levels` (answers per level 0-4); None when there are none."""
    answered = sum(levels)
    if not answered:
        return None
    reached = 0
    for level in range(4, -1, -1):
        reached += levels[level]
        if reached >= LEVEL_ACHIEVED_SHARE * answered - 1e-9:
            return level
    return 0


def percent_to_target(wanted, short):
    """1 - sum((target - current)+) / sum(target), in %: SAMM's distance to the target."""
    return 100.0 if wanted <= 0 else round(100.0 * (1.0 - short / wanted), 9)


def _scores(groups):
    return {code: _score(acc) for code, acc in groups.items() if acc.unanswered or any(acc.counts)}


def _score(acc, whole=False):
    counts = acc.counts
    answered = sum(counts)
    applicable = answered + acc.unanswered
    # Rounded so that float noise (74.99999999999999) cannot move a score across a band.
    value = round(acc.total / acc.weights, 9) if acc.weights else None
    below = applicable > 0 and answered / applicable < PROVISIONAL_BELOW
    return Score(
        value=value,
        answered=answered,
        applicable=applicable,
        band=band(value),
        provisional=below or (whole and acc.missing > 0),
        level_achieved=level_achieved([sum(counts[3 * n : 3 * n + 3]) for n in range(5)]),
        to_target=percent_to_target(acc.wanted, acc.short) if applicable else None,
        not_applicable=acc.na,
        missing_mandatory=acc.missing,
        confidence=Confidence(*(sum(counts[trust::3]) for trust in range(3))),
    )


def change(now, before):
    """Points gained (+) or lost (-) between two scores; None when either is missing."""
    if now is None or before is None or now.value is None or before.value is None:
        return None
    return now.value - before.value
