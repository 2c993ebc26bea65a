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
