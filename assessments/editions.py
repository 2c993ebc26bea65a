"""Editions of the framework: the mapping file between two editions, and what changed.

A mapping file (docs/content-format.md, "Mapping between editions") says, for every question
of the older edition, which question of the newer edition continues it or that it is retired,
and lists the questions that are new. It is validated whole against the two loaded editions
and written in one transaction; answers are carried over only along its lines
(`services/editions.py`), and comparisons across editions use only its mapped questions.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .content.reading import LINE, ContentError, Problem, _parse
from .models import EditionMapping, Framework, Question, QuestionMapping

Change = QuestionMapping.Change
BAD_LINE = "give 'from' and 'to', or 'from' with 'retired: true', or 'to' with 'new: true'"


def read_mapping(path):
    """Validate a mapping file against the loaded editions; return plain data or raise
    ContentError naming the file, the line and the reason of every problem."""
    path = Path(path)
    raw_bytes, data = _parse(path)
    problems = []

    def fail(node, place, reason, code):
        problems.append(
            Problem(node.get(LINE) if isinstance(node, dict) else None, place, reason, code)
        )

    head = data.get("mapping") if isinstance(data.get("mapping"), dict) else {}
    if not head:
        fail(
            data,
            "mapping",
            "'mapping' with 'from' and 'to' edition codes is required",
            "missing_key",
        )
    editions = {}
    for side in ("from", "to"):
        code = head.get(side)
        framework = Framework.objects.filter(code=code).first() if isinstance(code, str) else None
        if head and framework is None:
            fail(
                head,
                "mapping",
                f"unknown edition '{code}' ('{side}'): load it first",
                "unknown_edition",
            )
        editions[side] = framework
    if problems:
        raise ContentError(path, problems)

    codes = {
        side: dict(
            Question.objects.filter(framework=framework, retired=False).values_list("code", "pk")
        )
        for side, framework in editions.items()
    }
    lines = data.get("questions")
    if not isinstance(lines, list) or not lines:
        raise ContentError(
            path, [Problem(None, "questions", "'questions' must be a non-empty list", "wrong_type")]
        )

    seen = {"from": {}, "to": {}}
    rows = []
    for node in lines:
        if not isinstance(node, dict):
            fail(data, "questions", "every entry must be a mapping", "wrong_type")
            continue
        older, newer = node.get("from"), node.get("to")
        retired, new = node.get("retired") is True, node.get("new") is True
        place = older or newer or "questions"
        shape_ok = (
            (not retired and not new and older is not None and newer is not None)
            or (retired and not new and older is not None and newer is None)
            or (new and not retired and newer is not None and older is None)
        )
        if not shape_ok:
            fail(node, place, BAD_LINE, "bad_line")
            continue
        for side, code in (("from", older), ("to", newer)):
            if code is None:
                continue
            edition = editions[side].code
            if code not in codes[side]:
                fail(node, place, f"unknown question '{code}' in {edition}", "unknown_question")
            elif code in seen[side]:
                fail(
                    node,
                    place,
                    f"question '{code}' of {edition} is mapped twice "
                    f"(first on line {seen[side][code]})",
                    "duplicate_mapping",
                )
            else:
                seen[side][code] = node.get(LINE)
        change = Change.RETIRED if retired else Change.NEW if new else Change.MAPPED
        rows.append((codes["from"].get(older), codes["to"].get(newer), change))

    for side, label in (("from", "older"), ("to", "newer")):
        for code in sorted(set(codes[side]) - set(seen[side])):
            problems.append(
                Problem(
                    None,
                    code,
                    f"the {label} edition's question '{code}' is not in the mapping",
                    "unmapped_question",
                )
            )
    if problems:
        raise ContentError(path, problems)
    return {
        "older": editions["from"],
        "newer": editions["to"],
        "rows": rows,
        "checksum": hashlib.sha256(raw_bytes).hexdigest(),
    }


def load_mapping(path):
    """Validate, then replace the stored mapping between the two editions in one
    transaction. Returns (mapping, changed); an unchanged file writes nothing."""
    data = read_mapping(path)
    with transaction.atomic():
        mapping, created = EditionMapping.objects.get_or_create(
            older=data["older"], newer=data["newer"]
        )
        if not created and mapping.checksum == data["checksum"]:
            return mapping, False
        mapping.lines.all().delete()
        QuestionMapping.objects.bulk_create(
            QuestionMapping(mapping=mapping, older_id=older, newer_id=newer, change=change)
            for older, newer, change in data["rows"]
        )
        mapping.checksum = data["checksum"]
        mapping.loaded_at = timezone.now()
        mapping.save()
    return mapping, True


@dataclass
class EditionChanges:
    """What changed from one edition to the next, for the framework page."""

    mapping: EditionMapping
    new: list = field(default_factory=list)
    retired: list = field(default_factory=list)
    reworded: list = field(default_factory=list)  # (older, newer) whose question text differs
    renumbered: list = field(default_factory=list)  # (older, newer) whose code differs
    unchanged: int = 0


def mapping_between(older, newer):
    return EditionMapping.objects.filter(older=older, newer=newer).first()


def changes_between(older, newer):
    """The mapping's lines sorted into new, retired, reworded and unchanged questions
    (one query for the lines with both questions); None when no mapping is loaded."""
    mapping = mapping_between(older, newer)
    if mapping is None:
        return None
    changes = EditionChanges(mapping)
    for line in mapping.lines.select_related("older", "newer"):
        if line.change == Change.NEW:
            changes.new.append(line.newer)
        elif line.change == Change.RETIRED:
            changes.retired.append(line.older)
        elif line.older.text != line.newer.text:
            changes.reworded.append((line.older, line.newer))
        else:
            changes.unchanged += 1
        if line.change == Change.MAPPED and line.older.code != line.newer.code:
            changes.renumbered.append((line.older, line.newer))
    return changes


def question_map(older, newer):
    """{older question id: newer question id} along the mapped lines; identity for the same
    edition. Used to carry answers over and to compare assessments across editions."""
    if older.pk == newer.pk:
        ids = Question.objects.filter(framework=older).values_list("pk", flat=True)
        return {pk: pk for pk in ids}
    mapping = mapping_between(older, newer)
    if mapping is None:
        return {}
    return dict(mapping.lines.filter(change=Change.MAPPED).values_list("older_id", "newer_id"))


def changes_into(framework):
    """What changed from the nearest older edition mapped to this one, or None."""
    mapping = (
        EditionMapping.objects.filter(newer=framework)
        .select_related("older")
        .order_by("-older__edition")
        .first()
    )
    return changes_between(mapping.older, framework) if mapping else None


def new_since_previous(assessment):
    """Questions of this assessment's phase that are new since the edition of the assessment
    it was pre-filled from (empty when both share an edition or no mapping is loaded)."""
    previous = assessment.previous
    if previous is None or previous.framework_id == assessment.framework_id:
        return []
    mapping = mapping_between(previous.framework, assessment.framework)
    if mapping is None:
        return []
    return list(
        Question.objects.filter(
            pk__in=mapping.lines.filter(change=Change.NEW).values("newer_id"),
            phase_id=assessment.phase_id,
        ).order_by("order")
    )
