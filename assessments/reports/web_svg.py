"""Charts on web pages: a reportlab Drawing (charts.py) as inline, accessible SVG.

`to_svg` caches by the drawing's content; `render_svg` draws without the cache, for callers
that key the cache on their own data and skip building the drawing (plan timeline, indicators).
"""

import hashlib
import pickle
import re
from xml.sax.saxutils import escape

from django.core.cache import cache
from reportlab.graphics import renderSVG

CACHE_SECONDS = 24 * 3600


def to_svg(drawing, title, description):
    """Inline-ready, accessible SVG of a chart, cached by the drawing's content.

    Rendering a drawing to SVG costs tens of milliseconds and pages show the same charts on
    every visit (a monitoring page draws one per indicator); the key is a hash of everything
    drawn plus the title and description, so a changed chart is never served stale.
    """
    try:
        content = pickle.dumps(drawing, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return render_svg(drawing, title, description)
    digest = hashlib.sha256(content + f"|{title}|{description}".encode()).hexdigest()
    key = f"chart-svg:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = render_svg(drawing, title, description)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def render_svg(drawing, title, description):
    """Inline-ready, accessible SVG of a chart.

    renderSVG writes a document (XML prolog, DOCTYPE), fixed ids that clash when two charts
    share a page, `fill: None` that WeasyPrint and some browsers paint black, and a font
    family browsers do not know; all of that is corrected here. The SVG scales to its
    container through the viewBox.
    """
    svg = renderSVG.drawToString(drawing)
    svg = svg[svg.index("<svg") :]
    uid = (
        "chart-"
        + hashlib.sha1(f"{title}|{description}|{svg}".encode(), usedforsecurity=False).hexdigest()[
            :10
        ]
    )
    svg = svg.replace('id="clip"', f'id="{uid}-clip"').replace("url(#clip)", f"url(#{uid}-clip)")
    svg = svg.replace('id="group"', f'id="{uid}-group"')
    svg = svg.replace("fill: None", "fill: none")
    svg = re.sub(r"font-family: ?([^;\"]+)", lambda m: "font-family: " + _css_font(m[1]), svg)
    svg = re.sub(r"\s*<title>.*?</title>\s*<desc>.*?</desc>", "", svg, count=1, flags=re.S)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" viewBox="0 0 {_num(drawing.width)} {_num(drawing.height)}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" fill-rule="evenodd" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" '
        f'style="max-width: {_num(drawing.width)}px; height: auto;">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(description)}</desc>'
    )
    return head + svg[svg.index(">") + 1 :]


def _num(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _css_font(name):
    """A CSS font stack for the reportlab font name, with fallbacks of similar width."""
    name = name.strip()
    if name.startswith("DejaVuSans"):
        return "'DejaVu Sans', Verdana, Arial, sans-serif"
    if name.startswith("Helvetica"):
        return "Helvetica, Arial, sans-serif"
    return f"{name}, sans-serif"
