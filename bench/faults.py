"""PostgreSQL restarted during load: what people see while it is away, and that nothing is lost.

The production run of bench/load.py (gunicorn with scripts/gunicorn.conf.py, PostgreSQL, its
own database BENCH_DB, default faultbench): 20 editors autosave (10 without think time, 10 with
~1 s; 5 of them share one question) and 2 readers open sections and results, plus two visitors
who open the home page every half second, one in English and one in French, to see the page
people get. After BENCH_BEFORE s (default 15) PostgreSQL is stopped (fast shutdown: open
connections are cut, as in a crash or a restart), stays down BENCH_DOWN s (default 3), is
started again, and the load runs BENCH_AFTER s more (default 20).

Requests are sorted by when they ran: "before" (ended before the stop), "outage" (overlapped
the window from the stop to PostgreSQL accepting connections again, `pg_isready`) and "after"
(started once it accepts them). Reports 5xx in each (after must be 0: connections kept across
requests are health-checked, CONN_HEALTH_CHECKS), whether each 5xx was the friendly 503 page
(with Retry-After) in the visitor's language or something else, the time from PostgreSQL's
return to the first save acknowledged, and every acknowledged save checked in the database as
bench/load.py does (lost=0).

PostgreSQL here is shared with other work: the bench restarts it once, briefly, and starts it
again whatever happens. The cluster is BENCH_PG_CLUSTER (default: the one in /etc/postgresql,
"main"); it needs to run as root or postgres.

    .venv/bin/python bench/faults.py
"""

import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from load import (
    CSRF,
    WARM_SECONDS,
    Stats,
    bench_env,
    editor_loop,
    gunicorn,
    prepare,
    reader_loop,
    verify,
)

DB = os.environ.get("BENCH_DB", "faultbench")
BEFORE = float(os.environ.get("BENCH_BEFORE", "15"))
DOWN = float(os.environ.get("BENCH_DOWN", "3"))
AFTER = float(os.environ.get("BENCH_AFTER", "20"))
PAGES = {  # what the 503 page says, by language (templates/503.html)
    "en": b"Temporarily unavailable",
    "fr": "Momentanément indisponible".encode(),
}


def cluster():
    given = os.environ.get("BENCH_PG_CLUSTER")
    if given:
        return given.split()
    return [sorted(os.listdir("/etc/postgresql"))[-1], "main"]


def pg_ctl(*action):
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster(), *action]
    subprocess.run(command, check=True, capture_output=True)


def pg_ready():
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0


class FaultStats(Stats):
    """Stats with when each request ran, and what each 5xx page was."""

    def __init__(self):
        super().__init__()
        self.timeline = []  # (started, ended, kind, status, page)

    def record(self, phase, kind, status, seconds, body=b""):
        super().record(phase, kind, status, seconds, body)
        ended = time.monotonic()
        page = ""
        if isinstance(status, int) and status >= 500:
            page = next((lang for lang, text in PAGES.items() if text in body), "other")
        with self.lock:
            self.timeline.append((ended - seconds, ended, kind, status, page))


def visitor_loop(port, session, language, stats, phase, stop, seen):
    """Someone opening the home page in `language`; keeps the headers of a 503 page."""
    while not stop.is_set():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.monotonic()
        try:
            connection.request(
                "GET",
                "/",
                headers={
                    "Cookie": f"sessionid={session}; csrftoken={CSRF}",
                    "Accept-Language": language,
                    "Host": "127.0.0.1",
                },
            )
            response = connection.getresponse()
            status, body = response.status, response.read()
            if status == 503:
                with stats.lock:
                    seen[(language, response.getheader("Retry-After"))] += 1
        except (OSError, http.client.HTTPException):
            status, body = "conn_error", b""
        finally:
            connection.close()
        stats.record(phase[0], f"home_{language}", status, time.monotonic() - started, body)
        stop.wait(0.5)


def restart_postgres():
    """Stop (fast: cuts every connection), stay down DOWN s, start; (stopped, ready) times."""
    stopped = time.monotonic()
    try:
        pg_ctl("stop", "-m", "fast")
        time.sleep(DOWN)
    finally:
        pg_ctl("start")
    while not pg_ready():
        time.sleep(0.05)
    return stopped, time.monotonic()


def windows(stats, stopped, ready):
    """5xx, statuses and the friendly page per window; first save acknowledged after return."""
    fives, statuses, pages = Counter(), Counter(), Counter()
    first_ok = None
    for started, ended, kind, status, page in stats.timeline:
        window = "before" if ended < stopped else "after" if started >= ready else "outage"
        statuses[(window, status)] += 1
        if isinstance(status, int) and status >= 500:
            fives[window] += 1
            pages[(window, page)] += 1
        if window == "after" and kind == "autosave" and status == 200:
            first_ok = min(first_ok or ended, ended)
    return fives, statuses, pages, (first_ok - ready) if first_ok else float("nan")


def main():
    tmp = Path(tempfile.mkdtemp(prefix="faultbench-"))
    env = bench_env(tmp, DB)
    setup = prepare(env, DB)
    seen = Counter()  # (language, Retry-After) of 503 pages
    try:
        with gunicorn(env, tmp) as (_server, port):
            stats, phase, stop = FaultStats(), ["warm"], threading.Event()
            threads = (
                [
                    threading.Thread(
                        target=editor_loop, args=(port, info, n, setup, stats, phase, stop)
                    )
                    for n, info in enumerate(setup["editors"])
                ]
                + [
                    threading.Thread(target=reader_loop, args=(port, setup, stats, phase, stop))
                    for _ in range(2)
                ]
                + [
                    threading.Thread(
                        target=visitor_loop,
                        args=(port, setup["reviewer"], lang, stats, phase, stop, seen),
                    )
                    for lang in PAGES
                ]
            )
            for t in threads:
                t.start()
            time.sleep(WARM_SECONDS)
            phase[0] = "before"
            time.sleep(BEFORE - WARM_SECONDS)
            phase[0] = "outage"
            stopped, ready = restart_postgres()
            phase[0] = "after"
            time.sleep(AFTER)
            stop.set()
            for t in threads:
                t.join(timeout=130)
    finally:
        if not pg_ready():  # never leave the shared server down
            pg_ctl("start")
    result = verify(env, stats, setup["assessment"])
    fives, statuses, pages, recovery = windows(stats, stopped, ready)
    print(f"PostgreSQL stopped for {ready - stopped:.1f} s (down {DOWN:.0f} s + start)")
    for window in ("before", "outage", "after"):
        counts = {str(s): n for (w, s), n in sorted(statuses.items(), key=str) if w == window}
        print(f"  {window:6} statuses {counts}")
    shown = {f"{window}:{page}": n for (window, page), n in sorted(pages.items())}
    print(f"  5xx pages: {shown}")
    print(f"  503 seen by visitors (language, Retry-After): {dict(seen)}")
    print(
        f"  history: lost={result['lost']} version gaps={result['gaps']} "
        f"chain breaks={result['breaks']} self-conflicts={stats.self_conflicts}"
    )
    unfriendly = sum(n for (w, p), n in pages.items() if p == "other")
    print(
        f"lost={result['lost']} errors_5xx_after={fives['after']} "
        f"errors_5xx_outage={fives['outage']} unfriendly_5xx={unfriendly} "
        f"outage_s={ready - stopped:.1f} first_save_after_s={recovery:.2f} "
        f"acknowledged={len(stats.acks)} gaps={result['gaps']} breaks={result['breaks']}"
    )
    ok = result["lost"] == 0 and fives["after"] == 0 and unfriendly == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
