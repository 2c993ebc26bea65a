"""The monitoring pages through the Django test client: indicators, measurements, the rhythm,
reviews from start to validation, the progress report, and constant queries."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from assessments import services
from assessments.models import Action, Indicator, Measurement, MonitoringReview, Plan, Question
from tests.conftest import start

pytestmark = pytest.mark.django_db


def answer(user, assessment, **levels):
    """Answer tiny's Phase 1 questions: maturity levels by code, T-AEO-02 yes or no."""
    changes = {}
    for code, value in levels.items():
        q = Question.objects.get(code=code.replace("_", "-"))
        key = "yes_no" if q.answer_type == "yes_no" else "maturity"
        changes[q] = ({key: value}, None)
    services.save_answers(user, assessment, changes)


def validated(coordinator, reviewer, administration, tiny, title, **levels):
    a = start(coordinator, administration, tiny, title=title)
    answer(coordinator, a, **levels)
    services.submit(coordinator, a)
    services.validate(reviewer, a, "Consistent.")
    return a


@pytest.fixture
def baseline(coordinator, reviewer, administration, tiny):
    return validated(coordinator, reviewer, administration, tiny, "Baseline 2024",
                     T_AEI_01=1, T_AEI_02=2, T_AEO_01=1, T_AEO_02=False)  # fmt: skip


@pytest.fixture
def follow_up(coordinator, administration, tiny, baseline):
    a = start(coordinator, administration, tiny, title="Follow-up 2026", previous=baseline)
    answer(coordinator, a, T_AEI_01=3, T_AEI_02=1, T_AEO_01=1, T_AEO_02=False)
    return a


def indicator(administration, disclosure="administration", name="AEOs", **fields):
    values = {"unit": "count", "baseline_value": 12, "baseline_date": date(2024, 1, 1),
              "target_value": 30, "target_date": date(2026, 12, 31)} | fields  # fmt: skip
    return services.save_indicator(
        None, Indicator(administration=administration, name=name, disclosure=disclosure, **values)
    )


def test_proposing_indicators_takes_the_phase_3_number_questions(
    client, coordinator, administration, tiny
):
    client.force_login(coordinator)
    client.post(reverse("indicator_propose", args=[administration.pk]))
    (proposed,) = Indicator.objects.filter(administration=administration)
    assert (proposed.unit, proposed.better, proposed.target_value) == ("percentage", "higher", 90)
    assert [s.code for s in proposed.standards.all()] == ["P1-06"]
    client.post(reverse("indicator_propose", args=[administration.pk]))
    assert Indicator.objects.filter(administration=administration).count() == 1


def test_recording_a_measurement_shows_it_and_the_progress(client, editor, administration):
    aeo = indicator(administration)
    client.force_login(editor)
    url = reverse("indicator_detail", args=[aeo.pk])
    response = client.post(
        url, {"measured_on": "2025-06-30", "value": "21", "source": "AEO register"}
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "AEO register" in html
    assert '<dd class="col-sm-9" id="progress">50%</dd>' in html  # (21-12)/(30-12)


def test_a_count_with_decimals_is_refused_and_nothing_is_lost(client, editor, administration):
    aeo = indicator(administration)
    client.force_login(editor)
    response = client.post(
        reverse("indicator_detail", args=[aeo.pk]),
        {"measured_on": "2025-06-30", "value": "21.5", "note": "my careful note"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A count is a whole number." in html
    assert "my careful note" in html
    assert not Measurement.objects.exists()


def test_a_percentage_over_100_is_refused_with_its_code(administration, editor):
    share = indicator(administration, unit="percentage")
    with pytest.raises(ValidationError) as error:
        services.record_measurement(editor, share, date(2025, 1, 1), Decimal("101"))
    assert error.value.code == "percentage_over_100"


def test_the_overview_shows_a_chart_per_indicator_and_the_next_due_date(
    client, coordinator, administration, baseline
):
    aeo = indicator(administration)
    services.record_measurement(coordinator, aeo, date(2025, 1, 1), 18)
    client.force_login(coordinator)
    html = client.get(reverse("monitoring", args=[administration.pk])).content.decode()
    assert html.count("<svg") == 1
    assert "Baseline: 12." in html and "Target: 30." in html
    due = baseline.validated_at.date().replace(year=baseline.validated_at.year + 2)
    assert f"Next self-assessment due: {due:%Y-%m-%d}" in html


def test_the_overview_chart_follows_a_new_measurement(client, coordinator, administration):
    """The chart is drawn once per content (cached): a new measurement draws it again."""
    aeo = indicator(administration)
    services.record_measurement(coordinator, aeo, date(2025, 1, 1), 18)
    client.force_login(coordinator)
    url = reverse("monitoring", args=[administration.pk])
    first = client.get(url).content.decode()
    assert "Measurements: " in first and " 18." in first and " 27." not in first
    services.record_measurement(coordinator, aeo, date(2025, 7, 1), 27)
    again = client.get(url).content.decode()
    assert " 18, " in again and " 27." in again


def test_the_coordinator_changes_the_rhythm(client, coordinator, administration, baseline):
    client.force_login(coordinator)
    url = reverse("monitoring_rhythm", args=[administration.pk])
    client.post(url, {"reassessment_months": "12", "reminder_days": "20"})
    html = client.get(reverse("monitoring", args=[administration.pk])).content.decode()
    due = baseline.validated_at.date().replace(year=baseline.validated_at.year + 1)
    assert f"Next self-assessment due: {due:%Y-%m-%d}" in html


def test_an_editor_may_not_change_the_rhythm(client, editor, administration):
    client.force_login(editor)
    url = reverse("monitoring_rhythm", args=[administration.pk])
    assert client.post(url, {"reassessment_months": "12", "reminder_days": "20"}).status_code == 403


def test_a_review_from_start_to_validation(
    client, coordinator, reviewer, administration, baseline, follow_up
):
    indicator(administration)
    client.force_login(coordinator)
    response = client.post(
        reverse("review_start", args=[administration.pk]),
        {"title": "Review 2026", "review_date": "2026-06-30", "baseline": baseline.pk,
         "follow_up": follow_up.pk},
    )  # fmt: skip
    review = MonitoringReview.objects.get()
    assert response["Location"] == reverse("review_detail", args=[review.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Standards: 1 improved, 2 unchanged, 1 regressed." in html
    # P1-06 (31 -> 63) because of T-AEI-01 (25 -> 75); P1-04 fell with T-AEI-02 (50 -> 25)
    assert "T-AEI-01" in html

    client.post(reverse("review_submit", args=[review.pk]))
    review.refresh_from_db()
    assert review.status == "draft"  # no evaluation yet
    detail = reverse("review_detail", args=[review.pk])
    client.post(
        detail, {"evaluation": "Advance data now covers sea and air.", "next_steps": "Road."}
    )
    client.post(reverse("review_submit", args=[review.pk]))
    review.refresh_from_db()
    assert review.status == "submitted"

    client.force_login(reviewer)
    client.post(
        reverse("review_decide", args=[review.pk]),
        {"decision": "validate", "conclusions": "Real progress on P1-06."},
    )
    review.refresh_from_db()
    assert (review.status, review.conclusions) == ("validated", "Real progress on P1-06.")
    assert "Real progress on P1-06." in client.get(detail).content.decode()


def test_a_review_needs_a_validated_baseline(coordinator, administration, tiny):
    draft = start(coordinator, administration, tiny)
    with pytest.raises(ValidationError) as error:
        services.start_review(coordinator, administration, "R", date(2026, 1, 1), draft)
    assert error.value.code == "baseline_not_validated"


def test_the_progress_report_downloads_as_pdf_and_word(
    client, coordinator, administration, baseline, follow_up
):
    aeo = indicator(administration, name="Authorised economic operators")
    services.record_measurement(coordinator, aeo, date(2025, 6, 30), 21)
    review = services.start_review(
        coordinator, administration, "Review 2026", date(2026, 6, 30), baseline, follow_up
    )
    client.force_login(coordinator)
    pdf = client.get(reverse("progress_pdf", args=[review.pk]))
    assert (
        pdf["Content-Disposition"]
        == 'attachment; filename="SAFE-progress-report-CIV-2026-06-30.pdf"'
    )
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "SAFE progress report" in text
    assert "Authorised economic operators" in text
    assert "What changed and why" in text
    word = client.get(reverse("progress_docx", args=[review.pk]))
    assert word.status_code == 200
    assert len(Document(BytesIO(word.content)).inline_shapes) >= 1  # baseline and now, by area


def _indicators_with_measurements(administration, first, n):
    start_day = timezone.localdate() - timedelta(days=400)
    for i in range(first, first + n):
        item = indicator(administration, name=f"Indicator {i}", unit="percentage")
        Measurement.objects.bulk_create(
            Measurement(indicator=item, measured_on=start_day + timedelta(days=d), value=d % 100)
            for d in range(100)
        )
    return item


def _queries(client, urls):
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_monitoring_pages_cost_the_same_queries_for_5_and_50_indicators(
    client, coordinator, administration, baseline, follow_up
):
    """5, then 50 indicators with 100 measurements each: every page costs the same number of
    queries (and few)."""
    item = _indicators_with_measurements(administration, 0, 5)
    review = services.start_review(
        coordinator, administration, "Review", timezone.localdate(), baseline, follow_up
    )
    client.force_login(coordinator)
    urls = [
        reverse("monitoring", args=[administration.pk]),
        reverse("indicator_detail", args=[item.pk]),
        reverse("review_detail", args=[review.pk]),
        reverse("indicators_csv", args=[administration.pk]),
        reverse("progress_pdf", args=[review.pk]),
    ]
    small = _queries(client, urls)
    _indicators_with_measurements(administration, 5, 45)
    large = _queries(client, urls)
    print("queries per page:", small, large)
    assert small == large
    assert max(large) <= 20, large


@pytest.fixture
def plan(administration, tiny, baseline):
    """Plan actions as the planning pages would have left them (their services live on the
    planning branch)."""
    plan = Plan.objects.create(administration=administration, framework=tiny, title="SAFE plan")
    rows = [
        (1, "Legal basis for advance data", "done", date(2025, 6, 30), 100000),
        (2, "Automated risk checks", "in_progress", date(2026, 3, 31), 50000),
        (3, "Scanner for the port", "dropped", date(2026, 1, 31), 20000),
    ]
    for number, title, status, due, cost in rows:
        Action.objects.create(plan=plan, number=number, title=title, status=status,
                              due_date=due, estimated_cost=cost, accepted=True)  # fmt: skip
    return plan


def test_the_review_shows_the_plan_on_its_date(
    client, coordinator, donor, administration, baseline, follow_up, plan
):
    review = services.start_review(
        coordinator, administration, "Review 2026", date(2026, 6, 30), baseline, follow_up
    )
    client.force_login(coordinator)
    html = client.get(reverse("review_detail", args=[review.pk])).content.decode()
    assert (
        "On 2026-06-30, 50% of the plan&#x27;s actions in force were done; actions late: 1." in html
    )
    assert "A-02 Automated risk checks" in html  # late
    assert "USD 150,000" in html and "USD 100,000" in html  # budget, cost of what was done
    services.share_review(coordinator, review, True)
    client.force_login(donor)
    html = client.get(reverse("review_detail", args=[review.pk])).content.decode()
    assert "USD 150,000" in html
    assert "Automated risk checks" not in html  # donors see figures, not the actions' names


def test_the_monitoring_pages_read_in_french(
    client, settings, coordinator, administration, baseline, follow_up
):
    indicator(administration, name="OEA")
    review = services.start_review(
        coordinator, administration, "Revue 2026", date(2026, 6, 30), baseline, follow_up
    )
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    overview = client.get(reverse("monitoring", args=[administration.pk])).content.decode()
    assert "Revues de suivi" in overview and "Cycle de réévaluation" in overview
    detail = client.get(reverse("review_detail", args=[review.pk])).content.decode()
    assert "Ce qui a changé et pourquoi" in detail
    assert "Normes : 1 en progrès, 2 inchangées, 1 en recul." in detail
    pdf = client.get(reverse("progress_pdf", args=[review.pk])).content
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Rapport d'avancement SAFE" in text


def test_a_follow_up_of_another_edition_is_refused_with_a_message(
    client, coordinator, administration, baseline, safe
):
    other_edition = start(coordinator, administration, safe, title="SAFE 2021 follow-up")
    client.force_login(coordinator)
    response = client.post(
        reverse("review_start", args=[administration.pk]),
        {"title": "Review", "review_date": "2026-06-30", "baseline": baseline.pk,
         "follow_up": other_edition.pk},
    )  # fmt: skip
    assert response.status_code == 400
    assert "same framework edition" in response.content.decode()
    assert not MonitoringReview.objects.exists()


def test_the_programme_page_shows_indicators_on_track_and_the_next_due_date(
    client, coordinator, administration, baseline
):
    aeo = indicator(administration, baseline_date=timezone.localdate() - timedelta(days=365),
                    target_date=timezone.localdate() + timedelta(days=365))  # fmt: skip
    indicator(administration, name="Never measured")
    services.record_measurement(coordinator, aeo, timezone.localdate(), 24)  # 67 % at half time
    client.force_login(coordinator)
    html = client.get(reverse("programme", args=[administration.pk])).content.decode()
    card = html[html.index('id="programme-indicators"') :]
    assert '<div class="display-6">1<span class="fs-6"> / 2</span></div>' in card
    due = baseline.validated_at.date().replace(year=baseline.validated_at.year + 2)
    assert f"Next self-assessment due: {due:%Y-%m-%d}" in card
