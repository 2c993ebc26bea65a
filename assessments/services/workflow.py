"""The assessment workflow: submit, validate, return for changes, share with donors."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .. import selectors
from ..models import Assessment, AssessmentEvent
from . import notifications
from .answers import ensure_editable

Status = Assessment.Status
Event = AssessmentEvent.Action


def submit(user, assessment):
    """Lock the assessment for review; refused while mandatory answers are missing."""
    ensure_editable(assessment)
    missing = selectors.missing_mandatory(assessment)
    if missing:
        raise ValidationError(
            f"{len(missing)} mandatory question(s) are not answered.", code="incomplete"
        )
    _move(user, assessment, Status.SUBMITTED, Event.SUBMITTED, submitted_at=timezone.now())
    notifications.notify("submitted", assessment, notifications.reviewers())


def validate(user, assessment, comment=""):
    _require_submitted(assessment)
    _move(
        user,
        assessment,
        Status.VALIDATED,
        Event.VALIDATED,
        comment=comment,
        validated_at=timezone.now(),
        review_comment=comment,
    )


def return_for_changes(user, assessment, comment):
    _require_submitted(assessment)
    if not comment.strip():
        raise ValidationError("Say what needs to change.", code="comment_required")
    _move(
        user, assessment, Status.RETURNED, Event.RETURNED, comment=comment, review_comment=comment
    )
    notifications.notify("returned", assessment, notifications.coordinators_of(assessment))


def _require_submitted(assessment):
    if assessment.status != Status.SUBMITTED:
        raise PermissionDenied("Only a submitted assessment can be validated or returned.")


def _move(user, assessment, status, action, comment="", **fields):
    with transaction.atomic():
        assessment.status = status
        for name, value in fields.items():
            setattr(assessment, name, value)
        assessment.save()
        AssessmentEvent.objects.create(
            assessment=assessment, action=action, actor=user, comment=comment
        )


def set_sharing(user, assessment, shared):
    assessment.shared_with_donors = shared
    assessment.save(update_fields=["shared_with_donors", "updated_at"])
