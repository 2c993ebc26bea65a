"""The programme page, the plan page and the plan PDF, side by side with the login page.

Run from the project root: .venv/bin/python bench/plan_pages.py
Uses the demo world (seed_demo: Côte d'Ivoire's adopted plan), then the same plan grown to 200
actions. Target: each page within 10x the login page. Ends with one line of key=value pairs.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wcosafe.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments import services  # noqa: E402
from assessments.models import Plan  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def median_of(action, runs=RUNS):
    action()  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def get(client, url):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def main():
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    call_command("load_framework", str(ROOT / "fixtures" / "safe-2021.yaml"), verbosity=0)
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = Plan.objects.get(administration__country="CI")
    coordinator = User.objects.get(username="coordinator")
    client, anonymous = Client(), Client()
    client.force_login(coordinator)
    pages = {
        "programme": f"/administrations/{plan.administration_id}/programme/",
        "plan": f"/plans/{plan.pk}/",
        "plan_pdf": f"/plans/{plan.pk}/report.pdf",
    }
    results = {}
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        results["login"] = median_of(get(anonymous, "/accounts/login/"))
        n_small = plan.actions.count()
        for name, url in pages.items():
            results[f"{name}_{n_small}"] = median_of(get(client, url))
        today = timezone.localdate()
        editor = User.objects.get(username="editor")
        for i in range(200 - n_small):
            services.add_action(editor, plan, f"Bench action {i}", start_date=today,
                                due_date=today + timedelta(days=30 + i))  # fmt: skip
        for name, url in pages.items():
            results[f"{name}_200"] = median_of(get(client, url))
    login = results["login"]
    print(f"{'what':<24}{'median ms':>10}{'x login':>9}")
    for name, seconds in results.items():
        print(f"{name:<24}{seconds * 1000:>10.1f}{seconds / login:>9.1f}")
    ratios = " ".join(f"{name}_ratio={seconds / login:.1f}" for name, seconds in results.items()
                      if name != "login")  # fmt: skip
    print(f"login_median_s={login:.4f} {ratios} actions_small={n_small} runs={RUNS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
