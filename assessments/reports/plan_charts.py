"""The plan's timeline (a Gantt-like chart by focus area) as a reportlab Drawing: one definition
for the plan page (inline SVG), the plan report and the project proposal (vectors).

Bars run from an action's start to its due date, grouped under their focus area; a dashed line
marks today; diamonds mark milestones (filled when done). State is told by colour *and* by
the bar's outline (late: thick dark outline; at risk: dashed outline; done: hatched lighter
fill), so a grey print still reads. Actions without both dates are listed under the chart.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Line, Polygon, Rect, String
from reportlab.lib import colors

from . import charts, web_svg
from .cache import RENDERER_VERSION
from .charts import LABEL_SIZE, SMALL_SIZE, WIDTH
from .figures import Figure
from .styles import INK, MUTED, NAVY, ZEBRA, fonts
from .styles import RULE as GRID

STATE_COLOURS = {
    "on_track": colors.HexColor("#1F5FA8"),
    "at_risk": colors.HexColor("#E69F00"),
    "late": colors.HexColor("#D55E00"),
    "done": colors.HexColor("#009E73"),
}
LABEL_W, ROW_H, AREA_H, AXIS_H, LEGEND_H = 170, 13, 14, 32, 18


@dataclass(frozen=True)
class Bar:
    label: str
    start: date
    due: date
    state: str  # on_track | at_risk | late | done
    milestones: tuple = ()  # (date, done)


def state_names():
    return {
        "on_track": _("On track"),
        "at_risk": _("At risk"),
        "late": _("Late"),
        "done": _("Done"),
    }


def timeline_chart(groups, today, title=""):
    """`groups` is [(area title, [Bar])]; the time axis spans every bar, milestone and today."""
    groups = [(area, bars) for area, bars in groups if bars]
    dates = [today] + [d for _a, bars in groups for b in bars for d in (b.start, b.due)]
    dates += [m for _a, bars in groups for b in bars for m, _done in b.milestones]
    first, last = _month_start(min(dates)), _next_month(max(dates))
    n_rows = sum(len(bars) for _a, bars in groups)
    top = 22 if title else 4
    height = top + AXIS_H + len(groups) * AREA_H + n_rows * ROW_H + LEGEND_H + 6
    drawing = charts._drawing(height)
    if title:
        drawing.add(_text(0, height - 13, title, charts.TITLE_SIZE, bold=True))
    x0, x1 = LABEL_W, WIDTH - 6
    span = max(1, (last - first).days)

    def x(day):
        return x0 + (x1 - x0) * (day - first).days / span

    plot_top = height - top - AXIS_H
    y = plot_top
    rows = []
    for area, bars in groups:
        y -= AREA_H
        rows.append(("area", area, y, None))
        for bar in bars:
            y -= ROW_H
            rows.append(("bar", bar.label, y, bar))
    plot_bottom = y
    _axis(drawing, first, last, x, plot_bottom, plot_top)
    for index, (kind, label, row_y, bar) in enumerate(rows):
        if kind == "area":
            drawing.add(_text(0, row_y + 3, charts._wrap(label, x1, LABEL_SIZE, 1)[0], bold=True))
            continue
        if index % 2:
            drawing.add(Rect(0, row_y, x1, ROW_H, fillColor=ZEBRA, strokeColor=None))
        drawing.add(_text(4, row_y + 3, charts._wrap(label, LABEL_W - 10, SMALL_SIZE, 1)[0],
                          SMALL_SIZE))  # fmt: skip
        _bar(drawing, x(bar.start), max(x(bar.due), x(bar.start) + 2), row_y, bar.state)
        for when, done in bar.milestones:
            _diamond(drawing, x(when), row_y + ROW_H / 2, done)
    today_x = x(today)
    drawing.add(Line(today_x, plot_bottom, today_x, plot_top + 15, strokeColor=NAVY,
                     strokeWidth=1.2, strokeDashArray=(3, 2)))  # fmt: skip
    # Above the month labels, so the two never overlap.
    drawing.add(_text(today_x, plot_top + 18, _("Today"), SMALL_SIZE, anchor="middle", bold=True))
    _legend(drawing, 2)
    return drawing


def _month_start(day):
    return day.replace(day=1)


def _next_month(day):
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _axis(drawing, first, last, x, bottom, top):
    months = []
    day = first
    while day <= last:
        months.append(day)
        day = _next_month(day)
    step = max(1, -(-len(months) // 7))  # at most about seven labels
    for i, month in enumerate(months):
        drawing.add(Line(x(month), bottom, x(month), top, strokeColor=GRID, strokeWidth=0.4))
        if i % step == 0 and month < last:
            label = date_format(month, "M Y")
            drawing.add(_text(x(month) + 2, top + 6, label, SMALL_SIZE,
                              colour=MUTED))  # fmt: skip


def _bar(drawing, left, right, y, state):
    colour = STATE_COLOURS.get(state, STATE_COLOURS["on_track"])
    rect = Rect(left, y + 3, right - left, ROW_H - 6, fillColor=colour, strokeColor=None)
    if state == "late":
        rect.strokeColor, rect.strokeWidth = INK, 1.4
    elif state == "at_risk":
        rect.strokeColor, rect.strokeWidth, rect.strokeDashArray = INK, 0.8, (2, 1.5)
    elif state == "done":
        rect.fillColor = colors.HexColor("#7FCEB6")
        rect.strokeColor, rect.strokeWidth = colour, 0.8
    drawing.add(rect)


def _diamond(drawing, cx, cy, done, r=3.6):
    points = [cx, cy + r, cx + r, cy, cx, cy - r, cx - r, cy]
    drawing.add(Polygon(points, fillColor=INK if done else colors.white, strokeColor=INK,
                        strokeWidth=0.9))  # fmt: skip


def _legend(drawing, bottom):
    x = 0
    for state, name in state_names().items():
        _bar(drawing, x, x + 16, bottom - 2, state)
        drawing.add(_text(x + 20, bottom + 2, name, SMALL_SIZE))
        x += 26 + len(name) * 4.2
    _diamond(drawing, x + 4, bottom + 4.5, False)
    drawing.add(_text(x + 11, bottom + 2, _("Milestone"), SMALL_SIZE))
    x += 60
    _diamond(drawing, x + 4, bottom + 4.5, True)
    drawing.add(_text(x + 11, bottom + 2, _("Milestone reached"), SMALL_SIZE))


def _text(x, y, text, size=LABEL_SIZE, anchor="start", bold=False, colour=INK):
    f = fonts()
    return String(x, y, text, fontName=f.bold if bold else f.regular, fontSize=size,
                  fillColor=colour, textAnchor=anchor)  # fmt: skip


def bars_of(view_areas):
    """[(area title, [Bar])] and the actions left out for want of dates, from a plan view."""
    groups, unscheduled = [], []
    for group in view_areas:
        bars = []
        for a in group.actions:
            if a.start_date and a.due_date:
                state = a.health.state if a.health.state in STATE_COLOURS else "on_track"
                milestones = _marks(a)
                bars.append(Bar(f"{a.reference} {a.title}", a.start_date, a.due_date, state,
                                milestones))  # fmt: skip
            else:
                unscheduled.append(a)
        title = group.focus_area.tr("title") if group.focus_area else _("Other actions")
        groups.append((title, bars))
    return groups, unscheduled


def _marks(action):
    """(date, done) of an action's milestones: a plan-page row carries them, a model instance
    has them prefetched."""
    marks = getattr(action, "milestone_marks", None)
    if marks is None:
        marks = tuple((m.due_date, m.done) for m in action.milestones.all())
    return marks


def describe(groups, today):
    """The chart's content as sentences, for screen readers."""
    names = state_names()
    parts = [_("Today: %(day)s.") % {"day": today.isoformat()}]
    for area, bars in groups:
        for b in bars:
            parts.append(
                f"{area}: {b.label}, {b.start.isoformat()} – {b.due.isoformat()}, "
                f"{names.get(b.state, b.state)}."
            )
    return " ".join(parts)


def timeline_figure(view, title=None):
    """The plan view's timeline as a Figure, or None when no action has both dates."""
    groups, _unscheduled = bars_of(view.areas)
    if not any(bars for _a, bars in groups):
        return None
    title = title if title is not None else _("Timeline of the plan")
    return Figure(timeline_chart(groups, view.today, title), title, describe(groups, view.today))


def timeline_svg(view):
    """The plan page's timeline as inline SVG, or None when no action has both dates.

    Building the drawing costs more than the rest of the page with a long plan, and the chart
    only changes when what it draws does: it is drawn once per content. The key is a digest of
    every bar (dates, state, milestones, label), today, the language and the chart code, so an
    edited plan, a new day or a donor's narrower view never gets another's chart."""
    groups, _unscheduled = bars_of(view.areas)
    if not any(bars for _a, bars in groups):
        return None
    content = repr((groups, view.today, get_language(), RENDERER_VERSION))
    key = "plan-timeline-svg:" + hashlib.sha256(content.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:  # the title and the description follow from what the key holds
        title, description = _("Timeline of the plan"), describe(groups, view.today)
        svg = web_svg.render_svg(timeline_chart(groups, view.today, title), title, description)
        cache.set(key, svg, web_svg.CACHE_SECONDS)
    return svg
