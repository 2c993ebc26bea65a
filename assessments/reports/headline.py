"""The numbers beside the index, worded once for the PDF and the Word report: level achieved,
percent-to-target, whether the index is provisional, what the scores rest on (confidence),
the questions left out as not applicable, gaps not classified yet and, in Phase 3, the
Phase 1 readiness baseline. Data in (`ReportData`), text out; no query."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .score_texts import band_name, confidence_text, level_text, score_text, to_target_text


def provisional_text(data):
    """Why the overall index may still move, or "" when it is final."""
    if not data.provisional:
        return ""
    if data.missing_mandatory:
        return ngettext(
            "provisional: %(n)s mandatory question unanswered",
            "provisional: %(n)s mandatory questions unanswered",
            data.missing_mandatory,
        ) % {"n": data.missing_mandatory}
    return _("provisional: too few applicable questions answered")


def index_text(data):
    """ "57 — Established", or "57 — Established (provisional: 3 mandatory questions
    unanswered)"."""
    overall = data.results.overall
    text = f"{score_text(overall).rstrip('*')} — {band_name(overall.band)}"
    provisional = provisional_text(data)
    return f"{text} ({provisional})" if provisional else text


def headline_rows(data):
    """(label, value) rows printed beside the overall index in both reports."""
    overall = data.results.overall
    rows = [
        (data.index_label or _("Overall index"), index_text(data)),
        (_("Level achieved"), level_text(overall)),
        (_("Percent to target"), to_target_text(overall)),
        (_("Confidence"), confidence_text(overall)),
        (_("Not applicable"), not_applicable_count_text(data)),
        (_("Gaps not classified"), unclassified_text(data)),
    ]
    if data.phase_number == 3:
        rows.append((_("Readiness baseline (Phase 1)"), readiness_baseline_text(data)))
    return rows


def not_applicable_count_text(data):
    rows = data.not_applicable
    accepted = sum(1 for row in rows if row.accepted)
    if not rows:
        return _("no question")
    text = ngettext("%(n)s question left out", "%(n)s questions left out", accepted) % {
        "n": accepted
    }
    refused = len(rows) - accepted
    if refused:
        text += " · " + ngettext(
            "%(n)s N/A not accepted (counts as unanswered)",
            "%(n)s N/A not accepted (count as unanswered)",
            refused,
        ) % {"n": refused}
    return text


def unclassified_text(data):
    if not data.unclassified_gaps:
        return _("no gap")
    return ngettext(
        "%(n)s gap: support not stated yet",
        "%(n)s gaps: support not stated yet",
        data.unclassified_gaps,
    ) % {"n": data.unclassified_gaps}


def readiness_baseline_text(data):
    """The Phase 1 needs assessment this monitoring measures progress from."""
    if not data.readiness_baseline_label:
        return _("no submitted or validated Phase 1 needs assessment yet")
    index = data.readiness_baseline_index
    return _("%(label)s — SAFE readiness index %(score)s") % {
        "label": data.readiness_baseline_label,
        "score": score_text(index),
    }


def area_confidence_rows(data):
    """Per focus area: level achieved, percent-to-target and confidence."""
    return [
        (
            f"{area.code} — {area.title}",
            level_text(area.score),
            to_target_text(area.score),
            confidence_text(area.score),
        )
        for area in data.focus_areas
    ]


def area_confidence_header():
    return [_("Focus area"), _("Level achieved"), _("To target"), _("Confidence")]


def not_applicable_rows(data):
    """(code, question, reason, decision) for each question answered N/A."""
    return [
        (
            row.code,
            row.text,
            row.justification or "–",
            na_decision(row),
        )
        for row in data.not_applicable
    ]


def not_applicable_header():
    return [_("Code"), _("Question"), _("Reason given"), _("Accepted?")]


def na_decision(row):
    if getattr(row, "rejection", ""):
        return _("Rejected by the reviewer: %(reason)s") % {"reason": row.rejection}
    if row.accepted:
        return _("Accepted")
    return _("Not accepted: N/A is not allowed here; counts as unanswered")
