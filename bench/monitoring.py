"""Monitoring pages with 5 and with 50 indicators of 100 measurements each, side by side with a
minimal Django page: the overview (a chart per indicator), an indicator, a review, the
progress report (PDF).

Run from the project root: .venv/bin/python bench/monitoring.py
Ends with one line of key=value pairs; exits non-zero if it could not measure.
"""

import os
import sys
from datetime import date, timedelta

from _setup import ROOT, median_of  # noqa: E402  (sets Django up first)
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from assessments import services  # noqa: E402
from assessments.content import load_content  # noqa: E402
from assessments.models import (  # noqa: E402
    Administration,
    Indicator,
    Measurement,
    Membership,
    Question,
    Region,
)

RUNS = int(os.environ.get("BENCH_RUNS", "10"))


def add_indicators(administration, first, n):
    today = date.today()
    for i in range(first, first + n):
        indicator = services.save_indicator(
            None,
            Indicator(administration=administration, name=f"Indicator {i}", unit="percentage",
                      baseline_value=20, baseline_date=today - timedelta(days=500),
                      target_value=80, target_date=today + timedelta(days=300),
                      disclosure="reviewers"),
        )  # fmt: skip
        Measurement.objects.bulk_create(
            Measurement(indicator=indicator, measured_on=today - timedelta(days=400 - d),
                        value=20 + d * 0.5)
            for d in range(100)
        )  # fmt: skip
    return indicator


def world():
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    framework = load_content(ROOT / "tests" / "data" / "tiny.yaml").framework
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_user("bench", password="bench-password-1")
    reviewer = User.objects.create_user("bench-reviewer", password="bench-password-1")
    administration = Administration.objects.create(
        name="Bench customs", country="CI", region=Region.objects.first()
    )
    Membership.objects.create(user=user, role="coordinator", administration=administration)
    Membership.objects.create(user=reviewer, role="reviewer")
    needs = framework.phases.get(number=1)
    scored = Question.objects.filter(phase=needs).exclude(answer_type="text")
    answers = {
        q: ({"maturity": 1} if q.answer_type == "maturity" else {"yes_no": False}, None)
        for q in scored
    }
    baseline = services.start_assessment(
        user, administration, needs, "Baseline", date(2024, 1, 1), date(2024, 12, 31)
    )
    services.save_answers(user, baseline, answers)
    services.submit(user, baseline)
    services.validate(reviewer, baseline, "ok")
    follow_up = services.start_assessment(
        user, administration, needs, "Follow-up", date(2026, 1, 1), date(2026, 12, 31)
    )
    services.save_answers(user, follow_up, answers)
    review = services.start_review(
        user, administration, "Review", date.today(), baseline, follow_up
    )
    return user, administration, review


def measure(client, urls):
    return {name: median_of(lambda u=url: client.get(u), RUNS) for name, url in urls.items()}


def main():
    user, administration, review = world()
    client = Client()
    client.force_login(user)
    with override_settings(ROOT_URLCONF="ping_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        last = add_indicators(administration, 0, 5)
        urls = {
            "overview": f"/administrations/{administration.pk}/monitoring/",
            "indicator": f"/indicators/{last.pk}/",
            "review": f"/reviews/{review.pk}/",
            "progress_pdf": f"/reviews/{review.pk}/progress-report.pdf",
        }
        for url in urls.values():
            assert client.get(url).status_code == 200, url
        minimal = median_of(lambda: client.get("/ping/"), RUNS)
        small = measure(client, urls)
        add_indicators(administration, 5, 45)
        large = measure(client, urls)
    if minimal <= 0:
        print("could not measure the minimal page")
        return 1
    print(f"{'page':<16}{'5 ind. ms':>12}{'50 ind. ms':>12}{'50/5':>8}")
    for name in urls:
        print(f"{name:<16}{small[name] * 1000:>12.1f}{large[name] * 1000:>12.1f}"
              f"{large[name] / small[name]:>8.1f}")  # fmt: skip
    print(
        " ".join(f"{name}_50_over_5={large[name] / small[name]:.1f}" for name in urls)
        + f" overview_50_vs_minimal={large['overview'] / minimal:.0f} runs={RUNS}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
