"""The Django admin edits the framework content: search by code and text, filters."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    client.force_login(admin)
    return client


def test_questions_are_searchable_by_code_and_text(admin_client_, tiny):
    url = "/admin/assessments/question/"
    html = admin_client_.get(url, {"q": "T-AEO-02"}).content.decode()
    assert "T-AEO-02" in html and "T-AEI-01" not in html
    html = admin_client_.get(url, {"q": "checked automatically"}).content.decode()
    assert "T-AEI-02" in html and "T-AEO-01" not in html


def test_questions_filter_by_phase_focus_area_and_standard(admin_client_, tiny):
    url = "/admin/assessments/question/"
    html = admin_client_.get(url, {"phase__number": "3"}).content.decode()
    assert "T-ME-01" in html and "T-AEI-01" not in html
    html = admin_client_.get(url, {"focus_area__code": "AEO"}).content.decode()
    assert "T-AEO-01" in html and "T-AEI-01" not in html
    html = admin_client_.get(url, {"standards__code": "AEO-G"}).content.decode()
    assert "T-AEO-01" in html and "T-AEO-02" not in html


def test_a_question_can_be_edited(admin_client_, tiny):
    question = tiny.questions.get(code="T-AEI-01")
    response = admin_client_.get(f"/admin/assessments/question/{question.pk}/change/")
    assert response.status_code == 200
    assert "Is there a legal basis" in response.content.decode()
