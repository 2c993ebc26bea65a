"""Bench: laying out comments in four scripts with `TextBlock` against reportlab's `Paragraph`.

Run from the project root: `.venv/bin/python bench/text_layout.py`.

600 one-line comments (English, Arabic, Chinese, Russian in turn) built into a PDF, five times
each way. `TextBlock` picks a font per script, shapes Arabic and orders runs by the bidi
algorithm; `Paragraph` (with `shaping=1`) shapes, but draws Chinese in the paragraph's font
(boxes) and has no bidi without reportlab's `rlbidi`, which the package index does not carry.
This is the measurement behind keeping `TextBlock`. The last line is machine-readable.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [
    "Checked on site against the customs code, article %d; the risk engine flags consignments.",
    "تم التحقق من قانون الجمارك في الميناء %d",
    "海关已核实风险管理程序 %d",
    "Таможенный кодекс проверен на месте %d",
]


def median_build(flowables_of, texts, runs=5):
    from reportlab.platypus import SimpleDocTemplate

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        SimpleDocTemplate(io.BytesIO()).build([flowables_of(text) for text in texts])
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wcosafe.settings")
    import django

    django.setup()
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from assessments.reports import styles
    from assessments.reports.textblock import TextBlock

    body = styles.stylesheet()["Body"]
    shaped = ParagraphStyle("Shaped", parent=body, shaping=1)
    texts = [SAMPLES[i % len(SAMPLES)] % i for i in range(600)]
    block = median_build(lambda text: TextBlock.of(text, body), texts)
    paragraph = median_build(lambda text: Paragraph(escape(text), shaped), texts)
    print(f"TextBlock {block:.3f} s, Paragraph (shaping) {paragraph:.3f} s for 600 comments")
    print(f"textblock_s={block:.3f} paragraph_s={paragraph:.3f} ratio={paragraph / block:.1f}")


if __name__ == "__main__":
    main()
