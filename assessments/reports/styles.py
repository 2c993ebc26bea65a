"""Fonts, colours and paragraph styles shared by the PDF report and the charts.

DejaVu Sans is registered (and embedded) because administrations' names and comments use
letters outside Helvetica's WinAnsi set (Łódź, Đà Nẵng, Cyrillic); the built-in Helvetica would
print black boxes for them. Helvetica remains only as a fallback for machines without the
fonts-dejavu-core package, so the report still renders there.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU = {
    "regular": ("DejaVuSans", "DejaVuSans.ttf"),
    "bold": ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
    "italic": ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    "bold_italic": ("DejaVuSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}
HELVETICA = {
    "regular": "Helvetica",
    "bold": "Helvetica-Bold",
    "italic": "Helvetica-Oblique",
    "bold_italic": "Helvetica-BoldOblique",
}

# A sober navy palette; status colours are paired with words so the report reads in grey.
NAVY = colors.HexColor("#1F3A5F")
BLUE = colors.HexColor("#2F6DB5")
PALE = colors.HexColor("#EEF3F9")
RULE = colors.HexColor("#C9D3DF")
INK = colors.HexColor("#1E2329")
MUTED = colors.HexColor("#5B6673")
ZEBRA = colors.HexColor("#F6F8FB")
DRAFT_RED = colors.HexColor("#B3261E")
BAND_COLOURS = {
    "not_in_place": colors.HexColor("#7A1A14"),
    "initial": colors.HexColor("#B3261E"),
    "developing": colors.HexColor("#C77700"),
    "established": colors.HexColor("#2F6DB5"),
    "advanced": colors.HexColor("#1E7B45"),
}


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    embedded: bool  # False when the Helvetica fallback is in use


@cache
def fonts(font_dir=FONT_DIR):
    """Register DejaVu Sans once per process and say which names to use."""
    paths = {key: Path(font_dir) / file for key, (_name, file) in DEJAVU.items()}
    if not all(path.is_file() for path in paths.values()):
        return Fonts(**HELVETICA, embedded=False)
    for key, (name, _file) in DEJAVU.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(paths[key])))
    names = {key: name for key, (name, _file) in DEJAVU.items()}
    # Lets <b> and <i> inside a Paragraph pick the bold and oblique faces.
    pdfmetrics.registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    return Fonts(**names, embedded=True)


def _field_styles(small, f):
    """Label/value lines of a finding: the label is the paragraph's bullet, in a 32 mm column."""
    field = ParagraphStyle(
        "Field",
        parent=small,
        leftIndent=32 * mm,
        bulletIndent=4,
        bulletFontName=f.bold,
        bulletFontSize=7.5,
        bulletColor=MUTED,
        spaceAfter=2.5,
    )
    return {
        "Field": field,
        "FieldNote": ParagraphStyle("FieldNote", parent=field, fontName=f.italic, textColor=MUTED),
        "FieldMuted": ParagraphStyle("FieldMuted", parent=field, textColor=MUTED),
    }


@cache
def stylesheet():
    """Paragraph styles by name; built once, as ParagraphStyle objects are not mutated."""
    f = fonts()
    body = ParagraphStyle("Body", fontName=f.regular, fontSize=9.5, leading=13, textColor=INK)
    small = ParagraphStyle("Small", parent=body, fontSize=8, leading=10.5)
    styles = {
        "Body": body,
        "BodySpaced": ParagraphStyle("BodySpaced", parent=body, spaceAfter=6),
        "Small": small,
        "SmallBold": ParagraphStyle("SmallBold", parent=small, fontName=f.bold),
        "Muted": ParagraphStyle("Muted", parent=small, textColor=MUTED),
        "Note": ParagraphStyle("Note", parent=body, fontName=f.italic, textColor=MUTED),
        "Cell": ParagraphStyle("Cell", parent=small),
        "CellRight": ParagraphStyle("CellRight", parent=small, alignment=TA_RIGHT),
        "CellHead": ParagraphStyle("CellHead", parent=small, fontName=f.bold, textColor=NAVY),
        "Label": ParagraphStyle("Label", parent=small, fontName=f.bold, textColor=MUTED),
        "H1": ParagraphStyle(
            "H1",
            parent=body,
            fontName=f.bold,
            fontSize=16,
            leading=20,
            textColor=NAVY,
            spaceBefore=14,
            spaceAfter=10,
        ),
        "H2": ParagraphStyle(
            "H2",
            parent=body,
            fontName=f.bold,
            fontSize=12,
            leading=15,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "H3": ParagraphStyle(
            "H3", parent=body, fontName=f.bold, fontSize=10, leading=13, spaceBefore=6
        ),
        "QuestionHead": ParagraphStyle(
            "QuestionHead",
            parent=body,
            backColor=PALE,
            borderPadding=(4, 4, 4, 4),
            leftIndent=4,
            rightIndent=4,
            spaceBefore=4,
            spaceAfter=7,
        ),
        **_field_styles(small, f),
        "CoverKicker": ParagraphStyle(
            "CoverKicker", parent=body, fontSize=11, leading=14, textColor=BLUE, spaceAfter=6
        ),
        "CoverTitle": ParagraphStyle(
            "CoverTitle",
            parent=body,
            fontName=f.bold,
            fontSize=26,
            leading=31,
            textColor=NAVY,
            spaceAfter=8,
        ),
        "CoverSubtitle": ParagraphStyle(
            "CoverSubtitle", parent=body, fontSize=14, leading=18, textColor=INK, spaceAfter=18
        ),
        "Figure": ParagraphStyle(
            "Figure",
            parent=small,
            fontSize=26,
            leading=30,
            fontName=f.bold,
            alignment=TA_CENTER,
            textColor=NAVY,
        ),
        "FigureWord": ParagraphStyle(
            "FigureWord",
            parent=small,
            fontSize=15,
            leading=18,
            fontName=f.bold,
            alignment=TA_CENTER,
            textColor=NAVY,
        ),
        "FigureLabel": ParagraphStyle(
            "FigureLabel", parent=small, textColor=MUTED, alignment=TA_CENTER
        ),
        "TOC1": ParagraphStyle(
            "TOC1", parent=body, fontName=f.bold, leftIndent=0, firstLineIndent=0, spaceBefore=5
        ),
        "TOC2": ParagraphStyle("TOC2", parent=body, leftIndent=16, firstLineIndent=0),
    }
    return styles
