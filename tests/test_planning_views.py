"""The programme page, the plan page and its documents, through the client."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Action, Plan
from tests.planning_helpers import proposed_plan, validated_baseline

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(editor, coordinator, reviewer, administration, tiny):
    return proposed_plan(editor, coordinator, reviewer, administration, tiny)


def late_plan(plan, editor, coordinator):
    """Adopted, first action in progress and past its due date."""
    services.accept_actions(editor, plan.actions.all())
    first = plan.actions.get(number=1)
    today = timezone.localdate()
    services.update_action(editor, first, {
        "start_date": today - timedelta(days=90), "due_date": today - timedelta(days=1),
        "estimated_cost": Decimal("25000"), "responsible_unit": "Legal affairs",
    })  # fmt: skip
    services.add_progress_note(editor, first, "Drafting the decree", status="in_progress")
    services.adopt_plan(coordinator, plan, "First version")
    return plan


def test_the_programme_page_proposes_the_plan_from_the_validated_assessment(
    client, editor, coordinator, reviewer, administration, tiny
):
    validated_baseline(editor, coordinator, reviewer, administration, tiny)
    client.force_login(editor)
    url = reverse("programme", args=[administration.pk])
    html = client.get(url).content.decode()
    assert "Propose the plan from the gaps" in html
    response = client.post(
        reverse("plan_propose", args=[administration.pk]),
        {"assessment": administration.assessments.get().pk},
    )
    plan = Plan.objects.get(administration=administration)
    assert response.status_code == 302 and response["Location"] == reverse("plan", args=[plan.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Meet standard P1-06: Advance electronic information" in html
    assert "2 proposed actions wait for a decision" in html


def test_the_programme_page_shows_phases_and_late_items(client, plan, editor, coordinator):
    late_plan(plan, editor, coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("programme", args=[plan.administration_id])).content.decode()
    assert "Current phase" in html
    assert "1 late" in html
    assert "14 → 14" in html  # baseline and now: the same validated assessment
    assert 'id="programme-indicators"' in html


def test_reviewers_start_from_the_list_of_programmes(client, plan, reviewer, other_administration):
    client.force_login(reviewer)
    html = client.get(reverse("programme_list")).content.decode()
    assert plan.administration.name in html and other_administration.name in html
    home = client.get(reverse("home")).content.decode()
    assert reverse("programme_list") in home


def test_the_plan_page_highlights_a_late_action_and_traces_gaps(client, plan, editor, coordinator):
    late_plan(plan, editor, coordinator)
    client.force_login(editor)
    html = client.get(reverse("plan", args=[plan.pk])).content.decode()
    first = plan.actions.get(number=1)
    assert f'id="action-{first.pk}" class="table-danger"' in html
    assert 'id="late-count">1<' in html
    assert "due date passed" in html
    assert "<svg" in html and "Timeline" in html
    q = plan.baseline.framework.questions.get(code="T-AEI-01")
    assert f'id="gap-{q.pk}"' in html
    assert reverse("action_edit", args=[first.pk]) in html


def test_merge_and_drop_through_the_plan_page(client, plan, editor):
    client.force_login(editor)
    first, second = plan.actions.order_by("number")
    url = reverse("plan_bulk", args=[plan.pk])
    client.post(url, {"action": [first.pk, second.pk], "operation": "merge"})
    second.refresh_from_db()
    assert second.status == "dropped" and second.merged_into_id == first.pk
    response = client.post(
        url, {"action": [first.pk], "operation": "drop", "reason": ""}, follow=True
    )
    assert "Say why the action is blocked or dropped." in response.content.decode()
    first.refresh_from_db()
    assert first.status == "planned"


def test_editing_an_action_with_a_bad_date_keeps_what_was_typed(client, plan, editor):
    client.force_login(editor)
    action = plan.actions.get(number=1)
    data = {
        "title": "Pass the advance cargo data decree", "focus_area": action.focus_area_id,
        "start_date": "2026-05-01", "due_date": "2026-04-01", "currency": "XOF",
        "funding_source": "own_budget", "support_class": "B", "status": "planned",
    }  # fmt: skip
    response = client.post(reverse("action_edit", args=[action.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The due date is before the start date." in html
    assert "Pass the advance cargo data decree" in html
    action.refresh_from_db()
    assert action.title.startswith("Meet standard")
    data["due_date"] = "2026-12-31"
    assert client.post(reverse("action_edit", args=[action.pk]), data).status_code == 302
    action.refresh_from_db()
    assert (action.title, action.due_date, action.currency) == (
        "Pass the advance cargo data decree",
        date(2026, 12, 31),
        "XOF",
    )


def test_a_reviewer_comments_but_cannot_change_the_status(client, plan, reviewer):
    client.force_login(reviewer)
    action = plan.actions.get(number=1)
    url = reverse("action_note", args=[action.pk])
    response = client.post(
        url, {"note-text": "Align with the regional single window", "note-status": "done"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "planned"
    note = action.notes.get()
    assert (note.kind, note.text) == ("comment", "Align with the regional single window")


def test_adopt_and_compare_pages(client, plan, editor, coordinator):
    late_plan(plan, editor, coordinator)
    services.add_action(editor, plan, "Train risk analysts", estimated_cost=Decimal("12000"))
    client.force_login(coordinator)
    html = client.get(reverse("plan_adopt", args=[plan.pk])).content.decode()
    assert "Adopt version 2" in html and "Train risk analysts" in html
    response = client.post(reverse("plan_adopt", args=[plan.pk]), {"note": "Training added"})
    assert response.status_code == 302
    html = client.get(reverse("plan_compare", args=[plan.pk])).content.decode()
    assert "Version 1 → version 2" in html
    assert "A-03 Train risk analysts" in html


def test_the_plan_report_and_exports_download(client, plan, editor, coordinator):
    late_plan(plan, editor, coordinator)
    client.force_login(editor)
    pdf = client.get(reverse("plan_pdf", args=[plan.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "SAFE-implementation-plan-CIV-" in pdf["Content-Disposition"]
    docx = client.get(reverse("plan_docx", args=[plan.pk]))
    assert docx.content.startswith(b"PK")
    from docx import Document

    assert len(Document(BytesIO(docx.content)).inline_shapes) == 1  # the timeline chart
    csv = client.get(reverse("plan_csv", args=[plan.pk])).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("reference,focus_area,title")
    assert "A-01" in csv and "late" in csv
    xlsx = client.get(reverse("plan_xlsx", args=[plan.pk]))
    assert xlsx.content.startswith(b"PK")


def test_exports_neutralise_formulas_typed_in_an_action(client, plan, editor):
    action = plan.actions.get(number=1)
    services.update_action(editor, action, {"title": '=HYPERLINK("http://x")'})
    client.force_login(editor)
    csv = client.get(reverse("plan_csv", args=[plan.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv


def test_a_project_proposal_is_written_and_downloaded(client, plan, editor):
    client.force_login(editor)
    second = plan.actions.get(number=2)
    response = client.post(reverse("proposal_new", args=[plan.pk]), {
        "title": "AEO programme support", "objective": "Validate operators on site",
        "indicators": "Operators validated\nShare of AEO cargo", "action": [second.pk],
    })  # fmt: skip
    assert response.status_code == 302
    proposal = plan.proposals.get()
    pdf = client.get(reverse("proposal_pdf", args=[proposal.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert "SAFE-project-proposal-CIV-" in pdf["Content-Disposition"]
    docx = client.get(reverse("proposal_docx", args=[proposal.pk]))
    assert docx.content.startswith(b"PK")


def test_a_proposal_without_actions_is_refused_and_keeps_the_text(client, plan, editor):
    client.force_login(editor)
    response = client.post(reverse("proposal_new", args=[plan.pk]), {"title": "Support"})
    assert response.status_code == 400
    assert "Choose the actions the proposal covers." in response.content.decode()
    assert 'value="Support"' in response.content.decode()


def many_actions(plan, editor, n):
    today = timezone.localdate()
    for i in range(n):
        action = services.add_action(
            editor, plan, f"Action {i}", start_date=today - timedelta(days=30),
            due_date=today + timedelta(days=i - 5), estimated_cost=Decimal(1000 + i),
            focus_area=plan.actions.get(number=1).focus_area,
        )  # fmt: skip
        services.add_milestone(editor, action, f"Step {i}", today + timedelta(days=i - 3))


ROUTES = ["programme", "plan", "plan_pdf", "plan_docx", "plan_csv", "plan_xlsx", "proposal_pdf"]


def query_counts(client, plan, proposal, warm):
    """Queries per route, with nothing cached (`warm` False) or after a first visit (scores
    and charts read from the cache)."""
    counts = {}
    for route in ROUTES:
        arg = {"programme": plan.administration_id, "proposal_pdf": proposal.pk}.get(route, plan.pk)
        url = reverse(route, args=[arg])
        cache.clear()
        if warm:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[route] = len(queries)
    return counts


def test_pages_and_documents_take_the_same_queries_for_10_and_200_actions(client, plan, editor):
    client.force_login(editor)
    many_actions(plan, editor, 10)
    proposal = services.create_proposal(editor, plan, "Everything", plan.actions.all())
    few = query_counts(client, plan, proposal, warm=False)
    few_warm = query_counts(client, plan, proposal, warm=True)
    many_actions(plan, editor, 190)
    proposal.actions.set(plan.actions.all())
    assert Action.objects.filter(plan=plan).count() == 202
    assert query_counts(client, plan, proposal, warm=False) == few
    assert query_counts(client, plan, proposal, warm=True) == few_warm
    assert max(few.values()) <= 30, few
    print("queries per route:", few, "with the cache warm:", few_warm)


def test_a_donor_sees_only_the_actions_shared_with_them(client, plan, editor, donor):
    first, second = plan.actions.order_by("number")
    services.update_action(editor, first, {"title": "Internal reform of the legal unit"})
    second.shared_with.add(donor.memberships.get().donor_organisation)
    client.force_login(donor)
    html = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert second.title in html
    assert "Internal reform of the legal unit" not in html
    assert client.get(reverse("action_edit", args=[second.pk])).status_code == 200
    assert client.get(reverse("action_edit", args=[first.pk])).status_code == 404
    assert client.get(reverse("plan_pdf", args=[plan.pk])).status_code == 404
    response = client.post(reverse("action_edit", args=[second.pk]), {"title": "x"})
    assert response.status_code == 403


def test_the_plan_and_programme_pages_speak_french(client, plan, editor):
    client.force_login(editor)
    client.cookies["django_language"] = "fr"
    html = client.get(reverse("plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Actions par domaine et par priorité" in html
    html = client.get(
        reverse("programme", args=[plan.administration_id]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Les trois phases" in html and "Phase en cours" in html


def test_the_programme_page_counts_indicators_on_track(client, plan, editor, administration):
    from assessments.models import Indicator

    def indicator(name):
        return services.save_indicator(editor, Indicator(
            administration=administration, name=name, unit="hours", baseline_value=72,
            target_value=24, better="lower", disclosure="reviewers",
        ))  # fmt: skip

    day = timezone.localdate() - timedelta(days=1)
    services.record_measurement(editor, indicator("Release time"), day, 48)  # on the way
    services.record_measurement(editor, indicator("Clearance time"), day, 90)  # moved away
    client.force_login(editor)
    html = client.get(reverse("programme", args=[administration.pk])).content.decode()
    card = html[html.index('id="programme-indicators"') :]
    assert '1<span class="fs-6"> / 2</span>' in card[:600]


def test_tampered_ids_are_refused_cleanly(client, plan, editor, administration):
    client.force_login(editor)
    response = client.post(
        reverse("plan_bulk", args=[plan.pk]), {"action": ["x"], "operation": "accept"}, follow=True
    )
    assert "Tick the actions first." in response.content.decode()
    response = client.post(reverse("plan_propose", args=[administration.pk]), {"assessment": "x"})
    assert response.status_code == 404


# Donor support in the plan report ---------------------------------------------------------


def engaged_plan(plan, editor, coordinator, tiny, administration):
    """A-01 supported by two donors (double funding), A-02 by one; one withdrawn engagement."""
    from assessments.models import DonorOrganisation, SupportEngagement
    from tests.test_donors import make_need

    late_plan(plan, editor, coordinator)
    first, second = plan.actions.get(number=1), plan.actions.get(number=2)
    fund = DonorOrganisation.objects.create(name="Trade Facilitation Fund")
    bank = DonorOrganisation.objects.create(name="Border Agency Bank")
    withdrawn = DonorOrganisation.objects.create(name="Withdrawn Partner")
    risk = make_need(administration, tiny, title="Risk engine")
    risk.actions.set([first])
    training = make_need(administration, tiny, title="Analyst training")
    training.actions.set([second])
    Status = SupportEngagement.Status
    for need, donor, amount, status in [
        (risk, fund, Decimal("120000"), Status.AGREED),
        (risk, bank, Decimal("80000"), Status.PROPOSED),
        (training, bank, None, Status.IN_PROGRESS),
        (training, withdrawn, Decimal("5000"), Status.WITHDRAWN),
    ]:
        SupportEngagement.objects.create(need=need, donor=donor, amount=amount, status=status)
    return first, second


SUPPORT = {
    "en": [
        "5 Donor support by action",
        "Trade Facilitation Fund — EUR 120 000 (agreed)",
        "Border Agency Bank — EUR 80 000 (proposed)",
        "Border Agency Bank (in progress)",
        "Two donors or more: check for double funding (Border Agency Bank, Trade Facilitation",
    ],
    "fr": [
        "5 Soutien des bailleurs par action",
        "Trade Facilitation Fund — EUR 120 000 (convenu)",
        "Deux bailleurs ou plus : vérifier le double financement (Border Agency Bank, Trade",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_plan_report_lists_donor_engagements_and_flags_double_funding(
    client, plan, editor, coordinator, tiny, administration, language
):
    import io

    from docx import Document
    from pypdf import PdfReader

    from assessments.reports.plan_data import build_plan_report_data

    first, second = engaged_plan(plan, editor, coordinator, tiny, administration)
    rows = {r.reference: r for r in build_plan_report_data(plan, editor).actions}
    assert rows[first.reference].double_funding and not rows[second.reference].double_funding
    client.force_login(editor)
    client.cookies["django_language"] = language
    pdf = client.get(reverse("plan_pdf", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE=language)
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        .replace("\u202f", " ")
        .replace("\u00a0", " ")
        .split()
    )
    docx = client.get(reverse("plan_docx", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE=language)
    document = Document(io.BytesIO(docx.content))
    word = " ".join(p.text for p in document.paragraphs)
    word += " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    word = " ".join(word.replace("\u202f", " ").replace("\u00a0", " ").split())

    for expected in SUPPORT[language]:
        assert expected in text, expected
    assert "Withdrawn Partner" not in text
    assert "Trade Facilitation Fund" in word and "Border Agency Bank" in word
    double = {"en": "Two donors or more: check for double funding", "fr": "Deux bailleurs ou plus"}
    assert double[language] in word
