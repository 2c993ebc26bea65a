"""Playwright against pytest-django's live server, with Debian's Chromium (never
`playwright install`). People log in through the real login form."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Logging in through the form hashes the password on every test: keep it cheap here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(page: Page):
    """Fail fast: a missing element should not cost the default 30 s."""
    page.set_default_timeout(5_000)
    # The first page a fresh live server sends (imports, fonts, first queries) can take longer
    # than a later one on a loaded machine: navigation gets more room than element lookups.
    page.set_default_navigation_timeout(20_000)
    expect.set_options(timeout=5_000)
    return page


def log_in(page: Page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def log_out(page: Page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
