"""Render and save a 40-question section, side by side with a minimal Django page.

Run from the project root: .venv/bin/python bench/questionnaire.py
Ends with one line of key=value pairs; exits non-zero if it could not measure.
"""

import os
import sys
import tempfile
from pathlib import Path

from _setup import ROOT, median_of  # noqa: E402  (sets Django up first)
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from assessments import services  # noqa: E402
from assessments.content import load_content  # noqa: E402
from assessments.models import Administration, Membership, Region  # noqa: E402
from tests.factories import framework_yaml  # noqa: E402

QUESTIONS = 40
RUNS = int(os.environ.get("BENCH_RUNS", "30"))


def main():
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    framework = load_content(
        framework_yaml(Path(tempfile.mkdtemp()) / "f.yaml", QUESTIONS)
    ).framework
    from django.contrib.auth.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_user("bench", password="bench-password-1")
    administration = Administration.objects.create(
        name="Bench customs", country="CI", region=Region.objects.first()
    )
    Membership.objects.create(user=user, role="editor", administration=administration)
    from datetime import date

    assessment = services.start_assessment(
        user, administration, framework.phases.get(number=1), "Bench", date(2026, 1, 1),
        date(2026, 12, 31),
    )  # fmt: skip
    questions = list(framework.questions.all())
    client = Client()
    client.force_login(user)
    url = f"/assessments/{assessment.pk}/sections/AEI/"
    level = [0]

    def save():
        level[0] = (level[0] + 1) % 5
        versions = dict(assessment.answers.values_list("question_id", "version"))
        data = {}
        for q in questions:
            data[f"q{q.pk}-value"] = str(level[0])
            data[f"q{q.pk}-version"] = versions.get(q.pk, 0)
            data[f"q{q.pk}-comment"] = "A comment"
        response = client.post(url, data)
        assert response.status_code == 302, response.status_code

    def render_section():
        response = client.get(url)
        assert response.status_code == 200 and response.content.count(b"question-card") >= QUESTIONS

    def render_minimal():
        assert client.get("/ping/").status_code == 200

    with override_settings(ROOT_URLCONF="ping_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        save()  # so the rendered page shows answers
        minimal = median_of(render_minimal, RUNS)
        section = median_of(render_section, RUNS)
        saving = median_of(save, RUNS)
    if minimal <= 0:
        print("could not measure the minimal page")
        return 1
    print(f"{'what':<34}{'median ms':>10}")
    print(f"{'minimal Django page':<34}{minimal * 1000:>10.2f}")
    print(f"{f'render a {QUESTIONS}-question section':<34}{section * 1000:>10.2f}")
    print(f"{f'save a {QUESTIONS}-question section':<34}{saving * 1000:>10.2f}")
    print(
        f"render_median_s={section:.4f} save_median_s={saving:.4f} minimal_median_s={minimal:.5f} "
        f"render_ratio_vs_minimal={section / minimal:.1f} "
        f"save_ratio_vs_minimal={saving / minimal:.1f} questions={QUESTIONS} runs={RUNS}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
