"""/healthz for load balancers, the friendly page during a database outage, structured logs."""

import json
import logging

import pytest
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


@pytest.mark.parametrize("url", ["/database-away", "/connection-closed"])
def test_a_database_outage_shows_a_friendly_503_page(
    client, editor, settings, url, django_assert_num_queries
):
    settings.ROOT_URLCONF = "tests.failing_urls"  # raise what psycopg raises in an outage
    client.force_login(editor)
    client.raise_request_exception = False
    with django_assert_num_queries(0):  # the page itself never asks the database again
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Temporarily unavailable" in html and "try again" in html
    assert "Nothing you had already saved is lost." in html
    assert response["X-Request-ID"] in html  # the reference to quote to support


def test_the_outage_page_speaks_french(client, settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    response = client.get("/database-away", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Momentanément indisponible" in html
    assert "Rien de ce que vous aviez déjà enregistré n" in html


def test_other_errors_show_the_500_page(client, editor, settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    client.raise_request_exception = False
    for url in ("/fail", "/integrity"):  # a defect, even a database one, is not an outage
        response = client.get(url)
        assert response.status_code == 500
        assert "Something went wrong" in response.content.decode()
        assert "Retry-After" not in response


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
