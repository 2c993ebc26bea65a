"""The WCO-wide overview for reviewers, and an administration's anonymous regional position."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import Administration, Assessment, Plan
from assessments.models.planning import Action
from assessments.selectors import overview as selectors
from tests.conftest import start

pytestmark = pytest.mark.django_db


def validated(user, administration, framework, aei_01, aei_02, title="Needs assessment"):
    """A validated needs assessment whose index is (3 x 25 aei_01 + 25 aei_02) / 4: the two
    AEO scored questions are marked not applicable, so the arithmetic stays by hand."""
    assessment = start(user, administration, framework, title=title)
    q = {q.code: q for q in framework.questions.filter(phase__number=1)}
    na = {"not_applicable": True, "na_justification": "No AEO programme."}
    # Scores leave N/A out whatever the content allows; submission would refuse it on
    # T-AEO-01, so this helper moves the assessment to "submitted" directly.
    services.save_answers(user, assessment, {
        q["T-AEI-01"]: ({"maturity": aei_01}, 0),
        q["T-AEI-02"]: ({"maturity": aei_02}, 0),
        q["T-AEO-01"]: (na, 0),
        q["T-AEO-02"]: (na, 0),
    })  # fmt: skip
    Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    assessment.refresh_from_db()
    services.validate(user, assessment)
    return assessment


def peers(regions, n, region="WCA"):
    return [
        Administration.objects.create(name=f"Peer {i}", country="SN", region=regions[region])
        for i in range(n)
    ]


def test_reviewer_sees_every_administration_with_index_band_and_change(
    client, reviewer, tiny, administration, other_administration
):
    validated(reviewer, administration, tiny, 1, 1, title="2024")  # 25
    validated(reviewer, administration, tiny, 2, 4, title="2026")  # 62.5
    start(reviewer, other_administration, tiny)
    client.force_login(reviewer)
    response = client.get(reverse("overview"))
    html = response.content.decode()
    assert response.status_code == 200
    rows = {r.administration.name: r for r in response.context["rows"]}
    ci = rows[administration.name]
    assert (ci.index, ci.band, ci.change, ci.phase) == (62.5, "established", 37.5, 1)
    assert ci.confidence == (0.0, 0.0, 100.0)  # every answer of a validated assessment
    assert rows[other_administration.name].index is None
    assert "+38" in html  # 37.5 points shown whole
    assert "2 of 2 administrations" in html


def test_waiting_for_review_and_filters(
    client, reviewer, tiny, administration, other_administration
):
    submitted = start(reviewer, other_administration, tiny)
    submitted.status = "submitted"
    submitted.save()
    validated(reviewer, administration, tiny, 3, 3)
    client.force_login(reviewer)
    rows = client.get(reverse("overview"), {"status": "waiting"}).context["rows"]
    assert [r.administration for r in rows] == [other_administration]
    assert rows[0].waiting == 1
    rows = client.get(reverse("overview"), {"band": "established"}).context["rows"]  # 75: level 3
    assert [r.administration for r in rows] == [administration]
    rows = client.get(reverse("overview"), {"region": "ESA"}).context["rows"]
    assert [r.administration for r in rows] == [other_administration]
    rows = client.get(reverse("overview"), {"sort": "-index"}).context["rows"]
    assert [r.administration for r in rows] == [administration, other_administration]
    rows = client.get(reverse("overview"), {"sort": "index"}).context["rows"]
    assert [r.administration for r in rows] == [other_administration, administration]


def test_plan_execution_counts_done_and_late_actions(client, reviewer, tiny, administration):
    plan = Plan.objects.create(administration=administration, framework=tiny, title="Plan")
    past, future = date.today() - timedelta(days=3), date.today() + timedelta(days=30)
    for number, (status, due) in enumerate(
        [("done", past), ("in_progress", past), ("planned", future), ("dropped", past)], 1
    ):
        Action.objects.create(plan=plan, number=number, title="a", status=status, due_date=due)
    client.force_login(reviewer)
    row = next(
        r
        for r in client.get(reverse("overview")).context["rows"]
        if r.administration == administration
    )
    assert (row.actions_done, row.actions_late, row.actions_total) == (1, 1, 3)


def test_overview_is_for_reviewers_only(client, editor, coordinator, donor):
    for person in (editor, coordinator, donor):
        client.force_login(person)
        assert client.get(reverse("overview")).status_code == 404
        assert client.get(reverse("overview_csv")).status_code == 404


def test_overview_exports_are_neutralised(client, reviewer, regions, tiny):
    Administration.objects.create(name='=HYPERLINK("x")', country="FR", region=regions["EUR"])
    client.force_login(reviewer)
    text = client.get(reverse("overview_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "administration"
    assert rows[1][0] == '\'=HYPERLINK("x")'
    sheet = load_workbook(io.BytesIO(client.get(reverse("overview_xlsx")).content)).active
    assert sheet["A2"].value == '\'=HYPERLINK("x")'


def test_charts_are_svg_with_the_counts_they_rest_on(client, reviewer, tiny, administration):
    validated(reviewer, administration, tiny, 2, 2)
    client.force_login(reviewer)
    html = client.get(reverse("overview")).content.decode()
    assert html.count("<svg") == 2
    assert "(1 administrations)" in html or "(1 administration" in html


@pytest.mark.parametrize("size", [2, 8])
def test_overview_queries_do_not_grow_with_administrations(
    client, reviewer, tiny, regions, size, django_assert_max_num_queries
):
    for admin in peers(regions, size):
        validated(reviewer, admin, tiny, 1, 2, title="2024")
        validated(reviewer, admin, tiny, 2, 3, title="2026")
        Plan.objects.create(administration=admin, framework=tiny, title="Plan")
    client.force_login(reviewer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("overview"))
    assert len(response.context["rows"]) == size
    with django_assert_max_num_queries(12):
        client.get(reverse("overview_csv"))
    with django_assert_max_num_queries(12):
        client.get(reverse("region_benchmark", args=[regions["WCA"].pk]))
    with django_assert_max_num_queries(12):
        client.get(reverse("region_position", args=[regions["WCA"].administrations.first().pk]))


def test_region_ranks_standards_most_often_below_target(client, reviewer, tiny, regions):
    a, b, c = peers(regions, 3)
    validated(reviewer, a, tiny, 2, 4)  # T-AEI-01 below its target 4; T-AEI-02 at 4
    validated(reviewer, b, tiny, 4, 1)  # only T-AEI-02 below (default target 3)
    validated(reviewer, c, tiny, 3, 2)  # both below
    ranked, assessed = selectors.unmet_standards(regions["WCA"])
    assert assessed == 3
    assert [(s.code, s.below, s.assessed) for s in ranked] == [
        ("P1-06", 3, 3),  # on both questions
        ("P1-04", 2, 3),  # T-AEI-02 only
    ]
    client.force_login(reviewer)
    html = client.get(reverse("region_benchmark", args=[regions["WCA"].pk])).content.decode()
    assert html.index("P1-06") < html.index("P1-04")
    assert "3 / 3" in html


def test_no_regional_average_below_five_administrations(
    client, editor, reviewer, tiny, administration, regions
):
    validated(reviewer, administration, tiny, 2, 2)
    for admin in peers(regions, 3):
        validated(reviewer, admin, tiny, 2, 2)
    assert not selectors.own_position(administration).shown  # 4 of the region
    client.force_login(editor)
    html = client.get(reverse("region_position", args=[administration.pk])).content.decode()
    assert "region-average" not in html
    assert "at least 5 administrations" in html


def test_five_administrations_show_the_average_rounded_half_up(
    client, editor, reviewer, tiny, administration, regions, other_administration
):
    validated(reviewer, administration, tiny, 2, 4)  # 62.5
    for admin in peers(regions, 4):
        validated(reviewer, admin, tiny, 2, 2)  # 50
    validated(reviewer, other_administration, tiny, 0, 0)  # another region: not counted
    position = selectors.own_position(administration)
    assert position.shown and position.peers == 5
    assert position.region_average == 53  # 262.5 / 5 = 52.5, halves up (round() gives 52)
    assert position.focus_areas == [("AEI", 62.5, 53, 5)]
    client.force_login(editor)
    html = client.get(reverse("region_position", args=[administration.pk])).content.decode()
    assert '<td class="text-end" data-testid="region-average">53</td>' in html
    assert "Peer" not in html  # no other administration is named


def test_an_administration_sees_only_its_own_position(client, editor, other_administration):
    client.force_login(editor)
    assert client.get(reverse("region_position", args=[other_administration.pk])).status_code == 404
    assert (
        client.get(reverse("region_benchmark", args=[other_administration.region_id])).status_code
        == 404
    )


def test_the_overview_and_data_pages_read_in_french(client, reviewer, assessment):
    client.force_login(reviewer)
    client.post(reverse("set_language"), {"language": "fr"})
    html = client.get(reverse("overview")).content.decode()
    assert "Vue d'ensemble de l'OMD" in html and "Prochaine réévaluation prévue" in html
    html = client.get(reverse("assessment_data", args=[assessment.pk])).content.decode()
    assert "Télécharger le classeur hors ligne" in html


def test_next_reassessment_follows_the_administrations_rhythm(
    client, reviewer, tiny, administration, other_administration
):
    from assessments.models.monitoring import MonitoringSettings
    from assessments.monitoring import add_months

    mine = validated(reviewer, administration, tiny, 2, 2)
    theirs = validated(reviewer, other_administration, tiny, 2, 2)
    MonitoringSettings.objects.create(administration=other_administration, reassessment_months=12)
    theirs.validated_at = theirs.validated_at.replace(year=theirs.validated_at.year - 2)
    theirs.save()
    client.force_login(reviewer)
    rows = {r.administration: r for r in client.get(reverse("overview")).context["rows"]}
    assert rows[administration].next_due == add_months(mine.validated_at.date(), 24)
    assert not rows[administration].overdue
    assert rows[other_administration].next_due == add_months(theirs.validated_at.date(), 12)
    assert rows[other_administration].overdue
