"""Bench: the PDF report (reportlab) against the same content as HTML printed by WeasyPrint.

Run from the project root: `.venv/bin/python bench/pdf_report.py [--runs 7]`.

It builds a throw-away SQLite database (/tmp/bench-pdf.sqlite3), loads the SAFE 2021 content,
adds synthetic Phase 1 questions so the questionnaire has 150 (the real Phase 1 has 90), and
answers every question of two assessments (an earlier one, for the trend, and the current one)
with comments and an evidence link each. Then, in the same process, it measures the median
wall time of `render_report` and of WeasyPrint printing equivalent HTML built from the same
report data and the same SVG charts. Both timings include reading the data from the database.

WeasyPrint is not a project dependency: install it for the bench only
(`.venv/bin/pip install weasyprint`). Without it, only reportlab is measured.
The last line is machine-readable; the exit code is non-zero if reportlab was not measured.
"""

import argparse
import io
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = Path("/tmp/bench-pdf.sqlite3")
TARGET_QUESTIONS = 150


def setup_django():
    """A fresh database in /tmp, so the bench never touches the developer's data."""
    DB.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "wcosafe.settings"
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-evidence-")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)


def add_synthetic_questions(framework, phase, count):
    """Extra maturity questions shaped like the real ones, to reach a 150-question form."""
    from assessments.models import Question

    model = Question.objects.filter(phase=phase, answer_type="maturity").first()
    areas = list(framework.focus_areas.all())
    standards = list(framework.standards.all())
    for i in range(count):
        question = Question.objects.create(
            framework=framework,
            phase=phase,
            focus_area=areas[i % len(areas)],
            code=f"BENCH-{i + 1:03d}",
            order=1000 + i,
            text=f"Synthetic bench question {i + 1}: {model.text}",
            guidance=model.guidance,
            answer_type="maturity",
            levels=model.levels,
            weight=1 + i % 3,
            target=3,
        )
        question.standards.set(standards[i % len(standards) : i % len(standards) + 2])


def answer_everything(user, assessment, seed):
    """Answer every question, with a comment and an evidence link, through the services."""
    from assessments import selectors, services
    from assessments.models import Answer

    rng = random.Random(seed)
    supports = ["none", "legal", "technical", "equipment", "funding", ""]
    changes = {}
    for n, question in enumerate(selectors.questions_of(assessment)):
        values = {
            "comment": (
                f"Observed during the site visit to the main port (note {n}). The unit "
                "confirmed the practice with records; see the evidence linked."
            ),
            "support_needed": rng.choice(supports),
        }
        if n % 23 == 22:
            values |= {"not_applicable": True, "na_justification": "No rail border crossing."}
        elif question.answer_type == "maturity":
            values["maturity"] = rng.randint(0, 4)
        elif question.answer_type == "yes_no":
            values["yes_no"] = rng.random() > 0.4
        elif question.answer_type == "number":
            values["number"] = round(rng.uniform(0, 100), 1)
        else:
            values["text"] = "A programme is described in the customs code, articles 12 to 19."
        changes[question] = (values, None)
    services.save_answers(user, assessment, changes)
    for answer in Answer.objects.filter(assessment=assessment).select_related("question"):
        services.add_evidence(
            user,
            assessment,
            answer.question,
            url=f"https://customs.example.org/evidence/{assessment.pk}/{answer.question_id}",
            title=f"Procedure manual, chapter {answer.question_id % 17 + 1}",
        )


def build_assessment():
    from django.contrib.auth import get_user_model

    from assessments import services
    from assessments.content import load_content
    from assessments.models import Administration, Membership, Question, Region

    framework = load_content(ROOT / "fixtures" / "safe-2021.yaml").framework
    phase = framework.phases.get(number=1)
    real = Question.objects.filter(phase=phase, retired=False).count()
    add_synthetic_questions(framework, phase, max(0, TARGET_QUESTIONS - real))
    administration = Administration.objects.create(
        name="Direction générale des douanes de Côte d'Ivoire",
        country="CI",
        region=Region.objects.get(code="WCA"),
    )
    user = get_user_model().objects.create_user("bench", "bench@example.org", "x-bench-pw-42")
    Membership.objects.create(user=user, role="editor", administration=administration)
    earlier = services.start_assessment(
        user, administration, phase, "Needs assessment 2024", date(2024, 1, 1), date(2024, 12, 31)
    )
    answer_everything(user, earlier, seed=1)
    current = services.start_assessment(
        user, administration, phase, "Needs assessment 2026", date(2026, 1, 1), date(2026, 12, 31)
    )
    answer_everything(user, current, seed=2)
    return current, real


def median_seconds(function, runs):
    """Median wall time, the times, and the median CPU time of this process: on a machine
    shared with other work, CPU time shows the build's own cost when wall time cannot."""
    function()  # warm-up: imports, font registration, first queries
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median_seconds.cpu = statistics.median(cpu)
    return statistics.median(times), times


# The same report as HTML, for WeasyPrint ---------------------------------------------------

CSS = """
@page { size: A4; margin: 28mm 20mm 20mm 20mm; font-family: 'DejaVu Sans', sans-serif;
  @top-left { content: string(header); font-size: 8pt; color: #5B6673; }
  @bottom-left { content: string(footer); font-size: 8pt; color: #5B6673; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #1E2329; }
.running { string-set: header content(); height: 0; visibility: hidden; }
.footer { string-set: footer content(); height: 0; visibility: hidden; }
.draft { position: fixed; top: 45%; left: 0; width: 100%; text-align: center;
  transform: rotate(-50deg); font-size: 54pt; font-weight: bold; color: rgba(179,38,30,.09); }
h1 { color: #1F3A5F; font-size: 16pt; page-break-before: always; }
h2 { color: #1F3A5F; font-size: 12pt; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; margin-bottom: 6pt; }
th { background: #EEF3F9; color: #1F3A5F; text-align: left; border-bottom: 1pt solid #1F3A5F; }
td, th { padding: 3pt 4pt; border-bottom: .4pt solid #C9D3DF; vertical-align: top; }
tr:nth-child(even) td { background: #F6F8FB; }
.finding { page-break-inside: avoid; border-left: 2.5pt solid #2F6DB5; margin-bottom: 8pt; }
.finding th { width: 30mm; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
.kpi td { font-size: 24pt; font-weight: bold; text-align: center; background: #EEF3F9; }
svg { display: block; margin: 6pt 0; width: 460pt; max-width: 100% !important; }
"""


def report_html(data):
    """The report's content as one HTML page, built from the same data and charts."""
    from django.utils.html import escape as e

    from assessments.reports import web_svg
    from assessments.reports.score_texts import score_text
    from assessments.reports.texts import band_rows, glossary, scoring_method

    def svg(drawing, title):
        return web_svg.to_svg(drawing, title, title)

    def table(header, rows):
        head = "".join(f"<th>{e(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    areas = data.focus_areas
    sections = [
        ("s0", "1 Introduction", _introduction_html(data, table, e)),
        ("s1", "2 Executive summary", _summary_html(data, table, score_text)),
        ("s2", "3 Readiness", _readiness_html(data, table, svg, score_text)),
        ("s3", "4 Detailed findings", _findings_html(areas, e)),
        ("s4", "5 Gap analysis", _gaps_html(data, table)),
        ("s5", "6 Summary of assistance needs", _needs_html(data, table)),
        ("s5b", "7 Recommendations", _recommendations_html(data, e)),
        ("s5c", "8 Sign-off", table(["", ""], _sign_off(data))),
        (
            "s6",
            "Annex A Scoring method",
            "".join(f"<p>{e(t)}</p>" for t in scoring_method())
            + table(
                ["Band", "Score", "Meaning"], [(c, f"{lo}–{hi}", m) for c, lo, hi, m in band_rows()]
            ),
        ),
        ("s7", "Annex B Glossary", table(["Term", "Meaning"], glossary())),
        (
            "s8",
            "Annex C List of evidence",
            table(["Question", "Evidence"], [(c, f"{i.title} {i.url}") for c, i in data.evidence]),
        ),
    ]
    toc = "".join(f'<li><a href="#{k}">{e(t)}</a></li>' for k, t, _ in sections)
    body = "".join(f'<h1 id="{k}">{e(t)}</h1>{html}' for k, t, html in sections)
    draft = "" if data.validated else '<div class="draft">DRAFT — not validated</div>'
    return (
        f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
        f"<div class='running'>{e(data.administration)} — SAFE needs assessment</div>"
        f"<div class='footer'>Report generated {data.generated}</div>{draft}"
        f"<p>WCO SAFE Framework of Standards</p><h2>SAFE needs assessment report</h2>"
        f"<p>{e(data.administration)} · {e(data.country_name)} ({data.country_iso3}) · "
        f"{e(data.region)} · {e(data.framework)} · {e(data.status_label)}</p>"
        f"<h1>Contents</h1><ul class='toc'>{toc}</ul>{body}</body></html>"
    )


def _introduction_html(data, table, e):
    """The same introduction and profile as the PDF's section 1."""
    from assessments.reports.narrative import introduction

    text = "".join(f"<h3>{e(h)}</h3><p>{e(t)}</p>" for h, t in introduction(data))
    return text + "<h2>1.1 Administration profile</h2>" + table(["", ""], data.profile)


def _needs_html(data, table):
    from assessments.reports.narrative import needs_rows

    rows = [(r.support, *r.by_class.values(), r.high, r.cost) for r in needs_rows(data)]
    return table(["Support", "A", "B", "C", "High", "Known cost"], rows)


def _recommendations_html(data, e):
    from assessments.reports.narrative import recommendation_lines, references_text

    return "".join(
        f"<h3>{e(n.code)} — {e(n.title)}</h3><ul>"
        + "".join(f"<li>{e(line)}</li>" for line in recommendation_lines(n))
        + f"</ul><p>{e(references_text(n))}</p>"
        for n in data.standard_notes
    )


def _sign_off(data):
    from assessments.reports.narrative import sign_off_rows

    return sign_off_rows(data)


def _summary_html(data, table, score_text):
    counts = data.gap_counts
    kpi = (
        f"<table class='kpi'><tr><td>{score_text(data.results.overall)}</td>"
        f"<td>{data.band_name}</td><td>{data.answered}/{data.total}</td>"
        f"<td>{len(data.gaps)}</td></tr></table>"
    )
    rows = [
        (a.title, score_text(a.score), a.score.answered if a.score else "")
        for a in data.focus_areas
    ]
    areas = table(["Focus area", "Score", "Answered"], rows)
    strengths = table(
        ["Question", "What is in place", "Score"],
        [(s.code, s.text, f"{s.score:.0f}") for s in data.strengths],
    )
    gaps = table(
        ["#", "Question", "Score → target", "Class", "Support"],
        [
            (
                g.rank,
                f"{g.code} {g.text}",
                f"{g.current:.0f} → {g.target:.0f}",
                g.tfa_class,
                g.support,
            )
            for g in data.gaps[:10]
        ],
    )
    classes = table(["Class", "Gaps"], [(c, counts[c]) for c in "ABC"])
    return kpi + areas + strengths + gaps + classes


def _readiness_html(data, table, svg, score_text):
    from assessments.reports import charts

    def values(groups):
        return [g.score.value if g.score else None for g in groups]

    areas, pillars = data.focus_areas, data.pillars
    html = svg(charts.radar_chart([a.title for a in areas], [("Current", values(areas))]), "Areas")
    html += table(["Focus area", "Score"], [(a.title, score_text(a.score)) for a in areas])
    html += svg(charts.bar_chart([p.title for p in pillars], [("Current", values(pillars))]), "P")
    for pillar in pillars:
        labels = [f"{s.code} {s.title}" for s in pillar.children]
        html += svg(charts.bar_chart(labels, [("Current", values(pillar.children))]), pillar.title)
        html += table(
            ["Standard", "Score"],
            [(s.code + " " + s.title, score_text(s.score)) for s in pillar.children],
        )
    if len(data.trend) > 1:
        series = [("Overall", [p.overall for p in data.trend])]
        series += [(a.title, [p.by_focus_area.get(a.code) for p in data.trend]) for a in areas]
        html += svg(charts.trend_chart([p.label for p in data.trend], series), "Trend")
    return html


def _findings_html(areas, e):
    parts = []
    for area in areas:
        parts.append(f"<h2>{e(area.title)}</h2>")
        for f in area.findings:
            rows = [
                ("Answer", f"{f.answer} — {f.level_descriptor}" if f.answered else "Not answered"),
                ("Score", "" if f.score is None else f"{f.score:.0f} / 100"),
                ("Target", f.target),
                ("N/A justification", f.na_justification),
                ("Comment", f.comment),
                ("Support needed", f.support),
                ("Evidence", "; ".join(f"{i.title} {i.url}" for i in f.evidence)),
                ("Standards", ", ".join(f.standards)),
            ]
            cells = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows if v)
            parts.append(
                f"<table class='finding'><tr><th>{e(f.code)}</th><td><b>{e(f.text)}</b></td></tr>"
                f"{cells}</table>"
            )
    return "".join(parts)


def _gaps_html(data, table):
    rows = [
        (
            g.rank,
            f"{g.code} {g.text} — {g.recommendation}",
            g.focus_area,
            f"{g.current:.0f} → {g.target:.0f}",
            f"{g.priority:.2f}",
            g.tfa_class,
            g.support,
            ", ".join(g.standards),
        )
        for g in data.gaps
    ]
    header = ["#", "Question", "Focus area", "Score", "Priority", "Class", "Support", "Standards"]
    return table(header, rows)


# Main -------------------------------------------------------------------------------------


def measure_weasyprint(assessment, runs):
    try:
        from weasyprint import HTML
    except ImportError:
        print("WeasyPrint is not installed: `.venv/bin/pip install weasyprint` to compare.")
        return None, [], 0
    from pypdf import PdfReader

    from assessments.reports.data import build_report_data

    # WeasyPrint logs every SVG presentation property as an "unknown CSS property" although it
    # draws them; thousands of such lines would bury the result.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def render():
        return HTML(string=report_html(build_report_data(assessment))).write_pdf()

    pages = len(PdfReader(io.BytesIO(render())).pages)
    median, times = median_seconds(render, runs)
    return median, times, pages


def _load():
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--save", help="also write the report PDF to this path, to look at")
    parser.add_argument("--skip-weasyprint", action="store_true", help="measure reportlab only")
    args = parser.parse_args()
    setup_django()
    from pypdf import PdfReader

    from assessments.reports.pdf import render_report
    from assessments.selectors import questions_of

    assessment, real = build_assessment()
    questions = questions_of(assessment).count()
    pdf = render_report(assessment)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if args.save:
        Path(args.save).write_bytes(pdf)
    median, times = median_seconds(lambda: render_report(assessment), args.runs)
    cpu = median_seconds.cpu  # read now: measuring WeasyPrint overwrites it
    w_median, w_times, w_pages = (
        (None, [], 0)
        if args.skip_weasyprint
        else measure_weasyprint(assessment, max(3, args.runs // 2))
    )
    print(f"questions: {questions} ({real} SAFE Phase 1 + {questions - real} synthetic);")
    print(f"all answered with a comment and an evidence link; PDF {len(pdf) / 1024:.0f} KB")
    print(f"{'engine':<12} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'pages':>5}")
    print(
        f"{'reportlab':<12} {len(times):>4} {median:>9.3f} {min(times):>7.3f} "
        f"{max(times):>7.3f} {pages:>5}"
    )
    if w_median is not None:
        print(
            f"{'weasyprint':<12} {len(w_times):>4} {w_median:>9.3f} {min(w_times):>7.3f} "
            f"{max(w_times):>7.3f} {w_pages:>5}"
        )
    ratio = f"{w_median / median:.1f}" if w_median else "NA"
    w_text = f"{w_median:.3f}" if w_median else "NA"
    print("ratio = WeasyPrint median / reportlab median (how many times faster reportlab is)")
    print(f"reportlab CPU time of this process, median: {cpu:.3f} s; load average {_load()}")
    print(
        f"median_s={median:.3f} weasyprint_median_s={w_text} ratio_vs_weasyprint={ratio} "
        f"pages={pages} questions={questions} reportlab_cpu_s={cpu:.3f}"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # the bench must say it failed, not print half a table
        print(f"bench failed: {error!r}", file=sys.stderr)
        sys.exit(1)
