import pytest
from tests.browser.conftest import log_in
from tests.conftest import start
from assessments.models import Question, Answer, AnswerChange

@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("n", range(5))
def test_race(live_server, page, coordinator, administration, tiny, n):
    a = start(coordinator, administration, tiny)
    q = Question.objects.get(code="T-AEI-01")
    log_in(page, live_server, coordinator)
    page.on("response", lambda r: print("RESP", r.status, r.url) if "static" not in r.url else None)
    page.goto(f"{live_server.url}/assessments/{a.pk}/sections/AEI/")
    page.locator(f"#q-{q.pk}").get_by_label("Level 2: Sea cargo only.").check()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    print("MSG", page.locator(".alert").all_inner_texts())
    print("ROWS", list(Answer.objects.values_list("maturity", "version")), AnswerChange.objects.count())
