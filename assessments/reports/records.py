"""What a report holds, as plain records: `build_report_data` (data.py) fills them once, and the
results page, the PDF and the Word report only present them."""

from dataclasses import dataclass, field
from datetime import date

from .. import counting, scoring


@dataclass
class EvidenceItem:
    title: str
    file_name: str
    url: str


@dataclass
class Finding:
    """One question of the questionnaire with what the administration answered."""

    code: str
    text: str
    answer_type: str
    mandatory: bool
    standards: tuple
    answered: bool = False
    answer: str = ""  # human reading: "Level 3 of 4", "Yes", "85 %", the free text
    level: int | None = None
    level_descriptor: str = ""
    target: str = ""
    not_applicable: bool = False
    na_justification: str = ""
    comment: str = ""
    support: str = ""
    score: float | None = None
    evidence: list = field(default_factory=list)
    weight: float = 1
    target_score: float | None = None  # the target on the 0-100 scale; None for free text


class ComparedAcrossEditions:
    """A score that may be compared with an older edition's on the questions both share."""

    @property
    def compared(self):
        """The score the change is measured from: the shared questions' across editions."""
        return self.shared if self.on_shared else self.score


@dataclass
class AreaReport(ComparedAcrossEditions):
    """A focus area: its score, the earlier score, and its findings."""

    code: str
    title: str
    description: str
    score: scoring.Score | None
    earlier: float | None
    findings: list = field(default_factory=list)
    target: float | None = None  # weighted mean of its questions' targets, 0-100
    shared: scoring.Score | None = None  # on the questions both editions share, if compared so
    on_shared: bool = False


@dataclass
class GroupScore(ComparedAcrossEditions):
    """A pillar or a standard with its score; a pillar lists its standards as children."""

    code: str
    title: str
    score: scoring.Score | None
    earlier: float | None
    children: list = field(default_factory=list)
    shared: scoring.Score | None = None  # on the questions both editions share, if compared so
    on_shared: bool = False


@dataclass
class GapRow:
    rank: int
    code: str
    text: str
    focus_area: str
    focus_area_code: str
    current: float
    target: float
    priority: float
    tfa_class: str  # A, B, C or scoring.NOT_CLASSIFIED
    support: str
    standards: tuple
    recommendation: str
    class_label: str = ""  # "A", "B", "C" or "Not classified", in the active language


@dataclass
class StrengthRow:
    code: str
    text: str
    focus_area: str
    score: float


@dataclass
class NotApplicableRow:
    """A question left out as not applicable, with the administration's reason."""

    question_id: int
    code: str
    text: str
    focus_area: str
    justification: str
    accepted: bool  # False: the content does not allow N/A here, it counts as unanswered
    rejection: str = ""  # a reviewer rejected the N/A, with this reason: now to be answered


@dataclass
class TrendPoint:
    label: str
    overall: float | None
    by_focus_area: dict  # focus-area code -> score or None


@dataclass
class ActionItem:
    """A Phase 2 planning answer, read as a line of the action plan."""

    code: str
    text: str
    focus_area: str
    status: str
    descriptor: str
    target: str
    support: str
    comment: str
    standards: tuple


@dataclass
class Indicator:
    """A Phase 3 number question against its target and the baseline assessment."""

    code: str
    text: str
    unit: str
    better: str
    kind: str  # count | percentage | hours | amount
    value: float | None
    target: float | None
    baseline: float | None
    change: float | None
    reached: bool | None


@dataclass
class ReportData:
    assessment_id: int
    title: str
    administration: str
    country_name: str
    country_iso3: str
    region: str
    framework: str
    edition: int
    phase_number: int
    phase_title: str
    period_start: date
    period_end: date
    status: str
    status_label: str
    validated: bool
    review_comment: str
    generated: date
    results: scoring.Results
    band_name: str
    answered: int
    total: int
    focus_areas: list
    pillars: list
    gaps: list
    strengths: list
    gap_counts: dict
    trend: list
    earlier_label: str = ""
    # Across editions: "compared on the N questions both editions share (a → b)", else ""
    comparison_basis: str = ""
    compared_overall: float | None = None  # this index on the shared questions, or the index
    trend_basis: str = ""  # the trend shows points of another edition: on which questions
    baseline_label: str = ""
    baseline_overall: float | None = None
    action_plan: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    evidence: list = field(default_factory=list)  # (question code, EvidenceItem)
    # What this phase's result measures, for titles, headers and file names (phase_results.py)
    result_label: str = ""
    index_label: str = ""
    report_title: str = ""
    phase_slug: str = ""
    level_achieved: int | None = None
    to_target: float | None = None  # percent-to-target of the overall index
    provisional: bool = False
    missing_mandatory: int = 0
    confidence: tuple | None = None  # % (self-declared, backed by evidence, validated)
    not_applicable: list = field(default_factory=list)  # NotApplicableRow, accepted or not
    unclassified_gaps: int = 0  # gaps whose support is not stated yet
    # Phase 3: the Phase 1 needs assessment it measures progress from (label, readiness index)
    readiness_baseline_label: str = ""
    readiness_baseline_index: scoring.Score | None = None
    review: object = None  # context.Review: stage, dates and people (report only)
    profile: list = field(default_factory=list)  # (label, value) of the administration
    costs: dict = field(default_factory=dict)  # question code -> [(amount, currency)]
    standard_notes: list = field(default_factory=list)  # context.StandardNote
    carried_over_unconfirmed: int = 0  # answers copied from an earlier assessment, unchecked
    # answered / N/A / applicable as every page counts them (counting.py, docs/scoring.md)
    counts: counting.Counts = field(default_factory=counting.Counts)

    @property
    def findings(self):
        return [finding for area in self.focus_areas for finding in area.findings]
