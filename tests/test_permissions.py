"""Who may see and change which administration's data, asserted through HTTP.

The matrix lists, for each action, the request that performs it and the roles allowed on
their own administration's assessment and on another's. Later features add their routes to
ACTIONS; every role × scope × action is then checked.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments import services
from assessments.models import Assessment
from tests.conftest import start

pytestmark = pytest.mark.django_db

ROLES = ["editor", "coordinator", "reviewer", "donor", "nobody"]
ALLOWED = "allowed"
DENIED = "denied"


def first_question(assessment):
    return assessment.framework.questions.filter(phase=assessment.phase).order_by("order").first()


def section_post(assessment):
    q = first_question(assessment)
    return {f"q{q.pk}-value": "2", f"q{q.pk}-version": "0"}


# action -> (method, url builder, data builder, status that means "done", statuses to prepare)
ACTIONS = {
    "view": ("get", lambda a: reverse("assessment_detail", args=[a.pk]), None, 200, "draft"),
    "view_section": ("get", lambda a: reverse("section", args=[a.pk, "AEI"]), None, 200, "draft"),
    "history": ("get", lambda a: reverse("history", args=[a.pk]), None, 200, "draft"),
    "edit": ("post", lambda a: reverse("section", args=[a.pk, "AEI"]), section_post, 302, "draft"),
    "autosave": (
        "post",
        lambda a: reverse("autosave", args=[a.pk, first_question(a).pk]),
        section_post,
        200,
        "draft",
    ),
    "confirm_section": (
        "post",
        lambda a: reverse("confirm_section", args=[a.pk, "AEI"]),
        lambda a: {},
        302,
        "draft",
    ),
    "submit": ("get", lambda a: reverse("submit", args=[a.pk]), None, 200, "draft"),
    "validate": (
        "post",
        lambda a: reverse("review", args=[a.pk]),
        lambda a: {"decision": "validate"},
        302,
        "submitted",
    ),
    "export": ("get", lambda a: reverse("export_csv", args=[a.pk]), None, 200, "draft"),
    "results": ("get", lambda a: reverse("results", args=[a.pk]), None, 200, "draft"),
    "download": ("get", lambda a: reverse("report_pdf", args=[a.pk]), None, 200, "draft"),
    "share": (
        "post",
        lambda a: reverse("share", args=[a.pk]),
        lambda a: {"shared": "1"},
        302,
        "draft",
    ),
}

# (action, role) -> (own administration, other administration). The donor's "other" case
# is an unshared assessment; donors see shared ones (tested separately).
EXPECTED = {
    "view": {
        "editor": (ALLOWED, DENIED),
        "coordinator": (ALLOWED, DENIED),
        "reviewer": (ALLOWED, ALLOWED),
        "donor": (DENIED, DENIED),
        "nobody": (DENIED, DENIED),
    },
    "edit": {
        "editor": (ALLOWED, DENIED),
        "coordinator": (ALLOWED, DENIED),
        "reviewer": (DENIED, DENIED),
        "donor": (DENIED, DENIED),
        "nobody": (DENIED, DENIED),
    },
    "submit": {
        "editor": (DENIED, DENIED),
        "coordinator": (ALLOWED, DENIED),
        "reviewer": (DENIED, DENIED),
        "donor": (DENIED, DENIED),
        "nobody": (DENIED, DENIED),
    },
    "validate": {
        "editor": (DENIED, DENIED),
        "coordinator": (DENIED, DENIED),
        "reviewer": (ALLOWED, ALLOWED),
        "donor": (DENIED, DENIED),
        "nobody": (DENIED, DENIED),
    },
    "share": {
        "editor": (DENIED, DENIED),
        "coordinator": (ALLOWED, DENIED),
        "reviewer": (DENIED, DENIED),
        "donor": (DENIED, DENIED),
        "nobody": (DENIED, DENIED),
    },
}
EXPECTED["view_section"] = EXPECTED["history"] = EXPECTED["view"]
EXPECTED["autosave"] = EXPECTED["confirm_section"] = EXPECTED["edit"]
EXPECTED["download"] = EXPECTED["results"] = EXPECTED["view"]
# Donors never export raw answers, even of a shared assessment.
EXPECTED["export"] = {**EXPECTED["view"], "donor": (DENIED, DENIED)}


def register(action, method, url, data, done_status, prepare_status, expected):
    """For later features: add a route to the matrix."""
    ACTIONS[action] = (method, url, data, done_status, prepare_status)
    EXPECTED[action] = expected


@pytest.fixture
def people(editor, coordinator, reviewer, donor, nobody, other_editor):
    return {
        "editor": editor,
        "coordinator": coordinator,
        "reviewer": reviewer,
        "donor": donor,
        "nobody": nobody,
    }


def cases():
    for action in ACTIONS:
        for role in ROLES:
            for scope in ("own", "other"):
                yield action, role, scope


@pytest.mark.parametrize(("action", "role", "scope"), list(cases()))
def test_permission_matrix(client, people, tiny, administration, other_administration, other_editor,
                           action, role, scope):  # fmt: skip
    method, url, data, done_status, status = ACTIONS[action]
    owner = people["editor"] if scope == "own" else other_editor
    target = administration if scope == "own" else other_administration
    assessment = start(owner, target, tiny)
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    assessment.refresh_from_db()
    expected = EXPECTED[action][role][0 if scope == "own" else 1]

    client.force_login(people[role])
    payload = data(assessment) if data else None
    response = getattr(client, method)(url(assessment), payload)

    if expected == ALLOWED:
        assert response.status_code == done_status, response.content[:500]
    else:
        assert response.status_code in (403, 404), response.status_code
        if scope == "other" and role != "reviewer":
            # another administration's assessment is not even revealed to exist
            assert response.status_code == 404


def test_donor_sees_a_shared_assessment_but_cannot_edit_it(client, donor, assessment):
    assessment.shared_with_donors = True
    assessment.save()
    client.force_login(donor)
    assert client.get(reverse("assessment_detail", args=[assessment.pk])).status_code == 200
    assert client.get(reverse("report_pdf", args=[assessment.pk])).status_code == 200
    assert client.get(reverse("export_csv", args=[assessment.pk])).status_code == 403
    response = client.post(
        reverse("section", args=[assessment.pk, "AEI"]), section_post(assessment)
    )
    assert response.status_code == 403


def test_a_donor_of_a_shared_assessment_sees_results_and_report_not_the_workings(
    client, editor, donor, assessment
):
    question = first_question(assessment)
    services.save_answers(editor, assessment, {question: ({"comment": "internal note"}, None)})
    assessment.shared_with_donors = True
    assessment.save()
    client.force_login(donor)
    for name, args in [
        ("assessment_detail", [assessment.pk]),
        ("results", [assessment.pk]),
        ("report_pdf", [assessment.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    for name, args in [
        ("section", [assessment.pk, "AEI"]),
        ("resume", [assessment.pk]),
        ("question_detail", [assessment.pk, question.pk]),
        ("history", [assessment.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    overview = client.get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert reverse("history", args=[assessment.pk]) not in overview
    assert reverse("section", args=[assessment.pk, "AEI"]) not in overview
    assert "Editor" not in overview  # no names of who edited


def test_a_donor_downloads_only_evidence_marked_shareable(client, editor, donor, assessment):
    question = first_question(assessment)
    pdf = SimpleUploadedFile("law.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    private = services.add_evidence(editor, assessment, question, upload=pdf)
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    shared = services.add_evidence(
        editor, assessment, question, upload=pdf, shared_with_donors=True
    )
    assessment.shared_with_donors = True
    assessment.save()
    client.force_login(donor)
    url = lambda e: reverse("evidence_download", args=[assessment.pk, e.pk])  # noqa: E731
    assert client.get(url(private)).status_code == 403
    assert client.get(url(shared)).status_code == 200
    client.force_login(editor)
    assert client.get(url(private)).status_code == 200


def test_lists_never_show_another_administrations_assessments(
    client, editor, assessment, other_assessment
):
    other_assessment.title = "Kenya secret diagnostic"
    other_assessment.save()
    client.force_login(editor)
    html = client.get(reverse("assessment_list")).content.decode()
    assert assessment.title in html
    assert "Kenya secret diagnostic" not in html


def test_start_assessment_for_another_administration_is_not_found(
    client, editor, other_administration, tiny
):
    client.force_login(editor)
    url = reverse("assessment_start", args=[other_administration.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def _all_urls(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _all_urls(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


PUBLIC = ("accounts/login/", "accounts/password_reset", "accounts/reset/", "i18n/", "admin/")


def test_anonymous_visitors_are_sent_to_log_in_on_every_non_public_url(client, assessment):
    checked = 0
    for pattern, _entry in _all_urls():
        if pattern.startswith(PUBLIC) or pattern.startswith("accounts/logout"):
            continue
        path = "/" + pattern
        for name, value in (
            ("<int:pk>", assessment.pk),
            ("<int:administration_id>", assessment.administration_id),
            ("<int:question_id>", 1),
            ("<int:evidence_id>", 1),
            ("<str:code>", "AEI"),
            ("<slug:code>", "tiny-2021"),
        ):
            path = path.replace(name, str(value))
        assert "<" not in path, f"add a sample value for {pattern}"
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 302, (method, path, response.status_code)
            assert response["Location"].startswith(reverse("login")), path
            checked += 1
    assert checked >= 20
