"""Who may do what to which administration's data: the one place that decides.

Every view, list, download and export asks here. Lists are filtered with
`visible_assessments`; a single object is fetched with `get_assessment_for`, which answers 404
when the person may not even see it (so ids cannot be probed) and 403 when they may see it but
not do the action asked.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Assessment, Membership

Role = Membership.Role


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    VALIDATE = "validate"  # validate or return to the administration
    DOWNLOAD = "download"
    EXPORT = "export"
    SHARE = "share"  # choose what donors may see
    # Donors of a shared assessment see its results, report and shared needs, not these:
    READ_ANSWERS = "read_answers"  # sections, questions, comments, evidence not marked shared
    HISTORY = "history"  # who changed what, and internal review comments


def memberships(user):
    """The person's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return ()
    if not hasattr(user, "_safe_memberships"):
        user._safe_memberships = tuple(
            Membership.objects.filter(user=user).values_list(
                "role", "administration_id", "donor_organisation_id"
            )
        )
    return user._safe_memberships


def has_role(user, role, administration_id=None):
    return any(
        r == role and (administration_id is None or a == administration_id)
        for r, a, _ in memberships(user)
    )


def is_reviewer(user):
    return user.is_superuser or has_role(user, Role.REVIEWER)


def is_donor(user):
    return has_role(user, Role.DONOR)


def administration_ids(user, roles=(Role.EDITOR, Role.COORDINATOR)):
    return {a for r, a, _ in memberships(user) if r in roles and a is not None}


def may_start_assessment(user, administration):
    return administration.pk in administration_ids(user)


def may_manage_people(user, administration):
    return has_role(user, Role.COORDINATOR, administration.pk)


def can(user, action, assessment):
    """May this person do `action` on this assessment?"""
    if not user.is_authenticated:
        return False
    own = assessment.administration_id in administration_ids(user)
    coordinator = has_role(user, Role.COORDINATOR, assessment.administration_id)
    reviewer = is_reviewer(user)
    shared = assessment.shared_with_donors and is_donor(user)
    match action:
        case Action.VIEW | Action.DOWNLOAD:
            return own or reviewer or shared
        case Action.EXPORT | Action.READ_ANSWERS | Action.HISTORY:
            return own or reviewer
        case Action.EDIT:
            return own and assessment.is_editable
        case Action.SUBMIT:
            return coordinator and assessment.is_editable
        case Action.SHARE:
            return coordinator
        case Action.VALIDATE:
            return reviewer and assessment.status == Assessment.Status.SUBMITTED
    raise ValueError(f"unknown action {action!r}")


def may_download_evidence(user, assessment, evidence):
    """Evidence files are the administration's; a donor gets only those marked shareable."""
    if can(user, Action.READ_ANSWERS, assessment):
        return True
    return evidence.shared_with_donors and can(user, Action.VIEW, assessment)


def visible_assessments(user, queryset=None):
    """Only the assessments this person may see."""
    queryset = Assessment.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_reviewer(user):
        return queryset
    allowed = Q(administration_id__in=administration_ids(user))
    if is_donor(user):
        allowed |= Q(shared_with_donors=True)
    return queryset.filter(allowed)


def get_assessment_for(user, pk, action=Action.VIEW):
    """Fetch an assessment for an action: 404 if it is not visible, 403 if not allowed."""
    queryset = Assessment.objects.select_related("administration__region", "framework", "phase")
    assessment = visible_assessments(user, queryset).filter(pk=pk).first()
    if assessment is None:
        raise Http404("No such assessment.")
    if not can(user, action, assessment):
        raise PermissionDenied(f"You may not {action} this assessment.")
    return assessment
