"""Donor matchmaking in Chromium: a coordinator shares a plan action, a donor finds it from
its offer and expresses interest, the coordinator accepts, the engagement shows."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from assessments.models import Action, Interest, Need, Plan, Standard, SupportEngagement
from tests.browser.conftest import log_in, log_out
from tests.test_donors import donor_org, make_need, make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def action(administration, tiny):
    plan = Plan.objects.create(administration=administration, framework=tiny, title="Plan 2027")
    action = Action.objects.create(
        plan=plan,
        number=4,
        title="Automated risk engine",
        estimated_cost=Decimal("250000"),
        currency="EUR",
        start_date=date(2027, 1, 1),
        due_date=date(2027, 9, 30),
        support_class="C",
        accepted=True,
    )
    action.standards.set(Standard.objects.filter(framework=tiny, code="P1-06"))
    return action


def test_an_action_shared_by_the_coordinator_is_funded_through_a_donors_offer(
    live_server, page: Page, coordinator, donor, action, tiny
):
    offer = make_offer(donor_org(donor), tiny, title="Advance data programme")

    # The coordinator writes the action up as a need and shares it with all donors.
    log_in(page, live_server, coordinator)
    page.get_by_role("link", name="Donor matchmaking").click()
    page.get_by_role("button", name="Write A-04 up as a need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit need")
    page.get_by_label("Technical assistance").check()
    page.get_by_label("All donors").check()
    page.get_by_role("button", name="Save the need").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status"))).to_contain_text("Need saved.")
    log_out(page)

    # The donor finds it from its offer and expresses interest.
    log_in(page, live_server, donor)
    page.goto(f"{live_server.url}/offers/")
    page.get_by_role("link", name="Advance data programme").click()
    page.get_by_role("link", name="Automated risk engine").click()
    expect(page.get_by_text("Standards P1-06").first).to_be_visible()
    page.get_by_label("Your message to the administration").fill("We fund risk engines.")
    page.get_by_label("Under which offer").select_option(str(offer.pk))
    page.get_by_role("button", name="Send to the administration").click()
    expect(page.get_by_role("status")).to_contain_text("Interest sent")
    expect(page.get_by_text("Waiting for an answer")).to_be_visible()
    log_out(page)

    # The coordinator accepts; the need shows the engagement, the action its funding source.
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/needs/{Need.objects.get().pk}/")
    page.get_by_label("Reply to the donor").fill("Welcome aboard.")
    page.get_by_role("button", name="Accept Trade Facilitation Fund").click()
    expect(page.get_by_role("status")).to_contain_text("Interest accepted")
    page.reload()
    engagements = page.locator("li", has_text="Trade Facilitation Fund · Proposed")
    expect(engagements).to_have_count(1)
    assert Interest.objects.get().status == Interest.Status.ACCEPTED
    assert SupportEngagement.objects.get().amount == Decimal("250000")
    page.goto(f"{live_server.url}/actions/{action.pk}/")
    expect(page.locator("select[name=funding_source]")).to_have_value("donor_requested")
    action.refresh_from_db()
    assert action.funding_source == Action.Funding.DONOR_REQUESTED

    # The plan report the coordinator downloads lists the engagement under its action.
    page.goto(f"{live_server.url}/plans/{action.plan_id}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Report (PDF)").click()
    text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "Trade Facilitation Fund" in text


def test_a_donor_typing_the_address_of_a_private_need_is_told_it_does_not_exist(
    live_server, page: Page, donor, administration, tiny
):
    need = make_need(administration, tiny, sharing="private", title="Secret plan")
    log_in(page, live_server, donor)
    response = page.goto(f"{live_server.url}/needs/{need.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Secret plan")).to_have_count(0)
