"""The programme page: an administration's Columbus journey at a glance (and reviewers' start)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import permissions
from ..models import Administration
from ..selectors import monitoring as monitoring_selectors
from ..selectors import planning as plan_selectors


@login_required
def programme_list(request):
    """Every administration a person may follow: all of them for reviewers, else their own."""
    administrations = Administration.objects.select_related("region", "plan").order_by("name")
    if not permissions.is_reviewer(request.user):
        administrations = administrations.filter(
            pk__in=permissions.administration_ids(request.user)
        )
    return render(
        request, "planning/programme_list.html", {"administrations": list(administrations)}
    )


@login_required
def programme(request, administration_id):
    """Phases, what started and completed each, readiness then and now, plan progress."""
    administration = permissions.get_programme_administration_for(request.user, administration_id)
    data = plan_selectors.programme_of(administration)
    own = administration.pk in permissions.administration_ids(request.user)
    context = {
        "administration": administration,
        "programme": data,
        "indicators": monitoring_selectors.programme_indicators(
            request.user, administration, timezone.localdate()
        ),
        "may_propose": own and data.plan is None and data.latest is not None,
    }
    return render(request, "planning/programme.html", context)
