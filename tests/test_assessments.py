"""The assessment journey through the Django client: start, answer, save, autosave,
conflicts, evidence, submit, review, history and pre-filling from the last assessment."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.content import load_content
from assessments.models import Answer, AnswerChange, Assessment, Evidence
from tests.conftest import start
from tests.factories import framework_yaml

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def q(framework, code):
    return framework.questions.get(code=code)


def section_url(assessment, code="AEI"):
    return reverse("section", args=[assessment.pk, code])


def fields(question, value="", version=0, **extra):
    data = {f"q{question.pk}-value": value, f"q{question.pk}-version": version}
    data |= {f"q{question.pk}-{name}": v for name, v in extra.items()}
    return data


# Start -------------------------------------------------------------------------------------


def test_editor_starts_an_assessment(client, editor, administration, tiny):
    client.force_login(editor)
    url = reverse("assessment_start", args=[administration.pk])
    assert b"Columbus Programme phase" in client.get(url).content
    response = client.post(
        url,
        {
            "framework": tiny.pk,
            "phase": 1,
            "title": "Diagnostic 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )
    assessment = Assessment.objects.get(title="Diagnostic 2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("assessment_detail", args=[assessment.pk])
    assert (assessment.status, assessment.phase.number, assessment.started_by) == (
        "draft",
        1,
        editor,
    )


def test_start_form_with_errors_keeps_what_was_typed(client, editor, administration, tiny):
    client.force_login(editor)
    response = client.post(
        reverse("assessment_start", args=[administration.pk]),
        {"framework": tiny.pk, "phase": 1, "title": "Kept title", "period_start": "2026-12-31",
         "period_end": "2026-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot end before it starts" in html
    assert 'value="Kept title"' in html
    assert not Assessment.objects.exists()


def test_follow_up_is_prefilled_from_the_previous_assessment(editor, administration, tiny):
    first = start(editor, administration, tiny)
    question = q(tiny, "T-AEI-01")
    services.save_answers(editor, first, {question: ({"maturity": 2, "comment": "law of 2019"}, 0)})
    answer = first.answers.get()
    Evidence.objects.create(answer=answer, url="https://example.org/law", title="Customs code")

    follow_up = start(editor, administration, tiny, title="Follow-up", previous=first)

    copied = follow_up.answers.get()
    assert (copied.question, copied.maturity, copied.comment) == (question, 2, "law of 2019")
    assert copied.evidence.get().url == "https://example.org/law"
    assert first.answers.get().evidence.count() == 1  # the original keeps its evidence


# Overview and section ------------------------------------------------------------------------


def test_overview_shows_progress_per_focus_area(client, editor, assessment, tiny):
    services.save_answers(editor, assessment, {q(tiny, "T-AEI-01"): ({"maturity": 3}, 0)})
    client.force_login(editor)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "1 of 5 questions answered; 3 mandatory left." in html
    assert 'aria-valuenow="50"' in html  # AEI: 1 of 2


def test_section_shows_questions_with_their_level_descriptors(client, editor, assessment):
    client.force_login(editor)
    html = client.get(section_url(assessment)).content.decode()
    assert "Is there a legal basis for advance cargo data?" in html
    assert "Level 4: All modes, enforced." in html
    assert "Look at the customs code." in html  # guidance
    assert "T-AEO-01" not in html  # another section


def test_a_section_code_the_framework_does_not_have_is_not_found(client, editor, assessment):
    client.force_login(editor)
    assert client.get(section_url(assessment, "NOPE")).status_code == 404
    confirm = reverse("confirm_section", args=[assessment.pk, "NOPE"])
    assert client.post(confirm).status_code == 404


def test_save_draft_stores_answers_and_history(client, editor, assessment, tiny):
    client.force_login(editor)
    first, second = q(tiny, "T-AEI-01"), q(tiny, "T-AEI-02")
    data = fields(first, "3", comment="Customs code art. 12", support_needed="legal")
    data |= fields(second, "1")
    response = client.post(section_url(assessment), data)
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question=first)
    assert (answer.maturity, answer.comment, answer.support_needed, answer.version) == (
        3, "Customs code art. 12", "legal", 1,
    )  # fmt: skip
    change = AnswerChange.objects.get(question=first)
    assert change.old_value["maturity"] is None and change.new_value["maturity"] == 3
    assert change.changed_by == editor


def test_save_and_continue_goes_to_the_next_section(client, editor, assessment, tiny):
    client.force_login(editor)
    response = client.post(
        section_url(assessment), fields(q(tiny, "T-AEI-01"), "1") | {"go": "AEO"}
    )
    assert response["Location"] == section_url(assessment, "AEO")


def test_form_with_errors_keeps_everything_typed_and_saves_nothing(
    client, editor, assessment, tiny
):
    client.force_login(editor)
    first, second = q(tiny, "T-AEI-01"), q(tiny, "T-AEI-02")
    data = fields(first, "2", comment="Typed with care") | fields(second, "9")
    response = client.post(section_url(assessment), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Typed with care" in html
    assert f'name="q{first.pk}-value" value="2"' in html and "checked" in html
    assert not Answer.objects.exists()


def test_not_applicable_without_reason_is_kept_as_a_draft_not_answered(
    client, editor, assessment, tiny
):
    client.force_login(editor)
    question = q(tiny, "T-AEI-02")
    response = client.post(section_url(assessment), fields(question, "", not_applicable="on"))
    assert response.status_code == 302
    answer = Answer.objects.get(question=question)
    assert answer.not_applicable and answer.na_reason_missing and not answer.is_answered
    page = client.get(response["Location"]).content.decode()
    assert "still need a reason" in page and "N/A, reason still missing" in page
    overview = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "0 of 5 questions answered" in overview
    assert "1 answer marked N/A still needs a reason" in overview


def test_not_applicable_with_justification_counts_as_answered(client, editor, assessment, tiny):
    client.force_login(editor)
    question = q(tiny, "T-AEI-02")
    data = fields(question, "", not_applicable="on", na_justification="No land borders")
    assert client.post(section_url(assessment), data).status_code == 302
    answer = Answer.objects.get(question=question)
    assert answer.not_applicable and answer.maturity is None and answer.is_answered


# Autosave and conflicts ----------------------------------------------------------------------


def test_autosave_saves_one_answer_and_returns_its_new_version(client, editor, assessment, tiny):
    client.force_login(editor)
    question = q(tiny, "T-AEI-01")
    url = reverse("autosave", args=[assessment.pk, question.pk])
    response = client.post(url, fields(question, "4"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saved at" in html
    assert f'name="q{question.pk}-version" value="1"' in html and "hx-swap-oob" in html
    assert Answer.objects.get(question=question).maturity == 4


def test_autosave_error_is_shown_not_swallowed(client, editor, assessment, tiny):
    client.force_login(editor)
    question = q(tiny, "T-AEI-01")
    url = reverse("autosave", args=[assessment.pk, question.pk])
    response = client.post(url, fields(question, "9"))
    assert response.status_code == 400
    assert "Not saved" in response.content.decode()
    assert not Answer.objects.exists()


def test_saving_over_someone_elses_change_is_refused_showing_both(client, editor, coordinator,
                                                                   assessment, tiny):  # fmt: skip
    question = q(tiny, "T-AEI-01")
    services.save_answers(editor, assessment, {question: ({"maturity": 1}, 0)})  # version 1
    services.save_answers(coordinator, assessment, {question: ({"maturity": 3}, 1)})  # version 2
    client.force_login(editor)
    response = client.post(section_url(assessment), fields(question, "2", version=1))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Level 3: Sea and air." in html  # theirs
    assert "Level 2: Sea cargo only." in html  # yours
    assert Answer.objects.get(question=question).maturity == 3

    assert f'name="q{question.pk}-version" value="2"' in html  # the version just read

    # The person keeps their own: saved over, with history, in one step.
    response = client.post(
        section_url(assessment),
        fields(question, "2", version=2) | {f"resolve-{question.pk}": "mine"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(question=question).maturity == 2
    assert AnswerChange.objects.filter(question=question).count() == 3


def test_conflict_screen_shows_only_the_parts_that_differ(
    client, editor, coordinator, assessment, tiny
):
    question = q(tiny, "T-AEI-01")
    services.save_answers(coordinator, assessment, {question: ({"maturity": 2}, 0)})
    client.force_login(editor)
    response = client.post(
        section_url(assessment), fields(question, "2", version=0, comment="Only air is missing")
    )
    assert response.status_code == 409
    rows = response.context["conflicts"][question.pk].differences()
    assert rows == ["comment"]
    html = response.content.decode()
    assert "Only air is missing" in html and "What differs" in html


def test_two_conflicts_are_resolved_in_one_save(client, editor, coordinator, assessment, tiny):
    first, second = q(tiny, "T-AEI-01"), q(tiny, "T-AEI-02")
    services.save_answers(coordinator, assessment, {first: ({"maturity": 1}, 0)})
    services.save_answers(coordinator, assessment, {second: ({"maturity": 1}, 0)})
    client.force_login(editor)
    data = fields(first, "3", comment="mine") | fields(second, "4")
    response = client.post(section_url(assessment), data)
    assert response.status_code == 409
    assert set(response.context["conflicts"]) == {first.pk, second.pk}

    choices = {f"resolve-{first.pk}": "mine", f"resolve-{second.pk}": "theirs"}
    resent = data | {f"q{first.pk}-version": 1, f"q{second.pk}-version": 1}
    response = client.post(section_url(assessment), resent | choices)

    assert response.status_code == 302
    stored = {a.question_id: a for a in Answer.objects.all()}
    assert (stored[first.pk].maturity, stored[first.pk].comment) == (3, "mine")
    assert stored[second.pk].maturity == 1  # theirs stands


def test_take_theirs_for_all_keeps_their_answers_and_saves_the_rest(
    client, editor, coordinator, assessment, tiny
):
    first, second = q(tiny, "T-AEI-01"), q(tiny, "T-AEI-02")
    services.save_answers(coordinator, assessment, {first: ({"maturity": 1}, 0)})
    client.force_login(editor)
    data = fields(first, "3", version=1) | fields(second, "2")
    data |= {f"resolve-{first.pk}": "mine", "resolve_all": "theirs"}
    assert client.post(section_url(assessment), data).status_code == 302
    assert Answer.objects.get(question=first).maturity == 1
    assert Answer.objects.get(question=second).maturity == 2


def test_autosave_conflict_offers_to_keep_mine(client, editor, coordinator, assessment, tiny):
    question = q(tiny, "T-AEI-01")
    services.save_answers(coordinator, assessment, {question: ({"maturity": 3}, 0)})
    client.force_login(editor)
    url = reverse("autosave", args=[assessment.pk, question.pk])
    response = client.post(url, fields(question, "1", version=0))
    assert response.status_code == 409
    assert "changed this answer meanwhile" in response.content.decode()
    response = client.post(url, fields(question, "1", version=0) | {"force": question.pk})
    assert response.status_code == 200
    assert Answer.objects.get(question=question).maturity == 1


# Tampered input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "extra"),
    [
        ("7", {}),  # out-of-range maturity
        ("-1", {}),
        ("three", {}),  # wrong type
        ("2", {"comment": "x" * 20_000}),  # huge text
        ("2", {"support_needed": "bribes"}),
        ("2", {"version": "-4"}),
    ],
)
def test_tampered_section_post_changes_nothing(client, editor, assessment, tiny, value, extra):
    client.force_login(editor)
    question = q(tiny, "T-AEI-01")
    data = fields(question, value) | {f"q{question.pk}-{k}": v for k, v in extra.items()}
    response = client.post(section_url(assessment), data)
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_number_answer_rejects_text(client, editor, administration, tiny):
    assessment = start(editor, administration, tiny, phase=3)
    client.force_login(editor)
    question = q(tiny, "T-ME-01")
    response = client.post(section_url(assessment), fields(question, "ninety"))
    assert response.status_code == 400
    assert "Enter a number" in response.content.decode()


def test_question_of_another_framework_or_phase_is_not_found(client, editor, assessment, tiny,
                                                            tmp_path):  # fmt: skip
    other = load_content(framework_yaml(tmp_path / "big.yaml", 3)).framework
    client.force_login(editor)
    for question in (other.questions.first(), q(tiny, "T-ME-01")):  # other edition; phase 3
        url = reverse("autosave", args=[assessment.pk, question.pk])
        assert client.post(url, fields(question, "2")).status_code == 404
    assert not Answer.objects.exists()


def test_unknown_question_fields_in_a_section_post_are_ignored(client, editor, assessment, tiny):
    client.force_login(editor)
    response = client.post(section_url(assessment), {"q999999-value": "4", "q999999-version": 0})
    assert response.status_code == 302
    assert not Answer.objects.exists()


# Evidence ------------------------------------------------------------------------------------


def upload(client, assessment, question, name, content, **extra):
    url = reverse("question_detail", args=[assessment.pk, question.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), "title": "Doc", **extra})


def test_evidence_pdf_is_stored_and_served_only_through_the_checked_view(
    client, editor, other_editor, assessment, tiny
):
    client.force_login(editor)
    question = q(tiny, "T-AEI-01")
    assert upload(client, assessment, question, "law.pdf", PDF).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    url = reverse("evidence_download", args=[assessment.pk, evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="law.pdf"' in response["Content-Disposition"]

    client.force_login(other_editor)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is a windows program", "not accepted"),
        ("notes.txt", b"plain text", "not accepted"),
        ("photo.png", PDF, "not accepted"),  # content does not match the name
    ],
)
def test_forbidden_files_are_refused(client, editor, assessment, tiny, name, content, message):
    client.force_login(editor)
    response = upload(client, assessment, q(tiny, "T-AEI-01"), name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_oversized_file_is_refused(client, editor, assessment, tiny, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(editor)
    response = upload(client, assessment, q(tiny, "T-AEI-01"), "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not Evidence.objects.exists()


def test_office_document_is_recognised_by_its_content(client, editor, assessment, tiny):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    client.force_login(editor)
    response = upload(client, assessment, q(tiny, "T-AEI-01"), "plan.docx", buffer.getvalue())
    assert response.status_code == 302
    assert Evidence.objects.get().content_type.endswith("wordprocessingml.document")


def test_evidence_link(client, editor, assessment, tiny):
    client.force_login(editor)
    url = reverse("question_detail", args=[assessment.pk, q(tiny, "T-AEI-01").pk])
    response = client.post(url, {"url": "https://example.org/decree", "title": "Decree"})
    assert response.status_code == 302
    assert Evidence.objects.get().url == "https://example.org/decree"


# Submit, review, read-only -------------------------------------------------------------------


def answer_all_mandatory(user, assessment, tiny):
    services.save_answers(
        user,
        assessment,
        {
            q(tiny, "T-AEI-01"): ({"maturity": 3}, None),
            q(tiny, "T-AEI-02"): ({"not_applicable": True, "na_justification": "n/a"}, None),
            q(tiny, "T-AEO-01"): ({"maturity": 2}, None),
            q(tiny, "T-AEO-02"): ({"yes_no": True}, None),
        },
    )


def test_submit_lists_what_is_missing_with_links(client, coordinator, assessment, tiny):
    client.force_login(coordinator)
    response = client.get(reverse("submit", args=[assessment.pk]))
    html = response.content.decode()
    assert "4 mandatory questions are not answered yet." in html
    assert f"{section_url(assessment)}#q-{q(tiny, 'T-AEI-01').pk}" in html
    client.post(reverse("submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_submitted_assessment_is_read_only_on_the_server(client, coordinator, editor, assessment,
                                                         tiny):  # fmt: skip
    answer_all_mandatory(editor, assessment, tiny)
    client.force_login(coordinator)
    response = client.post(reverse("submit", args=[assessment.pk]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"

    client.force_login(editor)
    question = q(tiny, "T-AEI-01")
    assert client.post(section_url(assessment), fields(question, "0", version=1)).status_code == 403
    autosave = reverse("autosave", args=[assessment.pk, question.pk])
    assert client.post(autosave, fields(question, "0", version=1)).status_code == 403
    assert upload(client, assessment, question, "late.pdf", PDF).status_code == 403
    assert Answer.objects.get(question=question).maturity == 3
    assert "read-only" in client.get(section_url(assessment)).content.decode()


def test_reviewer_returns_with_comments_which_unlocks_it(client, reviewer, editor, assessment,
                                                         tiny):  # fmt: skip
    answer_all_mandatory(editor, assessment, tiny)
    services.submit(editor, assessment)
    client.force_login(reviewer)
    url = reverse("review", args=[assessment.pk])
    client.post(url, {"decision": "return", "comment": ""})
    assessment.refresh_from_db()
    assert assessment.status == "submitted"  # a return needs a comment
    client.post(url, {"decision": "return", "comment": "Add evidence for T-AEI-01."})
    assessment.refresh_from_db()
    assert assessment.status == "returned" and assessment.is_editable
    client.force_login(editor)
    html = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert "Add evidence for T-AEI-01." in html


def test_reviewer_validates(client, reviewer, editor, assessment, tiny):
    answer_all_mandatory(editor, assessment, tiny)
    services.submit(editor, assessment)
    client.force_login(reviewer)
    client.post(reverse("review", args=[assessment.pk]), {"decision": "validate"})
    assessment.refresh_from_db()
    assert assessment.status == "validated" and assessment.validated_at is not None
    assert list(assessment.events.values_list("action", flat=True)) == [
        "validated", "submitted", "started",
    ]  # fmt: skip


# History and resume --------------------------------------------------------------------------


def test_history_shows_who_changed_what(client, editor, coordinator, assessment, tiny):
    question = q(tiny, "T-AEI-01")
    services.save_answers(editor, assessment, {question: ({"maturity": 1}, 0)})
    services.save_answers(coordinator, assessment, {question: ({"maturity": 3}, 1)})
    client.force_login(editor)
    for url in (
        reverse("history", args=[assessment.pk]),
        reverse("question_detail", args=[assessment.pk, question.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Level 1: A draft law exists." in html and "Level 3: Sea and air." in html
        assert "Coordinator" in html


def test_resume_goes_back_to_the_last_question_changed(client, editor, assessment, tiny):
    question = q(tiny, "T-AEO-01")
    services.save_answers(editor, assessment, {question: ({"maturity": 1}, 0)})
    client.force_login(editor)
    response = client.get(reverse("resume", args=[assessment.pk]))
    assert response["Location"] == f"{section_url(assessment, 'AEO')}#q-{question.pk}"


# Speed: constant queries ---------------------------------------------------------------------


@pytest.mark.parametrize("n_questions", [10, 40])
def test_section_page_uses_constant_queries(client, editor, administration, tmp_path, n_questions,
                                            django_assert_max_num_queries):  # fmt: skip
    framework = load_content(framework_yaml(tmp_path / "f.yaml", n_questions)).framework
    assessment = start(editor, administration, framework)
    questions = list(framework.questions.all())
    services.save_answers(editor, assessment, {x: ({"maturity": 2}, None) for x in questions})
    for answer in assessment.answers.all()[:5]:
        Evidence.objects.create(answer=answer, url="https://example.org", title="Link")
    client.force_login(editor)
    # 12, plus reviewer notes (1) and every tab's progress (2): still constant.
    with django_assert_max_num_queries(15):
        response = client.get(section_url(assessment))
    assert response.status_code == 200
    assert response.content.decode().count('class="card question-card"') == n_questions

    data = {}
    for x in questions:
        data |= fields(x, "3", version=1, comment="bulk")
    with django_assert_max_num_queries(16):
        response = client.post(section_url(assessment), data)
    assert response.status_code == 302
    assert assessment.answers.filter(maturity=3).count() == n_questions


def test_get_pages_never_write(client, editor, assessment, tiny):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    urls = [
        reverse("assessment_detail", args=[assessment.pk]),
        section_url(assessment),
        reverse("history", args=[assessment.pk]),
        reverse("question_detail", args=[assessment.pk, q(tiny, "T-AEI-01").pk]),
        reverse("resume", args=[assessment.pk]),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        writes = [
            x["sql"]
            for x in queries
            if x["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert not writes, (url, writes)


def test_saving_a_section_keeps_a_colleagues_change_to_a_question_you_did_not_touch(
    client, editor, coordinator, assessment, tiny
):
    first, second = q(tiny, "T-AEI-01"), q(tiny, "T-AEI-02")
    services.save_answers(editor, assessment, {second: ({"maturity": 1}, 0)})  # version 1
    # The editor opens the page (sees T-AEI-02 at level 1, version 1); the coordinator then
    # raises T-AEI-02 to level 3. The editor answers T-AEI-01 and saves the whole section.
    services.save_answers(coordinator, assessment, {second: ({"maturity": 3}, 1)})
    client.force_login(editor)
    data = fields(first, "2") | fields(second, "1", version=1)
    response = client.post(section_url(assessment), data)
    assert response.status_code == 302
    assert Answer.objects.get(question=first).maturity == 2
    assert Answer.objects.get(question=second).maturity == 3  # the colleague's change stands


def test_answers_export_as_csv_with_a_sensible_name(client, editor, assessment, tiny,
                                                    django_assert_max_num_queries):  # fmt: skip
    import csv
    import io

    services.save_answers(
        editor,
        assessment,
        {
            q(tiny, "T-AEI-01"): ({"maturity": 3, "comment": "Code des douanes, art. 12"}, None),
            q(tiny, "T-AEO-02"): ({"yes_no": False}, None),
        },
    )
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("export_csv", args=[assessment.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="SAFE-assessment-CIV-{assessment.pk}-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["code", "phase", "focus_area"]
    by_code = {row[0]: row for row in rows[1:]}
    assert set(by_code) == {"T-AEI-01", "T-AEI-02", "T-AEO-01", "T-AEO-02", "T-AEO-03"}
    assert by_code["T-AEI-01"][6] == "3" and by_code["T-AEI-01"][9] == "Code des douanes, art. 12"
    assert by_code["T-AEO-02"][6] == "no"
    assert by_code["T-AEI-02"][6] == ""
