"""The section page's question cards, each kept in the cache once written.

A section of ~35 editable cards cost about 40 ms of template rendering on every visit, and
between two visits only the cards whose answer changed differ. A card's key holds everything
it shows that can change: the card templates themselves, the language, the assessment, the
content loaded (checksum and load time), the question, and every field of its answer that a
card shows, with the answer's version and its evidence. So a changed answer, evidence, a
rejected N/A or a carried-over mark gives a new key, never a stale card.

Written fresh, never cached: read-only cards (cheap already), a form with posted data (errors,
the conflict screen), a question with a conflict or reviewer notes, and the page of a person
who may write review notes.
"""

import hashlib
from pathlib import Path

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

CARD = "assessments/_question_card.html"
CARD_SECONDS = 7 * 24 * 3600
_PARTS = (
    "_question_card", "_answer_fields", "_question_links", "_comment_field", "_target_field",
    "_field_errors",
)  # fmt: skip


def _templates_version():
    """A digest of the card's templates: a deployed change to them is never served old."""
    folder = Path(settings.BASE_DIR) / "templates" / "assessments"
    digest = hashlib.sha256()
    for name in _PARTS:
        digest.update((folder / f"{name}.html").read_bytes())
    return digest.hexdigest()[:12]


TEMPLATES_VERSION = _templates_version()


def card_key(form, context):
    """The cache key of this card, or None when it must be written fresh."""
    question = form.question
    if getattr(form, "is_bound", True) or context.get("may_note"):
        return None
    if question.pk in (context.get("conflicts") or {}) or question.pk in context["notes"]:
        return None
    if form.answer is not None and not hasattr(form.answer, "evidence_list"):
        return None  # not read by selectors.section_answers: its evidence is unknown here
    assessment = context["assessment"]
    framework = assessment.framework
    parts = (
        TEMPLATES_VERSION, get_language(), assessment.pk, framework.checksum,
        framework.loaded_at, question.pk, _answer_state(form.answer),
    )  # fmt: skip
    return "question-card:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _answer_state(answer):
    if answer is None:
        return None
    source = answer.carried_over_from
    return (
        answer.pk, answer.version, answer.updated_at, answer.maturity, answer.yes_no,
        answer.number, answer.text, answer.not_applicable, answer.na_justification,
        answer.na_rejection, answer.comment, answer.support_needed, answer.target,
        answer.carried_over_from_id, source.title if source else "",
        [(e.pk, e.title, e.original_name, e.url, e.file.name) for e in answer.evidence_list],
    )  # fmt: skip


@register.simple_tag(takes_context=True)
def question_card(context, form):
    """One question card (assessments/_question_card.html), from the cache when it can be.
    The page's cached cards are read in one round trip, on its first card."""
    known = context.render_context.get(CARD)
    if known is None:
        keys = {id(f): card_key(f, context) for f in context["forms"]}
        known = {"keys": keys, "html": cache.get_many([k for k in keys.values() if k])}
        context.render_context[CARD] = known
    key = known["keys"].get(id(form))
    if key in known["html"]:
        return mark_safe(known["html"][key])  # noqa: S308 (written by our own template)
    with context.push(form=form):
        html = get_template(CARD).template.render(context)
    if key is not None:
        cache.set(key, html, CARD_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it rendered)
