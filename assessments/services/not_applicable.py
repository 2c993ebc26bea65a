"""A reviewer's check on "not applicable": an N/A they do not accept goes back to being a
question to answer, with their reason kept on the answer and in its history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Answer, AnswerChange, Assessment


def reject_not_applicable(reviewer, assessment, question, reason):
    """Turn an N/A back into an unanswered question; the assessment must be under review.

    The administration sees the reason beside the question and answers it once the
    assessment is returned to it; until then the overall index is provisional."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the question applies."), code="reason_required")
    if assessment.status != Assessment.Status.SUBMITTED:
        raise PermissionDenied("Only an assessment under review can have an N/A rejected.")
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update()
            .filter(assessment=assessment, question=question, not_applicable=True)
            .first()
        )
        if answer is None:
            raise ValidationError(
                _("This question is not marked not applicable."), code="not_not_applicable"
            )
        before = answer.snapshot()
        answer.not_applicable = False
        answer.na_rejection = reason
        answer.version += 1
        answer.updated_by = reviewer
        answer.updated_at = timezone.now()
        answer.save()
        AnswerChange.objects.create(
            assessment=assessment,
            question=question,
            changed_by=reviewer,
            changed_at=answer.updated_at,
            old_value=before,
            new_value={**answer.snapshot(), "na_rejection": reason},
        )
    return answer
