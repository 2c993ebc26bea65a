"""Demo donor matchmaking for `seed_demo`: three donors with offers in different regions and
themes; needs shared by Côte d'Ivoire and Kenya (all donors, a named donor, private, one no
offer fits); one agreed engagement, one pending interest, one double-funding warning.

Built through the same services as the pages; idempotent (skipped once any need exists).
"""

from datetime import date
from decimal import Decimal

from assessments.models import (
    Action,
    DonorOrganisation,
    FocusArea,
    Need,
    Pillar,
    Region,
    Standard,
    SupportEngagement,
    SupportOffer,
)
from assessments.services import donors as services

DONORS = {
    "Nordic Trade Facilitation Fund": "Grants for risk management and advance data.",
    "West Africa Customs Modernisation Facility": "Equipment and funding for WCA ports.",
    "East African Trade Partnership": "AEO programmes and training in East Africa.",
}

# donor, title, standards, focus areas, themes, kinds, regions, countries, min, max, period
OFFERS = [
    ("Nordic Trade Facilitation Fund", "Risk management and advance cargo data",
     ["P1-04", "P1-06", "P1-07"], [], [], ["technical", "training"], [], "",
     50_000, 500_000, (date(2026, 1, 1), date(2028, 12, 31))),
    ("West Africa Customs Modernisation Facility", "Inspection equipment for West African ports",
     ["P1-03"], ["RM"], [], ["equipment", "funding"], ["WCA"], "",
     100_000, 2_000_000, (date(2026, 6, 1), date(2029, 6, 30))),
    ("East African Trade Partnership", "Authorised Economic Operator programmes",
     [], ["AEO"], ["P2"], ["technical", "training", "legal"], ["ESA"], "KE UG TZ",
     20_000, 300_000, (date(2026, 1, 1), date(2027, 12, 31))),
]  # fmt: skip

# country, title, standards, focus areas, kinds, cost, start, end, sharing, named donors
NEEDS = [
    ("CI", "Risk engine fed by advance cargo data", ["P1-04", "P1-06"], ["AEI", "RM"],
     ["technical", "equipment"], 400_000, date(2027, 1, 1), date(2027, 12, 31), "all", []),
    ("CI", "Container scanners at the port of Abidjan", ["P1-03"], ["RM"],
     ["equipment"], 1_200_000, date(2026, 9, 1), date(2028, 3, 31), "all", []),
    ("CI", "Customs code amendment for advance data", ["P1-06"], [],
     ["legal"], 60_000, date(2026, 10, 1), date(2027, 6, 30), "all", []),
    ("KE", "AEO validation and training for exporters", ["P2-03", "AEO-E"], ["AEO"],
     ["training", "technical"], 150_000, date(2026, 7, 1), date(2027, 6, 30), "named",
     ["East African Trade Partnership"]),
    ("KE", "Mutual recognition negotiations", ["P2-06"], ["AEO"],
     ["technical"], 80_000, date(2027, 1, 1), date(2027, 12, 31), "private", []),
]  # fmt: skip


def seed(framework, administrations, users):
    """Create the demo; `users` are the demo people by username."""
    if Need.objects.exists():
        return
    donors = {
        name: DonorOrganisation.objects.get_or_create(name=name, defaults={"description": text})[0]
        for name, text in DONORS.items()
    }
    for spec in OFFERS:
        _offer(framework, donors, spec)
    needs = [_need(framework, administrations, donors, spec) for spec in NEEDS]
    risk_engine, aeo = needs[0], needs[3]
    coordinator = users["coordinator"]
    nordic, west_africa, east_africa = users["donor"], users["donor-wa"], users["donor-ea"]
    # One agreed engagement: the Nordic fund on the risk engine.
    interest = services.express_interest(
        nordic, risk_engine, donors["Nordic Trade Facilitation Fund"],
        "Our 2027 window funds risk engines; we propose a two-phase project.",
    )  # fmt: skip
    engagement = services.decide_interest(coordinator, interest, True, "Welcome, let us talk.")
    SupportEngagement.objects.filter(pk=engagement.pk).update(
        status=SupportEngagement.Status.AGREED, amount=Decimal(300_000)
    )
    services.sync_funding(risk_engine)
    # A double-funding warning: the West Africa facility also engaged on the risk engine.
    interest = services.express_interest(
        west_africa, risk_engine, donors["West Africa Customs Modernisation Facility"],
        "We could fund the servers of the risk engine.",
    )  # fmt: skip
    services.decide_interest(coordinator, interest, True, "")
    # One pending interest: the East African partnership on Kenya's AEO need.
    services.express_interest(
        east_africa, aeo, donors["East African Trade Partnership"],
        "We run AEO validator courses in Nairobi in 2026; shall we include your team?",
    )  # fmt: skip


def _offer(framework, donors, spec):
    donor, title, standards, areas, themes, kinds, regions, countries, low, high, period = spec
    offer = SupportOffer.objects.create(
        donor=donors[donor],
        title=title,
        description=DONORS[donor],
        support_kinds=kinds,
        countries=countries,
        budget_min=Decimal(low),
        budget_max=Decimal(high),
        currency="USD",
        period_start=period[0],
        period_end=period[1],
        languages="en fr",
        contact_name=donor,
    )
    offer.standards.set(Standard.objects.filter(framework=framework, code__in=standards))
    offer.focus_areas.set(FocusArea.objects.filter(framework=framework, code__in=areas))
    offer.themes.set(Pillar.objects.filter(framework=framework, code__in=themes))
    offer.regions.set(Region.objects.filter(code__in=regions))
    return offer


def _need(framework, administrations, donors, spec):
    country, title, standards, areas, kinds, cost, start, end, sharing, named = spec
    administration = administrations[country]
    baseline = administration.assessments.filter(status="validated", phase__number=1).first()
    need = Need.objects.create(
        administration=administration,
        title=title,
        description=title + ".",
        assessment=baseline,
        support_class="C",
        support_kinds=kinds,
        estimated_cost=Decimal(cost),
        currency="USD",
        start=start,
        end=end,
        sharing=sharing,
    )
    need.standards.set(Standard.objects.filter(framework=framework, code__in=standards))
    need.focus_areas.set(FocusArea.objects.filter(framework=framework, code__in=areas))
    need.named_donors.set([donors[name] for name in named])
    if baseline:
        need.gaps.set(
            framework.questions.filter(phase__number=1, standards__code__in=standards)
            .distinct()
            .order_by("order")[:3]
        )
    action = (
        Action.objects.filter(plan__administration=administration, standards__code__in=standards)
        .exclude(needs__isnull=False)
        .first()
    )
    if action:  # the planning demo's action this need funds, when there is one
        need.actions.add(action)
    return need
