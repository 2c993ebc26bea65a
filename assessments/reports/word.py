"""The needs-assessment report as an editable Word document, for reviewers who edit a report
before sending it.

Built from the same report data and the same sentences (`narrative.py`) as the PDF, so the two
never disagree; only the layout differs. Word draws every script itself, so comments in Arabic
only need their paragraph marked right to left.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from . import figures, scripts
from .context import (
    HIGH_FROM,
    MEDIUM_FROM,
    is_short,
    outline,
    priority_level,
    priority_name,
)
from .data import build_report_data
from .headline import (
    area_confidence_header,
    area_confidence_rows,
    headline_rows,
    not_applicable_header,
    not_applicable_rows,
)
from .narrative import (
    CLASSES,
    introduction,
    needs_rows,
    needs_sentence,
    profile_text,
    recommendation_lines,
    references_text,
    sign_off_rows,
    summary_sentences,
)
from .pdf import AssessmentReport
from .pdf_findings import gaps_by_area
from .score_texts import answered_text, band_name, change_text, score_text
from .texts import band_rows, glossary, scoring_method
from .typography import country_name, date_text, number_text, polish
from .word_charts import add_chart

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
RED = RGBColor(0xB3, 0x26, 0x1E)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_word(assessment, viewer=None):
    """The report of one assessment as .docx bytes; with `viewer`, comparisons only use the
    earlier assessments that person may see."""
    return WordReport(build_report_data(assessment, viewer)).render()


class WordReport:
    """Sections in the PDF's order and numbering; each writes into one python-docx Document."""

    def __init__(self, data):
        self.data = data
        self.pdf = AssessmentReport(data)  # titles and the draft mark, worded once
        self.doc = Document()
        self._numbers = [0, 0]

    def render(self):
        self._setup()
        self.cover()
        sections = outline(self, self.data)
        for section in sections:
            section()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    # Building blocks -------------------------------------------------------------------------

    def _setup(self):
        style = self.doc.styles["Normal"]
        style.font.name = "DejaVu Sans"
        style.font.size = Pt(10)
        properties = self.doc.core_properties
        properties.title = self.pdf.header_text()
        properties.subject = self.pdf.title
        properties.author = _("SAFE self-assessment toolkit")
        mark = self.pdf.mark()
        header = self.doc.sections[0].header.paragraphs[0]
        header.text = polish(self.pdf.header_text() + (f" — {mark}" if mark else ""))

    def heading(self, text, level=1):
        return self.doc.add_heading(polish(text), level)

    def section(self, title):
        self._numbers = [self._numbers[0] + 1, 0]
        return self.heading(f"{self._numbers[0]} {title}", 1)

    def subsection(self, title):
        self._numbers[1] += 1
        return self.heading(f"{self._numbers[0]}.{self._numbers[1]} {title}", 2)

    def para(self, text, bold_start="", italic=False, colour=None):
        paragraph = self.doc.add_paragraph()
        if bold_start:
            paragraph.add_run(polish(bold_start)).bold = True
        run = paragraph.add_run(polish(text))
        run.italic = italic
        if colour is not None:
            run.font.color.rgb = colour
        if scripts.base_level(text):
            _right_to_left(paragraph)
        return paragraph

    def table(self, header, rows):
        table = self.doc.add_table(rows=0, cols=len(rows[0]) if rows else len(header))
        table.style = "Table Grid"
        if header:
            cells = table.add_row().cells
            for cell, text in zip(cells, header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(polish(str(text))).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = polish(str(text))
                if scripts.base_level(str(text)):
                    _right_to_left(cell.paragraphs[0])
        return table

    # Sections --------------------------------------------------------------------------------

    def cover(self):
        d = self.data
        title = self.doc.add_heading(polish(self.pdf._cover_title()), 0)
        title.alignment = WD_ALIGN_PARAGRAPH.LEFT
        self.para(d.administration)
        rows = [
            (_("Country"), f"{country_name(d.country_iso3, d.country_name)} ({d.country_iso3})"),
            (_("WCO region"), d.region),
            (_("Framework edition"), d.framework),
            (_("Columbus Programme phase"), f"{d.phase_number}: {d.phase_title}"),
            (_("Assessment"), d.title),
            (_("Period"), f"{date_text(d.period_start)} – {date_text(d.period_end)}"),
            (_("Status"), d.status_label),
            (_("Date generated"), date_text(d.generated)),
        ]
        self.table(None, rows)
        if self.pdf.mark():
            self.para(self.pdf.mark(), colour=RED)
        self.doc.add_page_break()

    def introduction(self):
        self.section(_("Introduction"))
        for heading, text in introduction(self.data):
            self.heading(heading, 3)
            self.para(text)
        self.subsection(_("Administration profile"))
        d = self.data
        rows = [
            (_("Administration"), d.administration),
            (_("Country"), country_name(d.country_iso3, d.country_name)),
            (_("WCO region"), d.region),
            *((label, profile_text(value)) for label, value in d.profile),
        ]
        self.table(None, rows)

    def executive_summary(self):
        d = self.data
        self.section(_("Executive summary"))
        self.table(None, headline_rows(d))
        for sentence in summary_sentences(d):
            self.para(sentence)
        if is_short(d):
            self.para(self.pdf._short_report_text())
        header = [_("Focus area"), _("Score"), _("Band"), _("Answered"), _("Change")]
        rows = [
            (
                f"{a.code} — {a.title}",
                score_text(a.score),
                band_name(a.score.band if a.score else None),
                answered_text(a.score),
                change_text(a.compared, a.earlier),
            )
            for a in d.focus_areas
        ]
        if rows:
            self.heading(_("Scores by focus area"), 3)
            self.table(header, rows)
            self.heading(_("Level, target and confidence by focus area"), 3)
            self.table(area_confidence_header(), area_confidence_rows(d))
        self.heading(_("Questions not applicable"), 3)
        na_rows = not_applicable_rows(d)
        if na_rows:
            self.para(
                ngettext(
                    "%(n)s of %(total)s question answered not applicable.",
                    "%(n)s of %(total)s questions answered not applicable.",
                    d.counts.not_applicable,
                )
                % {"n": d.counts.not_applicable, "total": d.total}  # accepted; the table: all
            )
            self.table(not_applicable_header(), na_rows)
        else:
            self.para(_("No question is marked not applicable."), italic=True)

    def readiness(self):
        """The charts of the results page, then the scores by pillar and standard as a table."""
        self.section(_("Readiness"))
        for figure in (figures.focus_area_radar(self.data), figures.pillar_bars(self.data)):
            if figure is not None:
                add_chart(self.doc, figure.drawing, figure.description)
        self.subsection(_("By pillar and standard"))
        rows = []
        for pillar in self.data.pillars:
            for group in (pillar, *pillar.children):
                rows.append(
                    (
                        f"{group.code} — {group.title}",
                        score_text(group.score),
                        band_name(group.score.band if group.score else None),
                        answered_text(group.score),
                    )
                )
        if rows:
            header = [_("Pillar / standard"), _("Score"), _("Band"), _("Answered")]
            self.table(header, rows)

    def plan_or_progress(self):
        d = self.data
        if d.phase_number == 2:
            self.section(_("Action plan"))
            rows = [
                (f"{i.code} {i.text}", i.status, i.target, i.support or "–", i.comment or "–")
                for i in d.action_plan
            ]
            header = [_("Action"), _("Where it stands"), _("Target"), _("Support"), _("Notes")]
            if rows:
                self.table(header, rows)
        elif d.phase_number == 3:
            self.section(_("Progress against the baseline"))
            rows = [
                (f"{i.code} {i.text}", *(number_text(v) for v in (i.baseline, i.value, i.target)))
                for i in d.indicators
            ]
            if rows:
                self.table([_("Indicator"), _("Baseline"), _("Current"), _("Target")], rows)

    def findings(self):
        self.section(_("Detailed findings"))
        for area in self.data.focus_areas:
            self.subsection(area.title)
            for f in area.findings:
                self.para(f" {f.text}", bold_start=f.code)
                answer = f.answer if (f.answered or f.not_applicable) else _("Not answered yet")
                if f.level_descriptor:
                    answer += f" — {f.level_descriptor}"
                self.para(answer, bold_start=_("Answer") + ": ")
                if f.comment:
                    self.para(f.comment, bold_start=_("Comment") + ": ")
                if f.support:
                    self.para(f.support, bold_start=_("Support needed") + ": ")

    def gap_analysis(self):
        self.section(_("Gap analysis"))
        header = ["#", _("Question"), _("Score → target"), _("Priority"), _("Class"),
                  _("Support needed"), _("Recommendations")]  # fmt: skip
        if not self.data.gaps:
            self.para(self.pdf._no_gap_text(), italic=True)
        for area, gaps in gaps_by_area(self.data):
            self.heading(f"{area.code} — {area.title}", 3)
            rows = [
                (
                    g.rank,
                    f"{g.code} {g.text}",
                    f"{g.current:.0f} → {g.target:.0f}",
                    priority_name(priority_level(g.priority)),
                    g.class_label,
                    g.support,
                    g.recommendation,
                )
                for g in gaps
            ]
            self.table(header, rows)

    def assistance_needs(self):
        d = self.data
        self.section(_("Summary of assistance needs"))
        if not d.gaps:
            self.para(self.pdf._no_gap_text(), italic=True)
            return
        self.para(needs_sentence(d))
        header = [_("Support needed"), "A", "B", "C", _("Not classified")]
        header += [_("High priority"), _("Known cost")]
        rows = [
            (r.support, *(r.by_class[k] for k in CLASSES), r.high, r.cost) for r in needs_rows(d)
        ]
        self.table(header, rows)

    def recommendations(self):
        self.section(_("Recommendations"))
        for note in self.data.standard_notes:
            self.heading(f"{note.code} — {note.title}", 3)
            for line in recommendation_lines(note):
                self.doc.add_paragraph(polish(line), style="List Bullet")
            self.para(references_text(note), italic=True)

    def sign_off(self):
        self.section(_("Sign-off"))
        self.table(None, sign_off_rows(self.data))

    def annex_method(self):
        self._numbers = [self._numbers[0], 0]
        self.heading(_("Annex A Scoring method"), 1)
        for text in scoring_method():
            self.para(text)
        self.table(
            [_("Band"), _("Score"), _("Meaning")],
            [
                (band_name(code), f"{low}–{high}", meaning)
                for code, low, high, meaning in band_rows()
            ],
        )
        self.heading(_("Priority of each gap"), 2)
        self.para(
            _(
                "High from a priority of %(high)s, medium from %(medium)s, low below. "
                "Priority = gap size ÷ 100 × weight × (1 + 0.25 for each further standard "
                "the question serves)."
            )
            % {"high": f"{HIGH_FROM:g}", "medium": f"{MEDIUM_FROM:g}"}
        )
        if self.data.gaps and not is_short(self.data):
            rows = [
                (g.rank, g.code, f"{g.priority:.2f}", priority_name(priority_level(g.priority)))
                for g in self.data.gaps
            ]
            self.table(["#", _("Question"), _("Priority"), _("Level")], rows)

    def annex_glossary(self):
        self.heading(_("Annex B Glossary"), 1)
        self.table(None, glossary())

    def annex_evidence(self):
        self.heading(_("Annex C List of evidence"), 1)
        if not self.data.evidence:
            self.para(_("No evidence has been attached yet."), italic=True)
            return
        rows = [
            (code, " · ".join(p for p in (item.title, item.file_name, item.url) if p))
            for code, item in self.data.evidence
        ]
        self.table([_("Question"), _("Evidence")], rows)


def _right_to_left(paragraph):
    """Mark a paragraph right to left (an Arabic or Hebrew comment), as Word expects."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    properties.find(qn("w:bidi")).set(qn("w:val"), "1")
