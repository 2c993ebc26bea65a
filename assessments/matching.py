"""How well a support offer fits a need: pure functions, data in, data out.

Five criteria, each worth a fixed number of points (100 in all), each result listing *why*
(see docs/matchmaking.md for the rules and a worked example reproduced by tests/test_matching.py):

    topic   40  30 if the offer names one of the need's SAFE standards, plus 10 x the share
                of the need's standards it names; else 25 for a focus area, else 15 for a
                theme (SAFE pillar); 20 for an offer naming no topic (open to any)
    kind    20  the offer gives at least one kind of support the need asks for
    place   15  the administration's country or region is in the offer; none named = worldwide
    budget  15  the estimated cost lies within the offer's grant range (same currency)
    timing  10  share of the need's period inside the offer's period

An offer that fits no topic, or gives none of the kinds of support asked for, does not match
whatever its other points: a donor does not fund what it does not do.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

POINTS = {"topic": 40, "kind": 20, "place": 15, "budget": 15, "timing": 10}
STANDARD = 30  # plus up to 10 for the share of the need's standards the offer names
FOCUS_AREA = 25
THEME = 15
ANY_TOPIC = 20  # an offer open to any topic is less specific than one naming the standard
WORLDWIDE = 12
BUDGET_UNKNOWN = 8
BELOW_RANGE = 10  # a need smaller than the offer's smallest grant may be grouped with others
TIMING_UNKNOWN = 5
MINIMUM_SCORE = 50  # below this, an offer is not shown as a match


@dataclass(frozen=True)
class NeedFacts:
    """What matching reads of a need."""

    standards: frozenset = frozenset()
    focus_areas: frozenset = frozenset()
    themes: frozenset = frozenset()  # pillars of its standards
    support_kinds: frozenset = frozenset()
    country: str = ""
    region: str = ""
    cost: Decimal | None = None
    currency: str = "EUR"
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class OfferFacts:
    """What matching reads of an offer."""

    standards: frozenset = frozenset()
    focus_areas: frozenset = frozenset()
    themes: frozenset = frozenset()
    support_kinds: frozenset = frozenset()
    countries: frozenset = frozenset()
    regions: frozenset = frozenset()
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    currency: str = "EUR"
    start: date | None = None
    end: date | None = None
    is_open: bool = True


@dataclass(frozen=True)
class Reason:
    """One criterion's points and the sentence that explains them, translated when read
    (most scored pairs are never shown, so their sentences are never written)."""

    criterion: str
    points: int
    maximum: int
    message: str
    params: dict = field(default_factory=dict)

    @property
    def text(self):
        return gettext(self.message) % self.params if self.params else gettext(self.message)


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple = field(default_factory=tuple)
    fits: bool = False

    @property
    def why(self):
        """The reasons that earned points, best first: what a person reads first."""
        return [r for r in sorted(self.reasons, key=lambda r: -r.points) if r.points]


def _codes(values):
    return ", ".join(sorted(values))


def topic(need, offer):
    best = POINTS["topic"]
    named = need.standards & offer.standards
    if named:
        points = STANDARD + round((best - STANDARD) * len(named) / len(need.standards))
        return Reason("topic", points, best, _("Standards %(codes)s"), {"codes": _codes(named)})
    if need.focus_areas & offer.focus_areas:
        codes = _codes(need.focus_areas & offer.focus_areas)
        return Reason("topic", FOCUS_AREA, best, _("Focus area %(codes)s"), {"codes": codes})
    if need.themes & offer.themes:
        codes = _codes(need.themes & offer.themes)
        return Reason("topic", THEME, best, _("Theme %(codes)s"), {"codes": codes})
    if not (offer.standards or offer.focus_areas or offer.themes):
        return Reason("topic", ANY_TOPIC, best, _("Any SAFE topic"))
    return Reason("topic", 0, best, _("Not a topic this offer supports"))


def kind(need, offer):
    best = POINTS["kind"]
    shared = need.support_kinds & offer.support_kinds
    if shared:
        return Reason("kind", best, best, _("Gives %(kinds)s"), {"kinds": _codes(shared)})
    return Reason("kind", 0, best, _("Not the kind of support asked for"))


def place(need, offer):
    best = POINTS["place"]
    if need.country and need.country in offer.countries:
        return Reason("place", best, best, _("Country %(code)s"), {"code": need.country})
    if need.region and need.region in offer.regions:
        return Reason("place", best, best, _("Region %(code)s"), {"code": need.region})
    if not (offer.countries or offer.regions):
        return Reason("place", WORLDWIDE, best, _("Worldwide"))
    return Reason("place", 0, best, _("Outside the offer's regions"))


def budget(need, offer):
    best = POINTS["budget"]
    if need.cost is None:
        return Reason("budget", BUDGET_UNKNOWN, best, _("Cost not estimated yet"))
    if need.currency != offer.currency:
        return Reason(
            "budget", BUDGET_UNKNOWN, best, _("Cost in another currency: compare by hand")
        )
    low, high = offer.budget_min, offer.budget_max
    if low is not None and need.cost < low:
        return Reason("budget", BELOW_RANGE, best, _("Below the offer's smallest grant"))
    if high is None or need.cost <= high:
        return Reason("budget", best, best, _("Cost within the offer's range"))
    points = int(best * high / need.cost)  # the share of the cost the offer could cover
    return Reason(
        "budget",
        points,
        best,
        _("The offer covers %(percent)s%% of the cost"),
        {"percent": int(100 * high / need.cost)},
    )


def timing(need, offer):
    best = POINTS["timing"]
    if need.start is None or need.end is None or need.end < need.start:
        return Reason("timing", TIMING_UNKNOWN, best, _("Dates not set yet"))
    start = max(need.start, offer.start or need.start)
    end = min(need.end, offer.end or need.end)
    days = (need.end - need.start).days + 1
    inside = max(0, (end - start).days + 1)
    points = round(best * inside / days)
    if points == best:
        return Reason("timing", best, best, _("Within the offer's period"))
    if points == 0:
        return Reason("timing", 0, best, _("Outside the offer's period"))
    return Reason(
        "timing",
        points,
        best,
        _("%(percent)s%% of the need's period within the offer's"),
        {"percent": round(100 * inside / days)},
    )


CRITERIA = (topic, kind, place, budget, timing)


def score(need, offer):
    """The match of one offer for one need, with a reason per criterion."""
    reasons = tuple(criterion(need, offer) for criterion in CRITERIA)
    total = sum(r.points for r in reasons)
    by_name = {r.criterion: r for r in reasons}
    fits = (
        offer.is_open
        and by_name["topic"].points > 0
        and by_name["kind"].points > 0
        and total >= MINIMUM_SCORE
    )
    return Match(total, reasons, fits)


def could_fit(need, offer):
    """The two conditions every fit needs, checked without scoring: open, a kind of support
    in common, and a topic in common (or an offer open to any topic). Pages rank hundreds of
    needs against every offer; most pairs stop here."""
    if not offer.is_open or not need.support_kinds & offer.support_kinds:
        return False
    if not (offer.standards or offer.focus_areas or offer.themes):
        return True
    return bool(
        need.standards & offer.standards
        or need.focus_areas & offer.focus_areas
        or need.themes & offer.themes
    )


def rank(mine, others, *, need_first=True):
    """The others that fit, best first: [(other, Match)].

    `mine` is the facts of the one need (or offer); `others` are `(object, facts)` pairs of
    offers (or needs), their facts built once by the caller however many times it ranks.
    `need_first` tells whether `mine` is the need (offers for a need) or the offer.
    """
    results = []
    for other, theirs in others:
        need, offer = (mine, theirs) if need_first else (theirs, mine)
        if not could_fit(need, offer):
            continue
        match = score(need, offer)
        if match.fits:
            results.append((other, match))
    results.sort(key=lambda pair: -pair[1].score)
    return results
