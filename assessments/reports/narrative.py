"""The words of the needs-assessment report, written from its numbers: introduction, executive
summary, summary of assistance needs, recommendations and sign-off.

Plain strings and rows, built from the report data only, so the PDF and the Word document say
exactly the same thing in the active language. Layout is the renderers' business.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..scoring import NOT_CLASSIFIED
from .context import priority_level, priority_name
from .score_texts import band_name, format_number
from .typography import date_text, number_text, percent_text

SUPPORT_ORDER = [
    "Technical assistance",
    "Equipment",
    "Funding",
    "Legal reform",
    "None: own resources",
]


@dataclass
class NeedRow:
    """One kind of support: how many gaps need it, by class, and what is priced."""

    support: str
    by_class: dict  # "A"/"B"/"C" -> count
    high: int
    cost: str  # "USD 120,000" per currency, or "–"


def phase_purpose(data):
    return {
        1: _(
            "This report is the needs assessment (diagnostic) of Phase 1 of the WCO Columbus "
            "Programme: it measures where %(administration)s stands against each standard of "
            "the SAFE Framework, finds the gaps, and recommends what to do and with which "
            "support, so that a Phase 2 action plan and donors can build on it."
        ),
        2: _(
            "This report belongs to Phase 2 of the WCO Columbus Programme (planning and "
            "implementation): it records how far %(administration)s has turned the needs "
            "assessment's recommendations into a plan with owners, dates and funding."
        ),
        3: _(
            "This report belongs to Phase 3 of the WCO Columbus Programme (monitoring and "
            "evaluation): it measures the progress of %(administration)s against its baseline "
            "and its plan."
        ),
    }.get(data.phase_number, "") % {"administration": data.administration}


def introduction(data):
    """(heading, paragraph) pairs: purpose, scope, method, period, and who took part."""
    review = data.review
    respondents = ", ".join(review.respondents) if review.respondents else _("nobody yet")
    reviewers = ", ".join(review.reviewers) if review.reviewers else _("not reviewed yet")
    scope = ngettext(
        "The questionnaire has %(total)s question in %(areas)s focus areas, each tied to the "
        "SAFE standards it assesses (%(framework)s).",
        "The questionnaire has %(total)s questions in %(areas)s focus areas, each tied to the "
        "SAFE standards it assesses (%(framework)s).",
        data.total,
    ) % {"total": data.total, "areas": len(data.focus_areas), "framework": data.framework}
    return [
        (_("Purpose"), phase_purpose(data)),
        (_("Scope"), scope),
        (
            _("Method"),
            _(
                "A self-assessment: the administration's officers answered each question with "
                "a maturity level, yes or no, or a figure, with comments and evidence; a WCO "
                "reviewer checks the answers and the evidence before validating them. Scores, "
                "gaps and priorities are computed as Annex A explains."
            ),
        ),
        (
            _("Reference period"),
            _("From %(start)s to %(end)s.")
            % {"start": date_text(data.period_start), "end": date_text(data.period_end)},
        ),
        (_("Who answered"), respondents),
        (_("Who reviewed"), reviewers),
    ]


def summary_sentences(data):
    """The executive summary in sentences a Director General reads first."""
    overall = data.results.overall
    if overall.value is None:
        return [
            _(
                "No scored question has been answered yet, so no readiness index can be "
                "computed. %(answered)s of %(total)s questions are answered."
            )
            % {"answered": data.answered, "total": data.total}
        ]
    sentences = [
        _(
            "%(administration)s reaches an overall SAFE readiness index of %(score)s out of "
            "100, in the %(band)s band, with %(answered)s of %(total)s questions answered."
        )
        % {
            "administration": data.administration,
            "score": number_text(overall.value, 0),
            "band": band_name(overall.band),
            "answered": data.answered,
            "total": data.total,
        }
    ]
    if overall.provisional:
        sentences.append(
            _("The index is provisional: too few questions are answered for it to hold.")
        )
    scored = [a for a in data.focus_areas if a.score is not None and a.score.value is not None]
    best = max(scored, key=lambda a: a.score.value, default=None)
    worst = min(scored, key=lambda a: a.score.value, default=None)
    if best is not None and round(best.score.value) != round(worst.score.value):
        sentences.append(
            _(
                "The strongest focus area is %(best)s (%(best_score)s); the weakest is "
                "%(worst)s (%(worst_score)s)."
            )
            % {
                "best": best.title,
                "best_score": number_text(best.score.value, 0),
                "worst": worst.title,
                "worst_score": number_text(worst.score.value, 0),
            }
        )
    high = sum(1 for g in data.gaps if priority_level(g.priority) == "high")
    sentences.append(
        ngettext(
            "The assessment finds %(gaps)s gap against the targets, %(high)s of high "
            "priority; %(outside)s need outside support (class C).",
            "The assessment finds %(gaps)s gaps against the targets, %(high)s of high "
            "priority; %(outside)s need outside support (class C).",
            len(data.gaps),
        )
        % {"gaps": len(data.gaps), "high": high, "outside": data.gap_counts.get("C", 0)}
    )
    if data.earlier_label and data.trend and len(data.trend) > 1:
        before = data.trend[-2].overall
        if before is not None and data.comparison_basis:
            sentences.append(
                _("Compared with %(label)s, %(basis)s, the index moved from %(before)s to %(now)s.")
                % {
                    "label": data.earlier_label,
                    "basis": data.comparison_basis,
                    "before": number_text(before, 0),
                    "now": number_text(data.compared_overall, 0),
                }
            )
        elif before is not None:
            sentences.append(
                _("Compared with %(label)s, the index moved from %(before)s to %(now)s.")
                % {
                    "label": data.earlier_label,
                    "before": number_text(before, 0),
                    "now": number_text(overall.value, 0),
                }
            )
    return sentences


CLASSES = ("A", "B", "C", NOT_CLASSIFIED)  # columns of the summary of assistance needs


def needs_rows(data):
    """The summary of assistance needs: gaps by kind of support and class, with known costs."""
    rows = defaultdict(lambda: {"A": 0, "B": 0, "C": 0, "high": 0, "cost": defaultdict(float)})
    for gap in data.gaps:
        row = rows[gap.support]
        row[gap.tfa_class] = row.get(gap.tfa_class, 0) + 1  # A, B, C or not classified
        row["high"] += priority_level(gap.priority) == "high"
        for amount, currency in data.costs.get(gap.code, []):
            row["cost"][currency] += float(amount)
    order = {name: i for i, name in enumerate(SUPPORT_ORDER)}
    result = []
    for support in sorted(rows, key=lambda s: (order.get(str(s), len(order)), str(s))):
        row = rows[support]
        result.append(
            NeedRow(
                support=str(support),
                by_class={k: row.get(k, 0) for k in CLASSES},
                high=row["high"],
                cost=cost_text(row["cost"]),
            )
        )
    return result


def cost_text(by_currency):
    if not by_currency:
        return "–"
    return " + ".join(
        f"{currency} {number_text(amount, 0)}" for currency, amount in sorted(by_currency.items())
    )


def needs_sentence(data):
    priced = sum(1 for g in data.gaps if g.code in data.costs)
    return _(
        "%(gaps)s gaps, by the support the administration says each needs and by class. "
        "Costs come from the administration's action plan where its actions are priced "
        "(%(priced)s of %(gaps)s gaps); a donor can price the rest from the gap analysis."
    ) % {"gaps": len(data.gaps), "priced": priced}


def recommendation_lines(note):
    """What to do for one standard: its gaps by priority, then the instruments to use."""
    lines = []
    for gap in note.gaps:
        lines.append(
            _("%(code)s (%(priority)s priority, class %(class)s): %(recommendation)s")
            % {
                "code": gap.code,
                "priority": priority_name(priority_level(gap.priority)).lower(),
                "class": gap.class_label or gap.tfa_class,
                "recommendation": gap.recommendation,
            }
        )
    return lines


def references_text(note):
    if not note.references:
        return _("No WCO instrument is named for this standard yet.")
    return _("Read: %(instruments)s.") % {"instruments": "; ".join(note.references)}


def sign_off_rows(data):
    """(label, value) of the sign-off block; blank lines to sign on paper while not validated."""
    review = data.review
    blank = "_" * 28
    if review.stage == "validated":
        validated_by = review.validated_by or blank
        validated_on = date_text(review.validated_on) if review.validated_on else blank
    else:
        validated_by = validated_on = blank
    submitted = (
        f"{review.submitted_by}, {date_text(review.submitted_on)}"
        if review.submitted_on
        else _("Not submitted yet")
    )
    return [
        (_("Submitted by the administration"), submitted),
        (_("Validated by (WCO reviewer)"), validated_by),
        (_("Date of validation"), validated_on),
        (_("Signature"), blank),
    ]


def percent_answered(data):
    return percent_text(data.answered / data.total * 100 if data.total else None)


def score_points(value):
    return "–" if value is None else format_number(round(value))


def profile_text(value):
    """A profile figure as a reader expects it: 250,000 (250 000 in French); text as typed."""
    return number_text(value, 0) if isinstance(value, int) else str(value)
