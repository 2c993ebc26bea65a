"""The administration's profile page: coordinators edit it, its people and reviewers read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import permissions, services
from ..forms import ProfileForm
from ..models import Administration, AdministrationProfile


@login_required
@require_http_methods(["GET", "POST"])
def administration_profile(request, administration_id):
    administration = get_object_or_404(Administration, pk=administration_id)
    if not permissions.may_see_profile(request.user, administration):
        raise Http404("No such administration.")
    editable = permissions.may_edit_profile(request.user, administration)
    profile = AdministrationProfile.objects.filter(administration=administration).first()
    form = ProfileForm(instance=profile)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Only coordinators edit the profile.")
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            services.save_profile(request.user, administration, form.cleaned_data)
            messages.success(request, _("Profile saved. Every report now shows it."))
            return redirect("administration_profile", administration.pk)
    context = {
        "administration": administration,
        "profile": profile,
        "form": form,
        "editable": editable,
    }
    status = 400 if form.errors else 200
    return render(request, "assessments/profile.html", context, status=status)
