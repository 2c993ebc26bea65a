"""The matching score: the worked example of docs/matchmaking.md, then properties."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import matching
from assessments.matching import NeedFacts, OfferFacts

NEED = NeedFacts(
    standards=frozenset({"P1-06", "P1-04"}),
    focus_areas=frozenset({"AEI"}),
    themes=frozenset({"P1"}),
    support_kinds=frozenset({"technical", "equipment"}),
    country="CI",
    region="WCA",
    cost=Decimal("400000"),
    currency="EUR",
    start=date(2027, 1, 1),
    end=date(2027, 12, 31),
)
OFFER_A = OfferFacts(
    standards=frozenset({"P1-06"}),
    support_kinds=frozenset({"technical", "training"}),
    regions=frozenset({"WCA"}),
    budget_min=Decimal("50000"),
    budget_max=Decimal("300000"),
    currency="EUR",
    start=date(2026, 7, 1),
    end=date(2027, 6, 30),
)
OFFER_B = OfferFacts(focus_areas=frozenset({"AEI"}), support_kinds=frozenset({"equipment"}))
OFFER_C = OfferFacts(
    standards=frozenset({"P2-03"}),
    support_kinds=frozenset({"legal"}),
    countries=frozenset({"KE"}),
)


def points(match):
    return {r.criterion: r.points for r in match.reasons}


def test_worked_example_offer_a():
    match = matching.score(NEED, OFFER_A)
    assert points(match) == {"topic": 35, "kind": 20, "place": 15, "budget": 11, "timing": 5}
    assert match.score == 86
    assert match.fits
    texts = [r.text for r in match.why]
    assert texts[0] == "Standards P1-06"
    assert "The offer covers 75% of the cost" in texts
    assert "50% of the need's period within the offer's" in texts


def test_worked_example_offer_b():
    match = matching.score(NEED, OFFER_B)
    assert points(match) == {"topic": 25, "kind": 20, "place": 12, "budget": 15, "timing": 10}
    assert match.score == 82
    assert match.fits


def test_worked_example_offer_c_does_not_fit():
    match = matching.score(NEED, OFFER_C)
    assert points(match) == {"topic": 0, "kind": 0, "place": 0, "budget": 15, "timing": 10}
    assert match.score == 25
    assert not match.fits


def test_worked_example_ranking():
    offers = {"A": OFFER_A, "B": OFFER_B, "C": OFFER_C}
    ranked = matching.rank(NEED, list(offers.items()))
    assert [(name, m.score) for name, m in ranked] == [("A", 86), ("B", 82)]


def test_a_closed_offer_never_fits():
    closed = OfferFacts(**{**OFFER_A.__dict__, "is_open": False})
    assert matching.score(NEED, closed).score == 86
    assert not matching.score(NEED, closed).fits


def test_a_cost_in_another_currency_is_not_compared():
    need = NeedFacts(**{**NEED.__dict__, "currency": "USD"})
    reason = matching.budget(need, OFFER_A)
    assert reason.points == matching.BUDGET_UNKNOWN
    assert "another currency" in reason.text


codes = st.frozensets(st.sampled_from(["P1-04", "P1-06", "P2-03", "AEO-G"]), max_size=4)
kinds = st.frozensets(st.sampled_from(["technical", "equipment", "funding", "legal", "training"]))
money = st.one_of(st.none(), st.decimals(min_value=1, max_value=10**7, places=0))
days = st.one_of(st.none(), st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))


@st.composite
def needs(draw):
    start = draw(days)
    length = draw(st.integers(min_value=0, max_value=1000))
    return NeedFacts(
        standards=draw(codes),
        focus_areas=draw(st.frozensets(st.sampled_from(["AEI", "AEO"]))),
        support_kinds=draw(kinds),
        country=draw(st.sampled_from(["CI", "KE", "MA"])),
        region=draw(st.sampled_from(["WCA", "ESA", "MENA"])),
        cost=draw(money),
        start=start,
        end=start + timedelta(days=length) if start else None,
    )


@st.composite
def offers(draw):
    low, high = sorted([draw(money) or Decimal(0), draw(money) or Decimal(10**8)])
    start = draw(days)
    return OfferFacts(
        standards=draw(codes),
        focus_areas=draw(st.frozensets(st.sampled_from(["AEI", "AEO"]))),
        support_kinds=draw(kinds),
        countries=draw(st.frozensets(st.sampled_from(["CI", "KE"]))),
        regions=draw(st.frozensets(st.sampled_from(["WCA", "ESA"]))),
        budget_min=low,
        budget_max=high,
        start=start,
        end=start + timedelta(days=draw(st.integers(0, 1500))) if start else None,
        is_open=draw(st.booleans()),
    )


@settings(deadline=None)  # the first call loads the translation catalogue
@given(needs(), offers())
def test_every_criterion_stays_within_its_points(need, offer):
    match = matching.score(need, offer)
    assert 0 <= match.score <= 100
    for reason in match.reasons:
        assert 0 <= reason.points <= reason.maximum == matching.POINTS[reason.criterion]
        assert reason.text
    assert match.score == sum(r.points for r in match.reasons)


@settings(deadline=None)  # the first call loads the translation catalogue
@given(needs(), offers())
def test_a_match_always_shares_a_kind_of_support_and_is_open(need, offer):
    match = matching.score(need, offer)
    if match.fits:
        assert offer.is_open
        assert need.support_kinds & offer.support_kinds
        assert match.score >= matching.MINIMUM_SCORE


@settings(deadline=None)  # the first call loads the translation catalogue
@given(needs(), offers())
def test_naming_the_needs_country_never_lowers_the_score(need, offer):
    wider = OfferFacts(**{**offer.__dict__, "countries": offer.countries | {need.country}})
    assert matching.score(need, wider).score >= matching.score(need, offer).score


@settings(deadline=None)  # the first call loads the translation catalogue
@given(needs(), offers(), money)
def test_a_larger_grant_never_lowers_the_budget_points(need, offer, extra):
    if offer.budget_max is None or extra is None:
        return
    larger = OfferFacts(**{**offer.__dict__, "budget_max": offer.budget_max + extra})
    assert matching.budget(need, larger).points >= matching.budget(need, offer).points


@settings(deadline=None)
@given(needs(), offers())
def test_the_quick_check_never_drops_a_fit(need, offer):
    if matching.score(need, offer).fits:
        assert matching.could_fit(need, offer)
