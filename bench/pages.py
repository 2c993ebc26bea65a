"""Median server time of the main pages on the demo data, each as a ratio to the login page
measured in the same run (so the figures compare across machines).

Run from the project root: .venv/bin/python bench/pages.py   (BENCH_RUNS=15 by default)
Seeds the demo data into a temporary SQLite database. To add a page, add one line to PAGES:
(name, URL pattern filled from `ids`, who asks, what kind of row it is: HTML, a page on its
FIRST visit after a change, or None for what is not an HTML page). The target (10x login) is
the issue's measure, a page visited again (HTML); the FIRST rows are printed beside them with
the same mark, and summed up in their own key (worst_first_visit_x).
Ends with one line of key=value pairs; exits non-zero if a page did not answer 200.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from functools import partial

os.environ["DEBUG"] = "1"  # seed_demo refuses to run otherwise; timing is taken the same way
from _setup import ROOT  # noqa: E402  (Django on a new SQLite file)
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count, F  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.models import Action, Answer, Assessment, Plan, Question  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TARGET = 10  # every HTML page at most this many times the login page

# name, URL, who (a demo username, or None for anonymous), kind (see the docstring)
HTML, FIRST = "html", "first visit"
LOGIN = "/accounts/login/"  # the yardstick: every page's time is given as a multiple of it
PAGES = [
    ("login", LOGIN, None, None),
    ("home", "/", "coordinator", HTML),
    ("overview", "/assessments/{assessment}/", "coordinator", HTML),
    ("section", "/assessments/{assessment}/sections/{largest_section}/", "coordinator", HTML),
    ("section_edit", "/assessments/{draft}/sections/{largest_section}/", "editor", HTML),
    ("section_edit_cold", "/assessments/{draft}/sections/{largest_section}/", "editor", FIRST),
    ("section_edit_empty", "/assessments/{draft}/sections/{largest_section}/", "editor", None),
    ("results", "/assessments/{assessment}/results/", "coordinator", HTML),
    ("results_cold", "/assessments/{assessment}/results/", "coordinator", FIRST),
    ("results_empty", "/assessments/{assessment}/results/", "coordinator", None),
    ("history", "/assessments/{assessment}/history/", "coordinator", HTML),
    ("programme", "/administrations/{administration}/programme/", "coordinator", HTML),
    ("plan", "/plans/{plan}/", "coordinator", HTML),
    ("plan_cold", "/plans/{plan}/", "coordinator", FIRST),
    ("monitoring", "/administrations/{administration}/monitoring/", "coordinator", HTML),
    ("offers", "/offers/", "donor", HTML),
    ("needs", "/needs/", "donor", HTML),
    ("board", "/needs/board/", "reviewer", HTML),
    ("reviewers", "/overview/", "reviewer", HTML),
    ("pdf", "/assessments/{assessment}/report.pdf", "coordinator", None),
]


def change_answer(ids, i, assessment="assessment"):
    """One maturity answer of the assessment (in its largest section, a different one each
    time) moved up a level, as an autosave does: its version moves on, and the scores and
    charts reach a state not seen before, so nothing computed from them is in the cache."""
    answers = Answer.objects.filter(
        assessment=ids[assessment],
        question__focus_area__code=ids["largest_section"],
        maturity__isnull=False,
    ).order_by("pk")
    answer = answers[i % answers.count()]
    Answer.objects.filter(pk=answer.pk).update(
        maturity=(answer.maturity + 1) % 5, version=F("version") + 1, updated_at=timezone.now()
    )


def empty_cache(ids, i):
    """Nothing cached: a section's first visit ever (every card written)."""
    cache.clear()  # sessions live in the database: the client stays logged in


def move_action(ids, i):
    """One action of the plan re-dated by a day, so the plan's timeline is drawn again."""
    action = Action.objects.filter(plan=ids["plan"]).exclude(due_date=None).order_by("pk")[0]
    action.due_date += timedelta(days=1 if i % 2 else -1)
    action.save(update_fields=["due_date"])


# A page that caches what it computed is measured again on the first visit after a change (the
# change is made before each request, untimed); the editable section page also with nothing
# cached at all, charts included (printed, not held to the target: a very first visit).
CHANGES = {
    "results_cold": change_answer,
    "plan_cold": move_action,
    "section_edit_cold": partial(change_answer, assessment="draft"),
    "section_edit_empty": empty_cache,
    "results_empty": empty_cache,
}


def timed(client, url):
    """Wall and CPU time of one request."""
    started, started_cpu = time.perf_counter(), time.process_time()
    client.get(url)
    return time.perf_counter() - started, time.process_time() - started_cpu


def side_by_side(client, url, anonymous, change=None, runs=RUNS):
    """Medians of the page and of the login page, requested in turn (page, login, page, ...):
    both meet the same moment of a shared machine, so their ratio holds when the machine's
    speed drifts. Returns {"wall": (page, login), "cpu": (page, login)}."""
    response = client.get(url)  # warm-up, and a check
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    page, login = [], []
    for i in range(runs):
        if change:
            change(i)
        page.append(timed(client, url))
        login.append(timed(anonymous, LOGIN))
    return {
        kind: (statistics.median(t[k] for t in page), statistics.median(t[k] for t in login))
        for k, kind in enumerate(("wall", "cpu"))
    }


def demo_ids():
    """The demo assessment with the most answers (validated: its section pages are read-only),
    the draft being answered (editable section pages), and the largest section."""
    assessment = (
        Assessment.objects.filter(administration__country="CI")
        .annotate(n=Count("answers"))
        .order_by("-n")
        .first()
    )
    largest = (
        Question.objects.filter(phase=assessment.phase, retired=False)
        .values("focus_area__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    plan = Plan.objects.get(administration__country="CI")
    draft = Assessment.objects.get(
        administration__country="CI", phase=assessment.phase, status=Assessment.Status.DRAFT
    )
    return {
        "assessment": assessment.pk,
        "draft": draft.pk,
        "largest_section": largest["focus_area__code"],
        "administration": assessment.administration_id,
        "plan": plan.pk,
    }


def main():
    settings.DEBUG = False  # measure what production runs
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    call_command("load_framework", str(ROOT / "fixtures" / "safe-2021.yaml"), stdout=quiet)
    settings.DEBUG = True
    call_command("seed_demo", stdout=quiet)
    settings.DEBUG = False
    ids = demo_ids()
    from django.contrib.auth.models import User

    anonymous = Client()
    anonymous.get(LOGIN)
    clients, results = {}, {}
    for name, pattern, who, _kind in PAGES[1:]:
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(User.objects.get(username=who))
        change = partial(CHANGES[name], ids) if name in CHANGES else None
        results[name] = side_by_side(clients[who], pattern.format(**ids), anonymous, change)
    print("Each page is requested in turn with the login page; ratios are to that login page.")
    print(f"{'page':<19} {'wall ms':>8} {'x login':>8}  {'cpu ms':>8} {'x login':>8}")
    ratio = {}
    for name, _pattern, _who, kind in PAGES[1:]:
        (wall, wall_login), (cpu, cpu_login) = results[name]["wall"], results[name]["cpu"]
        ratio[name] = cpu / cpu_login
        mark = "" if not kind else ("  ok" if ratio[name] <= TARGET else f"  > {TARGET}x")
        mark += f"  ({kind})" if kind == FIRST else ""
        print(
            f"{name:<19} {1000 * wall:8.1f} {wall / wall_login:8.1f}  "
            f"{1000 * cpu:8.1f} {ratio[name]:8.1f}{mark}"
        )
    login_ms = 1000 * statistics.median(r["cpu"][1] for r in results.values())
    pairs = " ".join(f"{name}_x={x:.1f}" for name, x in ratio.items())
    worst = max(ratio[n] for n, _p, _w, kind in PAGES[1:] if kind == HTML)
    first = max(ratio[n] for n, _p, _w, kind in PAGES[1:] if kind == FIRST)
    print(
        f"login_cpu_ms={login_ms:.2f} {pairs} worst_html_x={worst:.1f} "
        f"worst_first_visit_x={first:.1f}"
    )


if __name__ == "__main__":
    main()
