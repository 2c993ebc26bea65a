"""axe-core (WCAG 2 A and AA rules) on the main pages, run offline inside Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from assessments import services
from assessments.models import Question
from tests.browser.conftest import log_in
from tests.conftest import ROOT, start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page):
    """Serious and critical WCAG 2 A/AA violations on the page as it is now."""
    if not Path(AXE).is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the project root (`make test` does it).")
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    # govern: the page itself runs under the real policy (no inline script allowed).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
    violations = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
    for line in violations:
        print(line)
    return violations


def test_login_page_has_no_serious_violations(live_server, page: Page):
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="home"),
        pytest.param("/assessments/{a}/", id="overview"),
        pytest.param("/assessments/{a}/sections/AEI/", id="section"),
        pytest.param("/assessments/{a}/questions/{q}/", id="question"),
        pytest.param("/assessments/{a}/submit/", id="submit"),
        pytest.param("/assessments/{a}/results/", id="results"),
        pytest.param("/assessments/{a}/history/", id="history"),
        pytest.param("/framework/", id="framework"),
        pytest.param("/administrations/{adm}/people/", id="people"),
    ],
)
def test_page_has_no_serious_violations(
    live_server, page: Page, coordinator, administration, tiny, path
):
    assessment = start(coordinator, administration, tiny)
    question = Question.objects.get(code="T-AEI-01")
    services.save_answers(coordinator, assessment, {question: ({"maturity": 2}, None)})
    log_in(page, live_server, coordinator)
    page.goto(live_server.url + path.format(a=assessment.pk, q=question.pk, adm=administration.pk))
    assert axe_violations(page) == []


def test_section_page_with_errors_has_no_serious_violations(
    live_server, page: Page, coordinator, administration, tiny
):
    assessment = start(coordinator, administration, tiny, phase=3)
    question = Question.objects.get(code="T-ME-01")
    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/AEI/")
    page.locator(f"#q-{question.pk}").get_by_role("spinbutton").first.fill("-3")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("greater than or equal to 0").first.wait_for()
    assert axe_violations(page) == []
