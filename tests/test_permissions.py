"""Who may see and change which administration's data, asserted through HTTP.

The matrix lists, for each action, the request that performs it and the roles allowed on
their own administration's assessment and on another's. Later features add their routes to
ACTIONS; every role × scope × action is then checked.
"""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from assessments import services
from assessments.models import Answer, Assessment, Indicator, MonitoringReview
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


def na_to_reject(assessment):
    """An N/A answer on the first question, and the reviewer's reason for rejecting it."""
    Answer.objects.create(
        assessment=assessment,
        question=first_question(assessment),
        not_applicable=True,
        na_justification="We have no such border at all.",
    )
    return {"reason": "There is such a border."}


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
    "add_note": (
        "post",
        lambda a: reverse("add_note", args=[a.pk, first_question(a).pk]),
        lambda a: {"text": "Which law?"},
        302,
        "submitted",
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
    "reject_not_applicable": (
        "post",
        lambda a: reverse("reject_not_applicable", args=[a.pk, first_question(a).pk]),
        na_to_reject,
        302,
        "submitted",
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
EXPECTED["add_note"] = EXPECTED["validate"]  # reviewers, while reviewing
EXPECTED["reject_not_applicable"] = EXPECTED["validate"]  # reviewers, while under review
EXPECTED["download"] = EXPECTED["results"] = EXPECTED["view"]
# Donors never export raw answers, even of a shared assessment.
EXPECTED["export"] = {**EXPECTED["view"], "donor": (DENIED, DENIED)}


# Data in and out (issue 14): exports like the CSV, uploads like editing, imports for
# coordinators and reviewers.
for _name in ("assessment_data", "export_xlsx", "scores_csv", "export_json", "workbook_download"):
    ACTIONS[_name] = ("get", lambda a, n=_name: reverse(n, args=[a.pk]), None, 200, "draft")
    EXPECTED[_name] = EXPECTED["export"]


def workbook_post(assessment):
    import io

    from assessments import workbook
    from assessments.selectors.data import workbook_inputs

    content = io.BytesIO(workbook.build_workbook(assessment, *workbook_inputs(assessment)))
    content.name = "workbook.xlsx"
    return {"file": content}


ACTIONS["workbook_upload"] = (
    "post", lambda a: reverse("workbook_upload", args=[a.pk]), workbook_post, 200, "draft"
)  # fmt: skip
ACTIONS["workbook_resolve"] = (
    "post", lambda a: reverse("workbook_resolve", args=[a.pk]), lambda a: {}, 302, "draft"
)  # fmt: skip
EXPECTED["workbook_upload"] = EXPECTED["workbook_resolve"] = EXPECTED["edit"]
ACTIONS["import_json"] = (
    "get", lambda a: reverse("import_json", args=[a.administration_id]), None, 200, "draft"
)  # fmt: skip
EXPECTED["import_json"] = {
    "editor": (DENIED, DENIED),
    "coordinator": (ALLOWED, DENIED),
    "reviewer": (ALLOWED, ALLOWED),
    "donor": (DENIED, DENIED),
    "nobody": (DENIED, DENIED),
}


# The WCO-wide picture: reviewers only; an administration sees its own regional position.
REVIEWERS_ONLY = {
    role: ((ALLOWED, ALLOWED) if role == "reviewer" else (DENIED, DENIED)) for role in ROLES
}
for _name in ("overview", "overview_csv", "overview_xlsx"):
    ACTIONS[_name] = ("get", lambda a, n=_name: reverse(n), None, 200, "draft")
    EXPECTED[_name] = REVIEWERS_ONLY
ACTIONS["region_benchmark"] = (
    "get", lambda a: reverse("region_benchmark", args=[a.administration.region_id]), None, 200,
    "draft",
)  # fmt: skip
EXPECTED["region_benchmark"] = REVIEWERS_ONLY
ACTIONS["region_position"] = (
    "get", lambda a: reverse("region_position", args=[a.administration_id]), None, 200, "draft"
)  # fmt: skip
EXPECTED["region_position"] = {**EXPECTED["view"], "donor": (DENIED, DENIED)}


# The report as a Word document: the same rights as the PDF.
ACTIONS["download_docx"] = (
    "get", lambda a: reverse("report_docx", args=[a.pk]), None, 200, "draft"
)  # fmt: skip
EXPECTED["download_docx"] = EXPECTED["download"]

# The administration's profile: its people and reviewers read it; its coordinators edit it.
ACTIONS["profile"] = (
    "get", lambda a: reverse("administration_profile", args=[a.administration_id]), None, 200,
    "draft",
)  # fmt: skip
EXPECTED["profile"] = {**EXPECTED["view"], "donor": (DENIED, DENIED)}
ACTIONS["profile_edit"] = (
    "post", lambda a: reverse("administration_profile", args=[a.administration_id]),
    lambda a: {"staff": "1200", "it_system": "ASYCUDA World"}, 302, "draft",
)  # fmt: skip
EXPECTED["profile_edit"] = {
    "editor": (DENIED, DENIED),
    "coordinator": (ALLOWED, DENIED),
    "reviewer": (DENIED, DENIED),
    "donor": (DENIED, DENIED),
    "nobody": (DENIED, DENIED),
}


def register(action, method, url, data, done_status, prepare_status, expected):
    """For later features: add a route to the matrix."""
    ACTIONS[action] = (method, url, data, done_status, prepare_status)
    EXPECTED[action] = expected


# Donor matchmaking: the target administration's need is private unless said otherwise, so a
# donor never reaches it; offers and engagements belong to a donor organisation other than the
# standing donor's.
def _need(assessment, sharing="private"):
    from assessments.models import Need

    return Need.objects.create(
        administration=assessment.administration, title="Need", sharing=sharing
    )


def _pending_interest(assessment):
    from assessments.models import DonorOrganisation, Interest

    donor = DonorOrganisation.objects.create(name="Another fund")
    need = _need(assessment, "all")
    return Interest.objects.create(need=need, donor=donor, message="Interested")


def _engagement(assessment):
    from assessments.models import SupportEngagement

    interest = _pending_interest(assessment)
    return SupportEngagement.objects.create(need=interest.need, donor=interest.donor)


def _offer(assessment):
    from assessments.models import DonorOrganisation, SupportOffer

    donor = DonorOrganisation.objects.create(name="Offer fund")
    return SupportOffer.objects.create(donor=donor, title="Offer", support_kinds=["training"])


def _plan_action_of(assessment):
    from assessments.models import Action, Plan

    plan, _created = Plan.objects.get_or_create(
        administration=assessment.administration,
        defaults={"framework": assessment.framework, "title": "Plan"},
    )
    return Action.objects.create(plan=plan, number=1, title="Action", accepted=True)


OWN_ONLY = {"editor": (DENIED, DENIED), "reviewer": (DENIED, DENIED)}
NOBODY = {"donor": (DENIED, DENIED), "nobody": (DENIED, DENIED)}
COORDINATOR_ONLY = {**OWN_ONLY, **NOBODY, "coordinator": (ALLOWED, DENIED)}
register(
    "need_detail",
    "get",
    lambda a: reverse("need_detail", args=[_need(a).pk]),
    None,
    200,
    "draft",
    {**EXPECTED["view"]},
)
register(
    "need_edit",
    "get",
    lambda a: reverse("need_edit", args=[_need(a).pk]),
    None,
    200,
    "draft",
    COORDINATOR_ONLY,
)
register(
    "need_create",
    "get",
    lambda a: reverse("need_create", args=[a.administration_id]),
    None,
    200,
    "draft",
    COORDINATOR_ONLY,
)
register(
    "need_from_action",
    "post",
    lambda a: reverse("need_from_action", args=[_plan_action_of(a).pk]),
    None,
    302,
    "draft",
    COORDINATOR_ONLY,
)
register(
    "express_interest_in_private_need",
    "post",
    lambda a: reverse("express_interest", args=[_need(a).pk]),
    lambda a: {"message": "Hello"},
    302,
    "draft",
    {**OWN_ONLY, **NOBODY, "coordinator": (DENIED, DENIED)},
)
register(
    "decide_interest",
    "post",
    lambda a: reverse("decide_interest", args=[_pending_interest(a).pk]),
    lambda a: {"decision": "accept"},
    302,
    "draft",
    COORDINATOR_ONLY,
)
register(
    "engagement_edit",
    "get",
    lambda a: reverse("engagement_edit", args=[_engagement(a).pk]),
    None,
    200,
    "draft",
    COORDINATOR_ONLY,
)
# The needs table of an administration: a donor gets a table of what is shared with it only
# (asserted in tests/test_donors.py), so the route itself answers.
register(
    "needs_xlsx",
    "get",
    lambda a: reverse("needs_xlsx") + f"?administration={a.administration_id}",
    None,
    200,
    "draft",
    {**EXPECTED["view"], "donor": (ALLOWED, ALLOWED)},
)
register(
    "needs_pdf",
    "get",
    lambda a: reverse("needs_pdf") + f"?administration={a.administration_id}",
    None,
    200,
    "draft",
    {**EXPECTED["view"], "donor": (ALLOWED, ALLOWED)},
)
# Another donor organisation's offer: only reviewers open it.
REVIEWER_ONLY = {
    "editor": (DENIED, DENIED),
    "coordinator": (DENIED, DENIED),
    "reviewer": (ALLOWED, ALLOWED),
    **NOBODY,
}
register(
    "offer_detail", "get", lambda a: reverse("offer_detail", args=[_offer(a).pk]), None,
    200, "draft", REVIEWER_ONLY,
)  # fmt: skip
register(
    "offer_edit", "get", lambda a: reverse("offer_edit", args=[_offer(a).pk]), None,
    200, "draft", {**REVIEWER_ONLY, "reviewer": (DENIED, DENIED)},
)  # fmt: skip
register("needs_board", "get", lambda a: reverse("needs_board"), None, 200, "draft", REVIEWER_ONLY)
register(
    "offer_create", "get", lambda a: reverse("offer_create"), None, 200, "draft",
    {**REVIEWER_ONLY, "reviewer": (DENIED, DENIED), "donor": (ALLOWED, ALLOWED)},
)  # fmt: skip
register(
    "offer_list", "get", lambda a: reverse("offer_list"), None, 200, "draft",
    {**REVIEWER_ONLY, "donor": (ALLOWED, ALLOWED)},
)  # fmt: skip


# Monitoring (Columbus Phase 3) ------------------------------------------------------------
# Builders create the indicator or review of the matrix's assessment's administration; the
# indicator is disclosed to reviewers (donors see only what is shared with donors, below).


def _indicator(a, disclosure="reviewers", name="Release time"):
    return services.save_indicator(
        None,
        Indicator(administration=a.administration, name=name, unit="hours",
                  baseline_value=72, target_value=24, better="lower", disclosure=disclosure),
    )  # fmt: skip


def _review(a, status="draft"):
    review = services.start_review(
        a.started_by, a.administration, "Review 2026", date(2026, 6, 30), a
    )
    MonitoringReview.objects.filter(pk=review.pk).update(status=status)
    return review


def _adm(name):
    return lambda a: reverse(name, args=[a.administration_id])


MONITORING_VIEW = {
    "editor": (ALLOWED, DENIED),
    "coordinator": (ALLOWED, DENIED),
    "reviewer": (ALLOWED, ALLOWED),
    "donor": (ALLOWED, ALLOWED),  # the page, with only what is shared with donors
    "nobody": (DENIED, DENIED),
}
for _action, _method, _url, _data, _done in (
    ("monitoring", "get", _adm("monitoring"), None, 200),
    ("indicators_csv", "get", _adm("indicators_csv"), None, 200),
):
    register(_action, _method, _url, _data, _done, "validated", MONITORING_VIEW)
for _action, _method, _url, _data, _done in (
    ("indicator_new", "get", _adm("indicator_new"), None, 200),
    ("indicator_propose", "post", _adm("indicator_propose"), None, 302),
    ("review_start", "get", _adm("review_start"), None, 200),
    ("indicator_edit", "get", lambda a: reverse("indicator_edit", args=[_indicator(a).pk]),
     None, 200),
    ("measurement", "post", lambda a: reverse("indicator_detail", args=[_indicator(a).pk]),
     lambda a: {"measured_on": "2025-01-01", "value": "48"}, 302),
    ("review_evaluation", "post", lambda a: reverse("review_detail", args=[_review(a).pk]),
     lambda a: {"evaluation": "Better."}, 302),
):  # fmt: skip
    register(_action, _method, _url, _data, _done, "validated", EXPECTED["edit"])
register(
    "indicator_detail", "get", lambda a: reverse("indicator_detail", args=[_indicator(a).pk]),
    None, 200, "validated", {**EXPECTED["view"]},
)  # fmt: skip
register(
    "monitoring_rhythm", "post", _adm("monitoring_rhythm"),
    lambda a: {"reassessment_months": "12", "reminder_days": "30"}, 302, "validated",
    EXPECTED["share"],
)  # fmt: skip
for _action, _name in (
    ("review_detail", "review_detail"),
    ("progress_pdf", "progress_pdf"),
    ("progress_docx", "progress_docx"),
):
    register(_action, "get", lambda a, n=_name: reverse(n, args=[_review(a).pk]), None, 200,
             "validated", EXPECTED["view"])  # fmt: skip
register(
    "review_submit", "post", lambda a: reverse("review_submit", args=[_review(a).pk]), None,
    302, "validated", EXPECTED["submit"],
)  # fmt: skip
register(
    "review_share", "post", lambda a: reverse("review_share", args=[_review(a).pk]),
    lambda a: {"shared": "1"}, 302, "validated", EXPECTED["share"],
)  # fmt: skip
register(
    "review_decide", "post",
    lambda a: reverse("review_decide", args=[_review(a, "submitted").pk]),
    lambda a: {"decision": "validate", "conclusions": "Done."}, 302, "validated",
    EXPECTED["validate"],
)  # fmt: skip


# The implementation plan and the programme page (Columbus Phase 2) -------------------------


def plan_for(assessment):
    """The administration's plan, proposed from `assessment` (prepared as validated), with one
    action on two gaps, a milestone and a project proposal."""
    from assessments import services
    from assessments.models import Plan

    plan = Plan.objects.filter(administration_id=assessment.administration_id).first()
    if plan is None:
        owner = assessment.started_by
        plan = services.propose_plan(owner, assessment)
        questions = assessment.framework.questions.filter(phase=assessment.phase).order_by("order")
        action = services.add_action(owner, plan, "Pass the decree", questions=questions[:2])
        services.add_milestone(owner, action, "Draft", assessment.period_end)
        services.create_proposal(owner, plan, "Support", [action])
    return plan


def first_action(assessment):
    return plan_for(assessment).actions.order_by("number").first()


def action_post(assessment):
    return {"title": "Pass the decree", "status": "planned", "funding_source": "none_yet",
            "support_class": "B", "currency": "USD"}  # fmt: skip


def plan_url(name):
    return lambda a: reverse(name, args=[plan_for(a).pk])


def action_url(name):
    return lambda a: reverse(name, args=[first_action(a).pk])


PLAN_READ = {
    "editor": (ALLOWED, DENIED),
    "coordinator": (ALLOWED, DENIED),
    "reviewer": (ALLOWED, ALLOWED),
    "donor": (DENIED, DENIED),
    "nobody": (DENIED, DENIED),
}
PLAN_EDIT = {**PLAN_READ, "reviewer": (DENIED, DENIED)}
PLAN_ADOPT = {**PLAN_EDIT, "editor": (DENIED, DENIED)}
PLAN_ROUTES = {
    "programme": ("get", lambda a: reverse("programme", args=[a.administration_id]), None, 200,
                  PLAN_READ),
    "programme_list": ("get", lambda a: reverse("programme_list"), None, 200,
                       dict.fromkeys(ROLES, (ALLOWED, ALLOWED))),
    "plan_propose": ("post", lambda a: reverse("plan_propose", args=[a.administration_id]),
                     lambda a: {"assessment": a.pk}, 302, PLAN_EDIT),
    "plan": ("get", plan_url("plan"), None, 200, PLAN_READ),
    "plan_compare": ("get", plan_url("plan_compare"), None, 200, PLAN_READ),
    "plan_pdf": ("get", plan_url("plan_pdf"), None, 200, PLAN_READ),
    "plan_docx": ("get", plan_url("plan_docx"), None, 200, PLAN_READ),
    "plan_csv": ("get", plan_url("plan_csv"), None, 200, PLAN_READ),
    "plan_xlsx": ("get", plan_url("plan_xlsx"), None, 200, PLAN_READ),
    "plan_bulk": ("post", plan_url("plan_bulk"),
                  lambda a: {"operation": "accept", "action": [first_action(a).pk]}, 302,
                  PLAN_EDIT),
    "action_add": ("post", plan_url("action_add"), lambda a: {"title": "Train analysts"}, 302,
                   PLAN_EDIT),
    "plan_adopt": ("get", plan_url("plan_adopt"), None, 200, PLAN_ADOPT),
    "plan_adopt_post": ("post", plan_url("plan_adopt"), lambda a: {"note": "v1"}, 302,
                        PLAN_ADOPT),
    "proposal_new": ("get", plan_url("proposal_new"), None, 200, PLAN_EDIT),
    "proposal_pdf": ("get", lambda a: reverse("proposal_pdf",
                     args=[plan_for(a).proposals.get().pk]), None, 200, PLAN_READ),
    "proposal_docx": ("get", lambda a: reverse("proposal_docx",
                      args=[plan_for(a).proposals.get().pk]), None, 200, PLAN_READ),
    "action_view": ("get", action_url("action_edit"), None, 200, PLAN_READ),
    "action_edit": ("post", action_url("action_edit"), action_post, 302, PLAN_EDIT),
    "action_split": ("post", action_url("action_split"),
                     lambda a: {"split-title": "Half",
                                "split-questions": [first_action(a).questions.first().pk]},
                     302, PLAN_EDIT),
    "milestone_add": ("post", action_url("milestone_add"),
                      lambda a: {"milestone-name": "Pilot", "milestone-due_date": "2026-09-01"},
                      302, PLAN_EDIT),
    "milestone_done": ("post", lambda a: reverse("milestone_done",
                       args=[first_action(a).milestones.get().pk]), lambda a: {"done": "1"},
                       302, PLAN_EDIT),
    "action_note": ("post", action_url("action_note"), lambda a: {"note-text": "Started"}, 302,
                    PLAN_READ),
}  # fmt: skip
for _name, (_method, _url, _data, _done, _expected) in PLAN_ROUTES.items():
    ACTIONS[_name] = (_method, _url, _data, _done, "validated")
    EXPECTED[_name] = _expected


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


PUBLIC = (
    "accounts/login/",
    "accounts/password_reset",
    "accounts/reset/",
    "i18n/",
    "admin/",
    "healthz",
)


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
            ("<int:action_id>", 1),
            ("<int:milestone_id>", 1),
            ("<int:proposal_id>", 1),
            ("<str:code>", "AEI"),
            ("<slug:code>", "tiny-2021"),
            ("<str:token>", "an-invitation-token"),
            ("<int:region_id>", 1),
        ):
            path = path.replace(name, str(value))
        assert "<" not in path, f"add a sample value for {pattern}"
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 302, (method, path, response.status_code)
            assert response["Location"].startswith(reverse("login")), path
            checked += 1
    assert checked >= 20


@pytest.fixture
def disclosed(editor, administration, tiny):
    """A validated baseline with one indicator at each disclosure level and a shared review."""
    a = start(editor, administration, tiny)
    Assessment.objects.filter(pk=a.pk).update(status="validated")
    a.refresh_from_db()
    indicators = {
        level: _indicator(a, level, name=f"Indicator for {level}")
        for level in ("administration", "reviewers", "donors")
    }
    review = _review(a)
    MonitoringReview.objects.filter(pk=review.pk).update(shared_with_donors=True)
    return indicators, review


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("donor", {"donors"}),
        ("reviewer", {"reviewers", "donors"}),
        ("editor", {"administration", "reviewers", "donors"}),
    ],
)
def test_indicators_are_seen_only_as_disclosed_by_page_export_and_report(
    client, people, administration, disclosed, role, sees
):
    indicators, review = disclosed
    client.force_login(people[role])
    page = client.get(reverse("monitoring", args=[administration.pk])).content.decode()
    export = client.get(reverse("indicators_csv", args=[administration.pk])).content.decode()
    pdf = client.get(reverse("progress_pdf", args=[review.pk])).content
    report = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    review_page = client.get(reverse("review_detail", args=[review.pk])).content.decode()
    for level, indicator in indicators.items():
        shown = level in sees
        for text in (page, export, report, review_page):
            assert (indicator.name in text) == shown, (level, role)
        status = client.get(reverse("indicator_detail", args=[indicator.pk])).status_code
        assert status == (200 if shown else 404), (level, role)


def test_a_donor_never_sees_an_unshared_review(client, donor, disclosed):
    _indicators, review = disclosed
    MonitoringReview.objects.filter(pk=review.pk).update(shared_with_donors=False)
    client.force_login(donor)
    assert client.get(reverse("review_detail", args=[review.pk])).status_code == 404
    assert client.get(reverse("progress_pdf", args=[review.pk])).status_code == 404
