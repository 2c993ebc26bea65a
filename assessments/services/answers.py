"""Answers: start an assessment (optionally pre-filled), save answers with conflict
detection and history, add evidence."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import editions, selectors
from ..models import Answer, AnswerChange, Assessment, AssessmentEvent, Evidence
from . import notifications

Status = Assessment.Status
Event = AssessmentEvent.Action


# What a person sees as one field of an answer, and the columns it is made of.
ANSWER_PARTS = {
    "answer": ("maturity", "yes_no", "number", "text"),
    "not_applicable": ("not_applicable", "na_justification"),
    "comment": ("comment",),
    "support_needed": ("support_needed",),
    "target": ("target",),
}


@dataclass
class Conflict:
    """Someone else saved this answer after the person loaded it."""

    question: object
    yours: dict
    theirs: dict
    their_version: int
    changed_by: object = None

    def differences(self):
        """The parts of the answer that differ (see ANSWER_PARTS), so only those are shown."""
        return [
            part
            for part, columns in ANSWER_PARTS.items()
            if any(self.theirs.get(c) != self.yours.get(c) for c in columns)
        ]


class ConflictError(Exception):
    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__(f"{len(conflicts)} answer(s) changed by someone else")


@dataclass
class SaveResult:
    saved: list = field(default_factory=list)
    unchanged: int = 0
    newly_answered: int = 0  # answers this save turned from unanswered to answered


def start_assessment(user, administration, phase, title, period_start, period_end, previous=None):
    """Create a draft; with `previous`, copy its answers and link its evidence.

    Only an assessment of the same phase can pre-fill: another phase asks other questions,
    so a copy would silently start empty.
    """
    if previous is not None and previous.phase.number != phase.number:
        raise ValidationError(
            "A Phase %(phase)s assessment can only start from another Phase %(phase)s one.",
            code="other_phase",
            params={"phase": phase.number},
        )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            administration=administration,
            framework=phase.framework,
            phase=phase,
            title=title,
            period_start=period_start,
            period_end=period_end,
            started_by=user,
            previous=previous,
        )
        AssessmentEvent.objects.create(assessment=assessment, action=Event.STARTED, actor=user)
        if previous is not None:
            _copy_answers(user, previous, assessment)
    return assessment


def _copy_answers(user, source, target):
    """Copy answers of the same questions and re-link their evidence. Across editions, only
    along the mapping's carried-over lines (`editions.question_map`)."""
    questions = {q.pk: q for q in selectors.questions_of(target)}
    continues_as = editions.question_map(source.framework, target.framework)
    old_answers = list(source.answers.select_related("question").prefetch_related("evidence"))
    now = timezone.now()
    copies, pairs = [], []
    for old in old_answers:
        question = questions.get(continues_as.get(old.question_id))
        if question is None:
            continue
        values = {name: getattr(old, name) for name in Answer.VALUE_FIELDS}
        copy = Answer(
            assessment=target,
            question=question,
            updated_by=user,
            updated_at=now,
            carried_over_from=source,
            **values,
        )
        copies.append(copy)
        pairs.append((old, copy))
    Answer.objects.bulk_create(copies)
    Evidence.objects.bulk_create(
        Evidence(
            answer=copy,
            file=item.file.name,
            url=item.url,
            title=item.title,
            original_name=item.original_name,
            content_type=item.content_type,
            size=item.size,
            uploaded_by=item.uploaded_by,
            uploaded_at=item.uploaded_at,
        )
        for old, copy in pairs
        for item in old.evidence.all()
    )


def ensure_editable(assessment):
    if not assessment.is_editable:
        raise PermissionDenied("This assessment is submitted or validated: it cannot be changed.")


MINE, THEIRS = "mine", "theirs"


def resolve(changes, resolutions):
    """Apply the person's choices on a conflict screen to the answers of one save.

    `resolutions` maps a question id to MINE or THEIRS. Taking theirs leaves that answer out
    of the save; keeping mine saves it over the version the screen showed (so a fourth change
    in between is caught again, never silently overwritten). Every other answer of the save
    goes through with it: one step, whatever the number of conflicts.
    """
    return {
        question: change
        for question, change in changes.items()
        if resolutions.get(question.pk) != THEIRS
    }


def save_answers(user, assessment, changes):
    """Save several answers at once with a constant number of queries.

    `changes` maps a question to `(values, version)`: the cleaned values and the answer's
    version the person loaded (0 for a new answer). If any answer moved on since then,
    nothing is saved and `ConflictError` lists each clash with both values.
    """
    ensure_editable(assessment)
    try:
        result = _save_answers(user, assessment, changes)
    except IntegrityError:
        # Someone created one of these answers between our read and our insert: read again,
        # so the version check now sees their answer and reports the conflict.
        result = _save_answers(user, assessment, changes)
    if (
        result.newly_answered
        and selectors.overall_completion(selectors.completion_by_focus_area(assessment))["percent"]
        == 100
    ):
        notifications.notify("complete", assessment, notifications.coordinators_of(assessment))
    return result


def _save_answers(user, assessment, changes):
    with transaction.atomic():
        existing = {
            a.question_id: a
            # No join here: on PostgreSQL, a row locked after a concurrent update is re-checked
            # against the joined rows read before, and silently dropped when `updated_by`
            # changed (seen under load as a conflict with nobody, a 500).
            for a in Answer.objects.select_for_update().filter(
                assessment=assessment, question__in=[q.pk for q in changes]
            )
        }
        conflicts, untouched = [], set()
        for question, (values, version) in changes.items():
            answer = existing.get(question.pk)
            current = answer.version if answer else 0
            if version is None or version == current:
                continue
            theirs = answer.snapshot() if answer else {}
            yours = {**theirs, **_jsonable(values)}
            if yours == theirs:
                continue
            seen = _snapshot_at(assessment, question, version)
            if seen is not None and {**seen, **_jsonable(values)} == seen:
                untouched.add(question)  # sent back as it was shown: theirs stands
                continue
            if _changed_only_by(user, assessment, question, version):
                continue  # every change since they loaded it is their own (reply never came)
            conflicts.append(
                Conflict(question, yours, theirs, current, answer.updated_by if answer else None)
            )
        if conflicts:
            raise ConflictError(conflicts)
        changes = {q: change for q, change in changes.items() if q not in untouched}
        return _write_answers(user, assessment, changes, existing)


def _snapshot_at(assessment, question, version):
    """The answer as it was at `version`: the change that left that version recorded it."""
    change = (
        AnswerChange.objects.filter(assessment=assessment, question=question)
        .order_by("id")
        .values_list("old_value", flat=True)[version : version + 1]
    )
    return next(iter(change), None)


def _changed_only_by(user, assessment, question, version):
    """Were all the changes after `version` made by this person? Then a save of theirs that
    was committed but never acknowledged is not a conflict with someone else."""
    authors = (
        AnswerChange.objects.filter(assessment=assessment, question=question)
        .order_by("id")
        .values_list("changed_by_id", flat=True)[version:]
    )
    return set(authors) == {user.pk}


def _jsonable(values):
    return {k: (str(v) if k == "number" and v is not None else v) for k, v in values.items()}


def _write_answers(user, assessment, changes, existing):
    now = timezone.now()
    created, updated, history = [], [], []
    result = SaveResult()
    for question, (values, _version) in changes.items():
        answer = existing.get(question.pk)
        before = answer.snapshot() if answer else Answer().snapshot()
        was_answered = answer.is_answered if answer else False
        if answer is None:
            answer = Answer(assessment=assessment, question=question)
            created.append(answer)
        for name, value in values.items():
            setattr(answer, name, value)
        after = answer.snapshot()
        if after == before:
            if answer in created:
                created.remove(answer)
            result.unchanged += 1
            continue
        if answer.pk:
            updated.append(answer)
        if answer.is_answered and not was_answered:
            result.newly_answered += 1
        answer.version += 1
        answer.carried_over_from = None  # changed: no longer a copy to check
        answer.updated_by = user
        answer.updated_at = now
        history.append(
            AnswerChange(
                assessment=assessment,
                question=question,
                changed_by=user,
                changed_at=now,
                old_value=before,
                new_value=after,
            )
        )
        result.saved.append(answer)
    Answer.objects.bulk_create(created)
    if updated:
        Answer.objects.bulk_update(
            updated,
            [*Answer.VALUE_FIELDS, "version", "carried_over_from", "updated_by", "updated_at"],
        )
    AnswerChange.objects.bulk_create(history)
    if result.saved:
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=now)
    return result


def confirm_carried_over(user, assessment, questions):
    """The person checked these carried-over answers: they are now this assessment's own.

    Returns how many were confirmed. Answers typed or changed here are not affected.
    """
    ensure_editable(assessment)
    return Answer.objects.filter(
        assessment=assessment,
        question__in=[q.pk for q in questions],
        carried_over_from__isnull=False,
    ).update(carried_over_from=None, updated_by=user, updated_at=timezone.now())


def add_evidence(
    user, assessment, question, *, upload=None, url="", title="", shared_with_donors=False
):
    """Attach a file or a link to a question's answer (an empty answer is created if needed)."""
    ensure_editable(assessment)
    answer, _created = Answer.objects.get_or_create(
        assessment=assessment, question=question, defaults={"updated_by": user}
    )
    evidence = Evidence(
        answer=answer,
        url=url,
        title=title,
        uploaded_by=user,
        shared_with_donors=shared_with_donors,
    )
    if upload is not None:
        evidence.original_name = upload.name[:255]
        evidence.content_type = getattr(upload, "detected_type", "") or upload.content_type or ""
        evidence.size = upload.size
        evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence
