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


@register.filter
def score(value):
    """A Score as a whole number out of 100, "n/a", with * when provisional."""
    from assessments.reports.score_texts import score_text

    return score_text(value)


@register.filter
def change(score_value, earlier):
    """Points gained or lost since the earlier assessment, with a sign."""
    from assessments.reports.score_texts import change_text

    return change_text(score_value, earlier)


@register.filter
def trend_class(score_value, earlier):
    """trend-up / trend-down / trend-same: an arrow shape, so the change reads in grey too."""
    if score_value is None or score_value.value is None or earlier is None:
        return ""
    delta = round(score_value.value - earlier)
    return "trend-up" if delta > 0 else "trend-down" if delta < 0 else "trend-same"


@register.filter
def band_label(code):
    from assessments.reports.score_texts import band_name

    return band_name(code)


@register.filter
def confidence(score_value):
    """Shares of a score's answers backed by evidence, validated, self-declared."""
    from assessments.reports.score_texts import confidence_text

    return confidence_text(score_value)


@register.filter
def level_achieved(score_value):
    from assessments.reports.score_texts import level_text

    return level_text(score_value)


@register.filter
def to_target(score_value):
    from assessments.reports.score_texts import to_target_text

    return to_target_text(score_value)
