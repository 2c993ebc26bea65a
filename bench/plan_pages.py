"""The programme page, the plan page and the plan PDF, side by side with the login page.

Run from the project root: .venv/bin/python bench/plan_pages.py   (BENCH_RUNS=15 by default)
Uses the demo world (seed_demo: Côte d'Ivoire's adopted plan), then the same plan grown to 200
actions. Target: each HTML page within 10x the login page, at both sizes.

The login page is measured in the same run, just before the pages of each size, the way
bench/pages.py measures it (RUNS requests in a row per page, after a warm-up); the medians of
CPU time (steadier than wall time on a shared machine) give the ratios, wall time beside.
Ends with one line of key=value pairs; exits non-zero if a page did not answer 200.
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
TARGET = 10  # every HTML page at most this many times the login page
HTML = ("programme", "plan")


def timed(client, url):
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return wall, cpu


def measure(anonymous, client, pages, size):
    """{name: (median wall, median cpu)} of the login page, then of each page."""
    asked = {"login": (anonymous, "/accounts/login/")}
    asked |= {f"{name}_{size}": (client, url) for name, url in pages.items()}
    found = {}
    for name, (who, url) in asked.items():
        timed(who, url)  # warm-up (and a first check)
        runs = [timed(who, url) for _ in range(RUNS)]
        found[name] = (
            statistics.median(w for w, _c in runs),
            statistics.median(c for _w, c in runs),
        )
    return found


def main():
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    call_command("load_framework", str(ROOT / "fixtures" / "safe-2021.yaml"), verbosity=0)
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    plan = Plan.objects.get(administration__country="CI")
    client, anonymous = Client(), Client()
    client.force_login(User.objects.get(username="coordinator"))
    pages = {
        "programme": f"/administrations/{plan.administration_id}/programme/",
        "plan": f"/plans/{plan.pk}/",
        "plan_pdf": f"/plans/{plan.pk}/report.pdf",
    }
    results = {}
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        n_small = plan.actions.count()
        small = measure(anonymous, client, pages, n_small)
        today = timezone.localdate()
        editor = User.objects.get(username="editor")
        for i in range(200 - n_small):
            services.add_action(editor, plan, f"Bench action {i}", start_date=today,
                                due_date=today + timedelta(days=30 + i))  # fmt: skip
        large = measure(anonymous, client, pages, 200)
    # Each size against the login page of its own rounds.
    for label, found in (("small", small), ("large", large)):
        login_wall, login_cpu = found.pop("login")
        results[f"login_{label}"] = (login_wall, login_cpu, 1.0, 1.0)
        for name, (wall, cpu) in found.items():
            results[name] = (wall, cpu, wall / login_wall, cpu / login_cpu)
    print(f"{'what':<16}{'wall ms':>9}{'x login':>9}{'cpu ms':>9}{'x login':>9}")
    for name, (wall, cpu, wall_x, cpu_x) in results.items():
        held = name.rsplit("_", 1)[0] in HTML
        mark = "" if not held else ("  ok" if cpu_x <= TARGET else f"  > {TARGET}x")
        print(f"{name:<16}{wall * 1000:9.1f}{wall_x:9.1f}{cpu * 1000:9.1f}{cpu_x:9.1f}{mark}")
    pairs = " ".join(
        f"{name}_x={cpu_x:.1f}" for name, (*_t, cpu_x) in results.items() if "login" not in name
    )
    worst = max(v[3] for n, v in results.items() if n.rsplit("_", 1)[0] in HTML)
    login_ms = 1000 * results["login_small"][1]
    print(
        f"login_cpu_ms={login_ms:.2f} {pairs} worst_html_x={worst:.1f} "
        f"actions_small={n_small} runs={RUNS}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
