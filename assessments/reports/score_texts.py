"""How a score reads: the short texts the pages, the PDF and the Word report print for it
("57*", "+4", "45 / 90", "Level 2", "80 %", a band's name), in the active language.

One place, so a number means the same on the results page as in the signed report.
"""

from django.utils.translation import gettext as _

from .. import scoring
from ..models import Question

BAND_NAMES = {code: name for _lower, code, name in scoring.BANDS}


def band_name(code):
    """The band's name in the active language (scoring.BANDS holds the English ones)."""
    names = {
        "not_in_place": _("Not in place"),
        "initial": _("Initial"),
        "developing": _("Developing"),
        "established": _("Established"),
        "advanced": _("Advanced"),
    }
    return names.get(code, BAND_NAMES.get(code, "")) if code else _("Not scored")


def class_label(tfa_class):
    return _("Not classified") if tfa_class == scoring.NOT_CLASSIFIED else tfa_class


def format_number(value, kind=""):
    """85, 85.5 or 1,250: no trailing zeros from the decimal column; a count is whole."""
    if kind == Question.NumberKind.COUNT:
        return f"{round(float(value)):,}"
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def score_text(score):
    """A score as a whole number out of 100, or "n/a"; provisional scores are flagged."""
    if score is None or score.value is None:
        return _("n/a")
    text = f"{score.value:.0f}"
    return text + "*" if score.provisional else text


def change_text(now, before):
    if now is None or now.value is None or before is None:
        return "–"
    delta = now.value - before
    return f"{delta:+.0f}".replace("-", "−")


def answered_text(score):
    if score is None:
        return "–"
    return f"{score.answered} / {score.applicable}"


def confidence_text(score):
    """What a score rests on: "40 % evidence · 10 % validated · 50 % self-declared"."""
    shares = score.confidence.shares() if score is not None else None
    if shares is None:
        return "–"
    own, evidence, validated = (round(share) for share in shares)
    return _("%(evidence)s %% evidence · %(validated)s %% validated · %(own)s %% self-declared") % {
        "evidence": evidence,
        "validated": validated,
        "own": own,
    }


def level_text(score):
    if score is None or score.level_achieved is None:
        return "–"
    return _("Level %(level)s") % {"level": score.level_achieved}


def to_target_text(score):
    if score is None or score.to_target is None:
        return "–"
    return f"{score.to_target:.0f} %"
