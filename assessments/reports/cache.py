"""Rendered reports, cached by assessment version and language, so that PDF downloads do not
take the editors' capacity: a report is rendered once per version of what it shows.

The key changes whenever anything the report shows may have changed: the administration's
answers, evidence and assessments (the report draws the trend of earlier ones), the content
loaded, the administration's name, the language, and the renderer's own code. A few aggregate
queries decide it, against ~15 queries and about a second of rendering. Concurrent downloads
of the same version wait for the first render instead of rendering it again, and renders of
different versions take turns (`render_slot`).
"""

import hashlib
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils import translation

from .. import permissions
from ..models import Answer, Assessment, Evidence

LOCK_SECONDS = 60
WAIT_SECONDS = 30


def _renderer_version():
    """A digest of the report code: deploying a new renderer invalidates old documents."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RENDERER_VERSION = _renderer_version()


def report_version(assessment):
    """What the report of this assessment depends on, as one short digest."""
    administration = assessment.administration_id
    answers = Answer.objects.filter(assessment__administration_id=administration).aggregate(
        n=Count("id"), latest=Max("updated_at"), versions=Sum("version")
    )
    evidence = Evidence.objects.filter(
        answer__assessment__administration_id=administration
    ).aggregate(n=Count("id"), last=Max("id"))
    assessments = Assessment.objects.filter(administration_id=administration).aggregate(
        n=Count("id"), latest=Max("updated_at")
    )
    parts = (
        assessment.pk,
        assessment.status,
        assessment.updated_at,
        assessment.administration.name,
        assessment.framework.checksum,
        assessment.framework.loaded_at,
        sorted(answers.items()),
        sorted(evidence.items()),
        sorted(assessments.items()),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def viewer_scope(assessment, viewer):
    """Which earlier assessments the viewer's report may compare with: "all" for reviewers
    and the administration's own people, "shared" for anyone else (a donor sees only what
    is shared with donors). Part of the key, so a donor never gets a reviewer's report."""
    if viewer is None:
        return "all"
    if permissions.is_reviewer(viewer):
        return "all"
    if assessment.administration_id in set(permissions.administration_ids(viewer)):
        return "all"
    return "shared"


def report_cache_key(assessment, kind="pdf", viewer=None):
    language = translation.get_language() or settings.LANGUAGE_CODE
    version = report_version(assessment)
    scope = viewer_scope(assessment, viewer)
    return f"report:{kind}:{RENDERER_VERSION}:{assessment.pk}:{language}:{scope}:{version}"


def cached_report(assessment, render, kind="pdf", viewer=None):
    """`render(assessment, viewer)` once per version, language and viewer scope; later calls
    get the stored bytes. Without a viewer, `render(assessment)`."""
    if viewer is None:
        return cached(report_cache_key(assessment, kind), lambda: render(assessment))
    key = report_cache_key(assessment, kind, viewer)
    return cached(key, lambda: render(assessment, viewer))


def cached_page(assessment, viewer, produce):
    """What `produce()` returns for the results page (its data and charts), once per version of
    what it shows, language and viewer scope: the reports' key (`report_cache_key`), so an
    answer, evidence, review or content change gives a new key. A page is cheap enough to
    build twice at once, so it takes no lock and no render slot."""
    key = report_cache_key(assessment, "page", viewer)
    page = cache.get(key)
    if page is None:
        page = produce()
        cache.set(key, page, settings.REPORT_CACHE_SECONDS)
    return page


def cached(key, produce):
    """The value stored under `key`, produced once even when several requests ask at once."""
    document = cache.get(key)
    if document is not None:
        return document
    lock = f"{key}:rendering"
    if not cache.add(lock, 1, LOCK_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:  # someone is rendering this version: wait for it
            time.sleep(0.1)
            document = cache.get(key)
            if document is not None:
                return document
    try:
        with render_slot():
            document = produce()
        cache.set(key, document, settings.REPORT_CACHE_SECONDS)
    finally:
        cache.delete(lock)
    return document


@contextmanager
def render_slot():
    """At most REPORT_RENDER_SLOTS renders at once across the processes sharing the cache
    (one by default), so reports never take every core from the editors' autosaves. A render
    waits for a slot up to WAIT_SECONDS, then goes ahead rather than fail."""
    slots = [f"report:render-slot:{n}" for n in range(getattr(settings, "REPORT_RENDER_SLOTS", 1))]
    deadline = time.monotonic() + WAIT_SECONDS
    taken = None
    while taken is None and time.monotonic() < deadline:
        taken = next((slot for slot in slots if cache.add(slot, 1, LOCK_SECONDS)), None)
        if taken is None:
            time.sleep(0.05)
    try:
        yield
    finally:
        if taken:
            cache.delete(taken)
