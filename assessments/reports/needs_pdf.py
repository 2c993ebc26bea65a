"""The needs table as a PDF (WTO TFA notification shape), on the reports' common page."""

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from .layout import Blocks, ReportRenderer
from .needs_table import table_rows

WIDTHS = [8 * mm, 26 * mm, 20 * mm, 34 * mm, 10 * mm, 36 * mm, 18 * mm, 18 * mm]


def render_needs(needs, scope):
    """PDF bytes for the needs of one administration or region (already filtered)."""
    return NeedsTable({"needs": needs, "scope": scope}).render()


class NeedsTable(ReportRenderer):
    def __init__(self, data):
        super().__init__(data)
        self.b = Blocks(self.styles, self.fonts)
        self.title = _("Needs for technical assistance and capacity building")

    def header_text(self):
        return f"{self.data['scope']} — {self.title}"

    def footer_text(self):
        return _("Generated %(date)s") % {"date": timezone.localdate().isoformat()}

    def _document(self, buffer):
        document = super()._document(buffer)
        document.pageTemplates.reverse()  # every page is a body page: no cover
        return document

    def story(self):
        b = self.b
        rows = table_rows(self.data["needs"])
        story = [b.heading(self.title, toc=False), b.note(self.note())]
        if len(rows) == 1:
            return story + [b.para(_("No needs to list."))]
        header = [rows[0][0], rows[0][2], rows[0][4], rows[0][3], rows[0][5]]
        header += [rows[0][6], _("Timeline"), rows[0][10]]
        body = []
        for r in rows[1:]:
            cost = f"{number_format(r[6], 0, force_grouping=True)} {r[7]}" if r[6] else "–"
            timeline = f"{r[8] or '?'} – {r[9] or '?'}" if (r[8] or r[9]) else "–"
            need = f"{r[3]} ({r[1]})"
            body.append([str(r[0]), r[2] or "–", r[4], need, r[5] or "–", cost, timeline, r[10]])
        return story + [b.table(header, body, WIDTHS, right=(5,))]

    def note(self):
        return _(
            "Class A: implemented with own resources; B: needs more time; C: needs time and "
            "outside support (as in WTO TFA notifications)."
        )
