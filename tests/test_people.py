"""A coordinator manages who works on the administration's assessments."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Invitation, Membership

pytestmark = pytest.mark.django_db


def people_url(administration):
    return reverse("people", args=[administration.pk])


def test_coordinator_adds_a_new_editor_who_gets_an_email(client, coordinator, administration,
                                                         django_user_model):  # fmt: skip
    client.force_login(coordinator)
    response = client.post(
        people_url(administration),
        {"email": "awa@douanes.ci", "first_name": "Awa", "last_name": "Traoré", "role": "editor"},
    )
    assert response.status_code == 302
    person = django_user_model.objects.get(email="awa@douanes.ci")
    assert not person.has_usable_password()
    assert Membership.objects.filter(
        user=person, role="editor", administration=administration
    ).exists()
    assert len(mail.outbox) == 1 and "/accounts/reset/" in mail.outbox[0].body
    assert "Awa Traoré" in client.get(people_url(administration)).content.decode()


def test_form_with_errors_keeps_what_was_typed(client, coordinator, administration):
    client.force_login(coordinator)
    response = client.post(
        people_url(administration),
        {"email": "not-an-address", "first_name": "Awa", "last_name": "Traoré", "role": "editor"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Awa"' in html and 'value="not-an-address"' in html


def test_coordinator_removes_an_editor_but_not_the_last_coordinator(client, coordinator, editor,
                                                                    administration):  # fmt: skip
    client.force_login(coordinator)
    editor_role = Membership.objects.get(user=editor)
    client.post(people_url(administration), {"remove": editor_role.pk})
    assert not Membership.objects.filter(pk=editor_role.pk).exists()
    own = Membership.objects.get(user=coordinator)
    response = client.post(people_url(administration), {"remove": own.pk}, follow=True)
    assert "at least one coordinator" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("who", ["editor", "reviewer", "donor", "other_editor"])
def test_only_the_coordinator_may_manage_people(client, request, administration, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(people_url(administration)).status_code == 404
    response = client.post(
        people_url(administration),
        {"email": "x@example.org", "first_name": "X", "last_name": "Y", "role": "coordinator"},
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(role="coordinator", user__email="x@example.org").exists()


def test_coordinator_cannot_remove_roles_of_another_administration(client, coordinator,
                                                                   other_editor):  # fmt: skip
    client.force_login(coordinator)
    role = Membership.objects.get(user=other_editor)
    own_administration = Membership.objects.get(user=coordinator).administration
    assert client.post(people_url(own_administration), {"remove": role.pk}).status_code == 404
    assert Membership.objects.filter(pk=role.pk).exists()


def test_a_role_id_that_is_not_a_number_is_not_found(client, coordinator, administration):
    client.force_login(coordinator)
    for value in ("abc", "", "1.5", "-1", "١"):
        response = client.post(people_url(administration), {"remove": value})
        assert response.status_code == 404, value
    assert Membership.objects.filter(user=coordinator).exists()


def invite_other_editor(client, coordinator, administration, other_editor, role="coordinator"):
    client.force_login(coordinator)
    return client.post(
        people_url(administration),
        {"email": other_editor.email.upper(), "first_name": "X", "last_name": "Y", "role": role},
        follow=True,
    )


def test_an_existing_account_is_invited_never_silently_given_a_role(
    client, coordinator, administration, other_editor
):
    response = invite_other_editor(client, coordinator, administration, other_editor)
    html = response.content.decode()
    assert "sent an invitation" in html
    assert "Invitations waiting for an answer" in html and other_editor.email in html
    assert not Membership.objects.filter(user=other_editor, administration=administration).exists()
    invitation = Invitation.objects.get(user=other_editor, administration=administration)
    assert invitation.status == "pending" and invitation.invited_by == coordinator
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [other_editor.email]
    body = mail.outbox[0].body
    assert f"/invitations/{invitation.token}/" in body
    assert "Nothing changes until you accept" in body  # English
    assert "Rien ne change tant que vous n'acceptez pas" in body  # and French


def test_inviting_twice_sends_one_pending_invitation(client, coordinator, administration,
                                                     other_editor):  # fmt: skip
    invite_other_editor(client, coordinator, administration, other_editor)
    invite_other_editor(client, coordinator, administration, other_editor)
    assert Invitation.objects.filter(user=other_editor, status="pending").count() == 1


def test_the_invited_person_accepts_and_holds_the_role(client, coordinator, administration,
                                                       other_editor):  # fmt: skip
    invite_other_editor(client, coordinator, administration, other_editor)
    invitation = Invitation.objects.get(user=other_editor)
    client.force_login(other_editor)
    url = reverse("invitation", args=[invitation.token])
    assert administration.name in client.get(url).content.decode()
    response = client.post(url, {"answer": "accept"}, follow=True)
    assert "Invitation accepted" in response.content.decode()
    assert Membership.objects.filter(
        user=other_editor, administration=administration, role="coordinator"
    ).exists()
    again = client.post(url, {"answer": "decline"}, follow=True)
    assert "already been answered" in again.content.decode()
    assert Membership.objects.filter(user=other_editor, administration=administration).exists()


def test_declining_changes_nothing(client, coordinator, administration, other_editor):
    invite_other_editor(client, coordinator, administration, other_editor)
    invitation = Invitation.objects.get(user=other_editor)
    client.force_login(other_editor)
    client.post(reverse("invitation", args=[invitation.token]), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Membership.objects.filter(user=other_editor, administration=administration).exists()


@pytest.mark.parametrize("who", ["coordinator", "editor", "reviewer", "nobody"])
def test_only_the_invited_person_may_answer(client, request, administration, other_editor, who):
    coordinator = request.getfixturevalue("coordinator")
    invite_other_editor(client, coordinator, administration, other_editor)
    invitation = Invitation.objects.get(user=other_editor)
    client.force_login(request.getfixturevalue(who))
    url = reverse("invitation", args=[invitation.token])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "accept"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not Membership.objects.filter(user=other_editor, administration=administration).exists()


def test_an_administrator_sees_invitations_in_the_admin(
    client, coordinator, administration, other_editor, django_user_model
):
    invite_other_editor(client, coordinator, administration, other_editor)
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(admin)
    html = client.get(reverse("admin:assessments_invitation_changelist")).content.decode()
    assert other_editor.username in html and administration.name in html
