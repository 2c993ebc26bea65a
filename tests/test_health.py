"""/healthz for load balancers, the friendly page during a database outage, structured logs."""

import json
import logging

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from wcosafe.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_without_login_or_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "storage": "ok"},
    }
    assert "sessionid" not in response.cookies and "no-cache" in response["Cache-Control"]


def test_healthz_fails_when_a_migration_is_not_applied(client):
    MigrationRecorder.Migration.objects.filter(app="assessments").order_by("-id")[:1].get().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "failed"


def test_healthz_fails_when_evidence_storage_is_not_writable(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "evidence")},
        },
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "storage": "failed",
    }


def test_a_database_failure_shows_a_friendly_503_page(client, editor):
    client.force_login(editor)
    client.raise_request_exception = False
    with connection.cursor() as cursor:  # the session table is gone: every lookup fails
        cursor.execute("DROP TABLE django_session")
    response = client.get(reverse("home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Temporarily unavailable" in html and "try again" in html
    assert response["X-Request-ID"] in html  # the reference to quote to support


def test_other_errors_show_the_500_page(client, editor, settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    response = client.get("/fail")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_each_request_is_logged_with_its_id_as_json(client, caplog):
    with caplog.at_level(logging.INFO, logger="wcosafe.request"):
        response = client.get(reverse("login"), HTTP_X_REQUEST_ID="abcdef123456")
    [record] = [r for r in caplog.records if r.name == "wcosafe.request"]
    assert (record.method, record.path, record.status) == ("GET", "/accounts/login/", 200)
    assert response["X-Request-ID"] == "abcdef123456"
    from wcosafe.logs import request_id_var

    token = request_id_var.set("abcdef123456")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abcdef123456" and line["status"] == 200
    assert line["level"] == "INFO" and line["message"] == "request"
