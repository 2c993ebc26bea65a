"""Reports are rendered once per assessment version and language, then served from the cache,
so PDF downloads do not take the editors' capacity."""

import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from assessments import selectors, services
from assessments.models import Assessment
from assessments.reports.cache import cached, cached_report, report_cache_key

pytestmark = pytest.mark.django_db


def text_of(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def counting(render_log):
    def render(assessment):
        render_log.append(assessment.pk)
        return f"report {assessment.pk} #{len(render_log)}".encode()

    return render


def save_comment(user, assessment, comment):
    """An answered question with a comment (an assessment with nothing answered gets the short
    report, which prints no comments)."""
    question = selectors.questions_of(assessment).order_by("pk").first()
    answer = assessment.answers.filter(question=question).first()
    values = {"maturity": 2, "comment": comment}
    services.save_answers(user, assessment, {question: (values, answer.version if answer else 0)})


def test_the_second_download_is_the_cached_document_and_costs_few_queries(
    client, editor, assessment
):
    client.force_login(editor)
    url = reverse("report_pdf", args=[assessment.pk])
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(url)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.content.startswith(b"%PDF")
    assert len(second_queries) <= 10 < len(first_queries)


def test_a_saved_answer_gives_a_new_document(client, editor, assessment):
    client.force_login(editor)
    url = reverse("report_pdf", args=[assessment.pk])
    before = client.get(url).content
    save_comment(editor, assessment, "Manifests checked at the border since March.")
    after = client.get(url).content
    assert "Manifests checked at the border since March." not in text_of(before)
    assert "Manifests checked at the border since March." in text_of(after)


@pytest.mark.parametrize(
    "change",
    [
        "answer",
        "status",
        "evidence",
        "earlier assessment",
        "language",
    ],
)
def test_the_key_changes_with_what_the_report_shows(editor, administration, tiny, change):
    from tests.conftest import start

    assessment = start(editor, administration, tiny)
    earlier = start(editor, administration, tiny, title="Earlier")
    key = report_cache_key(assessment)
    question = selectors.questions_of(assessment).order_by("pk").first()
    match change:
        case "answer":
            save_comment(editor, assessment, "New")
        case "status":
            Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
        case "evidence":
            upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")
            services.add_evidence(editor, assessment, question, upload=upload)
        case "earlier assessment":
            save_comment(editor, earlier, "Older answer")
        case "language":
            translation.activate("fr")
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert report_cache_key(assessment) != key


def test_one_render_per_version_and_language(editor, assessment):
    renders = []
    assert cached_report(assessment, counting(renders)) == cached_report(
        assessment, counting(renders)
    )
    with translation.override("fr"):
        cached_report(assessment, counting(renders))
    assert len(renders) == 2


def test_concurrent_downloads_of_one_version_render_it_once():
    renders, results = [], []
    started = threading.Event()

    def slow_render():
        started.set()
        threading.Event().wait(0.5)
        renders.append(1)
        return b"the report"

    def download():
        results.append(cached("report:pdf:test:1:en:v1", slow_render))

    first = threading.Thread(target=download)
    first.start()
    started.wait(5)
    download()  # arrives while the first is still rendering: waits for it
    first.join()
    assert len(renders) == 1 and len(set(results)) == 1


def test_renders_of_different_versions_take_turns():
    """Reports never take every core: one render at a time (REPORT_RENDER_SLOTS)."""
    running, overlaps = [], []

    def render(name):
        def produce():
            running.append(name)
            overlaps.append(len(running))
            threading.Event().wait(0.2)
            running.remove(name)
            return name.encode()

        return produce

    threads = [
        threading.Thread(target=cached, args=(f"report:pdf:test:{n}:en:v", render(str(n))))
        for n in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps and max(overlaps) == 1
