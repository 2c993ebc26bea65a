"""The landing page: each role sees what it can do next."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_renders(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in" in response.content


def test_editor_sees_their_administration_and_how_to_start(client, editor, administration):
    client.force_login(editor)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert administration.name in html
    assert reverse("assessment_start", args=[administration.pk]) in html
    assert "No assessment yet" in html


def test_reviewer_sees_submitted_assessments(client, reviewer, coordinator, assessment):
    assessment.status = "submitted"
    assessment.save()
    client.force_login(reviewer)
    html = client.get("/").content.decode()
    assert "Waiting for your review" in html
    assert assessment.title in html


def test_donor_sees_only_shared_assessments(client, donor, assessment, other_assessment):
    other_assessment.shared_with_donors = True
    other_assessment.title = "Shared needs"
    other_assessment.save()
    client.force_login(donor)
    html = client.get("/").content.decode()
    assert "Shared needs" in html
    assert reverse("assessment_detail", args=[assessment.pk]) not in html


def test_person_without_role_is_told_whom_to_ask(client, nobody):
    client.force_login(nobody)
    assert b"has no role yet" in client.get("/").content


def test_page_is_in_french_when_chosen(client, editor):
    client.force_login(editor)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.get("/")
    assert 'lang="fr"' in response.content.decode()


def test_lists_show_completion_of_each_assessment(client, editor, assessment, tiny):
    from assessments import services

    question = tiny.questions.get(code="T-AEI-01")
    services.save_answers(editor, assessment, {question: ({"maturity": 2}, None)})
    client.force_login(editor)
    html = client.get("/").content.decode()
    # 1 of the 5 phase-1 questions of the tiny framework
    assert 'aria-valuenow="20"' in html
