"""Sign-off and annexes (method, glossary, evidence). A mixin of `pdf.AssessmentReport`."""

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
)

from .context import (
    HIGH_FROM,
    MEDIUM_FROM,
    priority_level,
    priority_name,
)
from .narrative import sign_off_rows
from .pdf_findings import evidence_runs
from .pdf_summary import band_runs
from .score_texts import format_number
from .texts import band_rows, glossary, scoring_method


class AnnexSections:
    """Sign-off block and annexes."""

    def sign_off(self):
        """Who submitted and who validated, with lines to sign while it is not validated."""
        b = self.b
        rows = [[b.cell(label, "SmallBold"), value] for label, value in sign_off_rows(self.data)]
        story = [self.section(_("Sign-off"))]
        if self.data.review_comment and self.data.validated:
            story += [b.heading(_("Reviewer's comment"), 2), b.para(self.data.review_comment)]
        return [*story, b.table(None, rows, [190, 291.9], zebra=False)]

    # Annexes -----------------------------------------------------------------------------

    def annex_method(self):
        b = self.b
        story = [b.heading(_("Annex A Scoring method"))]
        story += [b.para(text, "BodySpaced") for text in scoring_method()]
        rows = [
            [b.cell(band_runs(code)), f"{low}–{high}", meaning]
            for code, low, high, meaning in band_rows()
        ]
        story.append(b.table([_("Band"), _("Score"), _("Meaning")], rows, [90, 60, 331.9]))
        story += self._priority_numbers()
        return story

    def _priority_numbers(self):
        """The priority behind each "high / medium / low", for readers who check the sums."""
        b = self.b
        story = [
            b.heading(_("Priority of each gap"), 2),
            b.para(
                _(
                    "High from a priority of %(high)s, medium from %(medium)s, low below. "
                    "Priority = gap size ÷ 100 × weight × (1 + 0.25 for each further standard "
                    "the question serves)."
                )
                % {"high": format_number(HIGH_FROM), "medium": format_number(MEDIUM_FROM)},
                "BodySpaced",
            ),
        ]
        if not self.data.gaps:
            return [*story, b.note(self._no_gap_text())]
        rows = [
            [str(g.rank), g.code, f"{g.priority:.2f}", priority_name(priority_level(g.priority))]
            for g in self.data.gaps
        ]
        header = ["#", _("Question"), _("Priority"), _("Level")]
        return [*story, b.table(header, rows, [30, 200, 100, 151.9], right=(0, 2))]

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
