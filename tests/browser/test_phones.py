"""Phones and French: at 390 px the navbar collapses behind its toggler and no page scrolls
sideways; at 1,280 px the French navbar keeps to one line. Measured on the demo data, which has
an assessment, a programme, a plan, monitoring, offers and needs."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from assessments.management.commands.seed_demo import DEMO_PASSWORD
from assessments.models import Assessment, Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, regions, safe):
    settings.DEBUG = True  # seed_demo refuses otherwise; the pages below run with DEBUG off
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    assessment = Assessment.objects.filter(administration__country="CI").first()
    return {
        "a": assessment.pk,
        "adm": assessment.administration_id,
        "plan": Plan.objects.filter(administration=assessment.administration).first().pk,
        "code": assessment.phase.framework.focus_areas.first().code,
    }


def demo_log_in(page: Page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))


PAGES = [
    "/",
    "/assessments/{a}/",
    "/assessments/{a}/sections/{code}/",
    "/assessments/{a}/results/",
    "/assessments/{a}/history/",
    "/administrations/{adm}/programme/",
    "/plans/{plan}/",
    "/administrations/{adm}/monitoring/",
    "/offers/",
    "/needs/",
]


def test_nothing_scrolls_sideways_at_390_px_and_the_menu_opens(live_server, page: Page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    demo_log_in(page, live_server, "coordinator")
    wide = {}
    for pattern in PAGES:
        page.goto(live_server.url + pattern.format(**demo))
        assert page.locator("h1").first.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[pattern] = width
    assert wide == {}
    # The menu hides behind the toggler and opens on a tap (Bootstrap's own script, no inline JS).
    menu = page.get_by_role("link", name="Assessments", exact=True)
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(menu).to_be_visible()
    menu.click()
    expect(page).to_have_url(re.compile(r"/assessments/$"))


def test_french_navbar_fits_on_one_line_at_1280_px(live_server, page: Page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    demo_log_in(page, live_server, "coordinator")
    page.locator("#language-select").select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    navbar = page.locator("nav.site-navbar")
    one_line = page.locator(".navbar-brand").evaluate("b => b.offsetHeight")
    height = navbar.evaluate("n => n.querySelector('.container').offsetHeight")
    print(f"\nfr navbar height={height}px brand line={one_line}px")
    assert height <= one_line + 8  # one row: the brand, the links and the buttons share it
    assert page.get_by_role("button", name="Menu").is_hidden()


def test_the_section_buttons_stay_at_the_end_of_the_page_on_a_phone(live_server, page: Page, demo):
    """At 390 px the three rows of section buttons would cover a quarter of the screen: they
    sit after the last question; at 1,280 px they stay in view at the bottom."""
    demo_log_in(page, live_server, "editor")
    draft = Assessment.objects.get(administration__country="CI", phase__number=1, status="draft")
    url = f"{live_server.url}/assessments/{draft.pk}/sections/{demo['code']}/"
    actions = page.locator(".section-actions")
    for width, position in ((390, "static"), (1280, "sticky")):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(url)
        expect(actions.get_by_role("button", name="Save draft")).to_be_attached()
        assert actions.evaluate("e => getComputedStyle(e).position") == position
