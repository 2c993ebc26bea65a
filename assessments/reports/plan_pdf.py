"""The implementation plan report as a PDF: plan by focus area and priority, costs and funding
by source, the timeline, and the traceability table standard → gap → action.

The page comes from `layout.ReportRenderer`; the content from `plan_data`, so nothing here
queries the database. User text goes through TextBlocks (printed as typed, never parsed).
"""

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer, Table

from . import plan_charts, styles
from .layout import FRAME_WIDTH, Blocks, ReportRenderer, table_style
from .plan_data import build_plan_report_data, double_funding_text, engagement_text
from .typography import file_iso3

STATE_COLOURS = {"late": styles.DRAFT_RED, "at_risk": styles.colors.HexColor("#8A5A00")}


def render_plan_report(plan, user=None, today=None):
    return PlanReport(build_plan_report_data(plan, user, today)).render()


def plan_filename(data, extension):
    iso3 = file_iso3(data.country_iso3)
    return f"SAFE-implementation-plan-{iso3}-{data.generated:%Y-%m-%d}.{extension}"


def money(value):
    return "–" if value is None else f"{value:,.0f}".replace(",", "\u202f")


def dates(start, due):
    if not (start or due):
        return "–"
    return f"{start.isoformat() if start else '…'} – {due.isoformat() if due else '…'}"


class PlanDocument(ReportRenderer):
    """Shared pieces of the plan report and the project proposal."""

    def __init__(self, data):
        super().__init__(data)
        self.b = Blocks(self.styles, self.fonts)

    def header_text(self):
        return f"{self.data.administration} — {self.title}"

    def footer_text(self):
        return _("Generated %(date)s · SAFE Framework of Standards · Columbus Programme") % {
            "date": self.data.generated.isoformat()
        }

    def details(self, rows):
        b = self.b
        table = Table(
            [[b.cell(k, "Label"), b.cell(v, "Body")] for k, v in rows],
            colWidths=[48 * mm, FRAME_WIDTH - 48 * mm],
        )
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def timeline(self, groups, title):
        if not any(bars for _a, bars in groups):
            return [self.b.note(_("No action has both a start and a due date yet."))]
        drawing = plan_charts.timeline_chart(groups, self.data.today, title)
        return [self.b.fit(drawing, 600)]

    def state_cell(self, row):
        b = self.b
        runs = (b.run(row.status_label),)
        if row.flagged:
            runs += (b.run(" · "), b.bold(row.state_label, STATE_COLOURS.get(row.state)))
        return b.cell(runs)

    def costs(self, costs, totals):
        b = self.b
        if not costs:
            return [b.note(_("No cost estimated yet."))]
        rows = [[label, currency, money(total)] for label, currency, total in costs]
        rows += [[b.cell((b.bold(_("Total")),)), c, money(t)] for c, t in totals]
        return [b.table([_("Funding"), _("Currency"), _("Estimated cost")], rows,
                        [FRAME_WIDTH - 160, 60, 100], right=(2,))]  # fmt: skip


class PlanReport(PlanDocument):
    def __init__(self, data):
        super().__init__(data)
        self.title = _("SAFE implementation plan")

    def is_draft(self):
        return not self.data.adopted

    def story(self):
        d, b = self.data, self.b
        story = [
            b.para(_("WCO SAFE Framework of Standards · Columbus Programme Phase 2"),
                   "CoverKicker"),
            b.para(self.title, "CoverTitle"),
            b.para(d.administration, "CoverSubtitle"),
            self.details(
                [
                    (_("Country"), f"{d.country_name} ({d.country_iso3})"),
                    (_("Framework"), d.framework),
                    (_("Baseline (Phase 1)"), d.baseline),
                    (_("Plan"), f"{d.title} · {d.status_label}"),
                    (_("Version"), d.version_label),
                    (_("Situation on"), d.today.isoformat()),
                ]
            ),
            Spacer(1, 6 * mm),
            self.summary(),
            NextPageTemplate("body"),
            PageBreak(),
        ]  # fmt: skip
        story += [b.heading(_("1 Timeline"))]
        story += self.timeline(d.timeline_groups, "")
        if d.unscheduled:
            story.append(
                b.note(_("Not yet scheduled: %(refs)s.") % {"refs": ", ".join(d.unscheduled)})
            )
        story += [b.heading(_("2 Actions by focus area and priority"))]
        story += self.actions()
        story += [b.heading(_("3 Costs and funding by source"))] + self.costs(d.costs, d.totals)
        story += [b.heading(_("4 Traceability: standard → gap → action"))] + self.traceability()
        story += [b.heading(_("5 Donor support by action"))] + self.support()
        if d.dropped:
            story += [b.heading(_("6 Dropped actions"))] + self.dropped()
        return story

    def support(self):
        """Each action's donor engagements (donor, amount, status); two donors on one action
        are flagged so that nothing is funded twice."""
        b = self.b
        rows = []
        for r in self.data.actions + self.data.dropped:
            for e in r.engagements:
                amount = "–" if e.amount is None else f"{money(e.amount)} {e.currency}"
                flag = b.bold(_("Double funding?"), styles.DRAFT_RED) if r.double_funding else ""
                rows.append(
                    [r.reference, e.donor, amount, e.status_label, b.cell((flag,)) if flag else ""]
                )
        if not rows:
            return [b.note(_("No donor has engaged on an action of this plan yet."))]
        story = [b.table([_("Ref."), _("Donor"), _("Amount"), _("Status"), _("Check")], rows,
                         [34, FRAME_WIDTH - 304, 100, 80, 90], right=(2,))]  # fmt: skip
        doubles = [r for r in self.data.actions + self.data.dropped if r.double_funding]
        for r in doubles:
            story.append(b.note(f"{r.reference}: {double_funding_text(r)}."))
        return story

    def summary(self):
        p, b = self.data.progress, self.b
        text = _(
            "%(total)s actions: %(done)s done, %(progress)s in progress, %(planned)s planned, "
            "%(blocked)s blocked. %(late)s late, %(risk)s at risk."
        ) % {
            "total": p.total,
            "done": p.done,
            "progress": p.in_progress,
            "planned": p.planned,
            "blocked": p.blocked,
            "late": p.late,
            "risk": p.at_risk,
        }
        return b.para(text, "BodySpaced")

    def actions(self):
        b = self.b
        if not self.data.areas:
            return [b.note(_("The plan has no action yet."))]
        story = []
        header = [_("Ref."), _("Action"), _("Responsible"), _("Dates"), _("Cost"),
                  _("Class"), _("Status")]  # fmt: skip
        widths = [30, 148, 78, 66, 60, 36, FRAME_WIDTH - 418]
        for area, rows in self.data.areas:
            story.append(b.heading(area, 1, toc=False))
            story.append(b.table(header, [self.action_row(r) for r in rows], widths, right=(4,)))
        return story

    def action_row(self, r):
        b = self.b
        what = (b.bold(r.title),)
        if r.gaps:
            what += (b.run("\n" + _("Gaps: %(codes)s") % {"codes": ", ".join(r.gaps)}),)
        for name, day, done in r.milestones:
            mark = "◆" if done else "◇"
            what += (b.run(f"\n{mark} {day.isoformat()} {name}"),)
        for e in r.engagements:
            what += (
                b.run("\n" + _("Support: %(engagement)s") % {"engagement": engagement_text(e)}),
            )
        if r.double_funding:
            what += (b.bold("\n" + double_funding_text(r), styles.DRAFT_RED),)
        cost = money(r.cost) + (f" {r.currency}" if r.cost is not None else "")
        return [r.reference, b.cell(what), r.responsible or "–", dates(r.start, r.due), cost,
                r.support_class, self.state_cell(r)]  # fmt: skip

    def traceability(self):
        b = self.b
        rows = [[t.standard or "–", t.gap, t.score, ", ".join(t.actions) or _("none")]
                for t in self.data.traceability]  # fmt: skip
        if not rows:
            return [b.note(_("The plan has no baseline assessment, so no gap to trace."))]
        return [b.table([_("Standard"), _("Gap"), _("Score → target"), _("Actions")], rows,
                        [130, FRAME_WIDTH - 260, 60, 70])]  # fmt: skip

    def dropped(self):
        rows = [[r.reference, r.title, r.status_reason or "–"] for r in self.data.dropped]
        return [self.b.table([_("Ref."), _("Action"), _("Why")], rows,
                             [30, 200, FRAME_WIDTH - 230])]  # fmt: skip
