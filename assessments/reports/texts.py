"""Fixed prose of the report's annexes, kept apart from the layout code.

Texts are built when called, not at import, so they follow the language active for the
request that renders the report.
"""

from django.utils.translation import gettext as _

from .. import scoring


def band_rows():
    """(code, lowest score, highest score, meaning): one band per maturity level."""
    meanings = {
        "not_in_place": _("Level 0: nothing of the standard is in place."),
        "initial": _("Level 1: first steps; practice is informal or ad hoc."),
        "developing": _("Level 2: partly in place; practice is partial."),
        "established": _("Level 3: in place and applied for most cases; some gaps remain."),
        "advanced": _("Level 4: fully in place, measured and improved."),
    }
    bounds = [lower for lower, _code, _name in scoring.BANDS[1:]]
    highs = [f"{upper - 0.1:g}" for upper in bounds] + ["100"]
    return [
        (code, f"{lower:g}", high, meanings[code])
        for (lower, code, _name), high in zip(scoring.BANDS, highs, strict=True)
    ]


def scoring_method():
    return [
        _(
            "Every answer is placed on a 0–100 scale: a maturity level counts 25 points per "
            "level (level 0 = 0, level 4 = 100); yes counts 100 and no 0; a number counts the "
            "share of its target reached, capped at 100 (where lower is better, the target "
            "divided by the value). Free-text answers are not scored."
        ),
        _(
            "The score of a focus area, pillar or standard, and the overall readiness index, "
            "is the weighted mean of the scores of its answered questions, with the weights "
            "set in the framework content. Questions marked not applicable, with a "
            "justification, are left out of both the score and the count."
        ),
        _(
            "A score resting on fewer than %(share)s%% of its applicable questions is marked "
            "provisional (*), and so is the overall index until every mandatory question is "
            "answered. A question is a strength from a score of %(strength)s."
        )
        % {"share": int(scoring.PROVISIONAL_BELOW * 100), "strength": int(scoring.STRENGTH_FROM)},
        _(
            "A gap is the distance between a question's score and its target (by default "
            "maturity level 3, or the target set for the question or the assessment). "
            "Priority = gap size ÷ 100 × weight × (1 + 0.25 for each further standard the "
            "question serves). Class A: own resources; class B: more time (legal reform); "
            "class C: outside support (technical assistance, equipment, funding); a gap whose "
            "support is not stated is not classified."
        ),
    ]


def glossary():
    """SAFE terms in the toolkit's own words."""
    return [
        (
            _("SAFE"),
            _(
                "The WCO SAFE Framework of Standards to Secure and Facilitate Global Trade: "
                "minimum standards that customs administrations apply to secure the "
                "international supply chain while keeping legitimate trade moving."
            ),
        ),
        (
            _("Columbus Programme"),
            _(
                "The WCO's capacity-building programme for SAFE, in three phases: needs "
                "assessment, planning and implementation, and monitoring and evaluation."
            ),
        ),
        (
            _("Pillar"),
            _(
                "A group of SAFE standards by partner: customs-to-customs, customs-to-business, "
                "and customs-to-other government and inter-government agencies."
            ),
        ),
        (
            _("AEO"),
            _(
                "Authorized Economic Operator: a company that customs has checked against "
                "supply-chain security and compliance criteria and that receives faster, "
                "simpler treatment in return."
            ),
        ),
        (
            _("MRA"),
            _(
                "Mutual Recognition Arrangement or Agreement: two or more administrations "
                "accept each other's AEO validations and grant each other's AEOs comparable "
                "benefits."
            ),
        ),
        (
            _("Advance electronic information"),
            _(
                "Cargo data sent electronically to customs before goods are loaded or arrive, "
                "early enough to assess their risk."
            ),
        ),
        (
            _("PLACI"),
            _(
                "Pre-loading advance cargo information: a small set of air cargo data filed "
                "before loading at the last airport of departure, so that security threats "
                "can be spotted before the aircraft leaves."
            ),
        ),
        (
            _("UCR"),
            _(
                "Unique Consignment Reference: one reference that follows a consignment "
                "through the whole transaction, linking the data different parties hold."
            ),
        ),
        (
            _("Risk management"),
            _(
                "Finding and rating risks systematically and applying controls in proportion, "
                "so that inspections concentrate on high-risk consignments and the rest flows."
            ),
        ),
        (
            _("High-risk cargo"),
            _(
                "A consignment for which the available information or intelligence points to "
                "a security threat that the risk assessment cannot clear without a check."
            ),
        ),
        (
            _("NII"),
            _(
                "Non-intrusive inspection: examining cargo or containers with scanners or "
                "radiation detectors without opening them."
            ),
        ),
        (
            _("Outbound inspection"),
            _(
                "Examining high-risk cargo at export, including at the reasonable request of "
                "the country of destination."
            ),
        ),
        (
            _("Maturity level"),
            _(
                "How far a practice is in place, from 0 (nothing) to 4 (fully in place, "
                "measured and improved); each question describes its own five levels."
            ),
        ),
        (
            _("Baseline"),
            _("The first assessment against which later ones are compared to show progress."),
        ),
    ]
