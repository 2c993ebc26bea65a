"""The demo world behind `make run`."""

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Administration, Assessment, Membership, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(regions, safe):
    return safe


def test_demo_has_every_region_role_and_several_states(content, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    regions = set(Administration.objects.values_list("region__code", flat=True))
    assert regions == set(Region.objects.values_list("code", flat=True))
    assert set(Membership.objects.values_list("role", flat=True)) == set(Membership.Role.values)
    assert {"draft", "submitted", "validated"} <= set(
        Assessment.objects.values_list("status", flat=True)
    )
    assert {1, 2, 3} == set(Assessment.objects.values_list("phase__number", flat=True))
    assert "safe-demo-2026" in capsys.readouterr().out


def test_running_it_twice_changes_nothing(content, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        Administration.objects.count(),
        Assessment.objects.count(),
        Membership.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        Administration.objects.count(), Assessment.objects.count(), Membership.objects.count()
    )  # fmt: skip


def test_no_demo_accounts_without_debug(content, settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="never created when DEBUG is off"):
        call_command("seed_demo")
    assert not django_user_model.objects.exists()


def test_demo_plans_show_every_status_a_late_action_and_a_proposal(content, settings):
    from datetime import date

    from assessments.models import Plan
    from assessments.selectors import planning as plan_selectors

    settings.DEBUG = True
    call_command("seed_demo")
    ivory = Plan.objects.get(administration__country="CI")
    assert ivory.versions.count() == 2 and ivory.status == "adopted"
    statuses = set(ivory.actions.values_list("status", flat=True))
    assert statuses == {"planned", "in_progress", "done", "blocked", "dropped"}
    view = plan_selectors.plan_view(ivory, today=date.today())
    assert view.progress.late >= 1 and view.progress.at_risk >= 1
    assert ivory.proposals.count() == 1
    kenya = Plan.objects.get(administration__country="KE")
    assert kenya.status == "draft" and kenya.actions.filter(accepted=False).exists()
    call_command("seed_demo")
    assert Plan.objects.count() == 2


def test_demo_shows_an_invitation_waiting_for_an_answer(content, settings, client):
    from assessments.models import Invitation

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    invitation = Invitation.objects.get()
    assert (invitation.user.username, invitation.status) == ("editor", "pending")
    client.force_login(invitation.invited_by)
    html = client.get(f"/administrations/{invitation.administration_id}/people/").content.decode()
    assert "Invitations waiting for an answer" in html and "Aïcha Koné" in html


def test_demo_shows_matchmaking(content, settings):
    from assessments.models import DonorOrganisation, Interest, Need, SupportEngagement
    from assessments.selectors import donors as matchmaking

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert DonorOrganisation.objects.filter(offers__isnull=False).distinct().count() == 3
    shared = Need.objects.exclude(sharing="private")
    assert set(shared.values_list("administration__country", flat=True)) == {"CI", "KE"}
    assert SupportEngagement.objects.filter(status="agreed").count() == 1
    assert Interest.objects.filter(status="pending").count() == 1
    donors = matchmaking.donors_by_need(matchmaking.needs_queryset())
    assert sum(len(names) > 1 for names in donors.values()) == 1


def test_demo_starts_a_2026_diagnostic_in_the_newest_edition_from_a_2021_edition_one(
    content, settings
):
    from assessments import editions
    from assessments.content import load_content
    from tests.conftest import ROOT

    newest = load_content(ROOT / "fixtures" / "safe-2025.yaml").framework
    editions.load_mapping(ROOT / "fixtures" / "safe-2021-to-2025.yaml")
    settings.DEBUG = True
    call_command("seed_demo")
    diagnostic = Assessment.objects.get(administration__country="VN", framework=newest)
    older = diagnostic.previous
    assert older.framework == content and older.status == "submitted"
    copied = set(diagnostic.answers.values_list("question__code", flat=True))
    assert copied == set(older.answers.values_list("question__code", flat=True))
    assert not copied & {"NA-RM-25", "NA-AEO-35"}  # new in 2025: left to answer


def test_demo_needs_of_cote_divoire_fund_its_plan_actions(content, settings):
    from assessments.models import Need

    settings.DEBUG = True
    call_command("seed_demo")
    linked = Need.objects.filter(administration__country="CI", actions__isnull=False)
    assert linked.exists()
    risk_engine = Need.objects.get(title="Risk engine fed by advance cargo data")
    assert risk_engine.actions.filter(funding_source="donor_secured").exists()
