"""Charts in Word documents: the same reportlab drawings as the web pages and PDFs, as PNG
pictures (python-docx holds no vector drawings). The SVG the web pages show is rasterised by
CairoSVG on the system's libcairo2; where that is missing the document keeps the numbers as
tables, which every Word document prints anyway."""

import io

from docx.shared import Cm
from reportlab.graphics import renderSVG

PICTURE_WIDTH = Cm(16)  # the A4 text width of the Word documents
PIXELS = 1600  # sharp enough to print at that width


def png_of(drawing):
    """PNG bytes of a drawing, or None when CairoSVG or libcairo2 is not available."""
    try:
        import cairosvg
    except (ImportError, OSError):
        return None
    svg = renderSVG.drawToString(drawing).replace("fill: None", "fill: none")
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=PIXELS)


def add_chart(document, drawing, caption=""):
    """The drawing as a picture with its caption (the chart's title or its numbers in words);
    nothing when it cannot be drawn here."""
    if drawing is None:
        return False
    png = png_of(drawing)
    if png is None:
        return False
    document.add_picture(io.BytesIO(png), width=PICTURE_WIDTH)
    if caption:
        document.add_paragraph(caption).italic = True
    return True
