"""`seed_demo --scale full`: the 186 WCO Members with three assessment cycles each, for the
overview, the regional benchmarks and the bench at their real size.

Written with bulk inserts (a few thousand rows per statement), not through
`services.save_answers`: 186 x 3 cycles x 3 phases is about 68,000 answers, and the services'
per-assessment history and conflict checks would take minutes. The rows are the same ones the
services write (answers with version 1, workflow events), without answer history.
"""

import csv
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..models import (
    Administration,
    Answer,
    Assessment,
    AssessmentEvent,
    Plan,
    Region,
)
from ..models.monitoring import Indicator, Measurement
from ..models.planning import Action
from ..services.monitoring import unit_of

MEMBERS = Path(__file__).resolve().parents[2] / "fixtures" / "wco-members.csv"
CYCLES = (2022, 2024, 2026)
SUPPORTS = ["none", "technical", "equipment", "funding", "legal", ""]
BATCH = 2000


def members(path=MEMBERS):
    """[{iso, name, region, certain}] from the fixture (comment lines start with #)."""
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


class Progress:
    """A text progress bar on one line (a terminal) or a line per tenth (a log)."""

    def __init__(self, out, total, label):
        self.out, self.total, self.label, self.shown = out, max(1, total), label, -1

    def step(self, done):
        percent = 100 * done // self.total
        tty = getattr(self.out, "isatty", lambda: False)()
        if percent == self.shown or (not tty and percent % 10 and done != self.total):
            return
        self.shown = percent
        bar = "#" * (percent // 4) + "." * (25 - percent // 4)
        end = "\r" if tty and done != self.total else "\n"
        self.out.write(f"{self.label} [{bar}] {percent:3d}% ({done}/{self.total}){end}")
        self.out.flush()


def seed_full(framework, out=sys.stdout, seed=2021, members_path=MEMBERS):
    """Create what is missing; an administration that already has assessments is left alone."""
    rng = random.Random(seed)
    administrations = _administrations(members(members_path))
    busy = set(Assessment.objects.values_list("administration_id", flat=True).distinct())
    todo = [a for a in administrations if a.pk not in busy]
    phases = {p.number: p for p in framework.phases.all()}
    questions = {
        number: list(phase.questions.filter(retired=False).order_by("order"))
        for number, phase in phases.items()
    }
    progress = Progress(out, len(todo), "Administrations")
    answers, events, n_assessments = [], [], 0
    with transaction.atomic():
        for index, administration in enumerate(todo, 1):
            level = rng.uniform(0.2, 0.7)
            made = [
                (_assessment(administration, framework, phase, year, _status(rng, cycle)), cycle)
                for cycle, year in enumerate(CYCLES)
                for phase in phases.values()
            ]
            Assessment.objects.bulk_create([a for a, _cycle in made])  # ids back (SQLite, PG)
            for assessment, cycle in made:
                number, gain = assessment.phase.number, 0.08 * cycle
                answers += [_answer(assessment, q, rng, level + gain) for q in questions[number]]
                events += _events(assessment)
            n_assessments += len(made)
            if len(answers) >= BATCH:
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answers = []
            progress.step(index)
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        AssessmentEvent.objects.bulk_create(events, batch_size=BATCH)
        plans = _plans(framework, todo, questions.get(1, []), rng)
        indicators = _indicators(todo, questions.get(3, []), rng)
    n_answers = Answer.objects.filter(assessment__administration__in=todo).count()
    return {"administrations": len(todo), "assessments": n_assessments, "answers": n_answers,
            "plans": plans, "indicators": indicators}  # fmt: skip


def _administrations(listed):
    regions = {r.code: r for r in Region.objects.all()}
    existing = set(Administration.objects.values_list("country", flat=True))
    new = [
        Administration(name=m["name"], country=m["iso"], region=regions[m["region"]])
        for m in listed
        if m["iso"] not in existing
    ]
    Administration.objects.bulk_create(new)
    return list(Administration.objects.filter(country__in=[m["iso"] for m in listed]))


def _status(rng, cycle):
    if cycle < len(CYCLES) - 1:
        return Assessment.Status.VALIDATED
    return rng.choice(
        [Assessment.Status.VALIDATED] * 3 + [Assessment.Status.SUBMITTED, Assessment.Status.DRAFT]
    )


def _moment(year, month, day=15):
    return timezone.make_aware(datetime(year, month, day, 10, 0))


def _assessment(administration, framework, phase, year, status):
    """Unsaved: an administration's nine assessments are inserted together."""
    titles = {1: "SAFE needs assessment", 2: "SAFE action plan review", 3: "SAFE monitoring"}
    validated = status == Assessment.Status.VALIDATED
    return Assessment(
        administration=administration,
        framework=framework,
        phase=phase,
        title=f"{titles.get(phase.number, 'Assessment')} {year}",
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        status=status,
        created_at=_moment(year, 2),
        submitted_at=_moment(year, 5) if status != Assessment.Status.DRAFT else None,
        validated_at=_moment(year, 6) if validated else None,
    )


def _answer(assessment, question, rng, level):
    values = {"support_needed": rng.choice(SUPPORTS)}
    match question.answer_type:
        case "maturity":
            values["maturity"] = max(0, min(4, round(rng.gauss(level * 4, 0.9))))
        case "yes_no":
            values["yes_no"] = rng.random() < level
        case "number":
            target = question.target or 10
            values["number"] = round(target * min(1.2, max(0.0, rng.gauss(level + 0.2, 0.2))), 1)
        case _:
            values["text"] = "Described in the national customs modernisation strategy."
    return Answer(
        assessment=assessment,
        question=question,
        version=1,
        updated_at=assessment.created_at + timedelta(days=30),
        **values,
    )


def _events(assessment):
    Event = AssessmentEvent.Action
    year, status = assessment.period_start.year, assessment.status
    events = [AssessmentEvent(assessment=assessment, action=Event.STARTED, at=_moment(year, 2))]
    if status != Assessment.Status.DRAFT:
        events.append(
            AssessmentEvent(assessment=assessment, action=Event.SUBMITTED, at=_moment(year, 5))
        )
    if status == Assessment.Status.VALIDATED:
        events.append(
            AssessmentEvent(assessment=assessment, action=Event.VALIDATED, at=_moment(year, 6))
        )
    return events


def _plans(framework, administrations, needs_questions, rng):
    """A plan per administration: six actions on needs-assessment questions, some done,
    some late, so the overview's plan execution has something to count."""
    if not needs_questions:
        return 0
    have = set(Plan.objects.values_list("administration_id", flat=True))
    plans = [
        Plan(administration=a, framework=framework, title=f"SAFE implementation plan — {a.name}",
             status=Plan.Status.ADOPTED)
        for a in administrations
        if a.pk not in have
    ]  # fmt: skip
    Plan.objects.bulk_create(plans)
    today = timezone.localdate()
    statuses = [Action.Status.DONE, Action.Status.IN_PROGRESS, Action.Status.PLANNED,
                Action.Status.BLOCKED]  # fmt: skip
    actions, links = [], []
    for plan in plans:
        sample = rng.sample(needs_questions, min(6, len(needs_questions)))
        for number, question in enumerate(sample, 1):
            status = rng.choice(statuses)
            actions.append(
                Action(
                    plan=plan,
                    number=number,
                    focus_area_id=question.focus_area_id,
                    title=f"Close the gap on {question.code}",
                    status=status,
                    status_reason="Waiting for funding." if status == "blocked" else "",
                    due_date=today + timedelta(days=rng.randint(-200, 500)),
                    origin=Action.Origin.GAP,
                    accepted=True,
                )
            )
            links.append(question)
    Action.objects.bulk_create(actions, batch_size=BATCH)
    Through = Action.questions.through
    Through.objects.bulk_create(
        [Through(action_id=a.pk, question_id=q.pk) for a, q in zip(actions, links, strict=True)],
        batch_size=BATCH,
    )
    return len(plans)


QUARTERS = 8  # two years of quarterly measurements


def _indicators(administrations, monitoring_questions, rng):
    """Each administration tracks the content's Phase 3 indicators (as `propose_indicators`
    makes them), measured every quarter for two years from its baseline towards its target."""
    numbers = [q for q in monitoring_questions if q.answer_type == "number" and q.target]
    start = timezone.localdate() - timedelta(days=91 * QUARTERS)
    indicators = []
    for administration in administrations:
        for order, question in enumerate(numbers):
            unit = question.number_kind or unit_of(question.unit)
            target = float(question.target)
            baseline = target * (1.6 if question.better == "lower" else 0.4)
            indicators.append(
                Indicator(
                    administration=administration, question=question, order=order,
                    name=question.text[:200], unit=unit, better=question.better,
                    unit_label=question.unit if unit == Indicator.Unit.COUNT else "",
                    baseline_value=_measured(baseline, unit), baseline_date=start,
                    target_value=_measured(target, unit),
                    target_date=start + timedelta(days=365 * 4),
                    disclosure=rng.choice(list(Indicator.Disclosure.values)),
                )
            )  # fmt: skip
    Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    measurements = []
    for indicator in indicators:
        base, goal = float(indicator.baseline_value), float(indicator.target_value)
        for quarter in range(1, QUARTERS + 1):
            share = quarter / (QUARTERS * 2) + rng.uniform(-0.05, 0.05)
            measurements.append(
                Measurement(
                    indicator=indicator,
                    measured_on=start + timedelta(days=91 * quarter),
                    value=_measured(base + (goal - base) * share, indicator.unit),
                    source="Demo data",
                )
            )
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    return len(indicators)


def _measured(value, unit):
    """A value as the unit allows it: whole counts, percentages within 0-100."""
    if unit == Indicator.Unit.COUNT:
        return round(max(value, 0))
    if unit == Indicator.Unit.PERCENTAGE:
        value = min(max(value, 0), 100)
    return round(value, 1)
