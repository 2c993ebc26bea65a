"""The page of every report: a renderer base class in the manner of pretix.

`ReportRenderer` owns what is the same on every page: A4 page templates and frames, fonts, the
header, the footer with "page x of y", the DRAFT mark, contents entries and PDF bookmarks. A
report subclasses it and supplies only `story()`. `render()` returns bytes, never an HTTP
response, so views, commands and tests can all use it.

Text goes on the page through `TextBlock`s (textblock.py), never through reportlab's
`Paragraph`: a Paragraph reads a small XML markup, so user text would have to be escaped, and
its parsing and line breaking were most of the build. Runs of plain text carry the bold and
the colours instead, so an "<b>" or "&" in a comment is printed as typed.
"""

import io
from functools import partial

from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)

from . import scripts, styles
from .textblock import Run, TextBlock

# Page streams are compressed, and reportlab would by default also wrap them in ASCII85, a
# 7-bit text encoding no PDF reader needs: it made the file a tenth larger and, in pure
# Python, cost a tenth of the build.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_SPACE = 8 * mm
BODY_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - HEADER_SPACE - 12  # inside the frame's 6 pt padding


# The page: renderer base class -------------------------------------------------------------


class _FormsCanvas(Canvas):
    """Draws, at the very end, what pages could only refer to while they were laid out.

    Building once is half the cost of platypus' two-pass `multiBuild`: pages show the total
    page count and the contents through PDF forms that are referenced on each page and
    defined here, when the last page is known. The header, footer and draft mark, the same
    on every page, are forms too, so they are drawn once for the whole report.
    """

    def __init__(self, *args, renderer, **kwargs):
        super().__init__(*args, **kwargs)
        self._renderer = renderer

    def save(self):
        self._renderer.define_late_forms(self)
        super().save()


class _Document(BaseDocTemplate):
    """Turns headings into contents entries and PDF bookmarks as they are placed."""

    def afterFlowable(self, flowable):  # noqa: N802 (reportlab's name)
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.contents_entries.append((level, text, self.page))


class ReportRenderer:
    """Page template, frames, fonts, header and footer; subclasses supply `story()`."""

    title = ""

    def __init__(self, data):
        self.data = data
        self.fonts = styles.fonts()
        self.styles = styles.stylesheet()

    def story(self):
        raise NotImplementedError

    def header_text(self):
        return self.title

    def mark(self):
        """The word across every page until the document is final ("DRAFT …"), or ""."""
        return ""

    def footer_text(self):
        return ""

    def render(self):
        buffer = io.BytesIO()
        self.document = self._document(buffer)
        self.document.contents_entries = []
        self.document.build(self.story(), canvasmaker=partial(_FormsCanvas, renderer=self))
        return buffer.getvalue()

    def define_late_forms(self, canvas):
        """Fill the forms pages refer to: what is the same on every page (header, footer,
        draft mark), the page total, and the contents."""
        canvas.beginForm(BODY_FORM)
        self._body_furniture(canvas)
        canvas.endForm()
        canvas.beginForm(COVER_FORM)
        self._cover_furniture(canvas)
        canvas.endForm()
        canvas.beginForm(PAGE_TOTAL_FORM)
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(0, 0, str(canvas.getPageNumber() - 1))
        canvas.endForm()
        canvas.beginForm(CONTENTS_FORM, lowery=-PAGE_HEIGHT, upperx=PAGE_WIDTH, uppery=0)
        Contents.draw_entries(canvas, self.document.contents_entries, self.fonts)
        canvas.endForm()

    def _document(self, buffer):
        document = _Document(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_SPACE,
            bottomMargin=MARGIN,
            title=self.header_text(),
            author=_("SAFE self-assessment toolkit"),
            subject=self.title,
            creator=_("SAFE self-assessment toolkit"),
            initialFontName=self.fonts.regular,
        )
        body_height = PAGE_HEIGHT - 2 * MARGIN - HEADER_SPACE
        body = Frame(MARGIN, MARGIN, FRAME_WIDTH, body_height, id="body")
        cover = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - MARGIN - 62 * mm, id="cover")
        document.addPageTemplates(
            [
                PageTemplate("cover", [cover], onPage=self.decorate_cover),
                PageTemplate("body", [body], onPage=self.decorate_page),
            ]
        )
        return document

    def decorate_page(self, canvas, document):
        """Header, footer and draft mark under each page's content: drawn once, in a form."""
        canvas.doForm(BODY_FORM)
        self.draw_page_number(canvas)

    def decorate_cover(self, canvas, document):
        """A navy band with the header on the first page, then the usual footer."""
        canvas.doForm(COVER_FORM)
        self.draw_page_number(canvas)

    def _body_furniture(self, canvas):
        canvas.saveState()
        self._draft_mark(canvas)
        top = PAGE_HEIGHT - MARGIN + 2 * mm
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(styles.MUTED)
        header = self._fit_text(self.header_text(), 8, FRAME_WIDTH * 0.7)
        draw_line(canvas, MARGIN, top, header, self.fonts.regular, 8)
        self._draft_label(canvas, top)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 2.5 * mm, PAGE_WIDTH - MARGIN, top - 2.5 * mm)
        self._footer(canvas)
        canvas.restoreState()

    def _cover_furniture(self, canvas):
        canvas.saveState()
        canvas.setFillColor(styles.NAVY)
        canvas.rect(0, PAGE_HEIGHT - 42 * mm, PAGE_WIDTH, 42 * mm, stroke=0, fill=1)
        canvas.setFillColor(styles.BLUE)
        canvas.rect(0, PAGE_HEIGHT - 44 * mm, PAGE_WIDTH, 2 * mm, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(self.fonts.bold, 11)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 20 * mm, _("SAFE Framework of Standards"))
        canvas.setFont(self.fonts.regular, 9)
        text = self._fit_text(self.header_text(), 9, FRAME_WIDTH)
        draw_line(canvas, MARGIN, PAGE_HEIGHT - 27 * mm, text, self.fonts.regular, 9)
        self._draft_mark(canvas)
        self._draft_label(canvas, PAGE_HEIGHT - 20 * mm, white=True)
        self._footer(canvas)
        canvas.restoreState()

    def draw_page_number(self, canvas):
        """ "Page x of y": y is a form defined once the last page is known."""
        canvas.saveState()
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(styles.MUTED)
        label = _("Page %(page)s of %(total)s") % {"page": canvas.getPageNumber(), "total": ""}
        total_width = canvas.stringWidth("0000", self.fonts.regular, 8)
        x, y = PAGE_WIDTH - MARGIN - total_width, MARGIN - 9 * mm
        canvas.drawRightString(x - 2, y, label.rstrip())
        canvas.translate(x, y)
        canvas.doForm(PAGE_TOTAL_FORM)
        canvas.restoreState()

    def _footer(self, canvas):
        y = MARGIN - 9 * mm
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y + 4 * mm, PAGE_WIDTH - MARGIN, y + 4 * mm)
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(styles.MUTED)
        footer = self._fit_text(self.footer_text(), 8, FRAME_WIDTH * 0.75)
        draw_line(canvas, MARGIN, y, footer, self.fonts.regular, 8)

    def _draft_label(self, canvas, y, white=False):
        if not self.mark():
            return
        canvas.setFont(self.fonts.bold, 8)
        if white:
            canvas.setFillColorRGB(1, 1, 1)
        else:
            canvas.setFillColor(styles.DRAFT_RED)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, y, self.mark())

    def _draft_mark(self, canvas):
        """A large diagonal watermark, pale enough not to hide the text beneath.

        It lies under the page's content, on white paper, so a pale tint looks the same as a
        transparent red, and needs no transparency (which reportlab's forms do not carry).
        """
        text = self.mark()
        if not text:
            return
        canvas.saveState()
        canvas.setFillColor(_on_paper(styles.DRAFT_RED, 0.09))
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(50)
        size = self._draft_size(text)
        canvas.setFont(self.fonts.bold, size)
        canvas.drawCentredString(0, -size / 3, text)
        canvas.restoreState()

    def _draft_size(self, text):
        size = 64
        while size > 20 and stringWidth(text, self.fonts.bold, size) > PAGE_HEIGHT * 0.8:
            size -= 2
        return size

    def _fit_text(self, text, size, width):
        """Shorten a one-line header or footer text with an ellipsis so it cannot overflow."""
        font = self.fonts.regular
        if line_width(text, font, size) <= width:
            return text
        while text and line_width(text + "…", font, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"


def line_width(text, font, size):
    if scripts.is_plain(text):
        return stringWidth(text, font, size)
    return scripts.line_segments(text, font, size)[1]


def draw_line(canvas, x, y, text, font, size):
    """One line of text that may hold any script (an administration's name in Arabic)."""
    if scripts.is_plain(text):
        canvas.drawString(x, y, text)
        return
    segments, _width = scripts.line_segments(text, font, size)
    for dx, segment_font, string in segments:
        text_object = canvas.beginText(x + dx, y)
        text_object.setFont(segment_font, size)
        text_object.textOut(string)
        canvas.drawText(text_object)


def _on_paper(colour, opacity):
    """The colour a transparent `colour` shows on white paper."""
    return colors.Color(*(1 - opacity * (1 - value) for value in colour.rgb()))


BODY_FORM, COVER_FORM = "body-page", "cover-page"
PAGE_TOTAL_FORM, CONTENTS_FORM = "page-total", "contents"
SHORT_CELL = 12  # characters; fits the narrowest column on one line


class Contents(Flowable):
    """The contents page: a full frame that shows a form filled in after the last page.

    Entries are (level, text, page); the page holds about 40 of them, which is far more than
    the report's headings of levels 0 and 1.
    """

    LINE = 15

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.translate(0, self.height)  # the form draws downwards from the top
        self.canv.doForm(CONTENTS_FORM)
        self.canv.restoreState()

    @classmethod
    def draw_entries(cls, canvas, entries, fonts):
        y = -cls.LINE
        for level, text, page in entries[: int(BODY_HEIGHT // cls.LINE) - 1]:
            font = fonts.bold if level == 0 else fonts.regular
            indent = 0 if level == 0 else 16
            if level == 0:
                y -= 5
            canvas.setFont(font, 9.5)
            canvas.setFillColor(styles.INK)
            label = text
            while label and canvas.stringWidth(label, font, 9.5) > FRAME_WIDTH - indent - 50:
                label = label[:-1]
            canvas.drawString(indent, y, label)
            start = indent + canvas.stringWidth(label, font, 9.5) + 4
            canvas.setFillColor(styles.MUTED)
            dots = "." * max(
                0, int((FRAME_WIDTH - 30 - start) / canvas.stringWidth(".", font, 9.5))
            )
            canvas.drawString(start, y, dots)
            canvas.setFillColor(styles.INK)
            canvas.drawRightString(FRAME_WIDTH, y, str(page))
            y -= cls.LINE


# Building blocks ----------------------------------------------------------------------------


class Blocks:
    """Small factories for text, headings and tables in the report's house style.

    Text is given as a plain string, or as runs (`run()`, `bold()`) when part of it is bold,
    coloured or a link.
    """

    def __init__(self, stylesheet, fonts):
        self.s = stylesheet
        self.fonts = fonts

    def run(self, text, colour=None, link=""):
        return Run(str(text), None, colour, link)

    def bold(self, text, colour=None):
        return Run(str(text), self.fonts.bold, colour)

    def para(self, text, style="Body"):
        """A paragraph of text, or of runs; it splits between lines at a page end."""
        return TextBlock.of(text, self.s[style] if isinstance(style, str) else style)

    def heading(self, text, level=0, toc=True):
        style = "H1" if level == 0 else "H2" if level == 1 else "H3"
        heading = self.para(text, style)
        if toc and level < 2:
            heading.toc_level = level
        return heading

    def note(self, text):
        return self.para(text, "Note")

    def cell(self, text, style="Cell"):
        return self.para(text, style)

    def table(self, header, rows, widths, zebra=True, repeat=True, right=()):
        """A ruled table: header row on a pale band, thin rules, optional zebra rows.

        Columns whose index is in `right` hold figures, aligned to the right.
        """
        data = []
        if header:
            data.append(
                [self.fitted(h, "CellHead", w) for h, w in zip(header, widths, strict=True)]
            )
        data += [
            [
                self._as_cell(value, column in right, widths[column])
                for column, value in enumerate(row)
            ]
            for row in rows
        ]
        table = Table(data, colWidths=widths, repeatRows=1 if header and repeat else 0)
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), styles.PALE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.NAVY),
            ]
        start = 1 if header else 0
        commands += [("ALIGN", (column, start), (column, -1), "RIGHT") for column in right]
        if zebra:
            commands += [
                ("BACKGROUND", (0, r), (-1, r), styles.ZEBRA)
                for r in range(start + 1, len(data), 2)
            ]
        table.setStyle(table_style(commands))
        return table

    def _as_cell(self, value, right=False, width=None):
        """Short one-line values (codes, scores, classes) that fit their column stay plain
        strings, which a Table draws directly; other text becomes a cell that wraps, in a
        smaller size if one of its words would not fit the column ("Financement")."""
        if isinstance(value, (int, float)):
            value = str(value)
        if isinstance(value, str):
            style = "CellRight" if right else "Cell"
            cell = self.s["Cell"]
            short = len(value) <= SHORT_CELL and "\n" not in value
            if short and (width is None or _fits(value, cell, width)):
                return value
            return self.fitted(value, style, width)
        return value

    def fitted(self, text, style, width=None):
        """A cell whose longest word fits the column: columns never break a word."""
        style = self.s[style]
        if width is not None and isinstance(text, str):
            style = _fitting_style(style, max(text.split() or [""], key=len), width - 8)
        return self.cell(text, style)

    def fit(self, drawing, max_height=560):
        """Scale a chart down when it would not fit the frame; never scale up."""
        scale = min(1.0, FRAME_WIDTH / drawing.width, max_height / drawing.height)
        if scale < 1:
            drawing.scale(scale, scale)
            drawing.width *= scale
            drawing.height *= scale
        drawing.hAlign = "LEFT"
        return drawing


def _fits(text, style, width):
    return stringWidth(text, style.fontName, style.fontSize) <= width - 8


_FITTED = {}


def _fitting_style(style, word, available):
    """The style, or a smaller size of it (down to 5.5 pt) in which `word` fits `available`."""
    size = style.fontSize
    while size > 5.5 and line_width(word, style.fontName, size) > available:
        size -= 0.5
    if size == style.fontSize:
        return style
    key = (style.name, size)
    if key not in _FITTED:
        _FITTED[key] = ParagraphStyle(
            f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.3
        )
    return _FITTED[key]


def table_style(commands):
    """A TableStyle in the report font: reportlab sets each cell's font even when the cell is
    a flowable, and its default, Helvetica, would otherwise end up in the PDF unembedded.
    Plain-string cells take the size and colour of the "Cell" style."""
    cell = styles.stylesheet()["Cell"]
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), cell.fontName),
            ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), cell.leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), cell.textColor),
            *commands,
        ]
    )
