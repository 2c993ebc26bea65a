"""Presentation helpers for templates."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def answer_summary(snapshot, question):
    """A short human reading of an answer snapshot (history, conflicts)."""
    if not snapshot:
        return _("(no answer)")
    if snapshot.get("not_applicable"):
        return _("Not applicable: %(why)s") % {"why": snapshot.get("na_justification", "")}
    if snapshot.get("maturity") is not None:
        level = snapshot["maturity"]
        levels = question.tr("levels")
        text = levels[level] if 0 <= level < len(levels) else ""
        return _("Level %(level)s: %(text)s") % {"level": level, "text": text}
    if snapshot.get("yes_no") is not None:
        return _("Yes") if snapshot["yes_no"] else _("No")
    if snapshot.get("number") is not None:
        return f"{snapshot['number']} {question.tr('unit')}".strip()
    if snapshot.get("text"):
        return snapshot["text"]
    return _("(no answer)")


@register.filter
def tr(obj, field):
    """`{{ question|tr:"text" }}`: the text in the current language, English as fallback."""
    return obj.tr(field)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
