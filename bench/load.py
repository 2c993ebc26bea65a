"""Load and faults against a production run: gunicorn (scripts/gunicorn.conf.py, threaded
workers) on 127.0.0.1 with PostgreSQL, bounded to about 60 s of traffic.

Phase 1 (baseline, BENCH_BASE s; its first 5 s, "warm", left out of the baseline percentiles):
20 editors autosave (10 with no think time, 10 with 1 s),
15 on questions of their own and 5 on one shared question (on a conflict they choose "Keep my
answer"), plus 2 readers opening sections and results. Phase 2 (BENCH_LOAD s): the same, plus
4 clients downloading PDF reports and 2 slow uploads (evidence sent at ~20 KB/s), and one
gunicorn worker killed mid-request (SIGKILL) halfway through.

Then every acknowledged save is checked in the database: its value is in the history at the
version the server acknowledged, versions are gapless and each change starts where the previous
ended. Prints requests/s, p50/p95/p99 per kind, status counts, and one key=value line.

PostgreSQL is not restarted here (bench/faults.py does that, reusing these pieces): it is shared
with other work on this machine. Killing a worker mid-request exercises a request that dies and
whose reply is lost; the next save must not be refused.

Uses its own database (BENCH_DB, default loadbench), dropped and created at the start.

    .venv/bin/python bench/load.py
"""

import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "loadbench")
BASE_SECONDS = float(os.environ.get("BENCH_BASE", "20"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD", "40"))
WARM_SECONDS = 5.0  # counted in the totals, left out of the baseline percentiles
CSRF = "b" * 32
VERSION = re.compile(rb'name="q\d+-version" value="(\d+)"')

SETUP = r"""
import json
from datetime import date
from django.test import Client
from django.contrib.auth.models import User
from assessments import services, selectors
from assessments.models import Administration, Framework, Membership, Question, Region

region = Region.objects.first()
def administration(name, country):
    return Administration.objects.create(name=name, country=country, region=region)
busy, quiet = administration("Bench customs", "KE"), administration("Bench reports", "CI")
framework = Framework.objects.get(code="safe-2021")
phase = framework.phases.get(number=1)
def person(name, role, admin=None):
    user = User.objects.create_user(name, f"{name}@bench.example", "bench-password-1")
    Membership.objects.create(user=user, role=role, administration=admin)
    return user
editors = [person(f"editor{i}", "editor", busy) for i in range(20)]
writer = person("writer", "editor", quiet)
reviewer = person("reviewer", "reviewer")
assessment = services.start_assessment(editors[0], busy, phase, "Load", date(2026, 1, 1),
                                       date(2026, 12, 31))
report = services.start_assessment(writer, quiet, phase, "Report", date(2026, 1, 1),
                                   date(2026, 12, 31))
questions = list(selectors.questions_of(assessment).filter(answer_type="maturity")
                 .select_related("focus_area").order_by("pk")[:16])
for q in selectors.questions_of(report).filter(answer_type="maturity")[:40]:
    services.save_answers(writer, report, {q: ({"maturity": 2, "comment": "Bench"}, 0)})
def session(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
out = {
    "assessment": assessment.pk,
    "report": report.pk,
    "editors": [{"session": session(e), "question": questions[min(i, 15)].pk}
                for i, e in enumerate(editors)],
    "reviewer": session(reviewer),
    "sections": sorted({q.focus_area.code for q in questions}),
    "upload_question": questions[0].pk,
}
print("BENCH" + json.dumps(out))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)  # (phase, kind) -> seconds
        self.status = Counter()  # (kind, status)
        self.acks = []  # (question, comment, version)
        self.self_conflicts = 0
        self.contention = Counter()  # client -> saves acknowledged

    def record(self, phase, kind, status, seconds, body=b""):
        with self.lock:
            self.times[(phase, kind)].append(seconds)
            self.status[(kind, status)] += 1


class Browser:
    """One person's keep-alive connection with their session cookie."""

    def __init__(self, port, session):
        self.port, self.session = port, session
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        headers = {
            "Cookie": f"sessionid={self.session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Host": "127.0.0.1",
            **(headers or {}),
        }
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                if attempt == 1 or method == "POST":
                    return "conn_error", b""
        return "conn_error", b""


def timed(stats, phase, kind, call):
    started = time.monotonic()
    status, body = call()
    stats.record(phase[0], kind, status, time.monotonic() - started, body)
    return status, body


def editor_loop(port, info, number, setup, stats, phase, stop):
    browser = Browser(port, info["session"])
    question, assessment = info["question"], setup["assessment"]
    path = f"/assessments/{assessment}/answers/{question}/autosave/"
    version, think, shared = 0, (0 if number % 2 == 0 else 1.0), number >= 15
    force = False
    while not stop.is_set():
        comment = f"e{number}-{uuid.uuid4().hex[:10]}"
        fields = {
            f"q{question}-value": str(random.randint(0, 4)),
            f"q{question}-version": str(version),
            f"q{question}-comment": comment,
        }
        if force:
            fields["force"] = str(question)
        body = "&".join(f"{k}={v}" for k, v in fields.items())
        status, reply = timed(
            stats,
            phase,
            "autosave",
            lambda body=body: browser.request(
                "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
            ),
        )
        force = False
        if status == 200:
            match = VERSION.search(reply)
            if match:
                version = int(match.group(1))
                with stats.lock:
                    stats.acks.append((question, comment, version))
                    if shared:
                        stats.contention[number] += 1
        elif status == 409:
            if not shared:
                with stats.lock:
                    stats.self_conflicts += 1  # nobody else edits this question
            force = True  # the person chooses "Keep my answer"
        elif not think:
            stop.wait(1)  # not saved (server error, connection lost): the page retries later
        if think:
            stop.wait(think * random.uniform(0.5, 1.5))


def reader_loop(port, setup, stats, phase, stop):
    browser = Browser(port, setup["reviewer"])
    pk = setup["assessment"]
    while not stop.is_set():
        code = random.choice(setup["sections"])
        timed(
            stats,
            phase,
            "section",
            lambda code=code: browser.request("GET", f"/assessments/{pk}/sections/{code}/"),
        )
        timed(
            stats, phase, "results", lambda: browser.request("GET", f"/assessments/{pk}/results/")
        )
        stop.wait(0.5)


def pdf_loop(port, setup, stats, phase, stop, busy=False):
    """A quiet assessment's report (cached after its first render), or the one being edited
    (a new version nearly every time: rendered, one render at a time)."""
    browser = Browser(port, setup["reviewer"])
    path = f"/assessments/{setup['assessment' if busy else 'report']}/report.pdf"
    while not stop.is_set():
        status, body = timed(stats, phase, "pdf", lambda: browser.request("GET", path))
        if status == 200 and not body.startswith(b"%PDF"):
            stats.record(phase[0], "pdf_invalid", status, 0)


def slow_upload_loop(port, setup, stats, phase, stop, size=200_000, rate=20_000):
    """Multipart upload sent in small pieces, as a phone on a poor line would."""
    info = setup["editors"][0]
    path = f"/assessments/{setup['assessment']}/questions/{setup['upload_question']}/"
    while not stop.is_set():
        boundary = uuid.uuid4().hex
        payload = b"%PDF-1.4\n" + os.urandom(size)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nSlow\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
            ).encode()
            + payload
            + f"\r\n--{boundary}--\r\n".encode()
        )
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
                head = (
                    f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Cookie: sessionid={info['session']}; csrftoken={CSRF}\r\n"
                    f"X-CSRFToken: {CSRF}\r\nContent-Length: {len(body)}\r\n"
                    f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                    "Connection: close\r\n\r\n"
                )
                s.sendall(head.encode())
                for i in range(0, len(body), rate // 10):
                    s.sendall(body[i : i + rate // 10])
                    time.sleep(0.1)
                reply = s.makefile("rb").readline()
                status = int(reply.split()[1]) if reply else "conn_error"
        except OSError:
            status = "conn_error"
        stats.record(phase[0], "slow_upload", status, time.monotonic() - started)


VERIFY = """
import json
from assessments.models import Answer, AnswerChange
acks = json.loads(acks)
lost = gaps = breaks = 0
history = {}
for question in {a[0] for a in acks}:
    changes = list(
        AnswerChange.objects.filter(question_id=question, assessment_id=assessment).order_by("id")
    )
    history[question] = changes
    answer = Answer.objects.get(question_id=question, assessment_id=assessment)
    gaps += answer.version != len(changes)
    breaks += sum(a.new_value != b.old_value for a, b in zip(changes, changes[1:]))
for question, comment, version in acks:
    changes = history[question]
    found = 0 < version <= len(changes) and changes[version - 1].new_value["comment"] == comment
    lost += not found
print("VERIFY" + json.dumps({"lost": lost, "gaps": gaps, "breaks": breaks}))
"""


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def verify(env, stats, assessment):
    """Every acknowledged save is in the history at its version; versions gapless, chained."""
    check = f"acks, assessment = {json.dumps(stats.acks)!r}, {assessment}\n" + VERIFY
    return django_shell(env, check, "VERIFY")


def django_shell(env, code, marker):
    """Run `code` in `manage.py shell`; what it prints after `marker` is read as JSON."""
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.split(marker, 1)[1])


def bench_env(tmp, database):
    """The production settings the bench runs under: DEBUG off, its own database and folders."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": "loadbench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"{SERVER}/{database}",
        "MEDIA_ROOT": str(tmp / "evidence"),
        "CACHE_URL": f"file://{tmp / 'cache'}",
        "LOG_LEVEL": "ERROR",
        "REQUEST_LOG_LEVEL": "WARNING",
    }


def prepare(env, database):
    """Drop and create the bench database, load the content, create the people (SETUP)."""
    psql = ["psql", f"{SERVER}/postgres", "-qc"]
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{database}"'], check=True)
    subprocess.run([*psql, f'CREATE DATABASE "{database}"'], check=True)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput"],
        ["loaddata", "fixtures/regions.json"],
        ["load_framework", "fixtures/safe-2021.yaml"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    return django_shell(env, SETUP, "BENCH")


@contextmanager
def gunicorn(env, tmp):
    """gunicorn with scripts/gunicorn.conf.py on a free port, ready (/healthz) when yielded."""
    port = free_port()
    env = env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}
    binary = Path(sys.executable).parent / "gunicorn"
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [str(binary), "-c", "scripts/gunicorn.conf.py", "wcosafe.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        for _ in range(100):
            status, _body = Browser(port, "").request("GET", "/healthz")
            if status == 200:
                break
            time.sleep(0.2)
        yield server, port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def main():
    tmp = Path(tempfile.mkdtemp(prefix="loadbench-"))
    env = bench_env(tmp, DB)
    setup = prepare(env, DB)
    with gunicorn(env, tmp) as (server, port):
        stats, phase, stop = Stats(), ["warm"], threading.Event()
        threads = [
            threading.Thread(target=editor_loop, args=(port, info, n, setup, stats, phase, stop))
            for n, info in enumerate(setup["editors"])
        ] + [
            threading.Thread(target=reader_loop, args=(port, setup, stats, phase, stop))
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        started = time.monotonic()
        time.sleep(WARM_SECONDS)  # first requests load code and content into each worker
        phase[0] = "base"
        time.sleep(BASE_SECONDS - WARM_SECONDS)
        phase[0] = "load"
        extra_stop = threading.Event()
        extra = [
            threading.Thread(
                target=pdf_loop, args=(port, setup, stats, phase, extra_stop, n % 2 == 1)
            )
            for n in range(4)
        ] + [
            threading.Thread(target=slow_upload_loop, args=(port, setup, stats, phase, extra_stop))
            for _ in range(2)
        ]
        for t in extra:
            t.start()
        time.sleep(LOAD_SECONDS / 2)
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        killed = workers[0] if workers else None
        if killed:
            os.kill(int(killed), signal.SIGKILL)  # a worker dies mid-request
        time.sleep(LOAD_SECONDS / 2)
        stop.set()
        extra_stop.set()
        for t in threads + extra:
            t.join(timeout=130)
        elapsed = time.monotonic() - started

    result = verify(env, stats, setup["assessment"])
    total = sum(stats.status.values())
    print(
        f"{total} requests in {elapsed:.0f} s: {total / elapsed:.1f} requests/s; "
        f"worker killed: {killed}"
    )
    for (ph, kind), values in sorted(stats.times.items()):
        print(
            f"  {ph:5} {kind:12} n={len(values):5}  p50={percentile(values, 0.5):.3f}  "
            f"p95={percentile(values, 0.95):.3f}  p99={percentile(values, 0.99):.3f} s"
        )
    print("  status:", dict(sorted((f"{k}:{s}", n) for (k, s), n in stats.status.items())))
    print(f"  contention (5 clients, one question): saves per client {dict(stats.contention)}")
    print(
        f"  history: lost={result['lost']} version gaps={result['gaps']} "
        f"chain breaks={result['breaks']} self-conflicts={stats.self_conflicts}"
    )
    base95 = percentile(stats.times[("base", "autosave")], 0.95)
    load95 = percentile(stats.times[("load", "autosave")], 0.95)
    five = sum(n for (k, s), n in stats.status.items() if isinstance(s, int) and s >= 500)
    ratio = load95 / base95 if base95 else float("nan")
    starved = sum(1 for n in range(15, 20) if stats.contention[n] == 0)
    print(
        f"lost={result['lost']} errors_5xx={five} autosave_p95_base={base95:.3f} "
        f"autosave_p95_load={load95:.3f} p95_ratio={ratio:.2f} "
        f"acknowledged={len(stats.acks)} starved={starved} rps={total / elapsed:.1f}"
    )
    return 0 if result["lost"] == 0 and five == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
