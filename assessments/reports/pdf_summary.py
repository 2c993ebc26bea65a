"""Front sections of the needs-assessment report: introduction with the administration's
profile, executive summary and readiness charts. A mixin of `pdf.AssessmentReport`."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Spacer,
    Table,
)

from . import figures, styles
from .context import (
    SHORT_REPORT_BELOW,
    is_short,
)
from .headline import (
    area_confidence_header,
    area_confidence_rows,
    headline_rows,
    not_applicable_header,
    not_applicable_rows,
    provisional_text,
)
from .layout import (
    FRAME_WIDTH,
    table_style,
)
from .narrative import introduction, profile_text, summary_sentences
from .score_texts import answered_text, band_name, change_text, score_text
from .textblock import Run
from .typography import country_name


def band_runs(code):
    """The band in its colour; the word itself carries the meaning in grey print."""
    colour = styles.BAND_COLOURS.get(code)
    if colour is None:
        return (Run(band_name(code)),)
    return (Run(band_name(code), styles.fonts().bold, colour),)


class SummarySections:
    """Introduction, executive summary and readiness."""

    # 3. Executive summary -------------------------------------------------------------------

    # Introduction -----------------------------------------------------------------------

    def introduction(self):
        """Purpose, scope, method, period and people, from the assessment's own data; then
        the administration's profile, entered once and reused by every report."""
        b = self.b
        story = [self.section(_("Introduction"))]
        for heading, text in introduction(self.data):
            story += [b.heading(heading, 2), b.para(text, "BodySpaced")]
        story += [self.subsection(_("Administration profile")), *self._profile()]
        return story

    def _profile(self):
        b, d = self.b, self.data
        country = country_name(d.country_iso3, d.country_name)
        rows = [(_("Administration"), d.administration), (_("Country"), country)]
        rows += [(_("WCO region"), d.region)]
        rows += [(label, profile_text(value)) for label, value in d.profile]
        story = [b.table(None, [[b.cell(k, "SmallBold"), v] for k, v in rows], [170, 311.9])]
        if not d.profile:
            story.append(
                b.note(
                    _(
                        "No profile yet: the administration's coordinators enter its trade "
                        "and traffic figures, border posts, staff and customs IT system once, "
                        "on its profile page, and every report shows them."
                    )
                )
            )
        return story

    # Executive summary --------------------------------------------------------------------

    def executive_summary(self):
        d, b = self.data, self.b
        story = [self.section(_("Executive summary")), self._kpis(), Spacer(1, 4 * mm)]
        story += [self._headline(), Spacer(1, 4 * mm)]
        story += [b.para(sentence, "BodySpaced") for sentence in summary_sentences(d)]
        if is_short(d):
            story += [b.para(self._short_report_text(), "BodySpaced"), self._area_table()]
            return [*story, *self._not_applicable()]
        if d.provisional and d.results.overall.value is not None:
            story.append(
                b.note(
                    "* "
                    + _("The index is %(provisional)s; scores may move as answers are added.")
                    % {"provisional": provisional_text(d)}
                )
            )
        if d.review_comment and d.validated:
            story += [b.heading(_("Reviewer's comment"), 2), b.para(d.review_comment)]
        story += [b.heading(_("Scores by focus area"), 2), self._area_table()]
        story += [b.heading(_("Level, target and confidence by focus area"), 2)]
        story.append(self._area_confidence_table())
        story += [b.heading(_("Main strengths"), 2), *self._strengths()]
        story += [b.heading(_("Ten highest-priority gaps"), 2), *self._top_gaps()]
        story += [b.heading(_("Gaps by class"), 2), self._class_table()]
        story += self._not_applicable()
        return [*story, PageBreak()]

    def _headline(self):
        """Beside the index: level achieved, percent-to-target, confidence, N/A, gaps not
        classified and, in Phase 3, the Phase 1 readiness baseline."""
        b = self.b
        rows = [[b.cell(k, "SmallBold"), v] for k, v in headline_rows(self.data)]
        return b.table(None, rows, [170, 311.9], zebra=False)

    def _area_confidence_table(self):
        rows = [list(row) for row in area_confidence_rows(self.data)]
        if not rows:
            return self.b.note(_("This questionnaire has no focus areas."))
        header = area_confidence_header()
        return self.b.table(header, rows, [170, 70, 60, 181.9], right=(2,))

    def _not_applicable(self):
        """The questions answered N/A, with the reason given and whether it stands."""
        b, rows = self.b, not_applicable_rows(self.data)
        story = [b.heading(_("Questions not applicable"), 2)]
        if not rows:
            return [*story, b.note(_("No question is marked not applicable."))]
        count = ngettext(
            "%(n)s of %(total)s question answered not applicable.",
            "%(n)s of %(total)s questions answered not applicable.",
            self.data.counts.not_applicable,
        ) % {
            "n": self.data.counts.not_applicable,  # accepted ones; the table lists all
            "total": self.data.total,
        }
        story.append(b.para(count, "BodySpaced"))
        return [*story, b.table(not_applicable_header(), rows, [50, 170, 140, 121.9])]

    def _short_report_text(self):
        d = self.data
        return _(
            "This is a short report: %(answered)s of %(total)s questions are answered, too "
            "few for findings, gaps or recommendations to mean anything. The full report, "
            "with findings per focus area, the gap analysis and recommendations, is produced "
            "once at least %(share)s%% of the questions are answered."
        ) % {"answered": d.answered, "total": d.total, "share": int(SHORT_REPORT_BELOW * 100)}

    def _kpis(self):
        """Four key figures in a shaded band: index, band, completion, gaps by class."""
        d, b = self.data, self.b
        overall = d.results.overall
        share = f"{100 * d.answered / d.total:.0f}%" if d.total else "–"
        index_label = f"{d.index_label or _('Overall index')} (0–100)"
        if d.provisional:
            index_label += f" — {provisional_text(d)}"
        cells = [
            (score_text(overall), "Figure", index_label),
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
                _("Gaps: A %(A)s · B %(B)s · C %(C)s · not classified %(n)s")
                % {**d.gap_counts, "n": d.unclassified_gaps},
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

    def _area_table(self):
        b = self.b
        header = [_("Focus area"), _("Score"), _("Band"), _("Answered"), _("Change")]
        rows = [
            [
                f"{area.code} — {area.title}",
                score_text(area.score),
                b.cell(band_runs(area.score.band if area.score else None)),
                answered_text(area.score),
                change_text(area.compared, area.earlier),
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
        findings = {f.code: f for f in self.data.findings}
        rows = [
            [b.cell((b.bold(s.code), b.run(" " + s.text))), self._in_place(findings.get(s.code))]
            for s in self.data.strengths
        ]
        header = [_("Question"), _("What is in place"), _("Score")]
        for row, strength in zip(rows, self.data.strengths, strict=True):
            row.append(f"{strength.score:.0f}")
        return [b.table(header, rows, [200, 231.9, 50], right=(2,))]

    def _in_place(self, finding):
        """The level reached, in the words of its descriptor (or the answer itself)."""
        if finding is None:
            return ""
        return self.b.cell(self._answer_runs(finding))

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
                _("Needs more time, for example legal reform."),
                counts["B"],
            ],
            [
                "C",
                _("Needs outside support: technical assistance, equipment or funding."),
                counts["C"],
            ],
            [
                _("Not classified"),
                _("Support not stated yet: the administration still has to say what it needs."),
                self.data.unclassified_gaps,
            ],
        ]
        return self.b.table(
            [_("Class"), _("Meaning"), _("Gaps")], rows, [56, 365.9, 60], right=(2,)
        )

    # 4. Readiness ---------------------------------------------------------------------------

    def readiness(self):
        story = [self.section(_("Readiness")), self.subsection(_("By focus area"))]
        story += self._radar() + [Spacer(1, 3 * mm), self._area_table()]
        story += self._comparison_basis()
        story += [CondPageBreak(70 * mm), self.subsection(_("By pillar and standard"))]
        story += self._pillar_charts() + [Spacer(1, 3 * mm), self._pillar_table()]
        story += [CondPageBreak(110 * mm), self.subsection(_("Trend")), *self._trend()]
        return [*story, PageBreak()]

    def _comparison_basis(self):
        """Across editions, the change columns rest on the shared questions only: say so."""
        basis = self.data.comparison_basis
        if not basis:
            return []
        note = _("Change since %(label)s: %(basis)s.")
        return [self.b.note(note % {"label": self.data.earlier_label, "basis": basis})]

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
            change_text(group.compared, group.earlier),
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
        story = [self.b.fit(figure.drawing)]
        if self.data.trend_basis:
            note = _("Points of another edition: %(basis)s; the latest on all its questions.")
            story.append(self.b.note(note % {"basis": self.data.trend_basis}))
        return story


def carried_over_text(n):
    """Added to the completion figure while copied answers are still unchecked."""
    if not n:
        return ""
    return " " + _("(%(n)s carried over, not confirmed)") % {"n": n}
