"""The progress report (Columbus Phase 3) as a PDF: the story of `ProgressReport`.

The page comes from `layout.ReportRenderer` (header, footer, DRAFT mark, contents); the numbers
from `progress_data.build_progress_data`, the same object the review page and the Word
document use. Nothing here queries the database.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer, Table

from . import monitoring_charts, styles
from .layout import FRAME_WIDTH, Blocks, Contents, ReportRenderer, table_style
from .progress_data import change_text, plan_rows, score_text
from .typography import file_iso3


def render_progress_pdf(data):
    return ProgressReport(data).render()


def progress_filename(review, extension):
    iso3 = file_iso3(review.administration.country_alpha3)
    return f"SAFE-progress-report-{iso3}-{review.review_date:%Y-%m-%d}.{extension}"


def sections(data):
    """The report's sections in order, shared with the Word renderer: (number, title)."""
    return [
        (1, _("Summary")),
        (2, _("Baseline and now")),
        (3, _("What changed and why")),
        (4, _("Plan execution")),
        (5, pgettext("monitoring", "Indicators")),
        (6, _("Conclusions and next steps")),
    ]


def summary_sentence(data):
    if data.comparison is None:
        return _(
            "No follow-up self-assessment is attached to this review yet: the comparison with "
            "the baseline will appear once one is chosen."
        )
    c = data.counts
    return _(
        "Against the baseline (%(baseline)s), the follow-up (%(follow_up)s) scores "
        "%(after)s overall, %(change)s points from %(before)s. Of the standards assessed, "
        "%(improved)d improved, %(unchanged)d are unchanged and %(regressed)d regressed."
    ) % {
        "baseline": data.baseline_label,
        "follow_up": data.follow_up_label,
        "after": score_text(data.overall.change.after),
        "before": score_text(data.overall.change.before),
        "change": change_text(data.overall.change.change),
        "improved": c.get("improved", 0),
        "unchanged": c.get("unchanged", 0),
        "regressed": c.get("regressed", 0),
    }


def plan_sentence(plan):
    if plan.done_share is None:
        return _("The plan has no action in force.")
    return _(
        "On %(date)s, %(share)s%% of the plan's actions in force were done; actions late: %(late)d."
    ) % {"date": plan.on.isoformat(), "share": plan.done_share, "late": plan.counts.get("late", 0)}


class ProgressReport(ReportRenderer):
    def __init__(self, data):
        super().__init__(data)
        self.b = Blocks(self.styles, self.fonts)
        self.title = _("SAFE progress report")

    def header_text(self):
        return f"{self.data.administration} — {self.title}"

    def footer_text(self):
        return _("Report generated %(date)s · review of %(review)s") % {
            "date": self.data.generated.isoformat(),
            "review": self.data.review_date.isoformat(),
        }

    def is_draft(self):
        return self.data.is_draft

    def story(self):
        titles = dict(sections(self.data))
        story = self.cover()
        story += [self.b.heading(_("Contents"), toc=False), Contents(), PageBreak()]
        story += self.summary(titles[1])
        story += self.baseline_and_now(titles[2])
        story += self.what_changed(titles[3])
        story += self.plan(titles[4])
        story += self.indicators(titles[5])
        story += self.conclusions(titles[6])
        return story

    def cover(self):
        d, b = self.data, self.b
        rows = [
            (_("Administration"), str(d.administration)),
            (_("Review"), d.title),
            (_("Review date"), d.review_date.isoformat()),
            (_("Baseline"), d.baseline_label),
            (_("Follow-up"), d.follow_up_label or "–"),
            (_("Status"), d.review.get_status_display()),
            (_("Date generated"), d.generated.isoformat()),
        ]
        details = Table(
            [[b.cell(k, "Label"), b.cell(v, "Body")] for k, v in rows],
            colWidths=[48 * mm, FRAME_WIDTH - 48 * mm],
        )
        details.setStyle(
            table_style([("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                         ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )  # fmt: skip
        return [
            b.para(
                _("WCO SAFE Framework of Standards · Columbus Programme Phase 3"), "CoverKicker"
            ),
            b.para(_("SAFE progress report"), "CoverTitle"),
            b.para(str(d.administration), "CoverSubtitle"),
            details,
            NextPageTemplate("body"),
            PageBreak(),
        ]

    def summary(self, title):
        d, b = self.data, self.b
        story = [b.heading(f"1 {title}"), b.para(summary_sentence(d), "BodySpaced")]
        if d.indicators:
            reached = sum(1 for i in d.indicators if i.row.progress.status == "reached")
            story.append(
                b.para(
                    _("%(reached)d of %(n)d indicators have reached their target.")
                    % {"reached": reached, "n": len(d.indicators)},
                    "BodySpaced",
                )
            )
        return story

    def baseline_and_now(self, title):
        d, b = self.data, self.b
        story = [PageBreak(), b.heading(f"2 {title}")]
        if d.comparison is None:
            return [*story, b.para(summary_sentence(d))]
        area = monitoring_charts.comparison_figure(
            [a.change for a in d.focus_areas], {a.code: a.title for a in d.focus_areas},
            _("By focus area"),
        )  # fmt: skip
        story += [b.heading(_("By focus area"), 1), b.fit(area.drawing)]
        story.append(self._table(d.focus_areas))
        story += [b.heading(_("By pillar and standard"), 1), self._table(d.pillars)]
        for pillar in d.pillars:
            figure = monitoring_charts.comparison_figure(
                [s.change for s in pillar.children], {s.code: s.title for s in pillar.children},
                pillar.title,
            )  # fmt: skip
            if figure:
                story += [
                    CondPageBreak(80 * mm),
                    b.fit(figure.drawing),
                    self._table(pillar.children),
                ]
        return story

    def _table(self, rows):
        header = [
            _("Area"),
            _("Baseline"),
            pgettext("monitoring", "Now"),
            _("Change"),
            _("Target"),
            pgettext("monitoring", "Verdict"),
        ]
        body = [
            [f"{r.code} {r.title}", score_text(r.change.before), score_text(r.change.after),
             change_text(r.change.change), score_text(r.change.target), r.verdict]
            for r in rows
        ]  # fmt: skip
        widths = [FRAME_WIDTH - 5 * 22 * mm, *[22 * mm] * 5]
        return self.b.table(header, body, widths, right=(1, 2, 3, 4))

    def what_changed(self, title):
        d, b = self.data, self.b
        story = [PageBreak(), b.heading(f"3 {title}")]
        if not d.changed:
            return [*story, b.para(_("No standard moved between the baseline and the follow-up."))]
        for row in d.changed:
            story.append(
                b.heading(
                    f"{row.code} {row.title}: {row.verdict} "
                    f"({score_text(row.change.before)} → {score_text(row.change.after)})",
                    2,
                )
            )
            rows = [
                [q.code, q.text, score_text(q.before), score_text(q.after)] for q in row.questions
            ]
            widths = [24 * mm, FRAME_WIDTH - 64 * mm, 20 * mm, 20 * mm]
            story.append(
                b.table(
                    [
                        _("Question"),
                        pgettext("monitoring", "Text"),
                        _("Baseline"),
                        pgettext("monitoring", "Now"),
                    ],
                    rows,
                    widths,
                    right=(2, 3),
                )
            )
        return story

    def plan(self, title):
        plan, b = self.data.plan, self.b
        story = [PageBreak(), b.heading(f"4 {title}")]
        if plan is None:
            return [
                *story,
                b.para(_("No implementation plan is recorded for this administration yet.")),
            ]
        story.append(b.para(plan_sentence(plan), "BodySpaced"))
        rows = [[label, str(value)] for label, value in plan_rows(plan)]
        story.append(
            b.table(
                [_("Plan on the review date"), ""],
                rows,
                [FRAME_WIDTH - 60 * mm, 60 * mm],
                right=(1,),
            )
        )
        if self.data.plan_details:
            for heading, actions in (
                (_("Late actions"), plan.late),
                (_("Dropped actions"), plan.dropped),
            ):
                if actions:
                    story.append(b.heading(heading, 2))
                    rows = [
                        [a.reference, a.title, "" if a.due_date is None else a.due_date.isoformat()]
                        for a in actions
                    ]
                    story.append(
                        b.table(
                            [_("Action"), _("Title"), pgettext("monitoring", "Due")],
                            rows,
                            [20 * mm, FRAME_WIDTH - 46 * mm, 26 * mm],
                        )
                    )
        return story

    def indicators(self, title):
        d, b = self.data, self.b
        story = [PageBreak(), b.heading(f"5 {title}")]
        if not d.indicators:
            return [*story, b.para(_("No indicator is tracked (or shared with you) yet."))]
        header = [
            _("Indicator"),
            _("Baseline"),
            pgettext("monitoring", "Latest"),
            _("Target"),
            _("Progress"),
        ]
        rows = [
            [i.row.indicator.name, i.baseline_text, i.latest_text, i.target_text,
             "–" if i.row.progress.percent is None else f"{i.row.progress.percent}%"]
            for i in d.indicators
        ]  # fmt: skip
        widths = [FRAME_WIDTH - 3 * 32 * mm - 20 * mm, 32 * mm, 32 * mm, 32 * mm, 20 * mm]
        story.append(b.table(header, rows, widths, right=(4,)))
        for item in d.indicators:
            if item.figure:
                story += [CondPageBreak(75 * mm), Spacer(1, 4 * mm), b.fit(item.figure.drawing)]
                story.append(b.note(item.progress_text))
        return story

    def conclusions(self, title):
        d, b = self.data, self.b
        story = [PageBreak(), b.heading(f"6 {title}")]
        for heading, text in (
            (_("The administration's evaluation"), d.evaluation),
            (_("The reviewer's conclusions"), d.conclusions),
            (_("Next steps"), d.next_steps),
        ):
            story += [b.heading(heading, 1), b.para(text or "–", "BodySpaced")]
        return story
