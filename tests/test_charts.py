"""Readiness charts: one reportlab Drawing for the PDF, and the same as inline SVG for pages."""

from xml.etree import ElementTree

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Line, PolyLine, String

from assessments.reports import charts, web_svg

AREAS = [
    "Advance electronic cargo information",
    "Risk management",
    "Outbound inspection of high-risk cargo",
    "Business partnership and AEO",
]


def texts(drawing):
    """Every text of a chart in drawing order, joined by spaces (long labels wrap)."""
    found = []

    def walk(node):
        if isinstance(node, String):
            found.append(node.text)
        for child in getattr(node, "contents", []):
            walk(child)

    walk(drawing)
    return " ".join(found)


def lines_of(drawing):
    return [
        node
        for node in drawing.contents
        if isinstance(node, Line | PolyLine) and node.strokeWidth > 1
    ]


def test_radar_shows_each_focus_area_the_scale_and_the_legend():
    drawing = charts.radar_chart(
        AREAS, [("This assessment", [62, 40, 55, 80]), ("Earlier", [50, 30, 20, 60])], "Profile"
    )

    text = texts(drawing)
    for label in [*AREAS, "Profile", "This assessment", "Earlier", "0", "25", "50", "75", "100"]:
        assert label in text


def test_radar_series_differ_in_colour_and_dash_so_they_read_in_grey():
    drawing = charts.radar_chart(AREAS, [("Now", [60, 60, 60, 60]), ("Before", [40, 40, 40, 40])])

    styles = {(str(line.strokeColor), str(line.strokeDashArray)) for line in lines_of(drawing)}
    colours = {colour for colour, _dash in styles}
    dashes = {dash for _colour, dash in styles}
    assert len(colours) == 2
    assert len(dashes) == 2


def test_radar_draws_at_most_two_series():
    series = [(f"S{i}", [10 * i] * 4) for i in range(1, 5)]

    text = texts(charts.radar_chart(AREAS, series))

    assert "S1" in text and "S2" in text
    assert "S3" not in text


def test_radar_draws_the_target_ring_with_its_legend():
    drawing = charts.radar_chart(AREAS, [("Now", [40, 50, 60, 70])], "", [75] * 4, "Target")

    assert "Target" in texts(drawing)
    dashed = [s for s in drawing.contents if getattr(s, "strokeDashArray", None) == (2, 2)]
    assert len(dashed) == len(AREAS) + 1  # one side per axis, and the legend's swatch


def test_long_standard_names_wrap_on_two_lines_rather_than_being_cut():
    label = "P1-03 Modern technology in inspection equipment and its maintenance"
    drawing = charts.bar_chart([label], [("Now", [50])])

    assert "…" not in texts(drawing)
    assert "P1-03 Modern technology" in texts(drawing)


def test_a_missing_value_is_marked_not_drawn_as_zero():
    drawing = charts.radar_chart(AREAS, [("Now", [60, None, 55, None])])

    assert "(no data)" in texts(drawing)


def test_bar_chart_shows_labels_and_values_in_points_not_percent():
    drawing = charts.bar_chart(
        ["Pillar 1: Customs-to-Customs", "Pillar 2: Customs-to-Business", "Pillar 3"],
        [("Now", [72.4, None, 30])],
        "By pillar",
    )

    text = texts(drawing)
    for label in ["Pillar 1: Customs-to-Customs", "Pillar 3", "By pillar", "72", "30", "n/a"]:
        assert label in text
    assert "%" not in text  # tables say points; so do the charts


def test_bar_chart_with_two_series_has_a_legend():
    drawing = charts.bar_chart(["A", "B"], [("Now", [50, 60]), ("Before", [40, 70])])

    assert "Now" in texts(drawing) and "Before" in texts(drawing)


def test_bar_chart_grows_with_the_number_of_labels_and_renders_with_4_and_30():
    small = charts.bar_chart(AREAS, [("Now", [10, 20, 30, 40])])
    labels = [f"P1-{i:02d} Standard {i}" for i in range(30)]
    large = charts.bar_chart(labels, [("Now", [i * 3 for i in range(30)])])

    assert large.height > small.height * 4
    for drawing in (small, large):
        assert renderPDF.drawToString(drawing).startswith(b"%PDF")
        assert "<svg" in web_svg.to_svg(drawing, "Standards", "Scores by standard")
    assert "P1-29 Standard 29" in texts(large)


def test_trend_chart_shows_assessments_series_and_markers():
    drawing = charts.trend_chart(
        ["Needs assessment 2024", "Follow-up 2026"],
        [("Overall", [40, 55]), ("Risk management", [None, 70])],
        "Trend",
    )

    text = texts(drawing)
    for label in ["Needs assessment 2024", "Follow-up 2026", "Overall", "Risk management", "Trend"]:
        assert label in text
    assert renderPDF.drawToString(drawing).startswith(b"%PDF")


def test_charts_without_any_value_still_render():
    for drawing in (
        charts.radar_chart(AREAS, [("Now", [None] * 4)]),
        charts.bar_chart([], []),
        charts.trend_chart(["Only one"], [("Overall", [None])]),
    ):
        assert renderPDF.drawToString(drawing).startswith(b"%PDF")


def test_svg_is_ready_to_inline_and_accessible():
    drawing = charts.radar_chart(AREAS, [("Now", [60, 40, 55, 80])], "Readiness")

    svg = web_svg.to_svg(drawing, "Readiness by focus area", "Risk management 40%.")

    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "fill: None" not in svg
    assert 'role="img"' in svg
    assert 'width="100%"' in svg and 'viewBox="0 0 460' in svg
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert title.text == "Readiness by focus area"
    assert desc.text == "Risk management 40%."
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_svg_fonts_have_browser_fallbacks():
    svg = web_svg.to_svg(charts.bar_chart(["A"], [("Now", [50])]), "A", "A")

    families = {part.split(";")[0] for part in svg.split("font-family: ")[1:]}
    assert families
    assert all(family.endswith("sans-serif") for family in families)


def test_svg_title_and_description_are_escaped():
    svg = web_svg.to_svg(charts.bar_chart(["A"], [("Now", [50])]), "R&D <b>", "x < y")

    assert "R&amp;D &lt;b&gt;" in svg
    ElementTree.fromstring(svg)  # still well-formed


def test_two_charts_on_one_page_do_not_share_ids():
    first = web_svg.to_svg(charts.bar_chart(["A"], [("Now", [50])]), "First", "")
    second = web_svg.to_svg(charts.bar_chart(["A", "B"], [("Now", [50, 60])]), "Second", "")

    assert not ids_in(first) & ids_in(second)


def ids_in(svg):
    return {node.get("id") for node in ElementTree.fromstring(svg).iter() if node.get("id")}


def test_describe_reads_the_numbers_out():
    text = charts.describe(["AEI", "RM"], [("Now", [62.4, None])])

    assert text == "Now: AEI 62, RM n/a."
