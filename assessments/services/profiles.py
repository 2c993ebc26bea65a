"""The administration's profile: one row per administration, written by its coordinators."""

from django.core.exceptions import PermissionDenied

from .. import permissions
from ..models import AdministrationProfile


def save_profile(user, administration, values):
    """Create or update the profile; only the administration's coordinators may."""
    if not permissions.may_edit_profile(user, administration):
        raise PermissionDenied("Only the administration's coordinators edit its profile.")
    profile, _created = AdministrationProfile.objects.get_or_create(administration=administration)
    for name in AdministrationProfile.EDITABLE:
        if name in values:
            setattr(profile, name, values[name])
    profile.updated_by = user
    profile.save()
    return profile
