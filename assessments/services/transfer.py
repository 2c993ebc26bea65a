"""Move a complete assessment between two installations as one JSON document.

An administration may run its own copy of the toolkit, or the WCO may consolidate copies:
the document carries the answers, comments, evidence metadata (not the files), the answer
history, the workflow events and the version of each answer, so the copy scores the same and
tells the same story. Everything in the document is checked before anything is written; then
it is written in one transaction.

Questions and standards travel by code (P1-06, T-AEI-01), never by database id: ids differ
from one installation to another. People travel by user name and are linked only when the
same user name exists on the receiving side.
"""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from ..models import (
    Administration,
    Answer,
    AnswerChange,
    Assessment,
    AssessmentEvent,
    Evidence,
    Framework,
)
from ..models.planning import Action as PlanAction

FORMAT = "safe-assessment/1"


def _username(user):
    return user.username if user is not None else None


def _when(value):
    return value.isoformat() if value is not None else None


def export_assessment(assessment):
    """The assessment as plain JSON-ready data (five queries whatever its size)."""
    answers = list(
        Answer.objects.filter(assessment=assessment)
        .select_related("question", "updated_by")
        .prefetch_related("evidence__uploaded_by")
        .order_by("question__code")
    )
    changes = AnswerChange.objects.filter(assessment=assessment).select_related(
        "question", "changed_by"
    )
    events = AssessmentEvent.objects.filter(assessment=assessment).select_related("actor")
    return {
        "format": FORMAT,
        "framework": assessment.framework.code,
        "phase": assessment.phase.number,
        "administration": {
            "name": assessment.administration.name,
            "country": assessment.administration.country,
        },
        "assessment": {
            "title": assessment.title,
            "period_start": assessment.period_start.isoformat(),
            "period_end": assessment.period_end.isoformat(),
            "status": assessment.status,
            "review_comment": assessment.review_comment,
            "created_at": _when(assessment.created_at),
            "submitted_at": _when(assessment.submitted_at),
            "validated_at": _when(assessment.validated_at),
        },
        "answers": [_answer_data(a) for a in answers],
        "changes": [
            {
                "question": c.question.code,
                "changed_at": _when(c.changed_at),
                "changed_by": _username(c.changed_by),
                "old_value": c.old_value,
                "new_value": c.new_value,
            }
            for c in sorted(changes, key=lambda c: c.pk)
        ],
        "events": [
            {
                "action": e.action,
                "at": _when(e.at),
                "actor": _username(e.actor),
                "comment": e.comment,
            }
            for e in sorted(events, key=lambda e: e.pk)
        ],
        "plan_links": _plan_links(assessment),
    }


def _plan_links(assessment):
    """The administration's plan actions that close gaps of this assessment's questions
    (by reference and question code). Exported for the record: the receiving installation
    keeps its own plan, so the import does not recreate actions."""
    actions = (
        PlanAction.objects.filter(
            plan__administration_id=assessment.administration_id,
            questions__phase_id=assessment.phase_id,
            questions__framework_id=assessment.framework_id,
        )
        .distinct()
        .prefetch_related("questions", "standards")
        .order_by("number")
    )
    return [
        {
            "action": action.reference,
            "title": action.title,
            "status": action.status,
            "due_date": action.due_date.isoformat() if action.due_date else None,
            "questions": sorted(q.code for q in action.questions.all()),
            "standards": sorted(s.code for s in action.standards.all()),
        }
        for action in actions
    ]


def _answer_data(answer):
    data = answer.snapshot()
    data.update(
        question=answer.question.code,
        version=answer.version,
        updated_at=_when(answer.updated_at),
        updated_by=_username(answer.updated_by),
        evidence=[
            {
                "title": e.title,
                "url": e.url,
                "original_name": e.original_name,
                "content_type": e.content_type,
                "size": e.size,
                "uploaded_at": _when(e.uploaded_at),
                "uploaded_by": _username(e.uploaded_by),
            }
            for e in answer.evidence.all()
        ],
    )
    return data


class Importer:
    """Check a document completely, then write it. Errors collect as ValidationErrors with
    stable codes, each naming where in the document it is (e.g. `answers[3].maturity`)."""

    def __init__(self, data, administration=None):
        self.data = data
        self.administration = administration
        self.errors = []

    def error(self, where, message, code):
        self.errors.append(ValidationError(f"{where}: {message}", code=code))

    def check(self):
        data = self.data
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            self.error("format", f"not a {FORMAT} document", "format")
            raise ValidationError(self.errors)
        self.framework = Framework.objects.filter(code=data.get("framework")).first()
        if self.framework is None:
            self.error("framework", f"unknown framework {data.get('framework')!r}", "framework")
            raise ValidationError(self.errors)
        self.phase = self.framework.phases.filter(number=data.get("phase")).first()
        if self.phase is None:
            self.error("phase", f"unknown phase {data.get('phase')!r}", "phase")
        if self.administration is None:
            country = (data.get("administration") or {}).get("country")
            self.administration = Administration.objects.filter(country=country).first()
            if self.administration is None:
                self.error("administration", f"no administration for {country!r}", "administration")
        self.questions = {q.code: q for q in self.framework.questions.all()}
        names = set()
        for key, item_user in (
            ("answers", "updated_by"),
            ("changes", "changed_by"),
            ("events", "actor"),
        ):
            for item in data.get(key) or []:
                names.add(item.get(item_user))
        for answer in data.get("answers") or []:
            names.update(e.get("uploaded_by") for e in answer.get("evidence") or [])
        names.discard(None)
        self.users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
        meta = data.get("assessment") or {}
        self.meta = {
            "title": str(meta.get("title") or "")[:200] or "Imported assessment",
            "period_start": self.date(meta, "period_start", "assessment"),
            "period_end": self.date(meta, "period_end", "assessment"),
            "status": meta.get("status"),
            "review_comment": str(meta.get("review_comment") or ""),
            "created_at": self.moment(meta, "created_at", "assessment"),
            "submitted_at": self.moment(meta, "submitted_at", "assessment", required=False),
            "validated_at": self.moment(meta, "validated_at", "assessment", required=False),
        }
        if self.meta["status"] not in Assessment.Status.values:
            self.error("assessment.status", f"unknown status {self.meta['status']!r}", "status")
        self.answers = [self.answer(i, a) for i, a in enumerate(data.get("answers") or [])]
        self.changes = [self.change(i, c) for i, c in enumerate(data.get("changes") or [])]
        self.events = [self.event(i, e) for i, e in enumerate(data.get("events") or [])]
        if self.errors:
            raise ValidationError(self.errors)

    def date(self, data, key, where):
        value = parse_date(str(data.get(key) or ""))
        if value is None:
            self.error(f"{where}.{key}", "not a date (YYYY-MM-DD)", "date")
        return value

    def moment(self, data, key, where, required=True):
        raw = data.get(key)
        if raw in (None, "") and not required:
            return None
        value = parse_datetime(str(raw or ""))
        if value is None:
            self.error(f"{where}.{key}", "not a date and time (ISO 8601)", "datetime")
        return value

    def question(self, where, code):
        question = self.questions.get(code)
        if question is None:
            self.error(where, f"unknown question {code!r}", "unknown_question")
        elif question.phase_id != getattr(self.phase, "pk", None):
            self.error(where, f"question {code!r} belongs to another phase", "wrong_phase")
        return question

    def answer(self, index, item):
        where = f"answers[{index}]"
        question = self.question(f"{where}.question", item.get("question"))
        values = {}
        for name in Answer.VALUE_FIELDS:
            values[name] = self.value(f"{where}.{name}", name, item.get(name))
        version = item.get("version")
        if not isinstance(version, int) or version < 0:
            self.error(f"{where}.version", "not a whole number ≥ 0", "version")
        evidence = [
            {
                "title": str(e.get("title") or "")[:200],
                "url": str(e.get("url") or "")[:500],
                "original_name": str(e.get("original_name") or "")[:255],
                "content_type": str(e.get("content_type") or "")[:100],
                "size": int(e.get("size") or 0),
                "uploaded_at": self.moment(e, "uploaded_at", f"{where}.evidence[{n}]"),
                "uploaded_by": self.users.get(e.get("uploaded_by")),
            }
            for n, e in enumerate(item.get("evidence") or [])
        ]
        return {
            "question": question,
            "values": values,
            "version": version,
            "updated_at": self.moment(item, "updated_at", where),
            "updated_by": self.users.get(item.get("updated_by")),
            "evidence": evidence,
        }

    def value(self, where, name, value):
        """One answer column, checked like the answer form checks it."""
        if value is None and name in ("maturity", "yes_no", "number", "target"):
            return None
        match name:
            case "maturity":
                if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4:
                    return value
                self.error(where, "a maturity level is 0 to 4", "maturity")
            case "yes_no" | "not_applicable":
                if isinstance(value, bool):
                    return value
                self.error(where, "true or false", "boolean")
            case "number":
                try:
                    return Decimal(str(value)).quantize(Decimal("0.01"))
                except InvalidOperation:
                    self.error(where, "not a number", "number")
            case "target":
                if isinstance(value, int | float) and not isinstance(value, bool):
                    return float(value)
                self.error(where, "not a number", "number")
            case "support_needed":
                if value in ("", *Answer.Support.values):
                    return value
                self.error(where, f"unknown support {value!r}", "support")
            case _:
                if isinstance(value, str):
                    return value
                self.error(where, "not a text", "text")
        return None

    def change(self, index, item):
        where = f"changes[{index}]"
        return AnswerChange(
            question=self.question(f"{where}.question", item.get("question")),
            changed_at=self.moment(item, "changed_at", where),
            changed_by=self.users.get(item.get("changed_by")),
            old_value=item.get("old_value") or {},
            new_value=item.get("new_value") or {},
        )

    def event(self, index, item):
        where = f"events[{index}]"
        if item.get("action") not in AssessmentEvent.Action.values:
            self.error(f"{where}.action", f"unknown action {item.get('action')!r}", "action")
        return AssessmentEvent(
            action=item.get("action"),
            at=self.moment(item, "at", where),
            actor=self.users.get(item.get("actor")),
            comment=str(item.get("comment") or ""),
        )

    def write(self, user):
        with transaction.atomic():
            assessment = Assessment.objects.create(
                administration=self.administration,
                framework=self.framework,
                phase=self.phase,
                started_by=user,
                **self.meta,
            )
            answers = [
                Answer(
                    assessment=assessment,
                    question=item["question"],
                    version=item["version"],
                    updated_at=item["updated_at"],
                    updated_by=item["updated_by"],
                    **item["values"],
                )
                for item in self.answers
            ]
            Answer.objects.bulk_create(answers)
            Evidence.objects.bulk_create(
                Evidence(answer=answer, **evidence)
                for answer, item in zip(answers, self.answers, strict=True)
                for evidence in item["evidence"]
            )
            for record in (*self.changes, *self.events):
                record.assessment = assessment
            AnswerChange.objects.bulk_create(self.changes)
            AssessmentEvent.objects.bulk_create(self.events)
        return assessment


def import_assessment(user, data, administration=None):
    """Restore an exported assessment as a new one; ValidationError lists every problem.

    Without `administration`, the document's country code picks the administration.
    """
    importer = Importer(data, administration)
    importer.check()
    return importer.write(user)
