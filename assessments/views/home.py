"""Home, the framework page and the list of assessments."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .. import editions, permissions, selectors
from ..models import (
    Administration,
    Framework,
    Membership,
    MonitoringReview,
)


@login_required
def home(request):
    """A landing page that shows each role what it can do next."""
    user = request.user
    own_ids = permissions.administration_ids(user)
    assessments = selectors.assessments_for(user)
    context = {
        "administrations": Administration.objects.filter(pk__in=own_ids).select_related("region"),
        "own_assessments": selectors.with_completion(
            assessments.filter(administration_id__in=own_ids)[:10]
        ),
        "coordinated": permissions.administration_ids(user, roles=(Membership.Role.COORDINATOR,)),
        "is_reviewer": permissions.is_reviewer(user),
        "is_donor": permissions.is_donor(user),
        "roles": sorted({Membership.Role(r).label for r, _a, _d in permissions.memberships(user)}),
    }
    if context["is_reviewer"]:
        context["reviews_to_validate"] = MonitoringReview.objects.filter(
            status=MonitoringReview.Status.SUBMITTED
        ).select_related("administration")[:20]
        context["to_review"] = selectors.with_completion(
            assessments.filter(status="submitted")[:20]
        )
    if context["is_donor"]:
        context["shared"] = selectors.with_completion(
            assessments.filter(shared_with_donors=True)[:20]
        )
    return render(request, "assessments/home.html", context)


@login_required
def framework_detail(request, code=None):
    """Browse the framework content: focus areas, pillars, standards and question counts."""
    framework = (
        Framework.objects.filter(code=code).first() if code else selectors.default_framework()
    )
    if framework is None:
        raise Http404("No framework loaded.")
    context = selectors.framework_overview(framework)
    context["frameworks"] = Framework.objects.all()
    context["changes"] = editions.changes_into(framework)
    return render(request, "assessments/framework_detail.html", context)


@login_required
def assessment_list(request):
    return render(
        request,
        "assessments/assessment_list.html",
        {"assessments": selectors.with_completion(selectors.assessments_for(request.user)[:200])},
    )
