"""Typography of the active language: dates, numbers, country names, French spacing.

French sets a narrow no-break space (U+202F) before : ; ! ? % and », and after «, writes
1 250,5 rather than 1,250.5, and names countries in French. These functions are used by the
report renderers (PDF and Word) so both follow the same rules.
"""

import gettext
import re
from functools import cache

import pycountry
from django.utils import formats
from django.utils.translation import get_language

NNBSP = "\u202f"
# A space (or none) before a high punctuation mark that ends a word: not "https://", not "10:30".
_BEFORE = re.compile(r"(?<=[\w\)\]»*])[ \u00a0]?([:;!?])(?=\s|$)")
_PERCENT = re.compile(r"(?<=\d)[ \u00a0]?%")
_CLOSE_QUOTE = re.compile(r"[ \u00a0]?»")
_OPEN_QUOTE = re.compile(r"«[ \u00a0]?")


def is_french():
    return (get_language() or "en").startswith("fr")


def polish(text):
    """French spacing in the active language; other languages unchanged."""
    if not text or not is_french():
        return text
    text = _BEFORE.sub(NNBSP + r"\1", text)
    text = _PERCENT.sub(NNBSP + "%", text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    return _OPEN_QUOTE.sub("«" + NNBSP, text)


def number_text(value, decimals=None):
    """1,250.5 in English, 1 250,5 in French (narrow no-break space between thousands)."""
    if value is None:
        return "–"
    value = float(value)
    text = f"{value:,.{2 if decimals is None else decimals}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if is_french():
        text = text.replace(",", NNBSP).replace(".", ",")
    return text.replace("-", "−")


def percent_text(value):
    if value is None:
        return "–"
    return f"{number_text(value, 0)}{NNBSP if is_french() else ''}%"


def date_text(value):
    """30 November 2026 / 30 novembre 2026: month names from Django's translations."""
    if value is None:
        return "–"
    return formats.date_format(value, "j F Y")


@cache
def _country_catalogue(language):
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


def country_name(iso3, fallback=""):
    """The country's name in the active language (pycountry's translations)."""
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    if country is None:
        return fallback
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return getattr(country, "common_name", None) or country.name
    return _country_catalogue(language).gettext(country.name)


def file_iso3(iso3):
    """The country code as it appears in a download's name: letters and digits only, upper
    case, XXX when there is none (names like SAFE-progress-report-KEN-2026-05-31.pdf)."""
    return re.sub(r"[^A-Za-z0-9]", "", iso3 or "").upper() or "XXX"
