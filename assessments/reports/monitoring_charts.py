"""Monitoring charts as reportlab Drawings, shared by the monitoring pages (inline SVG via
`web_svg.to_svg`) and the progress report (vectors in the PDF).

- `indicator_chart`: an indicator's measurements over time against its baseline and target.
- `comparison_chart`: baseline and follow-up scores side by side, with the target as a tick.

Series are told apart by colour and by line style or marker, so a grey print still reads.
"""

import hashlib
from datetime import date

from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.utils import simpleSplit

from . import charts, web_svg
from .cache import RENDERER_VERSION
from .figures import Figure, Svg
from .styles import INK, MUTED, RULE, ZEBRA, fonts

WIDTH = charts.WIDTH
SERIES, BASELINE, TARGET = charts.COLOURS[0], charts.COLOURS[6], charts.COLOURS[2]
NOW, BEFORE = charts.COLOURS[0], charts.COLOURS[1]
MAX_MARKERS = 24


def _text(x, y, text, size=7.5, anchor="start", bold=False, colour=INK):
    f = fonts()
    return String(
        x, y, str(text), fontName=f.bold if bold else f.regular, fontSize=size,
        fillColor=colour, textAnchor=anchor,
    )  # fmt: skip


def _drawing(height):
    drawing = Drawing(WIDTH, height)
    drawing.initialFontName = fonts().regular
    return drawing


def format_value(value, unit):
    if value is None:
        return "–"
    number = float(value)
    text = f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"
    return text + (" %" if unit == "percentage" else " h" if unit == "hours" else "")


def indicator_chart(row):
    """The measurements as a line with markers; baseline and target as labelled dashed lines.
    Returns a Figure, or None when there is nothing at all to draw."""
    indicator = row.indicator
    points = [(m.measured_on, float(m.value)) for m in row.measurements]
    levels = [v for v in (indicator.baseline_value, indicator.target_value) if v is not None]
    if not points and not levels:
        return None
    title = indicator.name
    height, left, right, bottom, top = 190, 46, WIDTH - 80, 34, 170
    drawing = _drawing(height)
    values = [v for _d, v in points] + [float(v) for v in levels]
    high = max(values) if values else 1.0
    high = 100.0 if indicator.unit == "percentage" and high <= 100 else high * 1.1 or 1.0
    days = [d for d, _v in points]
    days += [d for d in (indicator.baseline_date, indicator.target_date) if d is not None]
    first, last = (min(days), max(days)) if days else (date.today(), date.today())
    span = max(1, (last - first).days)

    def x(day):
        return left + (right - left) * (day - first).days / span

    def y(value):
        return bottom + (top - bottom) * float(value) / high

    for k in range(5):  # horizontal grid, 0 to the top value in quarters
        value = high * k / 4
        drawing.add(Line(left, y(value), right, y(value), strokeColor=RULE, strokeWidth=0.4))
        drawing.add(
            _text(left - 4, y(value) - 2.5, format_value(value, ""), 6.5, "end", colour=MUTED)
        )
    drawing.add(_text(left, bottom - 12, date_format(first, "M Y"), 6.5, colour=MUTED))
    drawing.add(_text(right, bottom - 12, date_format(last, "M Y"), 6.5, "end", colour=MUTED))
    for value, colour, label, dash in (
        (indicator.baseline_value, BASELINE, _("Baseline"), (2, 2)),
        (indicator.target_value, TARGET, _("Target"), (6, 3)),
    ):
        if value is not None:
            line = Line(left, y(value), right, y(value), strokeColor=colour, strokeWidth=1.2)
            line.strokeDashArray = dash
            drawing.add(line)
            text = f"{label} {format_value(value, indicator.unit)}"
            drawing.add(_text(right + 4, y(value) - 2.5, text, 6.5, colour=colour))
    if len(points) > 1:
        coords = [c for d, v in points for c in (x(d), y(v))]
        drawing.add(PolyLine(coords, strokeColor=SERIES, strokeWidth=1.6))
    # A marker per measurement while they can be told apart; past that, the line carries the
    # series and only the latest value is marked (a hundred markers cost 0.1 s of SVG each).
    marked = points if len(points) <= MAX_MARKERS else points[-1:]
    for d, v in marked:
        marker = makeMarker("FilledCircle", x=x(d), y=y(v), size=4.5)
        marker.fillColor = SERIES
        marker.strokeColor = SERIES
        drawing.add(marker)
    legend_y = 8
    drawing.add(
        Line(left, legend_y + 3, left + 16, legend_y + 3, strokeColor=SERIES, strokeWidth=1.6)
    )
    drawing.add(_text(left + 20, legend_y, _("Measurements"), 7))
    description = describe_indicator(row)
    return Figure(drawing, title, description)


def indicator_svg(row):
    """The indicator's chart as inline SVG (a figures.Svg), or None when there is nothing to
    draw. The monitoring page shows one per indicator on every visit, and building the drawing
    cost more than the rest of the page: it is drawn once per content. The key holds all the
    chart reads (name, unit, baseline, target, every measurement), today (the axis of an
    indicator without dates), the language and the chart code."""
    i = row.indicator
    content = repr(
        (
            i.name, i.unit, i.baseline_value, i.baseline_date, i.target_value, i.target_date,
            [(m.measured_on, m.value) for m in row.measurements],
            date.today(), get_language(), RENDERER_VERSION,
        )
    )  # fmt: skip
    key = "indicator-svg:" + hashlib.sha256(content.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        figure = indicator_chart(row)
        svg = "" if figure is None else figure.svg()
        cache.set(key, svg, web_svg.CACHE_SECONDS)
    return Svg(svg) if svg else None


def describe_indicator(row):
    """The chart's numbers in words, for screen readers and the SVG's <desc>."""
    i = row.indicator
    parts = [
        _("Baseline: %(value)s.") % {"value": format_value(i.baseline_value, i.unit)},
        _("Target: %(value)s.") % {"value": format_value(i.target_value, i.unit)},
    ]
    if row.measurements:
        series = ", ".join(
            f"{date_format(m.measured_on, 'SHORT_DATE_FORMAT')} {format_value(m.value, i.unit)}"
            for m in row.measurements[-12:]
        )
        parts.append(_("Measurements: %(series)s.") % {"series": series})
    else:
        parts.append(_("No measurement yet."))
    return " ".join(parts)


def comparison_chart(labels, before, after, targets, title=""):
    """Horizontal bars 0-100: the baseline (lower bar, orange) and now (upper bar, blue) per
    row, with the target as a black tick across both."""
    rows = max(1, len(labels))
    row_h, legend_h, head = 24, 18, 22 if title else 4
    height = head + rows * row_h + 16 + legend_h
    drawing = _drawing(height)
    if title:
        drawing.add(_text(0, height - 13, title, 10.5, bold=True))
    x0, x1 = 184, WIDTH - 40
    plot_top = height - head
    for k in range(0, 101, 25):
        gx = x0 + (x1 - x0) * k / 100
        drawing.add(
            Line(gx, plot_top, gx, plot_top - rows * row_h, strokeColor=RULE, strokeWidth=0.4)
        )
        drawing.add(_text(gx, plot_top - rows * row_h - 10, f"{k}%", 6.5, "middle", colour=MUTED))
    for i, label in enumerate(labels):
        row_top = plot_top - i * row_h
        if i % 2 == 0:
            drawing.add(Rect(0, row_top - row_h, x1, row_h, fillColor=ZEBRA, strokeColor=None))
        lines = simpleSplit(str(label), fonts().regular, 7.5, x0 - 10)[:2]
        for k, line in enumerate(lines):
            drawing.add(_text(x0 - 6, row_top - 9 - k * 9, line, 7.5, "end"))
        for j, (values, colour) in enumerate(((after, NOW), (before, BEFORE))):
            value = values[i]
            by = row_top - 4 - (j + 1) * 8 - j * 2
            if value is None:
                drawing.add(_text(x0 + 2, by + 1, "n/a", 6.5, colour=MUTED))
                continue
            w = (x1 - x0) * max(0.0, min(100.0, value)) / 100
            drawing.add(Rect(x0, by, w, 8, fillColor=colour, strokeColor=None))
            drawing.add(_text(x0 + w + 3, by + 1, f"{value:.0f}%", 6.5))
        if targets[i] is not None:
            tx = x0 + (x1 - x0) * targets[i] / 100
            drawing.add(
                Line(tx, row_top - 2, tx, row_top - row_h + 2, strokeColor=INK, strokeWidth=1.5)
            )
    ly = 4
    for k, (name, colour) in enumerate(
        ((pgettext("monitoring", "Now"), NOW), (_("Baseline"), BEFORE))
    ):
        lx = x0 + k * 90
        drawing.add(Rect(lx, ly, 10, 7, fillColor=colour, strokeColor=None))
        drawing.add(_text(lx + 14, ly + 1, name, 7))
    tx = x0 + 180
    drawing.add(Line(tx + 5, ly - 1, tx + 5, ly + 9, strokeColor=INK, strokeWidth=1.5))
    drawing.add(_text(tx + 12, ly + 1, _("Target"), 7))
    return drawing


def comparison_figure(rows, titles, title):
    """A Figure for a list of monitoring.GroupChange, labelled with `titles` {code: title}."""
    if not rows:
        return None
    labels = [f"{r.code} {titles.get(r.code, '')}".strip() for r in rows]
    before = [r.before for r in rows]
    after = [r.after for r in rows]
    targets = [r.target for r in rows]
    series = [
        (pgettext("monitoring", "Now"), after),
        (_("Baseline"), before),
        (_("Target"), targets),
    ]
    return Figure(
        comparison_chart(labels, before, after, targets, title),
        title,
        charts.describe(labels, series),
    )
