"""The assessment report as a PDF: the story of `AssessmentReport`.

The page itself (templates, header, footer, DRAFT mark) comes from `layout.ReportRenderer`;
the numbers come from `data.build_report_data`, so nothing here queries the database.
Sections: cover, contents, executive summary, readiness, detailed findings, gap analysis,
action plan (Phase 2) or progress (Phase 3), and annexes.
"""

import re

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from . import figures, styles
from .data import (
    answered_text,
    band_name,
    build_report_data,
    change_text,
    format_number,
    score_text,
)
from .layout import (
    BODY_HEIGHT,
    FRAME_WIDTH,
    Blocks,
    Contents,
    KeepWhole,
    ReportRenderer,
    table_style,
)
from .textblock import Piece, Run, TextBlock
from .texts import band_rows, glossary, scoring_method


def render_report(assessment):
    """The report of one assessment as PDF bytes."""
    return AssessmentReport(build_report_data(assessment)).render()


def report_filename(assessment):
    iso3 = re.sub(r"[^A-Za-z0-9]", "", assessment.administration.country_alpha3) or "XXX"
    return f"SAFE-needs-assessment-{iso3.upper()}-{timezone.localdate():%Y-%m-%d}.pdf"


def band_runs(code):
    """The band in its colour; the word itself carries the meaning in grey print."""
    colour = styles.BAND_COLOURS.get(code)
    if colour is None:
        return (Run(band_name(code)),)
    return (Run(band_name(code), styles.fonts().bold, colour),)


# The report --------------------------------------------------------------------------------


class AssessmentReport(ReportRenderer):
    """The needs-assessment report: cover, contents, summary, readiness, findings, gaps,
    action plan or progress, annexes."""

    def __init__(self, data):
        super().__init__(data)
        self.b = Blocks(self.styles, self.fonts)
        self.title = _("SAFE needs assessment")

    def header_text(self):
        return f"{self.data.administration} — {self.title}"

    def footer_text(self):
        return _("Report generated %(date)s · %(framework)s") % {
            "date": self.data.generated.isoformat(),
            "framework": self.data.framework,
        }

    def is_draft(self):
        return not self.data.validated

    def story(self):
        story = self.cover() + self.contents()
        for section in (
            self.executive_summary,
            self.readiness,
            self.findings,
            self.gap_analysis,
            self.plan_or_progress,
            self.annex_scoring,
            self.annex_glossary,
            self.annex_evidence,
        ):
            story += section()
        return story

    # 1. Cover and 2. contents ---------------------------------------------------------------

    def cover(self):
        d, b = self.data, self.b
        period = f"{d.period_start:%Y-%m-%d} – {d.period_end:%Y-%m-%d}"
        rows = [
            (_("Administration"), d.administration),
            (_("Country"), f"{d.country_name} ({d.country_iso3})"),
            (_("WCO region"), d.region),
            (_("Framework edition"), f"{d.framework}"),
            (_("Columbus Programme phase"), f"{d.phase_number}: {d.phase_title}"),
            (_("Assessment"), d.title),
            (_("Period"), period),
            (_("Status"), d.status_label),
            (_("Date generated"), d.generated.isoformat()),
        ]
        details = Table(
            [[b.cell(k, "Label"), b.cell(v, "Body")] for k, v in rows],
            colWidths=[48 * mm, FRAME_WIDTH - 48 * mm],
        )
        details.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        story = [
            b.para(_("WCO SAFE Framework of Standards · Columbus Programme"), "CoverKicker"),
            b.para(self._cover_title(), "CoverTitle"),
            b.para(d.administration, "CoverSubtitle"),
            details,
            Spacer(1, 10 * mm),
            self._kpis(),
        ]
        if self.is_draft():
            story += [Spacer(1, 8 * mm), self._draft_box()]
        return [*story, NextPageTemplate("body"), PageBreak()]

    def _cover_title(self):
        return {
            1: _("SAFE needs assessment report"),
            2: _("SAFE implementation planning report"),
            3: _("SAFE monitoring and evaluation report"),
        }.get(self.data.phase_number, _("SAFE assessment report"))

    def _draft_box(self):
        text = _(
            "DRAFT — not validated. This report reflects the answers as they stand today; "
            "scores and findings may change until the assessment is submitted and validated "
            "by a reviewer."
        )
        box = Table([[self.b.para(text, "Small")]], colWidths=[FRAME_WIDTH])
        box.setStyle(
            table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 1, styles.DRAFT_RED),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return box

    def contents(self):
        return [self.b.heading(_("Contents"), toc=False), Contents(), PageBreak()]

    # 3. Executive summary -------------------------------------------------------------------

    def executive_summary(self):
        d, b = self.data, self.b
        story = [b.heading(_("1 Executive summary")), self._kpis(), Spacer(1, 4 * mm)]
        story.append(b.para(self._summary_sentence(), "BodySpaced"))
        if d.results.overall.provisional and d.results.overall.value is not None:
            story.append(
                b.note(
                    _(
                        "* Provisional: fewer than half of the applicable questions are "
                        "answered, so scores may move a lot as answers are added."
                    )
                )
            )
        if d.review_comment and d.validated:
            story += [b.heading(_("Reviewer's comment"), 2), b.para(d.review_comment)]
        story += [b.heading(_("Scores by focus area"), 2), self._area_table()]
        story += [b.heading(_("Main strengths"), 2), *self._strengths()]
        story += [b.heading(_("Ten highest-priority gaps"), 2), *self._top_gaps()]
        story += [b.heading(_("Gaps by class"), 2), self._class_table()]
        return [*story, PageBreak()]

    def _kpis(self):
        """Four key figures in a shaded band: index, band, completion, gaps by class."""
        d, b = self.data, self.b
        overall = d.results.overall
        share = f"{100 * d.answered / d.total:.0f}%" if d.total else "–"
        cells = [
            (score_text(overall), "Figure", _("Overall readiness index (0–100)")),
            (band_name(overall.band), "FigureWord", _("Readiness band")),
            (
                share,
                "Figure",
                _("Questions answered: %(n)s of %(total)s") % {"n": d.answered, "total": d.total}
                + carried_over_text(d.carried_over_unconfirmed),
            ),
            (
                str(len(d.gaps)),
                "Figure",
                _("Gaps: A %(A)s · B %(B)s · C %(C)s") % d.gap_counts,
            ),
        ]
        figures = [self._figure(value, style) for value, style, _label in cells]
        labels = [b.para(label, "FigureLabel") for _value, _style, label in cells]
        table = Table([figures, labels], colWidths=[FRAME_WIDTH / 4] * 4, rowHeights=[40, None])
        table.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), styles.PALE),
                    ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
                    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                    ("VALIGN", (0, 1), (-1, 1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, 0), 10),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
                ]
            )
        )
        return table

    def _figure(self, text, style):
        """A key figure, shrunk until it fits its quarter of the band (long band names in
        French would otherwise break inside a word)."""
        style = self.styles[style]
        size, width = style.fontSize, FRAME_WIDTH / 4 - 14
        while size > 9 and stringWidth(text, style.fontName, size) > width:
            size -= 1
        if size != style.fontSize:
            style = ParagraphStyle(f"{style.name}{size}", parent=style, fontSize=size)
        return self.b.para(text, style)

    def _summary_sentence(self):
        d = self.data
        overall = d.results.overall
        if overall.value is None:
            return _(
                "No scored question has been answered yet, so no readiness index can be "
                "computed. %(answered)s of %(total)s questions are answered."
            ) % {"answered": d.answered, "total": d.total}
        return _(
            "%(administration)s reaches an overall SAFE readiness index of %(score)s out of "
            "100, in the %(band)s band, with %(answered)s of %(total)s questions answered. "
            "The assessment identifies %(gaps)s gaps against the targets and %(strengths)s "
            "areas of strength (scores of 75 or more)."
        ) % {
            "administration": d.administration,
            "score": f"{overall.value:.0f}",
            "band": band_name(overall.band),
            "answered": d.answered,
            "total": d.total,
            "gaps": len(d.gaps),
            "strengths": len(d.results.strengths),
        }

    def _area_table(self):
        b = self.b
        header = [_("Focus area"), _("Score"), _("Band"), _("Answered"), _("Change")]
        rows = [
            [
                f"{area.code} — {area.title}",
                score_text(area.score),
                b.cell(band_runs(area.score.band if area.score else None)),
                answered_text(area.score),
                change_text(area.score, area.earlier),
            ]
            for area in self.data.focus_areas
        ]
        if not rows:
            return b.note(_("This questionnaire has no focus areas."))
        return b.table(header, rows, [220, 50, 85, 62, 64.9], right=(1, 3, 4))

    def _strengths(self):
        b = self.b
        if not self.data.strengths:
            return [b.note(_("No strength yet: no answered question scores 75 or more."))]
        rows = [[s.code, s.text, f"{s.score:.0f}"] for s in self.data.strengths]
        header = [_("Question"), _("What is in place"), _("Score")]
        return [b.table(header, rows, [60, 371.9, 50], right=(2,))]

    def _top_gaps(self):
        b = self.b
        gaps = self.data.gaps[:10]
        if not gaps:
            return [b.note(self._no_gap_text())]
        rows = [
            [
                str(g.rank),
                f"{g.code} — {g.text}",
                f"{g.current:.0f} → {g.target:.0f}",
                g.class_label,
                g.support,
            ]
            for g in gaps
        ]
        header = ["#", _("Question"), _("Score → target"), _("Class"), _("Support needed")]
        return [b.table(header, rows, [20, 252, 68, 54, 87.9], right=(0, 2))]

    def _no_gap_text(self):
        if self.data.results.overall.value is None:
            return _("No gap can be identified until questions are answered (not answered yet).")
        return _("No gap: every answered question meets its target.")

    def _class_table(self):
        counts = self.data.gap_counts
        rows = [
            [
                "A",
                _("Can be implemented now with the administration's own resources."),
                counts["A"],
            ],
            [
                "B",
                _("Needs more time (for example legal reform), or support not stated."),
                counts["B"],
            ],
            [
                "C",
                _("Needs outside support: technical assistance, equipment or funding."),
                counts["C"],
            ],
        ]
        return self.b.table(
            [_("Class"), _("Meaning"), _("Gaps")], rows, [56, 365.9, 60], right=(2,)
        )

    # 4. Readiness ---------------------------------------------------------------------------

    def readiness(self):
        b = self.b
        story = [b.heading(_("2 Readiness")), b.heading(_("2.1 By focus area"), 1)]
        story += self._radar() + [Spacer(1, 3 * mm), self._area_table()]
        story += [CondPageBreak(120 * mm), b.heading(_("2.2 By pillar and standard"), 1)]
        story += self._pillar_charts() + [Spacer(1, 3 * mm), self._pillar_table()]
        story += [CondPageBreak(110 * mm), b.heading(_("2.3 Trend"), 1), *self._trend()]
        return [*story, PageBreak()]

    def _radar(self):
        figure = figures.focus_area_radar(self.data)
        return [self.b.fit(figure.drawing)] if figure else []

    def _pillar_charts(self):
        figure = figures.pillar_bars(self.data)
        if figure is None:
            return [self.b.note(_("No standard is covered by this questionnaire."))]
        story = [self.b.fit(figure.drawing)]
        for pillar in self.data.pillars:
            story += [
                Spacer(1, 3 * mm),
                self.b.fit(figures.standard_bars(self.data, pillar).drawing),
            ]
        return story

    def _pillar_table(self):
        b = self.b
        rows, bold_rows = [], []
        for pillar in self.data.pillars:
            bold_rows.append(len(rows) + 1)
            rows.append(self._group_row(pillar, "SmallBold"))
            rows += [self._group_row(s, "Cell", indent=True) for s in pillar.children]
        if not rows:
            return Spacer(1, 0)
        header = [_("Pillar / standard"), _("Score"), _("Band"), _("Answered"), _("Change")]
        return b.table(header, rows, [220, 50, 85, 62, 64.9], right=(1, 3, 4))

    def _group_row(self, group, style, indent=False):
        b = self.b
        label = f"{group.code} — {group.title}"
        name = b.cell(("\u00a0" * 4 if indent else "") + label, style)  # no break in the indent
        return [
            name,
            score_text(group.score),
            b.cell(band_runs(group.score.band if group.score else None)),
            answered_text(group.score),
            change_text(group.score, group.earlier),
        ]

    def _trend(self):
        figure = figures.trend_lines(self.data)
        if figure is None:
            return [
                self.b.note(
                    _(
                        "This is the first assessment of this phase for the administration: "
                        "a trend appears once a follow-up assessment exists."
                    )
                )
            ]
        return [self.b.fit(figure.drawing)]

    # 5. Detailed findings -------------------------------------------------------------------

    def findings(self):
        b = self.b
        story = [
            b.heading(_("3 Detailed findings")),
            b.para(
                _(
                    "Each question with the answer given, the descriptor of the maturity level "
                    "chosen, the target, comments and the evidence provided."
                ),
                "BodySpaced",
            ),
        ]
        for number, area in enumerate(self.data.focus_areas, start=1):
            title = _("3.%(n)s %(title)s") % {"n": number, "title": area.title}
            story += [CondPageBreak(60 * mm), b.heading(title, 1)]
            summary = _("Score %(score)s · %(band)s · %(answered)s questions answered") % {
                "score": score_text(area.score),
                "band": band_name(area.score.band if area.score else None),
                "answered": answered_text(area.score),
            }
            story += [b.para(summary, "Muted"), Spacer(1, 2 * mm)]
            story += [flowable for f in area.findings for flowable in self._finding(f)]
        return [*story, PageBreak()]

    def _finding(self, finding):
        """A question block: a shaded head, then lines of a label in the margin and a value.

        One text block per question rather than a table: tables wrap every cell several
        times, and with 150 questions that doubled the build time.
        """
        b = self.b
        head = (b.bold(finding.code), b.run("\u00a0\u00a0" + finding.text))
        pieces = [Piece(head, self.styles["QuestionHead"])]
        for label, runs, style in self._finding_rows(finding):
            pieces.append(Piece(runs, self.styles[style], label))
        # Kept whole, so no answer is parted from its question by a page break.
        return [KeepWhole([TextBlock(pieces)], BODY_HEIGHT), Spacer(1, 4 * mm)]

    def _finding_rows(self, f):
        """(label, runs, style) lines of a question block; empty fields are left out."""

        def plain(text):
            return (self.b.run(text),)

        if not f.answered and not f.not_applicable:
            rows = [(_("Answer"), plain(_("Not answered yet")), "FieldNote")]
        else:
            rows = [(_("Answer"), self._answer_runs(f), "Field")]
        if f.not_applicable:
            justification = f.na_justification or _("No justification given yet.")
            rows.append((_("N/A reason"), plain(justification), "Field"))
        if f.score is not None:
            score = _("%(score)s / 100 (target: %(target)s)") % {
                "score": f"{f.score:.0f}",
                "target": f.target,
            }
            rows.append((_("Score"), plain(score), "Field"))
        elif f.target and f.answer_type != "text":
            rows.append((_("Target"), plain(f.target), "Field"))
        if f.comment:
            rows.append((_("Comment"), plain(f.comment), "Field"))
        if f.support:
            rows.append((_("Support needed"), plain(f.support), "Field"))
        if f.evidence:
            rows.append((_("Evidence"), self._evidence_runs(f.evidence), "Field"))
        if f.standards:
            rows.append((_("Standards"), plain(", ".join(f.standards)), "FieldMuted"))
        return rows

    def _answer_runs(self, f):
        runs = (self.b.bold(f.answer),)
        if f.level_descriptor:
            runs += (self.b.run(" — " + f.level_descriptor),)
        return runs

    def _evidence_runs(self, items):
        runs = ()
        for n, item in enumerate(items):
            runs += (self.b.run("\n• " if n else "• "), *evidence_runs(item))
        return runs

    # 6. Gap analysis ------------------------------------------------------------------------

    def gap_analysis(self):
        b = self.b
        story = [
            b.heading(_("4 Gap analysis and recommendations")),
            b.para(
                _(
                    "A gap is an answered question whose score is below its target. Gaps are "
                    "ranked by priority: the size of the gap, times the question's weight, "
                    "raised by a quarter for each further standard that relies on it. Each gap "
                    "is classed A, B or C from the support the administration said it needs, "
                    "in the manner of the WTO Trade Facilitation Agreement categories."
                ),
                "BodySpaced",
            ),
            self._class_table(),
            Spacer(1, 4 * mm),
        ]
        if not self.data.gaps:
            return [*story, b.note(self._no_gap_text()), PageBreak()]
        rows = [self._gap_row(g) for g in self.data.gaps]
        header = [
            "#",
            _("Question and recommendation"),
            _("Area"),
            _("Score → target"),
            _("Priority"),
            _("Class"),
            _("Support needed"),
            _("Standards"),
        ]
        widths = [20, 180, 32, 46, 44, 48, 54, 57.9]
        story.append(b.table(header, rows, widths, right=(0, 3, 4)))
        return [*story, PageBreak()]

    def _gap_row(self, g):
        b = self.b
        question = (
            b.bold(g.code),
            b.run(f" {g.text}\n"),
            b.run(g.recommendation, styles.MUTED),
        )
        return [
            str(g.rank),
            b.cell(question),
            g.focus_area_code,
            f"{g.current:.0f} → {g.target:.0f}",
            f"{g.priority:.2f}",
            g.class_label,
            g.support,
            ", ".join(g.standards),
        ]

    # 7. Action plan (Phase 2) or progress (Phase 3) -----------------------------------------

    def plan_or_progress(self):
        d = self.data
        if d.phase_number == 2:
            return self._action_plan()
        if d.phase_number == 3:
            return self._progress()
        b = self.b
        return [
            b.heading(_("5 Action plan and progress")),
            b.note(
                _(
                    "This is a Columbus Programme Phase 1 needs assessment. The action plan is "
                    "drawn up in a Phase 2 (planning and implementation) assessment, and "
                    "progress against this baseline is measured in Phase 3 (monitoring and "
                    "evaluation); their reports include those sections."
                )
            ),
        ]

    def _action_plan(self):
        b = self.b
        story = [
            b.heading(_("5 Action plan")),
            b.para(
                _(
                    "The planning questions of Phase 2, read as the lines of the action plan: "
                    "where each work stream stands, its target and the support it needs."
                ),
                "BodySpaced",
            ),
        ]
        items = self.data.action_plan
        if not any(item.status != _("Not answered yet") for item in items):
            story.append(b.note(_("The action plan is not answered yet.")))
        rows = [self._action_row(item) for item in items]
        header = [_("Action"), _("Where it stands"), _("Target"), _("Support"), _("Notes")]
        story.append(b.table(header, rows, [150, 130, 45, 60, 96.9]))
        return [*story, PageBreak()]

    def _action_row(self, item):
        b = self.b
        status = (b.bold(item.status),)
        if item.descriptor:
            status += (b.run(" — " + item.descriptor),)
        return [
            b.cell((b.bold(item.code), b.run(" " + item.text))),
            b.cell(status),
            item.target,
            item.support or "–",
            item.comment or "–",
        ]

    def _progress(self):
        d, b = self.data, self.b
        story = [b.heading(_("5 Progress against the baseline"))]
        if d.baseline_label:
            story.append(b.para(self._baseline_sentence(), "BodySpaced"))
        else:
            story.append(
                b.note(
                    _(
                        "No earlier monitoring assessment exists for this administration, so "
                        "this one is the baseline; changes appear in the next one."
                    )
                )
            )
        if not d.indicators:
            return [*story, b.note(_("This questionnaire has no indicators.")), PageBreak()]
        rows = [self._indicator_row(i) for i in d.indicators]
        header = [
            _("Indicator"),
            _("Baseline"),
            _("Current"),
            _("Target"),
            _("Change"),
            _("Status"),
        ]
        story.append(b.table(header, rows, [200, 52, 52, 52, 50, 75.9], right=(1, 2, 3, 4)))
        return [*story, PageBreak()]

    def _baseline_sentence(self):
        d = self.data
        now = d.results.overall.value
        before = d.baseline_overall
        text = _("Baseline: %(label)s.") % {"label": d.baseline_label}
        if now is not None and before is not None:
            text += " " + _(
                "The overall index moved from %(before)s to %(now)s (%(change)s points)."
            ) % {"before": f"{before:.0f}", "now": f"{now:.0f}", "change": f"{now - before:+.0f}"}
        return text

    def _indicator_row(self, i):
        b = self.b

        def value(v):
            return "–" if v is None else format_number(v)

        if i.reached is None:
            status = _("Not answered yet")
        else:
            status = _("Target reached") if i.reached else _("Below target")
        change = "–"
        if i.change is not None:
            change = ("+" if i.change > 0 else "") + format_number(i.change)
        unit = (b.run(f" ({i.unit})", styles.MUTED),) if i.unit else ()
        return [
            b.cell((b.bold(i.code), b.run(" " + i.text), *unit)),
            value(i.baseline),
            value(i.value),
            value(i.target),
            change.replace("-", "−"),
            status,
        ]

    # 8. Annexes -----------------------------------------------------------------------------

    def annex_scoring(self):
        b = self.b
        story = [b.heading(_("Annex A Scoring method"))]
        story += [b.para(text, "BodySpaced") for text in scoring_method()]
        rows = [
            [b.cell(band_runs(code)), f"{low}–{high}", meaning]
            for code, low, high, meaning in band_rows()
        ]
        story.append(b.table([_("Band"), _("Score"), _("Meaning")], rows, [90, 60, 331.9]))
        return story

    def annex_glossary(self):
        b = self.b
        rows = [[b.cell(term, "SmallBold"), text] for term, text in glossary()]
        return [
            CondPageBreak(60 * mm),
            b.heading(_("Annex B Glossary")),
            b.table(None, rows, [110, 371.9], zebra=False),
        ]

    def annex_evidence(self):
        b = self.b
        story = [CondPageBreak(50 * mm), b.heading(_("Annex C List of evidence"))]
        if not self.data.evidence:
            return [*story, b.note(_("No evidence has been attached yet."))]
        rows = [[code, b.cell(evidence_runs(item))] for code, item in self.data.evidence]
        story.append(b.table([_("Question"), _("Evidence")], rows, [70, 411.9]))
        return story


def evidence_runs(item):
    """Title, file name and link of one piece of evidence; only web links become links."""
    parts = []
    if item.title:
        parts.append(Run(item.title, styles.fonts().bold))
    if item.file_name:
        parts.append(Run(item.file_name))
    if item.url:
        if item.url.lower().startswith(("http://", "https://")):
            parts.append(Run(item.url, None, styles.BLUE, item.url))
        else:
            parts.append(Run(item.url))
    if not parts:
        return (Run(_("(untitled)")),)
    runs = [parts[0]]
    for part in parts[1:]:
        runs += [Run(" · "), part]
    return tuple(runs)


def carried_over_text(n):
    """Added to the completion figure while copied answers are still unchecked."""
    if not n:
        return ""
    return " " + _("(%(n)s carried over, not confirmed)") % {"n": n}
