"""Text in any script people write: which font draws each letter, bidi order, and shaping.

Administrations write comments in their own language. DejaVu Sans (the report's font) draws
Latin, Greek, Cyrillic and Vietnamese; other scripts are drawn with Debian's fonts
(fonts-noto-core for Arabic, Hebrew, Indic and Thai, fonts-droid-fallback for Chinese and
Japanese, fonts-nanum for Korean), registered only when a report uses them, and embedded as
subsets like every TrueType font.

Arabic letters change shape with their neighbours, and Arabic and Hebrew run right to left.
Shaping is reportlab's own (`shapeStr`, through uharfbuzz); the order of the runs on a line
follows the Unicode bidi algorithm (python-bidi's reference implementation). Text is kept in
logical order until a line is placed, so line breaking, contents and extraction see it as
typed. Every dependency is optional: without uharfbuzz, python-bidi or a font the report
still renders, with the old limitations, rather than failing.
"""

import re
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

try:
    import uharfbuzz  # noqa: F401 (reportlab's shaping needs it; its absence turns it off)
    from reportlab.pdfbase.ttfonts import shapeStr
except ImportError:  # pragma: no cover (the project declares uharfbuzz)
    shapeStr = None  # noqa: N816

try:
    from bidi import algorithm as _bidi
    from bidi.mirror import MIRRORED
except ImportError:  # pragma: no cover (the project declares python-bidi)
    _bidi, MIRRORED = None, {}

NOTO = Path("/usr/share/fonts/truetype/noto")
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
NANUM = Path("/usr/share/fonts/truetype/nanum")

# Unicode blocks and the fonts that draw them, best first: (regular, bold) files.
ARABIC, HEBREW = "Arabic", "Hebrew"
FALLBACKS = {
    ARABIC: [(NOTO / "NotoSansArabic-Regular.ttf", NOTO / "NotoSansArabic-Bold.ttf")],
    HEBREW: [(NOTO / "NotoSansHebrew-Regular.ttf", NOTO / "NotoSansHebrew-Bold.ttf")],
    "Devanagari": [(NOTO / "NotoSansDevanagari-Regular.ttf", NOTO / "NotoSansDevanagari-Bold.ttf")],
    "Bengali": [(NOTO / "NotoSansBengali-Regular.ttf", NOTO / "NotoSansBengali-Bold.ttf")],
    "Thai": [(NOTO / "NotoSansThai-Regular.ttf", NOTO / "NotoSansThai-Bold.ttf")],
    "Ethiopic": [(NOTO / "NotoSansEthiopic-Regular.ttf", NOTO / "NotoSansEthiopic-Bold.ttf")],
    "Hangul": [(NANUM / "NanumGothic.ttf", NANUM / "NanumGothicBold.ttf"), (DROID, DROID)],
    "CJK": [(DROID, DROID), (NANUM / "NanumGothic.ttf", NANUM / "NanumGothicBold.ttf")],
}
BLOCKS = [
    (0x0590, 0x05FF, HEBREW),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x2E80, 0x2FDF, "CJK"),
    (0x3000, 0x312F, "CJK"),
    (0x3130, 0x318F, "Hangul"),
    (0x3190, 0x9FFF, "CJK"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "CJK"),
    (0xFB1D, 0xFB4F, HEBREW),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0xFF00, 0xFFEF, "CJK"),
]

# Text DejaVu draws as it is, letter by letter, left to right: most of what a report holds.
PLAIN = re.compile(r"[\u0000-\u058f\u1e00-\u1eff\u2000-\u2bff]*\Z")
# Letters that join or combine, so a word needs shaping; and letters written right to left.
COMPLEX = re.compile(r"[\u0590-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufeff]")
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_plain(text):
    return PLAIN.match(text) is not None


def is_rtl(text):
    return RTL.search(text) is not None


# Fonts ---------------------------------------------------------------------------------------


def _block(code):
    for low, high, name in BLOCKS:
        if low <= code <= high:
            return name
        if code < low:
            return None
    return None


@cache
def _registered(path):
    """The font name of a TrueType file, registered once; None if the file is missing."""
    path = Path(path)
    if not path.is_file():
        return None
    name = path.stem.replace(" ", "")
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


@cache
def _covered(font):
    """The characters a registered font has a glyph for (None: a built-in font)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return None if face is None else face.charToGlyph


def has_glyph(font, char):
    covered = _covered(font)
    return covered is None or ord(char) in covered


@lru_cache(maxsize=4096)
def font_for(char, base, bold=False):
    """The font that draws `char`: the script's own font when it has one (Arabic letters are
    better drawn by Noto than by DejaVu), else the base font, else any fallback that has it."""
    block = _block(ord(char))
    candidates = FALLBACKS.get(block, [])
    for regular, heavy in candidates:
        name = _registered(heavy if bold else regular) or _registered(regular)
        if name and has_glyph(name, char):
            return name
    if has_glyph(base, char):
        return base
    for regular, _heavy in FALLBACKS["CJK"] + FALLBACKS[ARABIC]:
        name = _registered(regular)
        if name and has_glyph(name, char):
            return name
    return base


def by_font(text, base, bold=False):
    """`text` cut into (font, part) where the font changes; spaces and punctuation stay with
    the base font unless it lacks them."""
    if is_plain(text):
        return [(base, text)]
    parts = []
    for char in text:
        font = base if is_plain(char) else font_for(char, base, bold)
        if parts and parts[-1][0] == font:
            parts[-1][1].append(char)
        else:
            parts.append((font, [char]))
    return [(font, "".join(chars)) for font, chars in parts]


# Widths and shaping ---------------------------------------------------------------------------


def shapes_any(text):
    """Whether some letter of `text` joins or combines with its neighbours."""
    return COMPLEX.search(text) is not None


def shapes(text, font):
    """Whether `text` needs shaping to look right in `font` (joining or combining letters)."""
    return (
        shapeStr is not None
        and COMPLEX.search(text) is not None
        and getattr(pdfmetrics.getFont(font), "shapable", False)
    )


@lru_cache(maxsize=65536)
def shaped(text, font):
    """(what to draw, its width at a size of 1000): a shaped string in visual order for
    Arabic and other joining scripts, else the text itself."""
    if shapes(text, font):
        string = shapeStr(text, font, 10)
        return string, sum(d.x_advance for d in string.__shapeData__)
    return text, pdfmetrics.stringWidth(text, font, 1000)


def width(text, font):
    """Width at a size of 1000: shaped when the text needs it."""
    if is_plain(text) or not shapes(text, font):
        return pdfmetrics.stringWidth(text, font, 1000)
    return shaped(text, font)[1]


# Bidi ------------------------------------------------------------------------------------------


def base_level(text):
    """0 for a paragraph that starts (in its first strong letter) left to right, 1 for one
    that starts right to left: it is then aligned to the right."""
    if _bidi is None or not is_rtl(text):
        return 0
    return _bidi.get_base_level(text)


def _levels(text, level):
    """The embedding level of each character of a line (Unicode bidi rules up to I2)."""
    storage = _bidi.get_empty_storage()
    storage["base_level"], storage["base_dir"] = level, ("L", "R")[level]
    _bidi.get_embedding_levels(text, storage)
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def visual_runs(items, level):
    """Items (font, colour, link, text) of a line in logical order, as runs in the order they
    are drawn, left to right: (logical start, font, colour, link, text, right_to_left).

    Each item is cut where the bidi level changes; runs at an odd level are written right to
    left (their letters reversed by shaping, or by mirroring and reversing plain text).
    """
    if _bidi is None:
        return [(n, *item, False) for n, item in enumerate(items)]
    levels = _levels("".join(item[3] for item in items), level)
    runs, start = [], 0
    for font, colour, link, text in items:
        cut = start
        for index in range(start, start + len(text) + 1):
            if index == start + len(text) or levels[index] != levels[cut]:
                part = text[cut - start : index - start]
                runs.append((levels[cut], (cut, font, colour, link, part)))
                cut = index
        start += len(text)
    for depth in range(max((lvl for lvl, _run in runs), default=0), 0, -1):
        runs = _reverse_from(runs, depth)
    return [(*run, lvl % 2 == 1) for lvl, run in runs]


def _reverse_from(runs, depth):
    """Rule L2: reverse every stretch of runs at `depth` or deeper."""
    result, stretch = [], []
    for lvl, run in runs:
        if lvl >= depth:
            stretch.append((lvl, run))
            continue
        result += stretch[::-1]
        stretch = []
        result.append((lvl, run))
    return result + stretch[::-1]


def drawable(text, font, right_to_left):
    """(what to draw, width at 1000) for a run: shaped, or mirrored and reversed if it is
    plain text written right to left."""
    if shapes(text, font):
        return shaped(text, font)
    if right_to_left:
        text = "".join(MIRRORED.get(char, char) for char in reversed(text))
    return text, pdfmetrics.stringWidth(text, font, 1000)


def line_segments(text, font, size):
    """One line of text in `font`, as (dx, font, string) segments left to right and the
    total width: for headers and footers that may hold an administration's name."""
    if is_plain(text):
        return [(0.0, font, text)], pdfmetrics.stringWidth(text, font, size)
    items = [(part_font, None, "", part) for part_font, part in by_font(text, font)]
    segments, x = [], 0.0
    for _start, run_font, _colour, _link, part, rtl in visual_runs(items, base_level(text)):
        string, em = drawable(part, run_font, rtl)
        segments.append((x, run_font, string))
        x += em * size / 1000
    return segments, x
