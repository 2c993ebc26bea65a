"""An administration's people: coordinators invite and remove editors and coordinators; an
invited person accepts or declines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import permissions, services
from ..forms import PersonForm
from ..models import Administration, Invitation, Membership


@login_required
@require_http_methods(["GET", "POST"])
def people(request, administration_id):
    """The coordinator gives and takes roles in their administration."""
    administration = get_object_or_404(Administration, pk=administration_id)
    if not permissions.may_manage_people(request.user, administration):
        raise Http404("No such administration.")
    form = PersonForm()
    if request.method == "POST" and "remove" in request.POST:
        return remove(request, administration, request.POST["remove"])
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            result = services.add_member(
                request.user, administration, request=request, **form.cleaned_data
            )
            if isinstance(result, Invitation):
                messages.success(
                    request,
                    _("This person already has an account: they were sent an invitation. "
                      "The role is theirs once they accept it."),
                )  # fmt: skip
            else:
                messages.success(
                    request, _("Role given. A new person receives an e-mail to choose a password.")
                )
            return redirect("people", administration.pk)
    members = administration.memberships.select_related("user").order_by("user__last_name", "role")
    pending = administration.invitations.filter(status=Invitation.Status.PENDING).select_related(
        "user"
    )
    return render(
        request,
        "assessments/people.html",
        {"administration": administration, "members": members, "form": form, "pending": pending},
        status=400 if form.errors else 200,
    )


def remove(request, administration, membership_id):
    """A role id that is not a number, or not this administration's, is simply not found."""
    if not (membership_id.isascii() and membership_id.isdigit()):
        raise Http404("No such role.")
    membership = get_object_or_404(Membership, pk=int(membership_id), administration=administration)
    try:
        services.remove_member(request.user, membership)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Role removed."))
    return redirect("people", administration.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The invited person reads who invites them to what, then accepts or declines."""
    invitation = permissions.get_invitation_for(request.user, token)
    if request.method == "POST":
        try:
            services.answer_invitation(
                request.user, invitation, accept=request.POST.get("answer") == "accept"
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("invitation", token)
        if request.POST.get("answer") == "accept":
            messages.success(request, _("Invitation accepted: the role is yours."))
        else:
            messages.success(request, _("Invitation declined: nothing was changed."))
        return redirect("home")
    return render(request, "assessments/invitation.html", {"invitation": invitation})
