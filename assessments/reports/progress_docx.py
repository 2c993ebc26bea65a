"""The progress report as a Word document (python-docx), from the same `ProgressData` as the
PDF: the same sections and numbers, so an administration can edit the text before a mission.

Charts are reportlab Drawings; without a raster backend here they cannot become images, so
the Word document carries their numbers as tables (baseline, now, target) instead.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.shared import Pt

from . import monitoring_charts
from .progress_data import change_text, plan_rows, score_text
from .progress_pdf import plan_sentence, sections, summary_sentence
from .word_charts import add_chart


def render_progress_docx(data):
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    kind = _("SAFE progress report")
    doc.core_properties.title = f"{data.administration} — {kind}"
    doc.add_heading(_("SAFE progress report"), 0)
    if data.is_draft:
        doc.add_paragraph().add_run(_("DRAFT — not validated")).bold = True
    _pairs(doc, [
        (_("Administration"), str(data.administration)),
        (_("Review"), data.title),
        (_("Review date"), data.review_date.isoformat()),
        (_("Baseline"), data.baseline_label),
        (_("Follow-up"), data.follow_up_label or "–"),
        (_("Status"), data.review.get_status_display()),
    ])  # fmt: skip
    titles = dict(sections(data))
    doc.add_heading(f"1 {titles[1]}", 1)
    doc.add_paragraph(summary_sentence(data))

    doc.add_heading(f"2 {titles[2]}", 1)
    if data.comparison is not None:
        doc.add_heading(_("By focus area"), 2)
        area = monitoring_charts.comparison_figure(
            [a.change for a in data.focus_areas], {a.code: a.title for a in data.focus_areas},
            _("By focus area"),
        )  # fmt: skip
        if area is not None:
            add_chart(doc, area.drawing, area.description)
        _scores(doc, data.focus_areas)
        doc.add_heading(_("By pillar and standard"), 2)
        for pillar in data.pillars:
            figure = monitoring_charts.comparison_figure(
                [s.change for s in pillar.children], {s.code: s.title for s in pillar.children},
                pillar.title,
            )  # fmt: skip
            if figure is not None:
                add_chart(doc, figure.drawing, figure.description)
            _scores(doc, [pillar, *pillar.children])

    doc.add_heading(f"3 {titles[3]}", 1)
    if not data.changed:
        doc.add_paragraph(_("No standard moved between the baseline and the follow-up."))
    for row in data.changed:
        doc.add_heading(
            f"{row.code} {row.title}: {row.verdict} "
            f"({score_text(row.change.before)} → {score_text(row.change.after)})",
            3,
        )
        now, text = pgettext("monitoring", "Now"), pgettext("monitoring", "Text")
        _table(doc, [_("Question"), text, _("Baseline"), now],
               [[q.code, q.text, score_text(q.before), score_text(q.after)]
                for q in row.questions])  # fmt: skip

    doc.add_heading(f"4 {titles[4]}", 1)
    if data.plan is None:
        doc.add_paragraph(_("No implementation plan is recorded for this administration yet."))
    else:
        doc.add_paragraph(plan_sentence(data.plan))
        _table(doc, [_("Plan on the review date"), ""],
               [[label, str(value)] for label, value in plan_rows(data.plan)])  # fmt: skip
        if data.plan_details:
            for heading, actions in ((_("Late actions"), data.plan.late),
                                     (_("Dropped actions"), data.plan.dropped)):  # fmt: skip
                if actions:
                    doc.add_heading(heading, 2)
                    _table(doc, [_("Action"), _("Title"), pgettext("monitoring", "Due")],
                           [[a.reference, a.title, a.due_date.isoformat() if a.due_date else ""]
                            for a in actions])  # fmt: skip

    doc.add_heading(f"5 {titles[5]}", 1)
    if not data.indicators:
        doc.add_paragraph(_("No indicator is tracked (or shared with you) yet."))
    else:
        latest = pgettext("monitoring", "Latest")
        _table(doc, [_("Indicator"), _("Baseline"), latest, _("Target"), _("Progress")],
               [[i.row.indicator.name, i.baseline_text, i.latest_text, i.target_text,
                 "–" if i.row.progress.percent is None else f"{i.row.progress.percent}%"]
                for i in data.indicators])  # fmt: skip

    doc.add_heading(f"6 {titles[6]}", 1)
    for heading, text in (
        (_("The administration's evaluation"), data.evaluation),
        (_("The reviewer's conclusions"), data.conclusions),
        (_("Next steps"), data.next_steps),
    ):
        doc.add_heading(heading, 2)
        doc.add_paragraph(text or "–")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _pairs(doc, rows):
    table = doc.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value


def _scores(doc, rows):
    verdict, now = pgettext("monitoring", "Verdict"), pgettext("monitoring", "Now")
    _table(doc, [_("Area"), _("Baseline"), now, _("Change"), _("Target"), verdict],
           [[f"{r.code} {r.title}", score_text(r.change.before), score_text(r.change.after),
             change_text(r.change.change), score_text(r.change.target), r.verdict]
            for r in rows])  # fmt: skip


def _table(doc, header, rows):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)
