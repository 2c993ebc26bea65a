"""What the bench scripts share: Django on a throw-away SQLite database, and a median timer.

Import it first, before anything from Django or the project:

    from _setup import ROOT, median_of  # sets Django up on a new SQLite file in /tmp

The scripts run as `python bench/<name>.py`, so this directory is on the import path.
`ping_urls` is the URLconf with a /ping/ page, the cheapest answer the stack can give.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"

sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wcosafe.settings")

import django  # noqa: E402

django.setup()


def median_of(action, runs):
    """Median wall time of `action` over `runs` calls, after one warm-up call."""
    action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
