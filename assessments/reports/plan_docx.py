"""The plan report and the project proposal as Word documents (python-docx), from the same
report data as the PDFs, so both say the same. Also the plan's rows for CSV and XLSX.

Word documents are for people who will rewrite them (a proposal is often pasted into a donor's
template), so they carry the content in plain headings, paragraphs and tables.
"""

import io

from django.utils.translation import gettext as _

from . import plan_charts
from .plan_data import double_funding_text
from .plan_pdf import dates, money
from .word_charts import add_chart

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(title, subtitle):
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.add_heading(title, 0)
    document.add_paragraph(subtitle)
    return document


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return table


def _bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _costs(document, costs, totals):
    if not costs:
        document.add_paragraph(_("No cost estimated yet."))
        return
    rows = [[label, currency, money(total)] for label, currency, total in costs]
    rows += [[_("Total"), currency, money(total)] for currency, total in totals]
    _table(document, [_("Funding"), _("Currency"), _("Estimated cost")], rows)


def plan_docx(data):
    """The implementation plan report as .docx bytes."""
    document = _document(_("SAFE implementation plan"), data.administration)
    for label, value in (
        (_("Baseline (Phase 1)"), data.baseline),
        (_("Version"), data.version_label),
        (_("Situation on"), data.today.isoformat()),
    ):
        document.add_paragraph(f"{label}: {value}")
    p = data.progress
    document.add_paragraph(
        _("%(total)s actions: %(done)s done, %(progress)s in progress, %(late)s late.")
        % {"total": p.total, "done": p.done, "progress": p.in_progress, "late": p.late}
    )
    if any(bars for _area, bars in data.timeline_groups):
        document.add_heading(_("Timeline"), 1)
        add_chart(document, plan_charts.timeline_chart(data.timeline_groups, data.today, ""))
    document.add_heading(_("Actions by focus area and priority"), 1)
    for area, rows in data.areas:
        document.add_heading(area, 2)
        _table(
            document,
            [_("Ref."), _("Action"), _("Responsible"), _("Dates"), _("Cost"), _("Status")],
            [
                [r.reference, r.title, r.responsible, dates(r.start, r.due),
                 f"{money(r.cost)} {r.currency}", _status(r)]
                for r in rows
            ],
        )  # fmt: skip
    document.add_heading(_("Costs and funding by source"), 1)
    _costs(document, data.costs, data.totals)
    document.add_heading(_("Traceability: standard → gap → action"), 1)
    _table(
        document,
        [_("Standard"), _("Gap"), _("Score → target"), _("Actions")],
        [[t.standard, t.gap, t.score, ", ".join(t.actions)] for t in data.traceability],
    )
    _support(document, data)
    return _bytes(document)


def _support(document, data):
    """Donor engagements by action (donor, amount, status), with the double-funding flag."""
    document.add_heading(_("Donor support by action"), 1)
    actions = data.actions + data.dropped
    rows = [
        [r.reference, e.donor, "–" if e.amount is None else f"{money(e.amount)} {e.currency}",
         e.status_label, _("Double funding?") if r.double_funding else ""]
        for r in actions
        for e in r.engagements
    ]  # fmt: skip
    if not rows:
        document.add_paragraph(_("No donor has engaged on an action of this plan yet."))
        return
    _table(document, [_("Ref."), _("Donor"), _("Amount"), _("Status"), _("Check")], rows)
    for r in actions:
        if r.double_funding:
            document.add_paragraph(f"{r.reference}: {double_funding_text(r)}.")


def _status(r):
    return f"{r.status_label} · {r.state_label}" if r.flagged else r.status_label


def proposal_docx(data):
    """A project proposal as .docx bytes."""
    kind = _("Project proposal")
    document = _document(data.title, f"{kind} · {data.administration}")
    document.add_heading(_("The problem"), 1)
    _table(
        document,
        [_("Standards"), _("Gap"), _("Score → target")],
        [[t.standard, t.gap, t.score] for t in data.problem],
    )
    document.add_heading(_("Objective"), 1)
    document.add_paragraph(data.objective or "–")
    document.add_heading(_("Activities"), 1)
    _table(
        document,
        [_("Ref."), _("Activity"), _("Responsible"), _("Dates"), _("Cost")],
        [[r.reference, r.title, r.responsible, dates(r.start, r.due),
          f"{money(r.cost)} {r.currency}"] for r in data.activities],
    )  # fmt: skip
    document.add_heading(_("Budget"), 1)
    _costs(document, data.budget, data.totals)
    document.add_heading(_("Expected results"), 1)
    document.add_paragraph(data.expected_results or "–")
    document.add_heading(_("Indicators"), 1)
    for line in data.indicators or ["–"]:
        document.add_paragraph(line, style="List Bullet")
    return _bytes(document)


EXPORT_HEADER = [
    "reference", "focus_area", "title", "description", "expected_result", "responsible",
    "start_date", "due_date", "estimated_cost", "currency", "funding_source", "support_class",
    "status", "status_reason", "health", "priority", "gaps", "standards", "milestones",
]  # fmt: skip


def export_rows(data):
    """The header, then one row per action (dropped ones last); cells stay typed."""
    rows = [EXPORT_HEADER]
    for r in data.actions + data.dropped:
        rows.append(
            [
                r.reference, r.focus_area, r.title, r.description, r.expected_result,
                r.responsible, r.start, r.due, r.cost, r.currency, r.funding, r.support_class,
                r.status, r.status_reason, r.state, r.priority, " ".join(r.gaps),
                " ".join(r.standards),
                "; ".join(f"{d.isoformat()} {n}{' (done)' if done else ''}"
                          for n, d, done in r.milestones),
            ]
        )  # fmt: skip
    return rows


def traceability_rows(data):
    rows = [["standard", "gap", "score_to_target", "actions"]]
    rows += [[t.standard, t.gap, t.score, " ".join(t.actions)] for t in data.traceability]
    return rows
