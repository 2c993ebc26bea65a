"""Findings, gap analysis, assistance needs, recommendations, action plan or progress:
the body of the report. A mixin of `pdf.AssessmentReport`."""

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Spacer,
)

from . import styles
from .context import (
    priority_level,
    priority_name,
)
from .flowables import KeepWhole
from .layout import BODY_HEIGHT
from .narrative import CLASSES, needs_rows, needs_sentence, recommendation_lines, references_text
from .score_texts import answered_text, band_name, format_number, score_text
from .textblock import Piece, Run, TextBlock


class FindingSections:
    """Findings per focus area, gaps, needs, recommendations, plan or progress."""

    # 5. Detailed findings -------------------------------------------------------------------

    def findings(self):
        b = self.b
        story = [
            self.section(_("Detailed findings")),
            b.para(
                _(
                    "Each question with the answer given, the descriptor of the maturity level "
                    "chosen, the target, comments and the evidence provided."
                ),
                "BodySpaced",
            ),
        ]
        for area in self.data.focus_areas:
            story += [CondPageBreak(60 * mm), self.subsection(area.title)]
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
            self.section(_("Gap analysis")),
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
        header = [
            "#",
            _("Question and recommendation"),
            _("Score → target"),
            _("Priority"),
            _("Class"),
            _("Support needed"),
            _("Standards"),
        ]
        widths = [20, 200, 50, 50, 40, 64, 57.9]
        for area, gaps in gaps_by_area(self.data):
            title = f"{area.code} — {area.title}"
            story += [CondPageBreak(40 * mm), b.heading(title, 2)]
            rows = [self._gap_row(g) for g in gaps]
            story.append(b.table(header, rows, widths, right=(0, 2)))
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
            f"{g.current:.0f} → {g.target:.0f}",
            priority_name(priority_level(g.priority)),
            g.class_label,
            g.support,
            ", ".join(g.standards),
        ]

    # Summary of assistance needs and recommendations ---------------------------------------

    def assistance_needs(self):
        """One page a donor can price: gaps by kind of support and class, with known costs."""
        b, d = self.b, self.data
        story = [self.section(_("Summary of assistance needs"))]
        if not d.gaps:
            return [*story, b.note(self._no_gap_text())]
        story.append(b.para(needs_sentence(d), "BodySpaced"))
        rows = [
            [row.support, *(str(row.by_class[k]) for k in CLASSES), str(row.high), row.cost]
            for row in needs_rows(d)
        ]
        header = [_("Support needed"), "A", "B", "C", _("Not classified")]
        header += [_("High priority"), _("Known cost")]
        widths = [130, 34, 34, 34, 70, 60, 119.9]
        story.append(b.table(header, rows, widths, right=(1, 2, 3, 4, 5)))
        story += [Spacer(1, 4 * mm), self._class_table()]
        return story

    def recommendations(self):
        """Per standard: what to do for each of its gaps, and the WCO instruments to read."""
        b, d = self.b, self.data
        story = [
            self.section(_("Recommendations")),
            b.para(
                _(
                    "Grouped by SAFE standard, highest priority first. Each names the "
                    "instruments to work from; the responsible unit and the support come "
                    "from the action plan and the gap analysis."
                ),
                "BodySpaced",
            ),
        ]
        if not d.standard_notes:
            return [*story, b.note(self._no_gap_text())]
        for note in d.standard_notes:
            story += [
                CondPageBreak(30 * mm),
                b.heading(f"{note.code} — {note.title}", 2),
                *(b.para("• " + line, "Small") for line in recommendation_lines(note)),
                b.para(references_text(note), "Muted"),
                Spacer(1, 2 * mm),
            ]
        return story

    # Action plan (Phase 2) or progress (Phase 3) ------------------------------------------

    def plan_or_progress(self):
        d = self.data
        if d.phase_number == 2:
            return self._action_plan()
        if d.phase_number == 3:
            return self._progress()
        return []  # a Phase 1 needs assessment has no plan or progress yet

    def _action_plan(self):
        b = self.b
        story = [
            self.section(_("Action plan")),
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
        story = [self.section(_("Progress against the baseline"))]
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


def gaps_by_area(data):
    """[(area, its gaps)] in the order of the questionnaire; within an area, by priority
    (the gaps come ranked, highest first)."""
    by_code = {}
    for gap in data.gaps:
        by_code.setdefault(gap.focus_area_code, []).append(gap)
    return [(area, by_code[area.code]) for area in data.focus_areas if area.code in by_code]


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
