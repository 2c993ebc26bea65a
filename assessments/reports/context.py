"""What a report says around the numbers: its stage in review, who answered and reviewed,
and how urgent each gap is in words. Read in a fixed number of queries, like `data.py`.

Kept apart from `data.py` (the numbers) so the two can change independently; `data.py` calls
`fill()` once.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from ..models import Assessment, AssessmentEvent

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


def fill(data, assessment, answers):
    """Add the review and the people to the report data (one query for the events)."""
    data.review = _review(assessment, answers)


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
