"""Settings come from the environment with safe local defaults."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def settings_value(expression, **env):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment |= {"DJANGO_SETTINGS_MODULE": "wcosafe.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_sqlite_in_the_project_by_default():
    out = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']"
    )
    assert "django.db.backends.sqlite3" in out.stdout
    assert str(ROOT / "db.sqlite3") in out.stdout


def test_database_url_selects_postgresql():
    out = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/safe",
    )
    assert "django.db.backends.postgresql" in out.stdout
    assert "safe" in out.stdout


def test_production_refuses_to_start_without_a_secret_key():
    out = settings_value("settings.DEBUG", DEBUG="0", SECRET_KEY="")
    assert out.returncode != 0
    assert "SECRET_KEY must be set" in out.stderr


def test_deploy_checks_are_clean_under_production_settings():
    # Only the test process runs with async safety off (Playwright); production must not.
    leave_out = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
    environment |= {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64 + "-production-like-secret-for-the-deploy-check",
        "ALLOWED_HOSTS": "safe.example.org",
    }
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout


def test_connections_are_checked_before_reuse():
    out = settings_value("settings.DATABASES['default']['CONN_HEALTH_CHECKS']")
    assert out.stdout.strip() == "True"


def test_report_cache_is_local_memory_unless_configured():
    expression = "settings.CACHES['default']['BACKEND']"
    assert "LocMemCache" in settings_value(expression).stdout
    redis = settings_value(expression, CACHE_URL="redis://127.0.0.1:6379/1")
    assert "RedisCache" in redis.stdout
    assert "FileBasedCache" in settings_value(expression, CACHE_URL="file:///tmp/c").stdout


def test_evidence_storage_comes_from_settings():
    expression = "settings.STORAGES['default']['BACKEND']"
    assert "FileSystemStorage" in settings_value(expression).stdout
    s3 = settings_value(expression, EVIDENCE_STORAGE="storages.backends.s3.S3Storage")
    assert "storages.backends.s3.S3Storage" in s3.stdout


def test_gunicorn_uses_threaded_workers_so_slow_clients_do_not_starve_others():
    config = {}
    exec((ROOT / "scripts" / "gunicorn.conf.py").read_text(), config)  # noqa: S102
    assert config["worker_class"] == "gthread" and config["threads"] >= 4
