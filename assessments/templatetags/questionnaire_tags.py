"""Presentation helpers for the questionnaire pages (conflicts, read-only answers)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors
from ..models import Answer
from ..services.answers import ANSWER_PARTS
from .safe_tags import answer_summary

register = template.Library()

PART_LABELS = {
    "answer": gettext_lazy("Answer"),
    "not_applicable": gettext_lazy("Not applicable"),
    "comment": gettext_lazy("Comment"),
    "support_needed": gettext_lazy("Support needed"),
    "target": gettext_lazy("Target"),
}


def part_text(snapshot, part, question):
    """One part of an answer snapshot as a person reads it."""
    snapshot = snapshot or {}
    if part == "answer":
        return answer_summary({**snapshot, "not_applicable": False}, question)
    if part == "not_applicable":
        if not snapshot.get("not_applicable"):
            return _("No")
        reason = (snapshot.get("na_justification") or "").strip()
        return _("Yes: %(why)s") % {"why": reason} if reason else _("Yes, reason still missing")
    if part == "support_needed":
        value = snapshot.get("support_needed") or ""
        return Answer.Support(value).label if value else _("Not stated")
    if part == "target":
        value = snapshot.get("target")
        return _("Default") if value is None else f"{value:g}"
    return snapshot.get(part) or _("(empty)")


@register.simple_tag
def select_options(choices, selected):
    """A select's <option> elements, the one whose value reads as `selected` chosen: one tag
    where a template loop cost ~30 nodes per select (a section page writes ~80 selects)."""
    selected = "" if selected is None else str(selected)
    chosen = mark_safe(" selected")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, chosen if str(value) == selected else "", label) for value, label in choices),
    )


@register.filter
def conflict_rows(conflict):
    """(label, theirs, yours) for each part of the answer that differs, nothing else."""
    return [
        (
            PART_LABELS[part],
            part_text(conflict.theirs, part, conflict.question),
            part_text(conflict.yours, part, conflict.question),
        )
        for part in conflict.differences()
    ]


@register.inclusion_tag("assessments/_carried_over_notice.html")
def carried_over_notice(assessment, count=None):
    """ "N answers carried over, not yet confirmed", wherever the assessment is summed up
    (overview, submit, results). Counts them itself when the page did not (one query)."""
    if count is None:
        count = selectors.carried_over_unconfirmed(assessment)
    return {"assessment": assessment, "count": count}


@register.filter
def answer_text(answer):
    """The chosen answer as text (a level with its descriptor, yes/no, number, text)."""
    return answer_summary({**answer.snapshot(), "not_applicable": False}, answer.question)


@register.filter
def changed_parts(change):
    """(label, before, after) for each part of the answer a history entry changed."""
    old, new = change.old_value or {}, change.new_value or {}
    return [
        (
            PART_LABELS[part],
            part_text(old, part, change.question),
            part_text(new, part, change.question),
        )
        for part, columns in ANSWER_PARTS.items()
        if any(old.get(c) != new.get(c) for c in columns)
    ]
