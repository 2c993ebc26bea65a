"""Comments in the scripts administrations write: shaped, in order, embedded, no missing glyph."""

import io
import unicodedata

import pytest
from django.utils import translation
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from assessments import selectors, services
from assessments.reports import scripts, styles
from assessments.reports.pdf import render_report
from tests.conftest import start

ARABIC = "تم التحقق من قانون الجمارك في الميناء"
CHINESE = "海关已核实风险管理程序"
RUSSIAN = "Таможенный кодекс проверен на месте"
VIETNAMESE = "Đã kiểm tra tại chỗ ở Hải quan Đà Nẵng"
COMMENTS = {"T-AEI-01": ARABIC, "T-AEI-02": CHINESE, "T-AEO-01": RUSSIAN, "T-AEO-02": VIETNAMESE}

needs_fonts = pytest.mark.skipif(
    not all(
        path.is_file() for path in (scripts.NOTO / "NotoSansArabic-Regular.ttf", scripts.DROID)
    ),
    reason="fonts-noto-core and fonts-droid-fallback are not installed (make browser-deps)",
)


@pytest.fixture
def report(editor, administration, tiny):
    assessment = start(editor, administration, tiny)
    questions = {q.code: q for q in selectors.questions_of(assessment)}
    changes = {}
    for code, comment in COMMENTS.items():
        values = {"comment": comment}
        if questions[code].answer_type == "maturity":
            values["maturity"] = 2
        else:
            values["yes_no"] = True
        changes[questions[code]] = (values, None)
    services.save_answers(editor, assessment, changes)
    with translation.override("en"):
        return render_report(assessment)


def extracted(pdf):
    """The text as a reader copies it: presentation forms folded to letters (NFKC)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)


@needs_fonts
def test_arabic_russian_and_vietnamese_comments_read_back_in_logical_order(report):
    text = " ".join(extracted(report).split())

    for comment in (ARABIC, RUSSIAN, VIETNAMESE):
        assert comment in text


@needs_fonts
def test_chinese_comment_reads_back_in_order(report):
    text = "".join(extracted(report).split())

    assert CHINESE in text


@needs_fonts
def test_arabic_is_shaped_not_printed_as_isolated_letters(report):
    """Shaped Arabic comes out of the PDF as contextual forms (initial, medial, final)."""
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)

    contextual = [c for c in raw if "\ufb50" <= c <= "\ufeff"]
    assert len(contextual) >= 10
    assert ARABIC not in raw  # isolated letters would read back unchanged


@needs_fonts
def test_every_font_is_embedded_as_a_subset(report):
    fonts = set()
    for page in PdfReader(io.BytesIO(report)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))

    assert all("+" in name for name in fonts)  # subset prefix, e.g. AAAAAA+NotoSansArabic
    assert any("NotoSansArabic" in name for name in fonts)
    assert any("DroidSansFallback" in name for name in fonts)


@needs_fonts
def test_the_fonts_chosen_have_a_glyph_for_every_character(report):
    base = styles.fonts().regular
    for comment in COMMENTS.values():
        for char in set(comment) - {" "}:
            font = pdfmetrics.getFont(scripts.font_for(char, base))
            cmap = _cmap(font.face.filename)
            assert ord(char) in cmap, (char, font.fontName)
    assert "\ufffd" not in extracted(report) and "\x00" not in extracted(report)


def _cmap(path, _cache={}):  # noqa: B006 (a cache of the fonts' character maps)
    if path not in _cache:
        _cache[path] = TTFont(path, lazy=True).getBestCmap()
    return _cache[path]


def test_line_order_follows_the_bidi_algorithm():
    """Hebrew inside an English sentence: the Hebrew run is drawn reversed, in its place."""
    items = [("DejaVuSans", None, "", "The law אבג applies")]

    runs = scripts.visual_runs(items, 0)

    assert [(text, rtl) for _start, _f, _c, _l, text, rtl in runs] == [
        ("The law ", False),
        ("אבג", True),
        (" applies", False),
    ]
