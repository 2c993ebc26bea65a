"""Needs written from plan actions: the coordinator's list, the action's funding source that
follows the engagements, and double funding across two needs on one action."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Action, Need, Plan, Standard
from assessments.services import donors as services
from tests.test_donors import donor_org, make_other_donor

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_donor(django_user_model):
    return make_other_donor(django_user_model)


@pytest.fixture
def action(administration, tiny):
    plan = Plan.objects.create(administration=administration, framework=tiny, title="Plan 2027")
    action = Action.objects.create(
        plan=plan,
        number=3,
        title="Automated risk engine",
        description="Score every manifest before arrival.",
        estimated_cost=Decimal("250000"),
        currency="USD",
        start_date=date(2027, 1, 1),
        due_date=date(2027, 9, 30),
        support_class="C",
        accepted=True,
        focus_area=tiny.focus_areas.get(code="AEI"),
    )
    action.standards.set(Standard.objects.filter(framework=tiny, code="P1-04"))
    action.questions.set(tiny.questions.filter(code="T-AEI-02"))
    return action


def test_coordinator_writes_an_action_up_as_a_private_need(client, coordinator, action):
    client.force_login(coordinator)
    listing = client.get(reverse("need_list")).content.decode()
    assert "A-03" in listing and "Automated risk engine" in listing
    title = listing.split("<title>")[1].split("</title>")[0]
    assert (
        title.startswith("Needs for support") and "A-03" not in title
    )  # the list once, in the page
    assert listing.count("Write A-03 up as a need") == 1
    response = client.post(reverse("need_from_action", args=[action.pk]))
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "need_edit", args=[need.pk]
    )
    assert need.sharing == Need.Sharing.PRIVATE
    assert (need.title, need.estimated_cost, need.currency) == (
        "Automated risk engine",
        Decimal("250000"),
        "USD",
    )
    assert (need.start, need.end, need.support_class) == (
        date(2027, 1, 1),
        date(2027, 9, 30),
        "C",
    )
    assert [s.code for s in need.standards.all()] == ["P1-04"]
    assert [q.code for q in need.gaps.all()] == ["T-AEI-02"]
    assert list(need.actions.all()) == [action]
    assert "A-03" not in client.get(reverse("need_list")).content.decode().split("<h2")[-1]


def test_an_editor_or_a_donor_cannot_write_an_action_up(client, editor, donor, action):
    for person in (editor, donor):
        client.force_login(person)
        assert client.post(reverse("need_from_action", args=[action.pk])).status_code == 404
    assert not Need.objects.exists()


def test_the_actions_funding_source_follows_sharing_and_engagements(
    client, coordinator, donor, action
):
    need = services.need_from_action(coordinator, action)
    Need.objects.filter(pk=need.pk).update(sharing="all")
    need.refresh_from_db()
    services.sync_funding(need)
    action.refresh_from_db()
    assert action.funding_source == Action.Funding.DONOR_REQUESTED

    interest = services.express_interest(donor, need, donor_org(donor), "We fund risk engines")
    engagement = services.decide_interest(coordinator, interest, accept=True)
    client.force_login(donor)
    client.post(
        reverse("engagement_edit", args=[engagement.pk]),
        {"amount": "200000", "currency": "USD", "status": "agreed"},
    )
    action.refresh_from_db()
    assert action.funding_source == Action.Funding.DONOR_SECURED


def test_two_needs_on_one_action_with_two_donors_are_flagged(
    client,
    coordinator,
    donor,
    other_donor,
    reviewer,
    action,
):
    first = services.need_from_action(coordinator, action)
    second = services.need_from_action(coordinator, action)
    Need.objects.update(sharing="all")
    first.refresh_from_db()
    second.refresh_from_db()
    for person, need in ((donor, first), (other_donor, second)):
        interest = services.express_interest(person, need, donor_org(person), "Yes")
        services.decide_interest(coordinator, interest, accept=True)
    client.force_login(reviewer)
    html = client.get(reverse("need_detail", args=[first.pk])).content.decode()
    assert "Several donors support this need" in html
    assert "Trade Facilitation Fund" in html and "Pacific Customs Partnership" in html


def test_the_plan_reads_each_actions_engagements(coordinator, donor, action):
    from assessments.selectors.donors import engagements_by_action

    need = services.need_from_action(coordinator, action)
    Need.objects.filter(pk=need.pk).update(sharing="all")
    need.refresh_from_db()
    interest = services.express_interest(donor, need, donor_org(donor), "Yes")
    services.decide_interest(coordinator, interest, accept=True)
    found = engagements_by_action([action.pk])
    assert [(e.donor.name, e.status) for e in found[action.pk]] == [
        ("Trade Facilitation Fund", "proposed")
    ]
