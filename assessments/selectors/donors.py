"""Reads for donor matchmaking: needs and offers with their queries planned, turned into the
plain facts `assessments.matching` scores, and the summaries the pages show.

Every list is loaded with a fixed set of queries (one per relation prefetched) and matched in
Python, so a page costs the same number of queries for 20 needs as for 500.
"""

from collections import defaultdict

from django.db.models import Prefetch, Q

from .. import matching
from ..models import (
    Answer,
    Interest,
    Need,
    SupportEngagement,
    SupportOffer,
)


def needs_queryset():
    return (
        Need.objects.select_related("administration__region")
        .prefetch_related(
            "standards__pillar",
            "focus_areas",
            "named_donors",
            Prefetch(
                "engagements",
                queryset=SupportEngagement.objects.select_related("donor"),
            ),
        )
        .order_by("administration__name", "start", "title")
    )


def offers_queryset():
    return (
        SupportOffer.objects.select_related("donor")
        .prefetch_related("standards", "focus_areas", "themes", "regions")
        .order_by("donor__name", "title")
    )


def need_facts(need):
    standards = need.standards.all()
    return matching.NeedFacts(
        standards=frozenset(s.code for s in standards),
        focus_areas=frozenset(f.code for f in need.focus_areas.all()),
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
        standards=frozenset(s.code for s in offer.standards.all()),
        focus_areas=frozenset(f.code for f in offer.focus_areas.all()),
        themes=frozenset(p.code for p in offer.themes.all()),
        support_kinds=frozenset(offer.support_kinds),
        countries=frozenset(offer.country_codes),
        regions=frozenset(r.code for r in offer.regions.all()),
        budget_min=offer.budget_min,
        budget_max=offer.budget_max,
        currency=offer.currency,
        start=offer.period_start,
        end=offer.period_end,
        is_open=offer.is_open,
    )


def offers_for_need(need, offers):
    """The offers that fit the need, best first, each with its reasons: [(offer, Match)]."""
    return matching.rank(need, offers, facts_of_one=need_facts, facts_of_other=offer_facts)


def needs_for_offer(offer, needs):
    """The needs that fit the offer, best first: [(need, Match)]."""
    return matching.rank(
        offer, needs, facts_of_one=offer_facts, facts_of_other=need_facts, need_first=False
    )


def match_counts(needs, offers):
    """How many open offers fit each need: {need id: count}. Facts are built once each."""
    offer_list = [offer_facts(o) for o in offers]
    counts = {}
    for need in needs:
        facts = need_facts(need)
        counts[need.pk] = sum(1 for o in offer_list if matching.score(facts, o).fits)
    return counts


def active_donors(need):
    """Donor organisations with a support engagement on the need that is not withdrawn."""
    return sorted(
        {e.donor for e in need.engagements.all() if e.status in SupportEngagement.ACTIVE},
        key=lambda d: d.name,
    )


def is_double_funded(need):
    """Two donors or more on the same need: a warning to every side, not a refusal."""
    return len(active_donors(need)) > 1


def funding_source(need):
    """The funding source the need's action(s) should show, from its engagements."""
    statuses = {e.status for e in need.engagements.all()}
    if statuses & set(SupportEngagement.SECURED):
        return "donor_secured"
    if (
        SupportEngagement.Status.PROPOSED in statuses
        or need.interests.filter(status=Interest.Status.PENDING).exists()
    ):
        return "donor_requested"
    return None


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
        shared = [n for n in shared if standard in {s.code for s in n.standards.all()}]
    if kind:
        shared = [n for n in shared if kind in n.support_kinds]
        offers = [o for o in offers if kind in o.support_kinds]
    open_offers = [o for o in offers if o.is_open]
    rows = []
    for need in shared:
        matches = offers_for_need(need, open_offers)
        state = engagement_state(need)
        if status and state != status:
            continue
        rows.append(
            {
                "need": need,
                "matches": matches,
                "state": state,
                "double": is_double_funded(need),
            }
        )
    rows.sort(key=lambda r: (bool(r["matches"]), r["need"].administration.name))
    return {"rows": rows, "offers": open_offers}


def engagement_state(need):
    """Where a need stands: open (no donor), engaged (a donor is on it), or double funded."""
    donors = active_donors(need)
    if len(donors) > 1:
        return "double"
    return "engaged" if donors else "open"


def engagements_by_donor(donor_ids):
    """Each donor's engagements and the needs other donors also support (double funding)."""
    engagements = list(
        SupportEngagement.objects.filter(donor_id__in=donor_ids)
        .select_related("need__administration", "donor")
        .order_by("need__title")
    )
    need_ids = [e.need_id for e in engagements]
    others = defaultdict(set)
    for need_id, donor_id in SupportEngagement.objects.filter(
        need_id__in=need_ids, status__in=SupportEngagement.ACTIVE
    ).values_list("need_id", "donor_id"):
        others[need_id].add(donor_id)
    for engagement in engagements:
        engagement.double = len(others[engagement.need_id]) > 1
    return engagements


def shared_with(donor_id):
    """Ids of the needs a donor organisation may read: shared with all, or with it by name."""
    return Need.objects.filter(
        Q(sharing=Need.Sharing.ALL) | Q(sharing=Need.Sharing.NAMED, named_donors=donor_id)
    ).values("pk")
