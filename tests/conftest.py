"""Shared test data: a tiny framework and a few standing people, built through the same
functions the application uses."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from assessments import services
from assessments.content import load_content
from assessments.models import Administration, DonorOrganisation, Membership, Region

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there
# unless told otherwise. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
SAFE_2021 = ROOT / "fixtures" / "safe-2021.yaml"
PASSWORD = "a-long-test-password-42"  # noqa: S105


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    # Real hashers cost ~0.3 s a password: too slow for a suite that builds many people.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # cached reports must not outlive the test database they came from
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a test that switched language must not leak


@pytest.fixture
def regions(db):
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    return {r.code: r for r in Region.objects.all()}


@pytest.fixture
def tiny(db):
    """The tiny test framework (tests/data/tiny.yaml)."""
    return load_content(DATA / "tiny.yaml").framework


@pytest.fixture
def safe(db):
    """The full SAFE 2021 content shipped in fixtures/."""
    return load_content(SAFE_2021).framework


@pytest.fixture
def administration(regions):
    return Administration.objects.create(
        name="Direction générale des douanes", country="CI", region=regions["WCA"]
    )


@pytest.fixture
def other_administration(regions):
    return Administration.objects.create(
        name="Kenya Revenue Authority", country="KE", region=regions["ESA"]
    )


def make_person(django_user_model, username, role, administration=None, donor=None):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title()
    )
    if role:
        Membership.objects.create(
            user=user, role=role, administration=administration, donor_organisation=donor
        )
    return user


@pytest.fixture
def editor(django_user_model, administration):
    return make_person(django_user_model, "editor", Membership.Role.EDITOR, administration)


@pytest.fixture
def coordinator(django_user_model, administration):
    return make_person(
        django_user_model, "coordinator", Membership.Role.COORDINATOR, administration
    )


@pytest.fixture
def other_editor(django_user_model, other_administration):
    return make_person(
        django_user_model, "other-editor", Membership.Role.EDITOR, other_administration
    )


@pytest.fixture
def reviewer(django_user_model):
    return make_person(django_user_model, "reviewer", Membership.Role.REVIEWER)


@pytest.fixture
def donor(django_user_model):
    organisation = DonorOrganisation.objects.create(name="Trade Facilitation Fund")
    return make_person(django_user_model, "donor", Membership.Role.DONOR, donor=organisation)


@pytest.fixture
def nobody(django_user_model):
    return make_person(django_user_model, "nobody", None)


def start(user, administration, framework, phase=1, **kwargs):
    return services.start_assessment(
        user,
        administration,
        framework.phases.get(number=phase),
        kwargs.pop("title", "Needs assessment 2026"),
        date(2026, 1, 1),
        date(2026, 12, 31),
        **kwargs,
    )


@pytest.fixture
def assessment(editor, administration, tiny):
    return start(editor, administration, tiny)


@pytest.fixture
def other_assessment(other_editor, other_administration, tiny):
    return start(other_editor, other_administration, tiny)
