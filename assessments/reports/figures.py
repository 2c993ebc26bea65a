"""The readiness charts of an assessment, from its report data: one definition shared by the
results page (as inline SVG) and the PDF report (as vector drawings).

Each function returns a `Figure` (the drawing, its title, and the same numbers as a sentence
for screen readers) or None when there is nothing to draw.
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing

from . import charts, web_svg
from .cache import RENDERER_VERSION


@dataclass
class Figure:
    drawing: Drawing
    title: str
    description: str

    def svg(self):
        return web_svg.to_svg(self.drawing, self.title, self.description)


class Chart:
    """A figure drawn only when first needed, by `draw(*inputs)`. Its SVG is cached by those
    inputs (with the language and the report code), so a page showing a chart it showed
    before neither draws nor serialises it; the PDF and Word reports take `drawing`."""

    def __init__(self, draw, inputs, title, description):
        self.draw, self.inputs = draw, inputs
        self.title, self.description = title, description

    @cached_property
    def drawing(self):
        return self.draw(*self.inputs)

    def svg(self):
        content = (self.draw.__qualname__, self.inputs, self.title, self.description)
        content = repr((content, get_language(), RENDERER_VERSION))
        key = "chart:" + hashlib.sha256(content.encode()).hexdigest()
        svg = cache.get(key)
        if svg is None:
            svg = web_svg.render_svg(self.drawing, self.title, self.description)
            cache.set(key, svg, web_svg.CACHE_SECONDS)
        return svg


@dataclass
class Svg:
    """A figure already drawn as inline SVG: what the results page keeps in its cache."""

    svg: str


def page_figures(data):
    """The results page's charts as SVG: radar, pillar_chart, standard_charts, trend."""

    def drawn(figure):
        return None if figure is None else Svg(figure.svg())

    return {
        "radar": drawn(focus_area_radar(data)),
        "pillar_chart": drawn(pillar_bars(data)),
        "standard_charts": [(p, drawn(standard_bars(data, p))) for p in data.pillars],
        "trend": drawn(trend_lines(data)),
    }


def _value(score):
    return score.value if score else None


def _series(data, current, earlier):
    series = [(_("This assessment"), current)]
    if data.earlier_label:
        series.append((_("Earlier: %(label)s") % {"label": data.earlier_label}, earlier))
    return series


def _scores_of(data, groups):
    """Labels and the (current, earlier) series of focus areas, pillars or standards."""
    series = _series(data, [_value(g.score) for g in groups], [g.earlier for g in groups])
    return [g.title for g in groups], series


def focus_area_radar(data):
    if not data.focus_areas:
        return None
    labels, series = _scores_of(data, data.focus_areas)
    title = _("Score by focus area")
    target = [area.target for area in data.focus_areas]
    description = charts.describe(labels, [*series, (_("Target"), target)])
    inputs = (labels, series, title, target, _("Target"))
    return Chart(charts.radar_chart, inputs, title, description)


def pillar_bars(data):
    if not data.pillars:
        return None
    labels, series = _scores_of(data, data.pillars)
    title = _("By pillar")
    return Chart(charts.bar_chart, (labels, series, title), title, charts.describe(labels, series))


def standard_bars(data, pillar):
    _titles, series = _scores_of(data, pillar.children)
    labels = [f"{s.code} {s.title}" for s in pillar.children]
    title = pillar.title
    return Chart(charts.bar_chart, (labels, series, title), title, charts.describe(labels, series))


def trend_lines(data):
    """Overall and focus-area scores across the administration's assessments of the phase."""
    trend = data.trend
    if len(trend) < 2:
        return None
    labels = [p.label for p in trend]
    series = [(_("Overall"), [p.overall for p in trend])]
    series += [
        (area.title, [p.by_focus_area.get(area.code) for p in trend]) for area in data.focus_areas
    ]
    title = _("Scores over assessments")
    description = charts.describe(labels, series)
    return Chart(charts.trend_chart, (labels, series, title), title, description)
