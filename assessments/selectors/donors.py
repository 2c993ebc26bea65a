"""Reads for donor matchmaking: needs and offers with their queries planned, turned into the
plain facts `assessments.matching` scores, and the summaries the pages show.

Every list is loaded with a fixed set of queries (one per relation prefetched) and matched in
Python, so a page costs the same number of queries for 20 needs as for 500.
"""

from collections import defaultdict

from django.db.models import F, Prefetch, Q

from .. import matching
from ..models import (
    Action,
    Answer,
    Framework,
    Need,
    Standard,
    SupportEngagement,
    SupportOffer,
)


def _listed(relation, queryset=None):
    """Prefetch into a plain list attribute (`standard_list` ...): reading a list costs
    nothing, while each `need.standards.all()` builds a manager, which adds up over 500."""
    return Prefetch(relation, queryset=queryset, to_attr=f"{relation.rstrip('s')}_list")


def needs_queryset():
    return (
        Need.objects.select_related("administration__region")
        .prefetch_related(
            _listed("standards", Standard.objects.select_related("pillar")),
            _listed("focus_areas"),
            _listed("actions", Action.objects.only("pk")),
            _listed("engagements", SupportEngagement.objects.select_related("donor")),
        )
        .order_by("administration__name", "start", "title")
    )


def offers_queryset():
    return (
        SupportOffer.objects.select_related("donor")
        .prefetch_related(
            _listed("standards"), _listed("focus_areas"), _listed("themes"), _listed("regions")
        )
        .order_by("donor__name", "title")
    )


def _items(obj, relation):
    """The prefetched list when there is one, else the relation read from the database."""
    listed = getattr(obj, f"{relation.rstrip('s')}_list", None)
    return listed if listed is not None else list(getattr(obj, relation).all())


def need_facts(need):
    standards = _items(need, "standards")
    return matching.NeedFacts(
        standards=frozenset(s.code for s in standards),
        focus_areas=frozenset(f.code for f in _items(need, "focus_areas")),
        themes=frozenset(s.pillar.code for s in standards),
        support_kinds=frozenset(need.support_kinds),
        country=need.administration.country,
        region=need.administration.region.code,
        cost=need.estimated_cost,
        currency=need.currency,
        start=need.start,
        end=need.end,
    )


def offer_facts(offer):
    return matching.OfferFacts(
        standards=frozenset(s.code for s in _items(offer, "standards")),
        focus_areas=frozenset(f.code for f in _items(offer, "focus_areas")),
        themes=frozenset(p.code for p in _items(offer, "themes")),
        support_kinds=frozenset(offer.support_kinds),
        countries=frozenset(offer.country_codes),
        regions=frozenset(r.code for r in _items(offer, "regions")),
        budget_min=offer.budget_min,
        budget_max=offer.budget_max,
        currency=offer.currency,
        start=offer.period_start,
        end=offer.period_end,
        is_open=offer.is_open,
    )


def with_facts(offers=(), needs=()):
    """`(object, facts)` pairs, built once for as many rankings as a page makes."""
    return [(o, offer_facts(o)) for o in offers] + [(n, need_facts(n)) for n in needs]


def offers_for_need(need, offers):
    """The offers that fit the need, best first, each with its reasons: [(offer, Match)].
    `offers` are objects, or `(offer, facts)` pairs from `with_facts`."""
    offers = list(offers)
    pairs = offers if offers and isinstance(offers[0], tuple) else with_facts(offers=offers)
    return matching.rank(need_facts(need), pairs)


def needs_for_offer(offer, needs):
    """The needs that fit the offer, best first: [(need, Match)]."""
    return matching.rank(offer_facts(offer), with_facts(needs=needs), need_first=False)


def match_counts(needs, offers):
    """How many open offers fit each need: {need id: count}."""
    pairs = with_facts(offers=offers)
    return {need.pk: len(offers_for_need(need, pairs)) for need in needs}


def donors_by_need(needs):
    """The donor organisations supporting each need: {need id: [name, ...]}.

    A donor counts when its engagement is not withdrawn, on the need itself or on another need
    that funds one of the same plan actions: two needs written around one action must not
    hide a double funding. One query, whatever the number of needs (their `actions` are
    prefetched by `needs_queryset`).
    """
    by_need, by_action = defaultdict(set), defaultdict(set)
    rows = SupportEngagement.objects.filter(status__in=SupportEngagement.ACTIVE).values_list(
        "need_id", "need__actions", "donor__name"
    )
    for need_id, action_id, donor in rows:
        by_need[need_id].add(donor)
        if action_id:
            by_action[action_id].add(donor)
    result = {}
    for need in needs:
        names = set(by_need[need.pk])
        for action in _items(need, "actions"):
            names |= by_action[action.pk]
        result[need.pk] = sorted(names)
    return result


def engagement_state(donors):
    """Where a need stands from its donors: open (none), engaged (one), double (two or more)."""
    if len(donors) > 1:
        return "double"
    return "engaged" if donors else "open"


def gap_rows(need):
    """The gaps behind a need, with the level reached and the target: the only figures of
    the assessment a donor sees (never the comments, other answers or evidence)."""
    questions = list(need.gaps.select_related("focus_area").order_by("order"))
    answers = {}
    if need.assessment_id:
        answers = {
            a.question_id: a
            for a in Answer.objects.filter(
                assessment_id=need.assessment_id, question__in=questions
            ).only("question_id", "maturity", "target", "not_applicable")
        }
    rows = []
    for question in questions:
        answer = answers.get(question.pk)
        target = answer.target if answer and answer.target is not None else question.target
        rows.append(
            {
                "question": question,
                "level": answer.maturity if answer else None,
                "target": target if target is not None else 4,
            }
        )
    return rows


def interests_of(need):
    return list(need.interests.select_related("donor", "offer", "created_by").order_by("-pk"))


def board(needs, offers, *, region=None, standard=None, kind=None, status=None):
    """The reviewers' board: shared needs with their fitting offers, filtered; unmatched first."""
    shared = [n for n in needs if n.sharing != Need.Sharing.PRIVATE]
    if region:
        shared = [n for n in shared if n.administration.region.code == region]
    if standard:
        shared = [n for n in shared if standard in {s.code for s in _items(n, "standards")}]
    if kind:
        shared = [n for n in shared if kind in n.support_kinds]
        offers = [o for o in offers if kind in o.support_kinds]
    open_offers = [o for o in offers if o.is_open]
    pairs = with_facts(offers=open_offers)
    donors = donors_by_need(shared)
    rows = []
    for need in shared:
        state = engagement_state(donors[need.pk])
        if status and state != status:
            continue
        matches = offers_for_need(need, pairs)
        rows.append({"need": need, "matches": matches, "state": state, "donors": donors[need.pk]})
    rows.sort(key=lambda r: (bool(r["matches"]), r["need"].administration.name))
    return {"rows": rows, "offers": open_offers}


def engagements_by_donor(donor_ids):
    """A donor's engagements, each flagged when another donor supports the same need or
    action (double funding)."""
    engagements = list(
        SupportEngagement.objects.filter(donor_id__in=donor_ids)
        .select_related("need__administration", "donor")
        .prefetch_related("need__actions")
        .order_by("need__title")
    )
    donors = donors_by_need([e.need for e in engagements])
    for engagement in engagements:
        engagement.double = len(donors[engagement.need_id]) > 1
    return engagements


def shared_with(donor_id):
    """Ids of the needs a donor organisation may read: shared with all, or with it by name."""
    return Need.objects.filter(
        Q(sharing=Need.Sharing.ALL) | Q(sharing=Need.Sharing.NAMED, named_donors=donor_id)
    ).values("pk")


def actions_needing_support(administration_ids):
    """Plan actions of these administrations that may need outside support (class C, or a
    donor requested) and are not yet written up as a need: the coordinator's to-do list."""
    return list(
        Action.objects.filter(
            plan__administration_id__in=administration_ids,
            accepted=True,
            needs__isnull=True,
        )
        .filter(
            Q(support_class="C")
            | Q(funding_source__in=[Action.Funding.DONOR_REQUESTED, Action.Funding.NONE_YET])
        )
        .exclude(status__in=[Action.Status.DONE, Action.Status.DROPPED])
        .select_related("plan__administration")
        .order_by("plan__administration__name", "order", "number")
    )


def framework_of(item=None):
    """The framework whose standards a need or offer is written in: the one it already
    names (so editing never drops them), else the newest."""
    if item is not None and item.pk:
        if getattr(item, "assessment_id", None):
            return item.assessment.framework
        standard = item.standards.select_related("framework").first()
        if standard:
            return standard.framework
    return Framework.newest()


def engagements_by_action(action_ids):
    """Support engagements (not withdrawn) on the needs of these plan actions, for the plan's
    pages and reports: {action id: [engagement, ...]}. One query."""
    result = defaultdict(list)
    engagements = (
        SupportEngagement.objects.filter(
            need__actions__in=action_ids, status__in=SupportEngagement.ACTIVE
        )
        .select_related("donor")
        .annotate(action_id=F("need__actions"))
        .order_by("donor__name")
    )
    for engagement in engagements:
        result[engagement.action_id].append(engagement)
    return dict(result)
