"""What a report says around the numbers: its stage in review, who answered and reviewed,
and how urgent each gap is in words. Read in a fixed number of queries, like `data.py`.

Kept apart from `data.py` (the numbers) so the two can change independently; `data.py` calls
`fill()` once.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from ..instruments import instrument_name
from ..models import Action, AdministrationProfile, Assessment, AssessmentEvent, Standard

# Priority (gap size ÷ 100 × weight × standards factor) in words a reader can act on.
HIGH_FROM, MEDIUM_FROM = 1.0, 0.5
SHORT_REPORT_BELOW = 0.1  # share of questions answered below which the report is short


@dataclass
class Review:
    """Where the assessment stands in review, and the people behind it."""

    stage: str  # draft, returned, submitted, validated
    submitted_on: date | None = None
    submitted_by: str = ""
    validated_on: date | None = None
    validated_by: str = ""
    returned_on: date | None = None
    respondents: list = field(default_factory=list)  # names of the people who answered
    reviewers: list = field(default_factory=list)


@dataclass
class StandardNote:
    """A standard with gaps: what to read about it, and the gaps it gathers."""

    code: str
    title: str
    references: list  # instrument names, in the active language
    gaps: list = field(default_factory=list)  # GapRow


def fill(data, assessment, answers):
    """Add the review, the people, the profile, known costs and the standards' references to
    the report data: four queries, whatever the assessment's size."""
    data.review = _review(assessment, answers)
    data.profile = _profile(assessment.administration)
    data.costs = _costs(assessment, data.gaps)
    data.standard_notes = _standard_notes(assessment, data.gaps)


def _profile(administration):
    """(label, value) rows of the administration's profile; empty fields left out."""
    profile = AdministrationProfile.objects.filter(administration=administration).first()
    if profile is None:
        return []
    rows = [
        (_("Year of the figures"), str(profile.figures_year or "")),
        (_("Import declarations a year"), profile.import_declarations),
        (_("Export declarations a year"), profile.export_declarations),
        (_("Transit declarations a year"), profile.transit_declarations),
        (_("Containers a year (TEU)"), profile.containers_teu),
        (_("Border posts and customs offices"), profile.border_posts),
        (_("Customs staff"), profile.staff),
        (_("Customs IT system"), profile.it_system),
        (_("Other context"), profile.notes.strip()),
    ]
    return [(label, value) for label, value in rows if value not in (None, "")]


def _costs(assessment, gaps):
    """{question code: [(amount, currency)]}: the costs the administration's plan gives the
    actions that close each gap, where it has priced them."""
    codes = {gap.code for gap in gaps}
    if not codes:
        return {}
    rows = Action.objects.filter(
        plan__administration_id=assessment.administration_id,
        questions__code__in=codes,
        estimated_cost__isnull=False,
    ).values_list("questions__code", "estimated_cost", "currency")
    costs = {}
    for code, amount, currency in rows:
        costs.setdefault(code, []).append((amount, currency))
    return costs


def _standard_notes(assessment, gaps):
    """The standards the gaps fall under, in framework order, with their instruments."""
    by_standard = {}
    for gap in gaps:
        for code in gap.standards:
            by_standard.setdefault(code, []).append(gap)
    standards = Standard.objects.filter(
        framework_id=assessment.framework_id, code__in=by_standard
    ).order_by("order", "code")
    return [
        StandardNote(
            code=s.code,
            title=s.tr("title"),
            references=[instrument_name(key) for key in s.references],
            gaps=by_standard[s.code],
        )
        for s in standards
    ]


def _review(assessment, answers):
    review = Review(stage=assessment.status)
    events = AssessmentEvent.objects.filter(assessment=assessment).select_related("actor")
    for event in events.order_by("at", "id"):
        who = _name(event.actor)
        if event.action == AssessmentEvent.Action.SUBMITTED:
            review.submitted_on, review.submitted_by = event.at.date(), who
        elif event.action == AssessmentEvent.Action.VALIDATED:
            review.validated_on, review.validated_by = event.at.date(), who
            _add(review.reviewers, who)
        elif event.action == AssessmentEvent.Action.RETURNED:
            review.returned_on = event.at.date()
            _add(review.reviewers, who)
    for answer in answers.values():
        _add(review.respondents, _name(answer.updated_by))
    review.respondents.sort(key=str.casefold)
    if assessment.status != Assessment.Status.VALIDATED:
        review.validated_on, review.validated_by = None, ""
    return review


def _add(names, name):
    if name and name not in names:
        names.append(name)


def _name(user):
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def priority_level(priority):
    """ "high", "medium" or "low": the number itself is given in an annex."""
    if priority >= HIGH_FROM:
        return "high"
    if priority >= MEDIUM_FROM:
        return "medium"
    return "low"


def priority_name(level):
    return {"high": _("High"), "medium": _("Medium"), "low": _("Low")}[level]


def is_short(data):
    """An empty or nearly empty assessment gets a short report that says so."""
    return data.total == 0 or data.answered / data.total < SHORT_REPORT_BELOW


SHORT_OUTLINE = ("introduction", "executive_summary", "annex_method")
FULL_OUTLINE = (
    "introduction", "executive_summary", "readiness", "findings", "gap_analysis",
    "assistance_needs", "recommendations", "plan_or_progress", "sign_off", "annex_method",
    "annex_glossary", "annex_evidence",
)  # fmt: skip


def outline(renderer, data):
    """The report's sections in order, as the renderer's methods: one outline for the PDF and
    the Word report, so both documents have the same structure."""
    names = SHORT_OUTLINE if is_short(data) else FULL_OUTLINE
    return [getattr(renderer, name) for name in names]
