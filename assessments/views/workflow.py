"""The assessment's workflow: submit, validate or return, share with donors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..forms import ReviewForm
from ..permissions import Action


@login_required
def submit(request, pk):
    """Check completeness, list what is missing, and submit for review."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.SUBMIT)
    missing = selectors.missing_mandatory(assessment)
    if request.method == "POST":
        try:
            services.submit(request.user, assessment)
        except ValidationError:
            messages.error(request, _("Some mandatory questions are still unanswered."))
        else:
            messages.success(request, _("Submitted for review. It is now read-only."))
            return redirect("assessment_detail", assessment.pk)
    context = {
        "assessment": assessment,
        "missing": missing,
        "carried_over": selectors.carried_over_unconfirmed(assessment),
        "unclassified": selectors.gaps_without_support(assessment),
    }
    return render(request, "assessments/submit.html", context)


@login_required
@require_POST
def review(request, pk):
    """A reviewer validates the submitted assessment or returns it with comments."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.VALIDATE)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment is too long."))
        return redirect("assessment_detail", assessment.pk)
    comment = form.cleaned_data["comment"]
    return decide(
        request,
        validate=lambda: services.validate(request.user, assessment, comment),
        send_back=lambda: services.return_for_changes(request.user, assessment, comment),
        validated=_("Assessment validated."),
        then=("assessment_detail", assessment.pk),
    )


def decide(request, validate, send_back, validated, then):
    """A reviewer's decision from the form (an assessment's or a monitoring review's):
    "validate", or "return" (refused by `send_back` with ValidationError when nothing says
    what to change); anything else is a 400. Then back to the page `then` names."""
    decision = request.POST.get("decision")
    if decision == "validate":
        validate()
        messages.success(request, validated)
    elif decision == "return":
        try:
            send_back()
        except ValidationError:
            messages.error(request, _("Say what needs to change before returning it."))
        else:
            messages.success(request, _("Returned to the administration for changes."))
    else:
        return HttpResponse(_("Unknown decision."), status=400)
    return redirect(*then)


@login_required
@require_POST
def share(request, pk):
    """The coordinator decides whether donors may see this assessment."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.SHARE)
    shared = request.POST.get("shared") == "1"
    services.set_sharing(request.user, assessment, shared)
    messages.success(
        request, _("Shared with donors.") if shared else _("No longer shared with donors.")
    )
    return redirect(reverse("assessment_detail", args=[assessment.pk]))
