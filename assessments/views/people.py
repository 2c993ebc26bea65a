"""An administration's people: coordinators invite and remove editors and coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import permissions, services
from ..forms import PersonForm
from ..models import (
    Administration,
    Membership,
)


@login_required
def people(request, administration_id):
    """The coordinator gives and takes roles in their administration."""
    administration = get_object_or_404(Administration, pk=administration_id)
    if not permissions.may_manage_people(request.user, administration):
        raise Http404("No such administration.")
    form = PersonForm()
    if request.method == "POST" and "remove" in request.POST:
        membership = get_object_or_404(
            Membership, pk=request.POST["remove"], administration=administration
        )
        try:
            services.remove_member(request.user, membership)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Role removed."))
        return redirect("people", administration.pk)
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            services.add_member(request.user, administration, request=request, **form.cleaned_data)
            messages.success(
                request, _("Role given. A new person receives an e-mail to choose a password.")
            )
            return redirect("people", administration.pk)
    members = administration.memberships.select_related("user").order_by("user__last_name", "role")
    return render(
        request,
        "assessments/people.html",
        {"administration": administration, "members": members, "form": form},
        status=400 if form.errors else 200,
    )
