"""Production hardening seen through HTTP: the Content-Security-Policy, no inline script, login
lockout behind a reverse proxy, oversized bodies refused unread, request ids."""

import re

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_every_page_sends_a_policy_without_inline_script(client, editor, assessment):
    client.force_login(editor)
    for url in (
        reverse("home"),
        reverse("assessment_list"),
        reverse("assessment_detail", args=[assessment.pk]),
        reverse("section", args=[assessment.pk, "AEI"]),
        reverse("results", args=[assessment.pk]),
        reverse("login"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert (
            "script-src 'self';" in policy
            and "'unsafe-inline'" not in policy.split("style-src-attr")[0]
        )
        assert "unsafe-eval" not in policy and "frame-ancestors 'none'" in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert not INLINE_HANDLER.search(html), (url, INLINE_HANDLER.search(html).group(0))


def test_htmx_is_configured_for_the_policy(client, editor):
    client.force_login(editor)
    html = client.get(reverse("home")).content.decode()
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html
    assert "js/site.js" in html and "data-submit-on-change" in html


def log_in(client, username, password, address, proxy="127.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_behind_a_proxy_an_attacker_cannot_lock_a_victim_out(client, editor, settings):
    """Every request arrives from the proxy (127.0.0.1); the client is in X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    attacker, victim = "203.0.113.5", "198.51.100.7"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong", attacker)
    assert log_in(client, "editor", PASSWORD, attacker).status_code == 429
    # A forged left-hand entry is the client's own writing: still the attacker's address.
    assert log_in(client, "editor", PASSWORD, f"{victim}, {attacker}").status_code == 429
    response = log_in(client, "editor", PASSWORD, victim)
    assert response.status_code == 302 and client.get("/").status_code == 200


def test_the_lock_is_per_username_and_address(client, editor, coordinator, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong", "203.0.113.5")
    assert log_in(client, "coordinator", PASSWORD, "203.0.113.5").status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "editor", "wrong", f"203.0.113.{attempt}", proxy="192.0.2.9")
    assert log_in(client, "editor", PASSWORD, "198.51.100.7", proxy="192.0.2.9").status_code == 429


def test_an_oversized_body_is_refused_from_its_length_before_it_is_read(
    client, editor, assessment, settings
):
    client.force_login(editor)
    url = reverse("section", args=[assessment.pk, "AEI"])
    response = client.generic(
        "POST",
        url,
        b"x" * 100,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert client.generic("POST", url, b"", CONTENT_LENGTH="abc").status_code == 400


def test_every_response_carries_a_request_id(client):
    response = client.get(reverse("login"))
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    given = client.get(reverse("login"), HTTP_X_REQUEST_ID="proxy-id-12345678")
    assert given["X-Request-ID"] == "proxy-id-12345678"
    forged = client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>")
    assert forged["X-Request-ID"] != "<script>"
