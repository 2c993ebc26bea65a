"""A coordinator manages who works on the administration's assessments."""

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Membership

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
