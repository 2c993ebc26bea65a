"""The reviewers' overview at 20, 60 and 186 administrations (three full cycles each), side by
side with the login page.

Run from the project root: .venv/bin/python bench/overview.py
Growth should be no worse than linear: largest / smallest <= 186 / 20 = 9.3.
Times are this process's CPU time (the database is SQLite, in the same process), so that other
programs on a shared machine do not blur the ratios; the wall-clock medians are printed too.
Ends with one line of key=value pairs; exits non-zero if it could not measure.
"""

import csv
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp())
os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wcosafe.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from assessments.content import load_content  # noqa: E402
from assessments.management.scale import MEMBERS, members, seed_full  # noqa: E402
from assessments.models import Membership  # noqa: E402

SIZES = (20, 60, 186)
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def median_of(action, runs=RUNS):
    """(median CPU seconds, median wall seconds) of `action` after one warm-up run."""
    action()
    cpu, wall = [], []
    for _ in range(runs):
        started, started_wall = time.process_time(), time.perf_counter()
        action()
        cpu.append(time.process_time() - started)
        wall.append(time.perf_counter() - started_wall)
    return statistics.median(cpu), statistics.median(wall)


def first_members(n):
    """A members file with the first n rows, spread over the regions (every k-th row)."""
    rows = members(MEMBERS)
    step = len(rows) / n
    chosen = [rows[int(i * step)] for i in range(n)]
    path = TMP / f"members-{n}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["iso", "name", "region", "certain"])
        writer.writeheader()
        writer.writerows(chosen)
    return path


def main():
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    framework = load_content(ROOT / "fixtures" / "safe-2021.yaml").framework
    from django.contrib.auth.models import User

    reviewer = User.objects.create_user("reviewer", password="bench-password-1")
    Membership.objects.create(user=reviewer, role=Membership.Role.REVIEWER)
    client, anonymous = Client(), Client()
    client.force_login(reviewer)
    login, login_wall = median_of(lambda: anonymous.get("/accounts/login/"))
    medians, walls = {}, {}
    for size in SIZES:
        seed_full(framework, io.StringIO(), members_path=first_members(size))
        response = client.get("/overview/")
        shown = f"{size} of {size} administrations"
        if response.status_code != 200 or shown not in response.content.decode():
            print(f"overview failed at {size}: {response.status_code}", file=sys.stderr)
            return 1
        medians[size], walls[size] = median_of(lambda: client.get("/overview/"))
        print(
            f"{size:>4} administrations: overview {medians[size] * 1000:.0f} ms CPU "
            f"({walls[size] * 1000:.0f} ms wall)"
        )
    print(f"login page {login * 1000:.1f} ms CPU ({login_wall * 1000:.1f} ms wall)")
    small, large = medians[SIZES[0]], medians[SIZES[-1]]
    print(
        " ".join(
            [f"overview_{n}_ms={medians[n] * 1000:.0f}" for n in SIZES]
            + [
                f"ratio_{SIZES[-1]}_to_{SIZES[0]}={large / small:.2f}",
                f"limit={SIZES[-1] / SIZES[0]:.1f}",
                f"ratio_to_login_{SIZES[-1]}={large / login:.0f}",
                f"login_ms={login * 1000:.1f}",
            ]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
