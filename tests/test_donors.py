"""Donor matchmaking through the HTTP client: offers, needs and their disclosure, interest,
the coordinator's answer, engagements, double funding, the board and the needs table."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from assessments.models import (
    DonorOrganisation,
    Interest,
    Membership,
    Need,
    Standard,
    SupportEngagement,
    SupportOffer,
)
from assessments.services import donors as services
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def make_need(administration, framework, *, title="Risk engine", sharing="all", **kwargs):
    named = kwargs.pop("named_donors", [])
    standards = kwargs.pop("standards", ["P1-06", "P1-04"])
    fields = {
        "support_kinds": ["technical", "equipment"],
        "estimated_cost": Decimal("400000"),
        "currency": "EUR",
        "start": date(2027, 1, 1),
        "end": date(2027, 12, 31),
        "description": "A risk engine fed by advance cargo data.",
    }
    fields.update(kwargs)
    need = Need.objects.create(
        administration=administration, title=title, sharing=sharing, **fields
    )
    need.standards.set(Standard.objects.filter(framework=framework, code__in=standards))
    need.focus_areas.set(framework.focus_areas.filter(code="AEI"))
    need.named_donors.set(named)
    return need


def make_offer(donor, framework, *, title="Risk management programme", **kwargs):
    standards = kwargs.pop("standards", ["P1-06"])
    fields = {"support_kinds": ["technical", "training"], "currency": "EUR"}
    fields.update(kwargs)
    offer = SupportOffer.objects.create(donor=donor, title=title, **fields)
    offer.standards.set(Standard.objects.filter(framework=framework, code__in=standards))
    return offer


def make_other_donor(django_user_model):
    organisation = DonorOrganisation.objects.create(name="Pacific Customs Partnership")
    return make_person(django_user_model, "other-donor", Membership.Role.DONOR, donor=organisation)


@pytest.fixture
def other_donor(django_user_model):
    return make_other_donor(django_user_model)


def donor_org(user):
    return user.memberships.get().donor_organisation


# Offers ---------------------------------------------------------------------------------------


def test_donor_creates_an_offer_and_sees_the_needs_that_fit(client, donor, administration, tiny):
    need = make_need(administration, tiny)
    client.force_login(donor)
    p106 = Standard.objects.get(framework=tiny, code="P1-06")
    response = client.post(
        reverse("offer_create"),
        {
            "title": "Advance data for West Africa",
            "standards": [p106.pk],
            "support_kinds": ["technical"],
            "countries": "ci, sn",
            "currency": "eur",
            "is_open": "on",
        },
    )
    offer = SupportOffer.objects.get(title="Advance data for West Africa")
    assert response.status_code == 302
    assert offer.donor == donor_org(donor)
    assert offer.countries == "CI SN" and offer.currency == "EUR"
    html = client.get(reverse("offer_detail", args=[offer.pk])).content.decode()
    assert need.title in html
    assert "Standards P1-06" in html and "Country CI" in html


def test_an_offer_with_a_reversed_grant_range_is_refused_and_kept(client, donor, tiny):
    client.force_login(donor)
    response = client.post(
        reverse("offer_create"),
        {"title": "Odd", "support_kinds": ["funding"], "currency": "EUR"}
        | {"budget_min": "500", "budget_max": "100"},
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "budget_reversed")
    assert 'value="Odd"' in response.content.decode()
    assert not SupportOffer.objects.exists()


def test_another_donors_offer_is_not_found(client, donor, other_donor, tiny):
    offer = make_offer(donor_org(other_donor), tiny, contact_email="secret@pacific.example")
    client.force_login(donor)
    assert client.get(reverse("offer_detail", args=[offer.pk])).status_code == 404
    assert client.get(reverse("offer_edit", args=[offer.pk])).status_code == 404
    assert "secret@pacific.example" not in client.get(reverse("offer_list")).content.decode()


# Disclosure of needs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sharing", "named", "seen_by_donor", "seen_by_other_donor"),
    [
        ("all", False, True, True),
        ("named", True, True, False),
        ("private", False, False, False),
    ],
)
def test_a_need_is_shown_only_to_the_donors_it_is_shared_with(
    client, donor, other_donor, coordinator, administration, tiny,
    sharing, named, seen_by_donor, seen_by_other_donor,
):  # fmt: skip
    need = make_need(
        administration,
        tiny,
        title="Scanner for Abidjan port",
        sharing=sharing,
        named_donors=[donor_org(donor)] if named else [],
    )
    for person, seen in ((donor, seen_by_donor), (other_donor, seen_by_other_donor)):
        client.force_login(person)
        detail = client.get(reverse("need_detail", args=[need.pk]))
        listing = client.get(reverse("need_list")).content.decode()
        region = client.get(reverse("needs_xlsx"), {"region": "WCA"})
        cells = [c for row in load_workbook(io.BytesIO(region.content)).active.values for c in row]
        assert detail.status_code == (200 if seen else 404)
        assert ("Scanner for Abidjan port" in listing) is seen
        assert ("Scanner for Abidjan port" in cells) is seen


def test_a_shared_need_never_shows_the_assessments_comments_or_other_answers(
    client, donor, editor, assessment
):
    from assessments import services as core

    questions = list(assessment.framework.questions.filter(phase=assessment.phase)[:2])
    gap, other = questions
    core.save_answers(
        editor,
        assessment,
        {
            gap: ({"maturity": 1, "comment": "Our scanners are broken"}, 0),
            other: ({"maturity": 3, "comment": "Confidential budget note"}, 0),
        },
    )
    need = make_need(assessment.administration, assessment.framework, assessment=assessment)
    need.gaps.set([gap])
    client.force_login(donor)
    html = client.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert gap.code in html
    assert "Our scanners are broken" not in html
    assert other.code not in html and "Confidential budget note" not in html
    assert client.get(reverse("assessment_detail", args=[assessment.pk])).status_code == 404


def test_coordinator_shares_a_need_with_a_named_donor(
    client, coordinator, donor, administration, tiny
):
    client.force_login(coordinator)
    response = client.post(
        reverse("need_create", args=[administration.pk]),
        {
            "title": "Legal basis for advance data",
            "support_class": "C",
            "support_kinds": ["legal"],
            "currency": "EUR",
            "sharing": "named",
            "named_donors": [donor_org(donor).pk],
        },
    )
    need = Need.objects.get(title="Legal basis for advance data")
    assert response.status_code == 302
    assert list(need.named_donors.all()) == [donor_org(donor)]
    client.force_login(donor)
    assert client.get(reverse("need_detail", args=[need.pk])).status_code == 200


def test_named_sharing_without_a_donor_is_refused(client, coordinator, administration, tiny):
    client.force_login(coordinator)
    response = client.post(
        reverse("need_create", args=[administration.pk]),
        {"title": "X", "support_class": "C", "support_kinds": ["legal"]}
        | {"currency": "EUR", "sharing": "named"},
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "no_named_donor")
    assert not Need.objects.exists()


def test_an_editor_cannot_share_or_create_needs(client, editor, administration, tiny):
    need = make_need(administration, tiny, sharing="private")
    client.force_login(editor)
    assert client.get(reverse("need_detail", args=[need.pk])).status_code == 200
    assert client.get(reverse("need_edit", args=[need.pk])).status_code == 404
    assert client.get(reverse("need_create", args=[administration.pk])).status_code == 404


# Interest, answer, engagement -------------------------------------------------------------------


def test_interest_is_sent_then_accepted_into_an_engagement(
    client, donor, coordinator, administration, tiny
):
    need = make_need(administration, tiny)
    offer = make_offer(donor_org(donor), tiny)
    client.force_login(donor)
    response = client.post(
        reverse("express_interest", args=[need.pk]),
        {"message": "We can fund the risk engine.", "offer": offer.pk},
    )
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert interest.offer == offer and interest.status == Interest.Status.PENDING
    assert mail.outbox[-1].to == [coordinator.email]
    assert "We can fund the risk engine." in mail.outbox[-1].body
    assert "a exprimé son intérêt" in mail.outbox[-1].body  # the French half

    client.force_login(coordinator)
    client.post(
        reverse("decide_interest", args=[interest.pk]),
        {"decision": "accept", "reply": "Welcome aboard"},
    )
    engagement = SupportEngagement.objects.get()
    assert engagement.donor == donor_org(donor)
    assert engagement.amount == Decimal("400000")
    assert engagement.status == SupportEngagement.Status.PROPOSED
    assert mail.outbox[-1].to == [donor.email]
    assert "accepted" in mail.outbox[-1].subject and "a été accepté" in mail.outbox[-1].subject
    html = client.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert "Trade Facilitation Fund" in html and "Proposed" in html


def test_declining_tells_the_donor_and_creates_no_engagement(
    client, donor, coordinator, administration, tiny
):
    need = make_need(administration, tiny)
    interest = services.express_interest(donor, need, donor_org(donor), "Interested")
    client.force_login(coordinator)
    client.post(reverse("decide_interest", args=[interest.pk]), {"decision": "decline"})
    interest.refresh_from_db()
    assert interest.status == Interest.Status.DECLINED
    assert not SupportEngagement.objects.exists()
    assert "declined" in mail.outbox[-1].subject


def test_a_second_pending_interest_is_refused_with_a_message(client, donor, administration, tiny):
    need = make_need(administration, tiny)
    services.express_interest(donor, need, donor_org(donor), "First")
    client.force_login(donor)
    response = client.post(
        reverse("express_interest", args=[need.pk]), {"message": "Second"}, follow=True
    )
    assert "already expressed interest" in response.content.decode()
    assert Interest.objects.count() == 1


def test_a_donor_cannot_answer_interest_nor_reach_a_private_need(
    client, donor, other_donor, administration, tiny
):
    need = make_need(administration, tiny)
    interest = services.express_interest(other_donor, need, donor_org(other_donor), "Hello")
    private = make_need(administration, tiny, sharing="private", title="Private")
    client.force_login(donor)
    url = reverse("decide_interest", args=[interest.pk])
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert (
        client.post(reverse("express_interest", args=[private.pk]), {"message": "x"}).status_code
        == 404
    )
    html = client.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert "Hello" not in html  # another donor's message stays between them and the administration


def test_two_donors_on_one_need_are_flagged_to_both_and_to_reviewers(
    client, donor, other_donor, coordinator, reviewer, administration, tiny
):
    need = make_need(administration, tiny, title="Shared risk engine")
    for person in (donor, other_donor):
        interest = services.express_interest(person, need, donor_org(person), "Yes")
        services.decide_interest(coordinator, interest, accept=True)
    for person in (donor, other_donor, coordinator, reviewer):
        client.force_login(person)
        html = client.get(reverse("need_detail", args=[need.pk])).content.decode()
        assert "Several donors support this need" in html, person
    client.force_login(donor)
    assert (
        "Another donor supports this need too" in client.get(reverse("offer_list")).content.decode()
    )
    client.force_login(reviewer)
    board = client.get(reverse("needs_board"), {"status": "double"}).content.decode()
    assert "Shared risk engine" in board


def test_withdrawn_engagements_do_not_count_as_double_funding(
    client, donor, other_donor, coordinator, administration, tiny
):
    need = make_need(administration, tiny)
    for person in (donor, other_donor):
        interest = services.express_interest(person, need, donor_org(person), "Yes")
        services.decide_interest(coordinator, interest, accept=True)
    engagement = SupportEngagement.objects.get(donor=donor_org(other_donor))
    client.force_login(other_donor)
    response = client.post(
        reverse("engagement_edit", args=[engagement.pk]),
        {"amount": "1000", "currency": "EUR", "status": "withdrawn"},
    )
    assert response.status_code == 302
    client.force_login(donor)
    html = client.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert "Several donors support this need" not in html


def test_a_donor_cannot_update_another_donors_engagement(
    client, donor, other_donor, coordinator, administration, tiny
):
    need = make_need(administration, tiny)
    interest = services.express_interest(other_donor, need, donor_org(other_donor), "Yes")
    engagement = services.decide_interest(coordinator, interest, accept=True)
    client.force_login(donor)
    response = client.post(
        reverse("engagement_edit", args=[engagement.pk]), {"status": "withdrawn"}
    )
    assert response.status_code == 404
    engagement.refresh_from_db()
    assert engagement.status == SupportEngagement.Status.PROPOSED


# Board and exports ------------------------------------------------------------------------------


def test_board_highlights_unmatched_needs_and_filters_by_region(
    client, reviewer, donor, administration, other_administration, tiny
):
    make_need(administration, tiny, title="Matched in Abidjan")
    make_need(other_administration, tiny, title="Unmatched in Mombasa", support_kinds=["legal"])
    make_offer(donor_org(donor), tiny)
    client.force_login(reviewer)
    html = client.get(reverse("needs_board")).content.decode()
    assert html.index("Unmatched in Mombasa") < html.index("Matched in Abidjan")
    assert html.count("Unmatched: no open offer fits") == 1
    filtered = client.get(reverse("needs_board"), {"region": "ESA"}).content.decode()
    assert "Matched in Abidjan" not in filtered and "Unmatched in Mombasa" in filtered


def test_the_board_is_for_reviewers_only(client, donor, coordinator):
    for person in (donor, coordinator):
        client.force_login(person)
        assert client.get(reverse("needs_board")).status_code == 404


def test_needs_table_xlsx_is_shaped_like_a_tfa_notification_and_formula_safe(
    client, coordinator, administration, tiny
):
    make_need(administration, tiny, title='=HYPERLINK("http://evil")', support_class="C")
    client.force_login(coordinator)
    response = client.get(reverse("needs_xlsx"), {"administration": administration.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="SAFE-needs-CIV-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:7] == (
        "No.", "Administration", "Measure (SAFE standards)", "Need", "Class",
        "Assistance required", "Estimated cost",
    )  # fmt: skip
    assert rows[1][2] == "P1-04, P1-06" or rows[1][2] == "P1-06, P1-04"
    assert rows[1][3].startswith("'=")
    assert rows[1][4] == "C" and rows[1][6] == 400000


def test_needs_table_pdf_lists_only_what_the_donor_may_read(client, donor, administration, tiny):
    make_need(administration, tiny, title="Shared scanner")
    make_need(administration, tiny, title="Private legal reform", sharing="private")
    client.force_login(donor)
    response = client.get(reverse("needs_pdf"), {"region": "WCA"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "Shared scanner" in text and "Private legal reform" not in text


def test_another_administration_cannot_export_our_needs(client, other_editor, administration, tiny):
    make_need(administration, tiny, sharing="private")
    client.force_login(other_editor)
    response = client.get(reverse("needs_xlsx"), {"administration": administration.pk})
    assert response.status_code == 404


# Constant queries -------------------------------------------------------------------------------


def _many(administration, donor, framework, n):
    needs = [
        Need(
            administration=administration,
            title=f"Need {i}",
            sharing="all",
            support_kinds=["technical"],
            estimated_cost=Decimal(1000 * i),
        )
        for i in range(n)
    ]
    Need.objects.bulk_create(needs)
    standard = Standard.objects.get(framework=framework, code="P1-06")
    Need.standards.through.objects.bulk_create(
        [Need.standards.through(need=need, standard=standard) for need in Need.objects.all()]
    )
    for i in range(3):
        make_offer(donor_org(donor), framework, title=f"Offer {i}")


@pytest.mark.parametrize("n", [20, 500])
@pytest.mark.parametrize("route", ["need_list", "needs_board", "offer_detail"])
def test_matching_pages_cost_the_same_queries_for_20_and_500_needs(
    client, reviewer, donor, administration, tiny, django_assert_max_num_queries, n, route
):
    _many(administration, donor, tiny, n)
    person = reviewer if route == "needs_board" else donor
    client.force_login(person)
    url = reverse(route, args=[SupportOffer.objects.first().pk] if route == "offer_detail" else [])
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    assert "Need 1</a>" in response.content.decode()


def test_editing_a_need_keeps_standards_of_an_older_edition(
    client, coordinator, administration, tiny, safe
):
    need = make_need(administration, tiny, sharing="private")
    client.force_login(coordinator)
    form = client.get(reverse("need_edit", args=[need.pk])).context["form"]
    codes = set(form.fields["standards"].queryset.values_list("framework__code", flat=True))
    assert codes == {"tiny-2021"}


def test_the_board_offers_the_regions_needs_table(client, reviewer, administration, tiny):
    make_need(administration, tiny, title="Abidjan scanner")
    client.force_login(reviewer)
    html = client.get(reverse("needs_board"), {"region": "WCA"}).content.decode()
    assert reverse("needs_xlsx") + "?region=WCA" in html
    response = client.get(reverse("needs_xlsx"), {"region": "WCA"})
    cells = [c for row in load_workbook(io.BytesIO(response.content)).active.values for c in row]
    assert "Abidjan scanner" in cells
    assert response["Content-Disposition"].startswith('attachment; filename="SAFE-needs-WCA-')
