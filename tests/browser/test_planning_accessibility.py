"""axe-core (WCAG 2 A and AA) on the programme and plan pages, with a plan in every state."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from assessments import services
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import axe_violations
from tests.planning_helpers import proposed_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(editor, coordinator, reviewer, administration, tiny):
    """Two versions, one late action with a milestone and notes, one proposal."""
    plan = proposed_plan(editor, coordinator, reviewer, administration, tiny)
    today = timezone.localdate()
    first, second = plan.actions.order_by("number")
    services.accept_actions(editor, [first, second])
    services.update_action(editor, first, {"start_date": today - timedelta(days=60),
                                           "due_date": today - timedelta(days=2),
                                           "estimated_cost": Decimal(5000)})  # fmt: skip
    services.add_milestone(editor, first, "Draft", today - timedelta(days=30))
    services.add_progress_note(editor, first, "Started", status="in_progress")
    services.adopt_plan(coordinator, plan)
    services.update_action(
        editor, second, {"start_date": today, "due_date": today + timedelta(days=90)}
    )
    services.adopt_plan(coordinator, plan)
    services.create_proposal(coordinator, plan, "Support", [second])
    return plan


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/programmes/", id="programmes"),
        pytest.param("/administrations/{adm}/programme/", id="programme"),
        pytest.param("/plans/{plan}/", id="plan"),
        pytest.param("/actions/{action}/", id="action"),
        pytest.param("/plans/{plan}/adopt/", id="adopt"),
        pytest.param("/plans/{plan}/compare/", id="compare"),
        pytest.param("/plans/{plan}/proposals/new/", id="proposal"),
    ],
)
def test_planning_page_has_no_serious_violations(live_server, page: Page, coordinator, plan, path):
    log_in(page, live_server, coordinator)
    action = plan.actions.get(number=1)
    page.goto(
        live_server.url + path.format(adm=plan.administration_id, plan=plan.pk, action=action.pk)
    )
    assert axe_violations(page) == []


def test_the_plan_page_fits_a_phone(live_server, page: Page, coordinator, plan):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
