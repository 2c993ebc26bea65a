"""The assessment report as a PDF: the story of `AssessmentReport`.

The page itself (templates, header, footer, DRAFT mark) comes from `layout.ReportRenderer`;
the numbers come from `data.build_report_data`, so nothing here queries the database.
Sections: cover, contents, executive summary, readiness, detailed findings, gap analysis,
action plan (Phase 2) or progress (Phase 3), and annexes.
"""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import (
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from ..phase_results import phase_slug
from . import styles
from .context import (
    outline,
)
from .data import (
    build_report_data,
)
from .layout import (
    FRAME_WIDTH,
    Blocks,
    Contents,
    ReportRenderer,
    table_style,
)
from .pdf_annexes import AnnexSections
from .pdf_findings import FindingSections
from .pdf_summary import SummarySections
from .typography import country_name, date_text, file_iso3


def render_report(assessment, viewer=None):
    """The report of one assessment as PDF bytes; with `viewer`, comparisons only use the
    earlier assessments that person may see (a donor: those shared with donors)."""
    return AssessmentReport(build_report_data(assessment, viewer)).render()


def report_filename(assessment, extension="pdf"):
    """SAFE-<phase slug>-<ISO3>-<reference period>[-<language>].pdf: the four reports of one
    administration (three phases, another language) never share a name, and the same report
    downloaded twice keeps its name."""
    iso3 = file_iso3(assessment.administration.country_alpha3)
    phase = phase_slug(assessment.phase)  # the same source as ReportData.phase_slug
    language = get_language() or "en"
    suffix = "" if language.startswith("en") else f"-{language.split('-')[0]}"
    period = reference_period(assessment.period_start, assessment.period_end)
    if not period:
        period = f"{timezone.localtime(assessment.created_at):%Y-%m-%d}"
    return f"SAFE-{phase}-{iso3}-{period}{suffix}.{extension}"


def reference_period(start, end):
    """2026 for a calendar year, 2026-01_2026-06 otherwise, "" when there is no period."""
    if not start or not end:
        return ""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start:%Y}"
    return f"{start:%Y-%m}_{end:%Y-%m}"


class AssessmentReport(SummarySections, FindingSections, AnnexSections, ReportRenderer):
    """The needs-assessment report of a real diagnostic: cover, contents, introduction with
    the administration's profile, executive summary, readiness, findings per focus area, gap
    analysis, summary of assistance needs, recommendations with the WCO instruments to use,
    the action plan or progress (Phases 2 and 3), sign-off and annexes."""

    def __init__(self, data):
        super().__init__(data)
        self.b = Blocks(self.styles, self.fonts)
        self.title = data.report_title or _("SAFE assessment")  # phase_results.py
        self._numbers = [0, 0]

    def header_text(self):
        return f"{self.data.administration} — {self.title}"

    def footer_text(self):
        return _("Generated %(date)s · SAFE Framework of Standards, %(edition)s edition") % {
            "date": date_text(self.data.generated),
            "edition": self.data.edition,
        }

    def mark(self):
        stage = self.data.review.stage if self.data.review else self.data.status
        if stage == "validated":
            return ""
        if stage == "submitted":
            return _("SUBMITTED — not yet validated")
        return _("DRAFT — not validated")

    def section(self, title):
        """A numbered top-level heading: "3 Readiness"."""
        self._numbers = [self._numbers[0] + 1, 0]
        return self.b.heading(f"{self._numbers[0]} {title}")

    def subsection(self, title):
        """A numbered second-level heading: "3.2 By pillar and standard"."""
        self._numbers[1] += 1
        return self.b.heading(f"{self._numbers[0]}.{self._numbers[1]} {title}", 1)

    def story(self):
        """Every section on its own pages; an empty or nearly empty assessment gets a short
        report that says so rather than pages of "not answered yet"."""
        self._numbers = [0, 0]
        sections = outline(self, self.data)
        story = self.cover() + self.contents()
        for number, section in enumerate(sections):
            flowables = section()
            while flowables and isinstance(flowables[-1], PageBreak):
                flowables.pop()
            if flowables:
                story += [PageBreak(), *flowables] if number else flowables
        return story

    # 1. Cover and 2. contents ---------------------------------------------------------------

    def cover(self):
        d, b = self.data, self.b
        period = f"{date_text(d.period_start)} – {date_text(d.period_end)}"
        country = country_name(d.country_iso3, d.country_name)
        rows = [
            (_("Administration"), d.administration),
            (_("Country"), f"{country} ({d.country_iso3})"),
            (_("WCO region"), d.region),
            (_("Framework edition"), f"{d.framework}"),
            (_("Columbus Programme phase"), f"{d.phase_number}: {d.phase_title}"),
            (_("Assessment"), d.title),
            (_("Period"), period),
            (_("Status"), d.status_label),
            (_("Date generated"), date_text(d.generated)),
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
        if self.mark():
            story += [Spacer(1, 8 * mm), self._draft_box()]
        return [*story, NextPageTemplate("body"), PageBreak()]

    def _cover_title(self):
        """The phase's own report title, the same words as the page header and file name."""
        return self.title

    def _draft_box(self):
        review = self.data.review
        if review.stage == "submitted":
            text = _(
                "SUBMITTED on %(date)s — not yet validated. The answers are locked while a "
                "reviewer checks them; the reviewer may validate the assessment or return it "
                "for changes, so scores and findings may still change."
            ) % {"date": date_text(review.submitted_on)}
        elif review.stage == "returned":
            text = _(
                "DRAFT — returned for changes by the reviewer on %(date)s. The administration "
                "is revising its answers; scores and findings will change before the "
                "assessment is submitted again."
            ) % {"date": date_text(review.returned_on)}
        else:
            text = _(
                "DRAFT — not validated. This report reflects the answers as they stand on "
                "%(date)s; scores and findings will change until the assessment is submitted "
                "and validated by a reviewer."
            ) % {"date": date_text(self.data.generated)}
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
