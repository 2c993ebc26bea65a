"""Readiness charts as reportlab Drawings: one definition for the PDF and the web.

A Drawing is a platypus flowable, so the PDF embeds it as vectors; `web_svg.to_svg` turns the same
Drawing into inline SVG for pages. Keeping one definition means a page and the report can
never disagree about a score.

Scores are points on the 0-100 scale (never "%", which tables would contradict); `None`
means "not scored yet" and is shown as a gap in a line, "n/a" next to a bar, never as zero.
Series are told apart by colour *and* by dash pattern or marker shape, so a chart printed in
grey still reads.
"""

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from .styles import INK, MUTED, ZEBRA, fonts
from .styles import RULE as GRID_COLOUR

WIDTH = 460  # points; fits an A4 frame with 2 cm margins
TICKS = (0, 25, 50, 75, 100)
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = [
    colors.HexColor("#1F5FA8"),
    colors.HexColor("#D55E00"),
    colors.HexColor("#009E73"),
    colors.HexColor("#CC79A7"),
    colors.HexColor("#E69F00"),
    colors.HexColor("#56B4E9"),
    colors.HexColor("#000000"),
]
TINTS = [colors.HexColor("#D6E3F3"), colors.HexColor("#F8DCCB")]  # opaque: SVG has no alpha
DASHES = [None, (5, 3), (1.5, 2), (7, 2, 1.5, 2), (3, 3), (9, 3), (1, 1)]
MARKERS = [
    "FilledCircle",
    "FilledSquare",
    "FilledTriangle",
    "FilledDiamond",
    "Cross",
    "FilledPentagon",
    "FilledStarFive",
]
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 10.5, 8, 7
ELLIPSIS = "…"


def radar_chart(labels, series, title="", target=None, target_name=""):
    """Focus-area profile: up to two series (current, earlier) on axes 0-100, and the target
    as a grey dashed ring, so the distance still to go is seen at a glance."""
    labels, series = list(labels), _series(series, len(labels), limit=2)
    target = _series([(target_name, target)], len(labels))[0] if target else None
    radius, label_room = 105, 36
    top = _title_height(title)
    legend = _legend_items(series, radar=True) + _target_legend(target)
    legend_rows = _legend_rows(legend)
    height = top + 2 * (radius + label_room) + 18 * len(legend_rows) + 6
    drawing = _drawing(height)
    _add_title(drawing, title)
    cx, cy = WIDTH / 2, height - top - label_room - radius
    points = [_radar_point(cx, cy, radius, i, len(labels), 100) for i in range(len(labels))]
    if series:
        _radar_fill(drawing, cx, cy, radius, series[0][1])
    _radar_grid(drawing, cx, cy, radius, len(labels))
    current = series[0][1] if series else [0] * len(labels)
    for i, label in enumerate(labels):
        _radar_label(drawing, cx, cy, points[i], label, current[i])
    if target:
        _radar_target(drawing, cx, cy, radius, target[1])
    for index in reversed(range(len(series))):  # current series drawn last, on top
        _radar_series(drawing, cx, cy, radius, series[index][1], index)
    _add_legend(drawing, legend, 6)
    return drawing


TARGET_COLOUR, TARGET_DASH = colors.HexColor("#404040"), (2, 2)


def _target_legend(target):
    if not target:
        return []
    return [
        {
            "name": target[0],
            "colour": TARGET_COLOUR,
            "dash": TARGET_DASH,
            "marker": None,
            "bar": False,
            "index": -1,
        }
    ]


def _radar_target(drawing, cx, cy, radius, values):
    """The target on every axis that has one, joined into a ring."""
    n = len(values)
    points = [
        None if v is None else _radar_point(cx, cy, radius, i, n, v) for i, v in enumerate(values)
    ]
    pairs = list(zip(points, points[1:] + points[:1], strict=True)) if n > 2 else []
    for a, b in pairs:
        if a is not None and b is not None:
            drawing.add(
                Line(
                    a[0],
                    a[1],
                    b[0],
                    b[1],
                    strokeColor=TARGET_COLOUR,
                    strokeWidth=1,
                    strokeDashArray=TARGET_DASH,
                )
            )


def bar_chart(labels, series, title="", value_suffix=""):
    """Horizontal bars 0-100, one row per label; the height grows with the number of rows.
    A row is tall enough for a label on two lines, so no standard's name is cut."""
    labels, series = list(labels), _series(series, len(labels), limit=2)
    n_series = max(1, len(series))
    bar_h = 9 if n_series == 1 else 8
    row_h = max(n_series * bar_h + 2 * (n_series - 1) + 7, 2 * (SMALL_SIZE + 0.5) + 6)
    legend_h = 18 * len(_legend_rows(_legend_items(series))) if len(series) > 1 else 0
    top = _title_height(title)
    height = top + 4 + row_h * max(1, len(labels)) + 16 + legend_h
    drawing = _drawing(height)
    _add_title(drawing, title)
    x0, x1 = 184, WIDTH - 40
    plot_top = height - top - 4
    plot_bottom = plot_top - row_h * max(1, len(labels))
    for i in range(0, len(labels), 2):  # zebra rows help the eye across a long chart
        y = plot_top - (i + 1) * row_h
        drawing.add(Rect(0, y, x1, row_h, fillColor=ZEBRA, strokeColor=None))
    _vertical_grid(drawing, x0, x1, plot_bottom, plot_top, value_suffix)
    max_lines = 2
    for i, label in enumerate(labels):
        row_top = plot_top - i * row_h
        _bar_label(drawing, label, x0 - 6, row_top, row_h, max_lines)
        for j, (_name, values) in enumerate(series):
            y = row_top - 3.5 - (j + 1) * bar_h - j * 2
            _bar(drawing, x0, x1, y, bar_h, values[i], j, value_suffix)
    if len(series) > 1:
        _add_legend(drawing, _legend_items(series), 4)
    return drawing


def trend_chart(labels, series, title=""):
    """Scores over successive assessments; each series has its own colour, dash and marker."""
    labels, series = list(labels), _series(series, len(labels))
    top = _title_height(title)
    legend_rows = _legend_rows(_legend_items(series, markers=True))
    plot_h, axis_h = 150, 30
    height = top + 8 + plot_h + axis_h + 18 * len(legend_rows)
    drawing = _drawing(height)
    _add_title(drawing, title)
    left, right = 36, WIDTH - 12
    plot_top = height - top - 8
    plot_bottom = plot_top - plot_h
    _horizontal_grid(drawing, left, right, plot_bottom, plot_top)
    step = (right - left) / max(1, len(labels))
    xs = [left + step * (i + 0.5) for i in range(len(labels))]
    for x, label in zip(xs, labels, strict=True):
        lines = _wrap(label, step - 6, SMALL_SIZE, 2)
        for k, line in enumerate(lines):
            y = plot_bottom - 11 - k * (SMALL_SIZE + 2)
            drawing.add(_text(x, y, line, SMALL_SIZE, "middle"))
    for index, (_name, values) in enumerate(series):
        ys = [None if v is None else plot_bottom + plot_h * v / 100 for v in values]
        _line_series(drawing, xs, ys, index)
    _add_legend(drawing, _legend_items(series, markers=True), 4)
    return drawing


def describe(labels, series, value_suffix=""):
    """The numbers behind a chart in one sentence, for the SVG's <desc> and screen readers."""
    parts = []
    for name, values in _series(series, len(labels)):
        pairs = ", ".join(
            f"{label} {_format(value, value_suffix)}"
            for label, value in zip(labels, values, strict=True)
        )
        parts.append(f"{name}: {pairs}." if name else f"{pairs}.")
    return " ".join(parts)


# Shared pieces ---------------------------------------------------------------------------


def _series(series, n, limit=None):
    """[(name, [value or None] * n)]: values clamped to 0-100, short lists padded with None."""
    cleaned = []
    for name, values in list(series)[:limit]:
        values = list(values)[:n] + [None] * max(0, n - len(values))
        clamped = [None if v is None else max(0.0, min(100.0, float(v))) for v in values]
        cleaned.append((str(name or ""), clamped))
    return cleaned


def _format(value, suffix=""):
    return "n/a" if value is None else f"{value:.0f}{suffix}"


def _text(x, y, text, size=LABEL_SIZE, anchor="start", bold=False, colour=INK):
    f = fonts()
    return String(
        x,
        y,
        text,
        fontName=f.bold if bold else f.regular,
        fontSize=size,
        fillColor=colour,
        textAnchor=anchor,
    )


def _wrap(text, width, size, max_lines):
    """Lines of `text` that fit `width`; the last kept line ends with an ellipsis if cut."""
    font = fonts().regular
    lines = simpleSplit(str(text), font, size, max(width, 10)) or [""]
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and stringWidth(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept


def _drawing(height):
    """A chart canvas in the report font, so no unembedded Helvetica slips into the PDF."""
    drawing = Drawing(WIDTH, height)
    drawing.initialFontName = fonts().regular
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _title_height(title):
    return 22 if title else 4


def _add_title(drawing, title):
    if title:
        drawing.add(_text(0, drawing.height - 13, title, TITLE_SIZE, bold=True))


def _legend_items(series, radar=False, markers=False):
    items = []
    for index, (name, _values) in enumerate(series):
        items.append(
            {
                "name": name or f"Series {index + 1}",
                "colour": COLOURS[index % len(COLOURS)],
                "dash": DASHES[index % len(DASHES)],
                "marker": MARKERS[index % len(MARKERS)] if (markers or radar) else None,
                "bar": not (markers or radar),
                "index": index,
            }
        )
    return items


def _legend_width(item):
    return 30 + stringWidth(item["name"], fonts().regular, LABEL_SIZE) + 14


def _legend_rows(items):
    """Legend items laid out left to right, starting a new row when the width runs out."""
    rows, row, used = [], [], 0
    for item in items:
        width = _legend_width(item)
        if row and used + width > WIDTH:
            rows.append(row)
            row, used = [], 0
        row.append(item)
        used += width
    if row:
        rows.append(row)
    return rows


def _add_legend(drawing, items, bottom):
    rows = _legend_rows(items)
    for r, row in enumerate(rows):
        y = bottom + 18 * (len(rows) - 1 - r) + 4
        x = 0
        for item in row:
            _legend_swatch(drawing, x, y, item)
            drawing.add(_text(x + 30, y, item["name"], LABEL_SIZE))
            x += _legend_width(item)


def _legend_swatch(drawing, x, y, item):
    colour, index = item["colour"], item["index"]
    if item["bar"]:
        drawing.add(_bar_rect(x + 4, y - 1, 20, 8, index))
        return
    drawing.add(
        Line(
            x,
            y + 3,
            x + 24,
            y + 3,
            strokeColor=colour,
            strokeWidth=1.6,
            strokeDashArray=item["dash"],
        )
    )
    if item["marker"]:
        drawing.add(_marker(x + 12, y + 3, index))


def _marker(x, y, index, size=5):
    colour = COLOURS[index % len(COLOURS)]
    marker = makeMarker(MARKERS[index % len(MARKERS)])
    marker.x, marker.y, marker.size = x, y, size
    marker.fillColor, marker.strokeColor, marker.strokeWidth = colour, colour, 1
    return marker


# Radar -----------------------------------------------------------------------------------


def _radar_point(cx, cy, radius, i, n, value):
    """Point of axis i at `value` (0-100); the first axis points up, then clockwise."""
    angle = math.pi / 2 - 2 * math.pi * i / max(1, n)
    r = radius * value / 100
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _radar_grid(drawing, cx, cy, radius, n):
    for tick in TICKS[1:]:
        if n >= 3:
            ring = [c for i in range(n) for c in _radar_point(cx, cy, radius, i, n, tick)]
            drawing.add(Polygon(ring, strokeColor=GRID_COLOUR, strokeWidth=0.6, fillColor=None))
        else:
            drawing.add(
                Circle(cx, cy, radius * tick / 100, strokeColor=GRID_COLOUR, fillColor=None)
            )
    for i in range(n):
        x, y = _radar_point(cx, cy, radius, i, n, 100)
        drawing.add(Line(cx, cy, x, y, strokeColor=GRID_COLOUR, strokeWidth=0.6))
    for tick in TICKS:  # the scale, printed up the first axis
        drawing.add(_text(cx + 3, cy + radius * tick / 100 + 1.5, str(tick), 6, colour=MUTED))


def _radar_fill(drawing, cx, cy, radius, values):
    """A pale area under the current series, only when every axis has a value."""
    if len(values) < 3 or any(v is None for v in values):
        return
    n = len(values)
    ring = [c for i, v in enumerate(values) for c in _radar_point(cx, cy, radius, i, n, v)]
    drawing.add(Polygon(ring, fillColor=TINTS[0], strokeColor=None))


def _radar_series(drawing, cx, cy, radius, values, index):
    n = len(values)
    points = [
        None if v is None else _radar_point(cx, cy, radius, i, n, v) for i, v in enumerate(values)
    ]
    pairs = list(zip(points, points[1:] + points[:1], strict=True)) if n > 2 else []
    if n == 2:
        pairs = [(points[0], points[1])]
    style = {
        "strokeColor": COLOURS[index],
        "strokeWidth": 1.8 if index == 0 else 1.4,
        "strokeDashArray": DASHES[index],
    }
    for a, b in pairs:  # a missing value breaks the outline rather than pretending zero
        if a is not None and b is not None:
            drawing.add(Line(a[0], a[1], b[0], b[1], **style))
    for point in points:
        if point is not None:
            drawing.add(_marker(point[0], point[1], index, 4.5))


def _radar_label(drawing, cx, cy, edge, label, current):
    """Axis name outside the ring, anchored away from the centre; "no data" when unscored."""
    dx, dy = edge[0] - cx, edge[1] - cy
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    anchor = "middle" if abs(ux) < 0.25 else ("start" if ux > 0 else "end")
    width = 150 if anchor == "middle" else WIDTH / 2 - (length + 16)
    lines = [(line, INK) for line in _wrap(label, width, LABEL_SIZE, 3)]
    if current is None:
        lines.append(("(no data)", MUTED))
    x, y = edge[0] + ux * 9, edge[1] + uy * 9
    step = LABEL_SIZE + 1.5
    block = step * len(lines)
    if uy > 0.25:
        start = y + block - LABEL_SIZE
    elif uy < -0.25:
        start = y - LABEL_SIZE
    else:
        start = y + block / 2 - LABEL_SIZE
    for k, (line, colour) in enumerate(lines):
        drawing.add(_text(x, start - k * step, line, LABEL_SIZE, anchor, colour=colour))


# Bars ------------------------------------------------------------------------------------


def _vertical_grid(drawing, x0, x1, bottom, top, suffix):
    for tick in TICKS:
        x = x0 + (x1 - x0) * tick / 100
        drawing.add(Line(x, bottom, x, top, strokeColor=GRID_COLOUR, strokeWidth=0.5))
        drawing.add(_text(x, bottom - 10, f"{tick}{suffix}", SMALL_SIZE, "middle", colour=MUTED))


def _bar_label(drawing, label, right, row_top, row_h, max_lines):
    lines = _wrap(label, right - 2, SMALL_SIZE + 0.5, max_lines)
    size, gap = SMALL_SIZE + 0.5, 1.5
    block = size * len(lines) + gap * (len(lines) - 1)
    first = row_top - (row_h - block) / 2 - size + 1.5
    for k, line in enumerate(lines):
        drawing.add(_text(right, first - k * (size + gap), line, size, "end"))


def _bar_rect(x, y, width, height, index):
    """Current series solid; the earlier one pale with a dashed outline (reads in grey)."""
    if index == 0:
        return Rect(x, y, width, height, fillColor=COLOURS[0], strokeColor=None)
    return Rect(
        x,
        y,
        width,
        height,
        fillColor=TINTS[1],
        strokeColor=COLOURS[1],
        strokeWidth=0.8,
        strokeDashArray=(2, 1.5),
    )


def _bar(drawing, x0, x1, y, height, value, index, suffix):
    if value is None:
        drawing.add(_text(x0 + 3, y + 1.5, "n/a", SMALL_SIZE, colour=MUTED))
        return
    width = (x1 - x0) * value / 100
    if width > 0:
        drawing.add(_bar_rect(x0, y, width, height, index))
    drawing.add(_text(x0 + width + 3, y + 1.5, _format(value, suffix), SMALL_SIZE))


# Lines -----------------------------------------------------------------------------------


def _horizontal_grid(drawing, left, right, bottom, top):
    for tick in TICKS:
        y = bottom + (top - bottom) * tick / 100
        drawing.add(Line(left, y, right, y, strokeColor=GRID_COLOUR, strokeWidth=0.5))
        drawing.add(_text(left - 4, y - 2.5, str(tick), SMALL_SIZE, "end", colour=MUTED))


def _line_series(drawing, xs, ys, index):
    style = {
        "strokeColor": COLOURS[index % len(COLOURS)],
        "strokeWidth": 2 if index == 0 else 1.3,
        "strokeDashArray": DASHES[index % len(DASHES)],
    }
    run = []
    for x, y in [*zip(xs, ys, strict=True), (None, None)]:
        if y is None:  # a gap in the data ends the current run of line
            if len(run) > 1:
                drawing.add(PolyLine([c for point in run for c in point], **style))
            run = []
            continue
        run.append((x, y))
    for x, y in zip(xs, ys, strict=True):
        if y is not None:
            drawing.add(_marker(x, y, index))
