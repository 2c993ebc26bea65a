"""Text that lays itself out: a fast, markup-free stand-in for reportlab's `Paragraph`.

A `Paragraph` parses a small XML markup, then measures and draws its lines word by word; in a
150-question report that was most of the build. A `TextBlock` takes runs of plain text
instead, each with its font, colour and optional web link. Nothing is parsed, so user text
needs no escaping ("<b>" and "&" print as typed); word widths are cached per font; lines are
laid out once per width; and a block draws all its lines with one PDF text object.

A block holds one or more pieces, each a paragraph in a `ParagraphStyle` (font, size,
leading, colour, indents, alignment, background, spacing), optionally with a label in its
left margin, drawn like a Paragraph's bullet. The geometry follows Paragraph's, so both
look the same: first baseline one font size below the top, then one leading per line.
"""

from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.geomutils import normalizeTRBL
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from . import scripts
from .typography import polish


class Run(NamedTuple):
    """Plain text in one font and colour; None means the piece's style decides."""

    text: str
    font: str | None = None
    colour: object = None
    link: str = ""  # a web address the text points to


class Piece(NamedTuple):
    """A paragraph of a block, with an optional label in its left margin."""

    runs: tuple
    style: object  # a ParagraphStyle
    label: str = ""


class _Row(NamedTuple):
    """What a page break may not cut: a line, or a whole piece with a background.

    `rects` and `lines` are placed relative to the row's top, so moving a row to the next
    page only changes `top` and `bottom`. A line is (x, baseline, segments, word space); a
    segment is (dx, font, size, colour, text, link, width).
    """

    top: float
    bottom: float
    rects: tuple
    lines: tuple


@lru_cache(maxsize=65536)
def _em(text, font):
    """Width of `text` at a font size of 1000 points: a word's width scales with the size.
    Arabic and other joining scripts are measured shaped, as they are drawn."""
    if scripts.is_plain(text):
        return stringWidth(text, font, 1000)
    return scripts.width(text, font)


class TextBlock(Flowable):
    """Pieces of plain text laid out into lines once per width, split between lines."""

    def __init__(self, pieces):
        super().__init__()
        self._pieces = pieces
        self._layouts = {}  # width -> (rows, height)
        self._fixed = None  # (rows, height) of a part split off at a given width
        self._space_before = pieces[0].style.spaceBefore if pieces else 0
        self._space_after = pieces[-1].style.spaceAfter if pieces else 0

    @classmethod
    def of(cls, runs, style, label=""):
        """A block of one piece; `runs` may be plain text."""
        if not isinstance(runs, (tuple, list)):
            runs = (Run(str(runs)),)
        return cls([Piece(tuple(runs), style, label)])

    def getPlainText(self, identify=None):  # noqa: N802 (reportlab's name: contents entries)
        return "".join(run.text for piece in self._pieces for run in piece.runs)

    def getSpaceBefore(self):  # noqa: N802 (reportlab's name)
        return self._space_before

    def getSpaceAfter(self):  # noqa: N802 (reportlab's name)
        return self._space_after

    def wrap(self, available_width, available_height):
        rows, height = self._layout(available_width)
        self.width, self.height = available_width, height
        return self.width, self.height

    def split(self, available_width, available_height):
        rows, _height = self._layout(available_width)
        fit = 0
        while fit < len(rows) and rows[fit].bottom <= available_height:
            fit += 1
        if fit == 0 or fit == len(rows):
            return []
        first = self._part(rows[:fit], self._space_before, 0)
        return [first, self._part(rows[fit:], 0, self._space_after)]

    def _part(self, rows, space_before, space_after):
        """A block of rows already laid out, moved up to start at the top."""
        shift = rows[0].top
        rows = [row._replace(top=row.top - shift, bottom=row.bottom - shift) for row in rows]
        part = TextBlock(self._pieces)
        part._fixed = (rows, rows[-1].bottom)
        part._space_before, part._space_after = space_before, space_after
        return part

    def _layout(self, width):
        if self._fixed is not None:
            return self._fixed
        layout = self._layouts.get(width)
        if layout is None:
            layout = self._layouts[width] = _lay_out(self._pieces, width)
        return layout

    def draw(self):
        rows, height = self._layout(self.width)
        canvas = self.canv
        for row in rows:
            for x, top, width, rect_height, colour in row.rects:
                canvas.setFillColor(colour)
                canvas.rect(x, height - row.top - top - rect_height, width, rect_height, 0, 1)
        text = canvas.beginText()
        font = colour = None
        word_space = 0
        links = []
        for row in rows:
            for x, baseline, segments, line_word_space in row.lines:
                y = height - row.top - baseline
                if word_space != line_word_space:
                    word_space = line_word_space
                    text.setWordSpace(word_space)
                for dx, face, size, tint, string, link, seg_width in segments:
                    text.setTextOrigin(x + dx, y)
                    if font != (face, size):
                        font = (face, size)
                        text.setFont(face, size)
                    if colour != tint:
                        colour = tint
                        text.setFillColor(tint)
                    text.textLine(string)  # no width to measure: each segment is placed
                    if link:
                        links.append((link, (x + dx, y - size / 8, x + dx + seg_width, y + size)))
        canvas.drawText(text)
        for link, rect in links:
            canvas.linkURL(link, rect, relative=1)


# Laying out ---------------------------------------------------------------------------------


def _lay_out(pieces, width):
    """Rows of the pieces at `width`, and the height of the whole."""
    rows, y = [], 0
    for index, piece in enumerate(pieces):
        style = piece.style
        if index:
            y += pieces[index - 1].style.spaceAfter + style.spaceBefore
        available = width - style.leftIndent - style.rightIndent
        level = _base_level(piece.runs)
        lines = [
            _place(line, style, available, level) for line in _break(piece.runs, style, available)
        ]
        labels = _label_lines(piece.label, style) if piece.label else ()
        count = max(len(lines), len(labels))
        leading, size = style.leading, style.fontSize
        per_line = []  # what each line draws, with baselines from the line's top
        for i in range(count):
            entries = []
            if i < len(labels):
                entries.append((style.bulletIndent, size, labels[i], 0))
            if i < len(lines):
                entries.append((*lines[i][:1], size, *lines[i][1:]))
            per_line.append(entries)
        height = count * leading
        if style.backColor:
            top, right, bottom, left = normalizeTRBL(style.borderPadding)
            rect = (
                style.leftIndent - left,
                -top,
                available + left + right,
                height + top + bottom,
                style.backColor,
            )
            placed = tuple(
                (x, baseline + i * leading, segments, word_space)
                for i, entries in enumerate(per_line)
                for x, baseline, segments, word_space in entries
            )
            rows.append(_Row(y, y + height, (rect,), placed))
        else:
            rows += [
                _Row(y + i * leading, y + (i + 1) * leading, (), tuple(entries))
                for i, entries in enumerate(per_line)
            ]
        y += height
    return rows, (rows[-1].bottom if rows else 0)


# Words and lines are measured in thousandths of the font size, so that one cached width per
# word and font serves every size.


def _words(runs, style):
    """Words as (font and width of the space before, width, fragments); None for a break.

    A fragment is (font, colour, link, text, width). Runs are cut at spaces only, so a
    non-breaking space keeps its neighbours together, and text that runs on from one run
    into the next without a space stays one word. A space has the width it has in the font
    of the text it is typed in, as in a Paragraph.
    """
    words, joined, space = [], False, (style.fontName, 0.0)
    for run in runs:
        font = run.font or style.fontName
        colour = run.colour or style.textColor
        space_here = (font, _em(" ", font))
        text = polish(run.text).replace("\r\n", "\n").replace("\t", " ")
        for n, line in enumerate(text.split("\n")):
            if n:
                words.append(None)
                joined = False
            for k, chunk in enumerate(line.split(" ")):
                if k:
                    joined, space = False, space_here
                if not chunk:
                    continue
                for part_font, part in _by_font(chunk, font):
                    width = _em(part, part_font)
                    fragment = (part_font, colour, run.link, part, width)
                    if joined and words and words[-1] is not None:
                        before, total, fragments = words[-1]
                        words[-1] = (before, total + width, (*fragments, fragment))
                    else:
                        words.append((space, width, (fragment,)))
                    joined = True
    return words


def _by_font(chunk, font):
    """A word in the fonts that draw its letters (one font for Latin, Cyrillic, Vietnamese)."""
    if scripts.is_plain(chunk):
        return ((font, chunk),)
    return scripts.by_font(chunk, font, bold="Bold" in font)


def _break(runs, style, available):
    """Lines as lists of (space before, word); greedy, and a word wider than a line is cut.

    As in a Paragraph, a line may overrun by a twentieth of a space per space (the style's
    `spaceShrinkage`): `_place` then narrows its spaces to fit.
    """
    available = available * 1000 / style.fontSize
    lines, line, used = [], [], 0.0
    for word in _words(runs, style):
        if word is None:
            lines.append(line)
            line, used = [], 0.0
            continue
        space, width = (word[0][1] if line else 0.0), word[1]
        if line and used + space + width > available + style.spaceShrinkage * space * len(line):
            lines.append(line)
            line, used, space = [], 0.0, 0.0
        if width > available:
            *full, word = _cut(word, available)
            lines += [[(0.0, part)] for part in full]
            width = word[1]
        line.append((space, word))
        used += space + width
    if line or lines:
        lines.append(line)
    return lines


def _cut(word, available):
    """A word too wide for a line, as pieces that each fit one (at least a letter each)."""
    parts, part, used = [], [], 0.0

    def close(part):
        fragments = tuple(f for f in part if f[3])
        return (word[0], sum(f[4] for f in fragments), fragments)

    for font, colour, link, text, _width in word[2]:
        start = 0
        for end in range(len(text)):
            width = _em(text[end], font)
            if used + width > available and (part or end > start):
                part.append((font, colour, link, text[start:end], _em(text[start:end], font)))
                parts.append(close(part))
                part, used, start = [], 0.0, end
            used += width
        part.append((font, colour, link, text[start:], _em(text[start:], font)))
    parts.append(close(part))
    return [p for p in parts if p[2]]


def _base_level(runs):
    """1 for a paragraph that starts with a right-to-left letter (Arabic, Hebrew), else 0."""
    text = "".join(run.text for run in runs)
    return 0 if scripts.is_plain(text) else scripts.base_level(text)


def _place(line, style, available, level=0):
    """A line's x, its segments (runs of fragments that share font, colour and link) and the
    change of width of its spaces, negative when it overruns."""
    if level or any(_needs_shaping(f[3]) for _space, word in line for f in word[2]):
        return _place_shaped(line, style, available, level)
    scale = style.fontSize / 1000
    spaces = sum(1 for space, _word in line if space)
    used = sum(space + word[1] for space, word in line) * scale
    word_space = min(0.0, available - used) / spaces if spaces else 0.0
    first = line[0][1][2][0] if line else None
    if all(len(word[2]) == 1 and word[2][0][:3] == first[:3] for _space, word in line):
        # One font, colour and link: the line is one segment (most lines are).
        text = " ".join(word[2][0][3] for _space, word in line)
        width = used + spaces * word_space
        segments = ((0.0, first[0], style.fontSize, first[1], text, first[2], width),)
        return _aligned(style, available, width), segments, word_space
    segments, x = [], 0.0
    for space, ((space_font, _em_space), _width, fragments) in line:
        last = segments[-1] if segments else None
        if space and last and last[1] == space_font and not last[5]:
            # The space goes with the text it was typed after, as in a Paragraph.
            last[4] += " "
            last[6] += space * scale + word_space
            x += space * scale + word_space
            space = 0.0
        for font, colour, link, text, width in fragments:
            width *= scale
            if space:
                space = _em(" ", font) * scale + word_space
                text, width, space = " " + text, width + space, 0.0
            last = segments[-1] if segments else None
            if last and last[1] == font and last[3] == colour and last[5] == link:
                last[4] += text
                last[6] += width
            else:
                segments.append([x, font, style.fontSize, colour, text, link, width])
            x += width
    segments = tuple(tuple(segment) for segment in segments)
    return _aligned(style, available, x), segments, word_space


def _needs_shaping(text):
    return not scripts.is_plain(text) and (scripts.is_rtl(text) or scripts.shapes_any(text))


def _place_shaped(line, style, available, level):
    """A line with Arabic (or another script that joins or runs right to left): its runs in
    the order the bidi algorithm draws them, each shaped; one segment per run."""
    scale = style.fontSize / 1000
    items = []  # [font, colour, link, text], neighbours in one font merged
    for space, ((space_font, _em_space), _width, fragments) in line:
        if space:
            # A space between two Arabic words stays in the Arabic font, so that both words
            # are shaped and ordered as one run.
            font = items[-1][0] if items and scripts.has_glyph(items[-1][0], " ") else space_font
            _append(items, font, fragments[0][1], "", " ")
        for font, colour, link, text, _w in fragments:
            _append(items, font, colour, link, text)
    runs, x = [], 0.0
    for start, font, colour, link, text, rtl in scripts.visual_runs(items, level):
        string, em = scripts.drawable(text, font, rtl)
        runs.append((start, (x, font, style.fontSize, colour, string, link, em * scale)))
        x += em * scale
    # Drawn in the order they were typed (each at its place), so that copying or extracting
    # the text gives it back in logical order.
    segments = tuple(segment for _start, segment in sorted(runs, key=lambda run: run[0]))
    return _aligned(style, available, x, level), segments, 0.0


def _append(items, font, colour, link, text):
    last = items[-1] if items else None
    if last and last[0] == font and last[1] == colour and last[2] == link:
        last[3] += text
    else:
        items.append([font, colour, link, text])


def _aligned(style, available, used, level=0):
    """Where a line of width `used` starts; a right-to-left paragraph set flush left in its
    style is set flush right instead, as its readers expect."""
    if style.alignment == TA_RIGHT or (level and style.alignment not in (TA_CENTER,)):
        return style.leftIndent + available - used
    if style.alignment == TA_CENTER:
        return style.leftIndent + (available - used) / 2
    return style.leftIndent


@lru_cache(maxsize=256)
def _label_lines(label, style):
    """The margin label broken to fit the margin, in the bullet's font, size and colour."""
    font, size = style.bulletFontName, style.bulletFontSize
    label_style = _LabelStyle(font, size)
    available = max(style.leftIndent - style.bulletIndent - 4, size)
    lines = _break((Run(label, font, style.bulletColor),), label_style, available)
    return tuple(_place(line, label_style, available)[1] for line in lines)


class _LabelStyle(NamedTuple):
    """Just what `_break` and `_place` read from a style, for margin labels."""

    fontName: str  # noqa: N815 (ParagraphStyle's names)
    fontSize: float  # noqa: N815
    textColor: object = None  # noqa: N815
    leftIndent: float = 0  # noqa: N815
    alignment: int = 0
    spaceShrinkage: float = 0  # noqa: N815
