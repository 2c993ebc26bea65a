"""axe-core (WCAG 2 A and AA) on the matchmaking pages, offline inside Chromium."""

import pytest
from playwright.sync_api import Page

from assessments.services import donors as services
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import axe_violations
from tests.test_donors import donor_org, make_need, make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("who", "path"),
    [
        pytest.param("coordinator", "/needs/", id="needs"),
        pytest.param("coordinator", "/needs/{need}/", id="need"),
        pytest.param("coordinator", "/needs/{need}/edit/", id="need-edit"),
        pytest.param("donor", "/offers/", id="offers"),
        pytest.param("donor", "/offers/{offer}/", id="offer"),
        pytest.param("donor", "/offers/new/", id="offer-new"),
        pytest.param("reviewer", "/needs/board/", id="board"),
    ],
)
def test_matchmaking_pages_have_no_serious_violations(
    live_server, page: Page, coordinator, donor, reviewer, administration, tiny, who, path
):
    need = make_need(administration, tiny)
    offer = make_offer(donor_org(donor), tiny)
    interest = services.express_interest(donor, need, donor_org(donor), "Hello")
    services.decide_interest(coordinator, interest, accept=True)
    people = {"coordinator": coordinator, "donor": donor, "reviewer": reviewer}
    log_in(page, live_server, people[who])
    page.goto(live_server.url + path.format(need=need.pk, offer=offer.pk))
    assert axe_violations(page) == []
