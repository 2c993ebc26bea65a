"""Monitoring (Columbus Phase 3), write side: indicators, measurements, the re-assessment
rhythm and monitoring reviews (started, evaluated, submitted, validated like an assessment)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .. import monitoring
from ..models import (
    Assessment,
    Indicator,
    Measurement,
    Membership,
    MonitoringReview,
    MonitoringSettings,
    Phase,
    Question,
    ReminderSent,
)

Status = MonitoringReview.Status

# The content file writes units as it pleases ("%", "hours", "operators"); an indicator
# needs one of four kinds.
UNIT_OF = {"%": Indicator.Unit.PERCENTAGE, "percent": Indicator.Unit.PERCENTAGE}
UNIT_OF |= {"hours": Indicator.Unit.HOURS, "h": Indicator.Unit.HOURS}


def unit_of(question_unit):
    """The indicator unit kind for a question's unit, when the content gives no number kind;
    anything counted is a count."""
    return UNIT_OF.get((question_unit or "").strip().lower(), Indicator.Unit.COUNT)


def propose_indicators(user, administration, framework):
    """One indicator per Phase 3 number question the administration does not track yet,
    with the question's unit, direction, target and standards. Returns the new ones."""
    taken = set(
        Indicator.objects.filter(administration=administration, question__isnull=False)
        .values_list("question_id", flat=True)
    )  # fmt: skip
    questions = (
        Question.objects.filter(
            framework=framework,
            phase__number=Phase.MONITORING,
            answer_type=Question.AnswerType.NUMBER,
            retired=False,
        )
        .exclude(pk__in=taken)
        .select_related("focus_area")
        .prefetch_related("standards")
        .order_by("focus_area__order", "order")
    )
    start = Indicator.objects.filter(administration=administration).count()
    created = []
    with transaction.atomic():
        for i, question in enumerate(questions):
            unit = question.number_kind or unit_of(question.unit)
            indicator = Indicator.objects.create(
                administration=administration,
                question=question,
                name=question.tr("text")[:200],
                unit=unit,
                unit_label="" if unit != Indicator.Unit.COUNT else question.unit,
                better=question.better,
                target_value=question.target,
                order=start + i,
            )
            indicator.standards.set(question.standards.all())
            created.append(indicator)
    return created


def save_indicator(user, indicator, standards=None, actions=None):
    """Create or change an indicator (its fields already set) and what it measures: SAFE
    standards and the plan's actions."""
    if indicator.pk is None:
        indicator.order = Indicator.objects.filter(
            administration_id=indicator.administration_id
        ).count()
    with transaction.atomic():
        indicator.save()
        if standards is not None:
            indicator.standards.set(standards)
        if actions is not None:
            indicator.actions.set(actions)
    return indicator


def record_measurement(user, indicator, measured_on, value, source="", note=""):
    """Record the indicator's value on a date; a second value for the same date replaces the
    first (the note says why). Returns (measurement, created)."""
    error = monitoring.measurement_error(indicator.unit, value)
    if error:
        raise ValidationError(error[1], code=error[0])
    if measured_on > timezone.localdate():
        raise ValidationError("A measurement cannot be in the future.", code="future_date")
    return Measurement.objects.update_or_create(
        indicator=indicator,
        measured_on=measured_on,
        defaults={
            "value": value,
            "source": source,
            "note": note,
            "recorded_by": user,
            "recorded_at": timezone.now(),
        },
    )


def set_rhythm(user, administration, reassessment_months, reminder_days):
    """The administration's re-assessment rhythm and how early coordinators are reminded."""
    if not 1 <= reassessment_months <= 120:
        raise ValidationError("Choose between 1 and 120 months.", code="rhythm_range")
    settings, _created = MonitoringSettings.objects.update_or_create(
        administration=administration,
        defaults={"reassessment_months": reassessment_months, "reminder_days": reminder_days},
    )
    return settings


def start_review(user, administration, title, review_date, baseline, follow_up=None):
    """Open a monitoring review against a validated Phase 1 baseline of the administration."""
    if (
        baseline.administration_id != administration.pk
        or baseline.phase.number != Phase.NEEDS_ASSESSMENT
        or baseline.status != Assessment.Status.VALIDATED
    ):
        raise ValidationError(
            "The baseline is a validated Phase 1 assessment.", code="baseline_not_validated"
        )
    if follow_up is not None and follow_up.framework_id != baseline.framework_id:
        # Standard by standard needs one set of standards; across editions only the
        # results page compares, on the questions both editions share (docs/scoring.md).
        raise ValidationError(
            "The follow-up uses another edition of the framework than the baseline: a "
            "monitoring review compares two assessments of the same framework edition.",
            code="edition_mismatch",
        )
    if follow_up is not None and (
        follow_up.pk == baseline.pk
        or follow_up.administration_id != administration.pk
        or follow_up.phase_id != baseline.phase_id
    ):
        raise ValidationError(
            "The follow-up is a later Phase 1 assessment of the same framework edition.",
            code="follow_up_mismatch",
        )
    return MonitoringReview.objects.create(
        administration=administration,
        title=title,
        review_date=review_date,
        baseline=baseline,
        follow_up=follow_up,
        started_by=user,
    )


def save_evaluation(user, review, evaluation, next_steps):
    """The administration's written evaluation and next steps; only while editable."""
    _ensure_editable(review)
    review.evaluation = evaluation
    review.next_steps = next_steps
    review.save(update_fields=["evaluation", "next_steps"])


def submit_review(user, review):
    _ensure_editable(review)
    if not review.evaluation.strip():
        raise ValidationError("Write the evaluation first.", code="evaluation_required")
    review.status = Status.SUBMITTED
    review.submitted_at = timezone.now()
    review.save(update_fields=["status", "submitted_at"])


def validate_review(user, review, conclusions):
    _require_submitted(review)
    review.status = Status.VALIDATED
    review.conclusions = conclusions
    review.validated_at = timezone.now()
    review.save(update_fields=["status", "conclusions", "validated_at"])


def return_review(user, review, conclusions):
    _require_submitted(review)
    if not conclusions.strip():
        raise ValidationError("Say what needs to change.", code="comment_required")
    review.status = Status.RETURNED
    review.conclusions = conclusions
    review.save(update_fields=["status", "conclusions"])


def share_review(user, review, shared):
    review.shared_with_donors = shared
    review.save(update_fields=["shared_with_donors"])


def _ensure_editable(review):
    if not review.is_editable:
        raise PermissionDenied("This review is submitted or validated and can no longer change.")


def _require_submitted(review):
    if review.status != Status.SUBMITTED:
        raise PermissionDenied("Only a submitted review can be validated or returned.")


def send_reminder(administration, due, kind, months, link=""):
    """E-mail the administration's coordinators that a re-assessment is due soon or overdue,
    once per (administration, due date, kind). Returns the number of people written to, or
    None when this reminder was already sent.

    The record is written in the same transaction as the sending: if the mail server fails,
    nothing is recorded and tomorrow's run tries again.
    """
    recipients = sorted(
        set(
            Membership.objects.filter(
                administration=administration, role=Membership.Role.COORDINATOR
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    with transaction.atomic():
        _record, created = ReminderSent.objects.get_or_create(
            administration=administration,
            due_date=due,
            kind=kind,
            defaults={"recipients": len(recipients)},
        )
        if not created:
            return None
        if recipients:
            subject, body = _reminder_text(administration, due, kind, months, link)
            send_mail(subject, body, None, recipients)
    return len(recipients)


def _reminder_text(administration, due, kind, months, link):
    """One message in English then French: people have no stored language preference."""
    context = {"administration": administration, "due": due, "kind": kind, "months": months,
               "link": link}  # fmt: skip
    subjects, bodies = [], []
    for language in ("en", "fr"):
        with translation.override(language):
            subjects.append(
                gettext("SAFE self-assessment overdue") if kind == "overdue"
                else gettext("SAFE self-assessment due soon")
            )  # fmt: skip
            bodies.append(render_to_string("monitoring/email/reminder.txt", context).strip())
    subject = f"{' / '.join(subjects)}: {administration.name}"
    return subject, "\n\n----\n\n".join(bodies) + "\n"
