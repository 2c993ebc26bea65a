"""Charts of the WCO-wide overview, as reportlab Drawings (web SVG now, a PDF later): how
administrations spread over the readiness bands in each focus area, and each region's average
index with the number of administrations it rests on.
"""

from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Rect
from reportlab.lib import colors

from . import charts
from .figures import Figure

# From weak to strong; the same order in the legend and in every bar. Sequential blues
# (light to dark) read in grey as well as in colour.
BAND_ORDER = ("not_in_place", "initial", "developing", "established", "advanced")
BAND_COLOURS = {
    "not_in_place": colors.HexColor("#F7FBFF"),
    "initial": colors.HexColor("#DEEBF7"),
    "developing": colors.HexColor("#9ECAE1"),
    "established": colors.HexColor("#4292C6"),
    "advanced": colors.HexColor("#08519C"),
}


def _band_names():
    from .score_texts import band_name

    return {code: band_name(code) for code in BAND_ORDER}


def distribution_chart(distribution, titles):
    """Stacked bars: for each focus area, administrations per band (counts inside)."""
    if not distribution:
        return None
    title = _("Administrations per band, by focus area")
    names = _band_names()
    row_h, x0, x1 = 22, 184, charts.WIDTH - 10
    top = 22
    height = top + row_h * len(distribution) + 34
    drawing = charts._drawing(height)  # noqa: SLF001 (one canvas style for every chart)
    charts._add_title(drawing, title)  # noqa: SLF001
    sentences = []
    for i, (code, counts) in enumerate(distribution):
        total = sum(counts.get(b, 0) for b in BAND_ORDER) or 1
        y = height - top - (i + 1) * row_h + 5
        label = titles.get(code, code)
        for k, line in enumerate(charts._wrap(label, x0 - 12, charts.SMALL_SIZE, 2)):  # noqa: SLF001
            drawing.add(charts._text(x0 - 6, y + 9 - k * 8, line, charts.SMALL_SIZE, "end"))  # noqa: SLF001
        x = x0
        for band in BAND_ORDER:
            n = counts.get(band, 0)
            if not n:
                continue
            width = (x1 - x0) * n / total
            drawing.add(
                Rect(x, y, width, row_h - 8, fillColor=BAND_COLOURS[band], strokeColor=colors.white)
            )
            ink = colors.white if band in ("established", "advanced") else charts.INK
            if width > 14:
                drawing.add(
                    charts._text(
                        x + width / 2, y + 4, str(n), charts.SMALL_SIZE, "middle", colour=ink
                    )
                )  # noqa: SLF001
            x += width
        parts = ", ".join(f"{names[b]} {counts.get(b, 0)}" for b in BAND_ORDER)
        sentences.append(f"{label}: {parts}.")
    x = 0
    for band in BAND_ORDER:
        drawing.add(
            Rect(
                x, 6, 10, 10, fillColor=BAND_COLOURS[band], strokeColor=charts.INK, strokeWidth=0.3
            )
        )
        drawing.add(charts._text(x + 14, 8, names[band], charts.SMALL_SIZE))  # noqa: SLF001
        x += 20 + len(names[band]) * 5
    return Figure(drawing, title, " ".join(sentences))


def regional_chart(averages):
    """Each region's average readiness index; the label says how many administrations."""
    if not averages:
        return None
    title = _("Average readiness index by region")
    labels = [
        _("%(region)s (%(n)s administrations)") % {"region": region.tr("name"), "n": n}
        for region, _value, n in averages
    ]
    series = [(_("Average index"), [value for _region, value, _n in averages])]
    return Figure(charts.bar_chart(labels, series, title), title, charts.describe(labels, series))
