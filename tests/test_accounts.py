"""Log in, log out, password change and reset, and throttling of failed logins."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_log_in_and_out(client, editor):
    response = client.post(reverse("login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_wrong_password_keeps_the_username_and_says_so(client, editor):
    response = client.post(reverse("login"), {"username": "editor", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="editor"' in html
    assert "correct username and password" in html


def test_repeated_failures_lock_the_account_with_a_clear_message(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "editor", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert client.get("/").status_code == 302  # still not logged in


def test_password_change(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "n3w-Passphrase!x",
            "new_password2": "n3w-Passphrase!x",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("n3w-Passphrase!x")


def test_password_reset_sends_a_link(client, editor):
    response = client.post(reverse("password_reset"), {"email": "editor@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
