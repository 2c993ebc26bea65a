"""A project proposal as a PDF: the one-to-three pages a donor reads.

Problem (the gaps and their scores), objective, activities, budget, timeline, expected results
and indicators, for a group of the plan's actions. Content from `plan_data.ProposalData`.
"""

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, Spacer

from .layout import FRAME_WIDTH
from .plan_data import build_proposal_data
from .plan_pdf import PlanDocument, dates, money
from .typography import file_iso3


def render_proposal(proposal, today=None):
    return ProposalReport(build_proposal_data(proposal, today)).render()


def proposal_filename(data, extension):
    return f"SAFE-project-proposal-{file_iso3(data.country_iso3)}-{data.proposal_id}.{extension}"


class ProposalReport(PlanDocument):
    def __init__(self, data):
        super().__init__(data)
        self.title = _("Project proposal")

    def story(self):
        d, b = self.data, self.b
        story = [
            NextPageTemplate("body"),
            b.para(_("Project proposal · WCO SAFE Framework of Standards · Columbus Programme"),
                   "CoverKicker"),
            b.para(d.title, "CoverTitle"),
            b.para(d.administration, "CoverSubtitle"),
            self.details([(_("Country"), f"{d.country_name} ({d.country_iso3})"),
                          (_("Baseline (Phase 1)"), f"{d.baseline} · {d.baseline_score}/100")]),
            Spacer(1, 4 * mm),
            b.heading(_("1 The problem"), toc=False),
            b.para(_("The needs assessment found these gaps; the score is out of 100, then the "
                     "target."), "BodySpaced"),
        ]  # fmt: skip
        rows = [[t.standard or "–", t.gap, t.score] for t in d.problem]
        if rows:
            story.append(b.table([_("Standards"), _("Gap"), _("Score → target")], rows,
                                 [70, FRAME_WIDTH - 140, 70]))  # fmt: skip
        else:
            story.append(
                b.note(_("These actions were added by the administration, not from a gap."))
            )
        story += [
            b.heading(_("2 Objective"), toc=False),
            b.para(d.objective or "–", "BodySpaced"),
            b.heading(_("3 Activities"), toc=False),
        ]
        header = [_("Ref."), _("Activity"), _("Responsible"), _("Dates")]
        activity_rows = [[r.reference, b.cell(self._activity(r)), r.responsible or "–",
                          dates(r.start, r.due)] for r in d.activities]  # fmt: skip
        story.append(b.table(header, activity_rows, [30, FRAME_WIDTH - 220, 90, 100]))
        story += [b.heading(_("4 Budget"), toc=False)] + self.costs(d.budget, d.totals)
        story += [b.heading(_("5 Timeline"), toc=False)] + self.timeline(d.timeline_groups, "")
        story += [
            b.heading(_("6 Expected results"), toc=False),
            b.para(d.expected_results or self._results_from_actions(), "BodySpaced"),
            b.heading(_("7 Indicators"), toc=False),
        ]
        if d.indicators:
            story += [b.para("• " + line, "Body") for line in d.indicators]
        else:
            story.append(b.note(_("No indicator stated yet.")))
        return story

    def _activity(self, r):
        b = self.b
        runs = (b.bold(r.title),)
        if r.description:
            runs += (b.run("\n" + r.description),)
        if r.cost is not None:
            runs += (b.run("\n" + _("Cost: %(cost)s %(currency)s") % {
                "cost": money(r.cost), "currency": r.currency}),)  # fmt: skip
        return runs

    def _results_from_actions(self):
        results = [r.expected_result for r in self.data.activities if r.expected_result]
        return " ".join(results) or "–"
