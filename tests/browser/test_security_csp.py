"""Pages keep working under the Content-Security-Policy in Chromium: the language menu (moved
out of an inline handler), autosave through htmx, results charts, and not one violation."""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Answer, Question
from tests.browser.conftest import log_in
from tests.conftest import start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def violations(page: Page):
    return page.evaluate("window.__violations")


def test_pages_work_under_the_policy_with_no_violation(live_server, page: Page, editor,
                                                       administration, tiny):  # fmt: skip
    console = []
    page.on("console", lambda m: console.append(m.text))
    page.add_init_script(RECORD_VIOLATIONS)
    assessment = start(editor, administration, tiny)
    log_in(page, live_server, editor)
    assert violations(page) == []

    # The language menu submits on change through static/js/site.js.
    page.get_by_label("Language").select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    assert violations(page) == []
    page.get_by_label("Langue").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Autosave is htmx, configured without eval.
    first = Question.objects.get(code="T-AEI-01")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/sections/AEI/")
    page.locator(f"#id_q{first.pk}-value_2").check()
    expect(page.locator(f"#status-{first.pk}")).to_have_text(re.compile(r"Saved at \d\d:\d\d"))
    assert Answer.objects.get(assessment=assessment, question=first).maturity == 2
    assert violations(page) == []

    page.goto(f"{live_server.url}/assessments/{assessment.pk}/results/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert violations(page) == []
    assert not [m for m in console if "Content Security Policy" in m], console
