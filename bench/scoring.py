"""How far readiness scoring is from the cost of merely reading the answers.

Scores 1,000 synthetic assessments of 150 answers each with assessments.scoring, and times
beside it, on the same data in the same run, the floor: a plain loop that only sums the answers'
values. Each is repeated and the medians compared. The last line printed is key=value pairs.

For scale it also times building, with their arguments ready, just the Score and Gap objects that
the results hold: no scoring can be faster than that. And it reports how much of the scoring time
went to Python's cyclic garbage collector (gc_s): the results of a run are kept until it ends, so
every Gap and strength (they hold a QuestionData) survives into the oldest generation, whose
collections also walk the 150,000 answers the bench keeps in memory. The floor allocates nothing.

    .venv/bin/python bench/scoring.py [--repeat 7] [--assessments 1000]

Needs no Django settings: scoring.py is pure, so the module file is loaded on its own.
"""

import argparse
import dataclasses
import functools
import gc
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20260101
QUESTIONS = 150
FOCUS_AREAS = ("AEI", "RM", "AEO", "ME")
PILLARS = ("P1", "P2", "P3")
STANDARDS = [(f"{p}-{n:02d}", p) for p in PILLARS for n in range(1, 11)]  # 30 standards
SUPPORT = ("none", "", "legal", "technical", "equipment", "funding")


def load_scoring():
    """Import assessments/scoring.py by its path, so the `assessments` package (a Django app)
    is never imported."""
    path = ROOT / "assessments" / "scoring.py"
    spec = importlib.util.spec_from_file_location("wcosafe_scoring_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def build_questions(scoring, rng):
    pillar_of = dict(STANDARDS)
    codes = [code for code, _ in STANDARDS]
    questions = []
    for i in range(QUESTIONS):
        standards = tuple(rng.sample(codes, rng.choice((1, 1, 2, 2, 3))))
        kind = rng.choices(("maturity", "yes_no", "number", "text"), (80, 10, 7, 3))[0]
        target = None
        if kind == "maturity":
            target = rng.choice((None, None, 3, 4))
        elif kind == "number":
            target = float(rng.choice((2, 24, 80, 90, 100)))
        questions.append(
            scoring.QuestionData(
                id=i + 1,
                code=f"Q-{i + 1:03d}",
                focus_area=FOCUS_AREAS[i * len(FOCUS_AREAS) // QUESTIONS],
                standards=standards,
                pillars=tuple(dict.fromkeys(pillar_of[s] for s in standards)),
                answer_type=kind,
                weight=rng.choice((1.0, 1.0, 1.0, 2.0, 3.0)),
                target=target,
                better="lower" if kind == "number" and target <= 24 else "higher",
            )
        )
    return questions


def build_answers(scoring, questions, rng):
    """One answer per question: mostly a value, ~6 % N/A, ~4 % saved without a value."""
    answers = []
    for q in questions:
        roll = rng.random()
        support = rng.choice(SUPPORT)
        if roll < 0.06:
            answers.append(scoring.AnswerData(q.id, not_applicable=True))
        elif roll < 0.10 or q.answer_type == "text":
            answers.append(scoring.AnswerData(q.id, support_needed=support))
        elif q.answer_type == "maturity":
            answers.append(
                scoring.AnswerData(q.id, maturity=rng.randint(0, 4), support_needed=support)
            )
        elif q.answer_type == "yes_no":
            answers.append(
                scoring.AnswerData(q.id, yes_no=rng.random() < 0.6, support_needed=support)
            )
        else:
            value = round(rng.uniform(0, 1.5) * q.target, 2)
            answers.append(scoring.AnswerData(q.id, number=value, support_needed=support))
    rng.shuffle(answers)  # stored answers come in no particular order
    return answers


class GcTimer:
    """Adds up the time the cyclic garbage collector runs while it is installed."""

    def __init__(self):
        self.total = 0.0
        self._start = None

    def __call__(self, phase, _info):
        if phase == "start":
            self._start = time.perf_counter()
        elif self._start is not None:
            self.total += time.perf_counter() - self._start
            self._start = None


def run_scoring(scoring, questions, assessments):
    """Score every assessment, the way the pages do: the questionnaire as a plain list."""
    score = scoring.score_assessment
    timer = GcTimer()
    gc.callbacks.append(timer)
    try:
        start = time.perf_counter()
        results = [score(questions, answers) for answers in assessments]
        elapsed = time.perf_counter() - start
    finally:
        gc.callbacks.remove(timer)
    return elapsed, timer.total, results


def run_floor(assessments):
    """The floor: touch every answer once and add up its value; nothing else."""
    start = time.perf_counter()
    total = 0.0
    count = 0
    for answers in assessments:
        for a in answers:
            if a.not_applicable:
                continue
            if a.maturity is not None:
                total += a.maturity
            elif a.yes_no is not None:
                total += a.yes_no
            elif a.number is not None:
                total += a.number
            count += 1
    elapsed = time.perf_counter() - start
    return elapsed, total, count


def object_arguments(results):
    """The constructor arguments of every Score and Gap the results hold."""

    def args(obj):
        names = getattr(obj, "_fields", None) or [f.name for f in dataclasses.fields(obj)]
        return tuple(getattr(obj, name) for name in names)

    scores, gaps = [], []
    for r in results:
        scores.append(args(r.overall))
        for group in (r.by_focus_area, r.by_pillar, r.by_standard):
            scores.extend(args(s) for s in group.values())
        gaps.extend(args(g) for g in r.gaps)
    return scores, gaps


def run_objects(scoring, scores, gaps):
    """Only build the result objects: the part of scoring no optimisation of the loop removes.
    Named tuples are built the quickest way Python has, from a ready tuple."""
    score, gap = (_builder(scoring.Score), _builder(scoring.Gap))
    start = time.perf_counter()
    for a in scores:
        score(a)
    for a in gaps:
        gap(a)
    return time.perf_counter() - start


def _builder(cls):
    if issubclass(cls, tuple):
        return functools.partial(tuple.__new__, cls)
    return lambda args: cls(*args)


def time_compile(scoring, questions):
    """One compilation of the questionnaire (a fresh list, so no cached plan is reused)."""
    compile_questions = getattr(scoring, "compile_questions", None)
    if compile_questions is None:
        return None
    start = time.perf_counter()
    compile_questions(list(questions))
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--assessments", type=int, default=1000)
    args = parser.parse_args(argv)

    scoring = load_scoring()
    rng = random.Random(SEED)
    questions = build_questions(scoring, rng)
    assessments = [build_answers(scoring, questions, rng) for _ in range(args.assessments)]
    n_answers = {len(answers) for answers in assessments}
    if n_answers != {QUESTIONS}:
        raise SystemExit(f"expected {QUESTIONS} answers per assessment, got {sorted(n_answers)}")

    compile_s = time_compile(scoring, questions)
    scoring_times, gc_times, floor_times, object_times = [], [], [], []
    checksum = n_objects = None
    for _ in range(args.repeat):  # interleaved, so both see the same machine state
        # Each run starts from the same heap: the data set, without what earlier runs left.
        gc.collect()
        elapsed, in_gc, results = run_scoring(scoring, questions, assessments)
        scoring_times.append(elapsed)
        gc_times.append(in_gc)
        overall = sum(r.overall.value or 0.0 for r in results)
        if checksum is not None and overall != checksum:
            raise SystemExit("scoring is not deterministic: checksums differ between runs")
        checksum = overall
        object_args = object_arguments(results)
        n_objects = tuple(map(len, object_args))
        results = None
        gc.collect()
        elapsed, _total, counted = run_floor(assessments)
        floor_times.append(elapsed)
        object_times.append(run_objects(scoring, *object_args))
        object_args = None

    median_s = statistics.median(scoring_times)
    gc_s = statistics.median(gc_times)
    floor_s = statistics.median(floor_times)
    objects_s = statistics.median(object_times)
    if not floor_s > 0 or not median_s > 0:
        raise SystemExit(f"could not measure: scoring {median_s!r} s, floor {floor_s!r} s")
    ratio = median_s / floor_s

    print(f"{args.assessments} assessments x {QUESTIONS} answers, {args.repeat} runs each")
    n_scores, n_gaps = n_objects
    print(f"mean overall score {checksum / len(assessments):.2f}, floor summed {counted} values")
    print(f"results hold {n_scores} scores and {n_gaps} gaps")
    print(f"{'':<16}{'median s':>10}{'min s':>10}{'max s':>10}")
    rows = (
        ("score_assessment", scoring_times),
        ("  of which gc", gc_times),
        ("floor (sum)", floor_times),
        ("objects only", object_times),
    )
    for name, times in rows:
        print(f"{name:<16}{statistics.median(times):>10.4f}{min(times):>10.4f}{max(times):>10.4f}")
    if compile_s is not None:  # paid once per list of questions: by the first call of run 1
        print(f"compile_questions (a questionnaire, once): {compile_s * 1000:.2f} ms")
    print(
        f"median_s={median_s:.4f} floor_s={floor_s:.4f} ratio_vs_floor={ratio:.2f} "
        f"objects_s={objects_s:.4f} gc_s={gc_s:.4f} assessments={args.assessments} "
        f"answers={QUESTIONS}"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception as exc:  # any failure means nothing was measured
        print(f"could not measure: {exc!r}", file=sys.stderr)
        sys.exit(1)
