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

from .models import Administration, Assessment, Indicator, Membership, MonitoringReview

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
    NOTE = "note"  # a reviewer's note on one question, while reviewing


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


def may_edit_profile(user, administration):
    """The administration's profile (trade figures, posts, staff, IT) is its coordinators'."""
    return has_role(user, Role.COORDINATOR, administration.pk)


def may_see_profile(user, administration):
    """Its own people and WCO reviewers read the profile; it is printed in their reports."""
    return administration.pk in administration_ids(user) or is_reviewer(user)


def get_invitation_for(user, token):
    """An invitation is seen only by the person invited: anyone else gets 404."""
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("administration", "invited_by")
        .filter(token=token, user_id=user.pk)
        .first()
    )
    if invitation is None or not user.is_authenticated:
        raise Http404("No such invitation.")
    return invitation


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
        case Action.NOTE:
            return reviewer and assessment.status == Assessment.Status.SUBMITTED
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


# The implementation plan and the programme page (Columbus Phases 2 and 3) -------------------


class PlanAction(StrEnum):
    VIEW = "view_plan"  # the plan page, its report and exports
    EDIT = "edit_plan"  # shape and update actions, milestones, progress
    ADOPT = "adopt_plan"  # adopt a version (and so revise the plan)
    COMMENT = "comment_plan"  # a reviewer's comment on an action
    PROPOSE = "propose_plan"  # start the plan from a validated assessment


def may_see_programme(user, administration_id):
    """The programme page: the administration's own people and reviewers."""
    return user.is_authenticated and (
        administration_id in administration_ids(user) or is_reviewer(user)
    )


def get_programme_administration_for(user, pk):
    """An administration whose programme the person may see, else 404."""
    from .models import Administration

    if not may_see_programme(user, pk):
        raise Http404("No such administration.")
    administration = Administration.objects.select_related("region").filter(pk=pk).first()
    if administration is None:
        raise Http404("No such administration.")
    return administration


def donor_organisation_ids(user):
    return {d for r, _a, d in memberships(user) if r == Role.DONOR and d is not None}


def can_on_plan(user, action, plan):
    """May this person do `action` on this plan? Donors only ever read shared actions."""
    if not user.is_authenticated:
        return False
    own = plan.administration_id in administration_ids(user)
    match action:
        case PlanAction.VIEW:
            return own or is_reviewer(user)
        case PlanAction.EDIT | PlanAction.PROPOSE:
            return own
        case PlanAction.ADOPT:
            return has_role(user, Role.COORDINATOR, plan.administration_id)
        case PlanAction.COMMENT:
            return own or is_reviewer(user)
    raise ValueError(f"unknown action {action!r}")


def _plan_visible(user, plan):
    if can_on_plan(user, PlanAction.VIEW, plan):
        return True
    return (
        bool(donor_organisation_ids(user))
        and plan.actions.filter(shared_with__in=donor_organisation_ids(user)).exists()
    )


def get_plan_for(user, pk, action=PlanAction.VIEW):
    """Fetch a plan: 404 if the person may not see it, 403 if they may not do `action`.

    A donor with actions shared with them "sees" the plan (only those actions, see
    `visible_plan_actions`) but may do nothing else.
    """
    from .models import Plan

    plan = (
        Plan.objects.select_related("administration__region", "framework", "baseline")
        .filter(pk=pk)
        .first()
    )
    if plan is None or not _plan_visible(user, plan):
        raise Http404("No such plan.")
    if action == PlanAction.VIEW:
        return plan
    if not can_on_plan(user, action, plan):
        raise PermissionDenied(f"You may not {action} this plan.")
    return plan


def get_plan_action_for(user, pk, action=PlanAction.VIEW):
    """Fetch one action of a plan, with the plan's rules (a donor: only a shared action)."""
    from .models import Action as PlanItem

    item = (
        PlanItem.objects.select_related("plan__administration", "focus_area").filter(pk=pk).first()
    )
    if item is None:
        raise Http404("No such action.")
    plan = item.plan
    if not can_on_plan(user, PlanAction.VIEW, plan):
        shared = item.shared_with.filter(pk__in=donor_organisation_ids(user)).exists()
        if not (shared and action == PlanAction.VIEW):
            raise Http404("No such action.")
        return item
    if action != PlanAction.VIEW and not can_on_plan(user, action, plan):
        raise PermissionDenied(f"You may not {action} this action.")
    return item


def visible_plan_actions(user, queryset):
    """All of a plan's actions for its people and reviewers; a donor, the shared ones only."""
    if is_reviewer(user) or not is_donor(user):
        return queryset
    if administration_ids(user):
        return queryset  # a donor who also works for the administration
    return queryset.filter(shared_with__in=donor_organisation_ids(user)).distinct()


def may_import_into(user, administration):
    """Restoring an assessment document: the administration's coordinators, or a reviewer."""
    return is_reviewer(user) or has_role(user, Role.COORDINATOR, administration.pk)


def may_see_overview(user):
    """The WCO-wide overview names every administration: reviewers only."""
    return is_reviewer(user)


def may_see_region_benchmark(user, region):
    """A region's ranked unmet standards, with every administration: reviewers only.
    Administrations see their region only as an anonymous aggregate (`own_position`)."""
    return is_reviewer(user)


# Monitoring (Columbus Phase 3) -------------------------------------------------------------

DISCLOSED_TO_REVIEWERS = ("reviewers", "donors")


def may_view_monitoring(user, administration):
    """The monitoring page: the administration, reviewers, and donors (who see only what is
    shared with them)."""
    return administration.pk in administration_ids(user) or is_reviewer(user) or is_donor(user)


def may_edit_monitoring(user, administration):
    """Indicators, measurements and reviews are kept by the administration's own people."""
    return user.is_authenticated and administration.pk in administration_ids(user)


def visible_indicators(user, queryset):
    """Only the indicators this person may see, by each indicator's disclosure."""
    if not user.is_authenticated:
        return queryset.none()
    own = Q(administration_id__in=administration_ids(user))
    if is_reviewer(user):
        return queryset.filter(own | Q(disclosure__in=DISCLOSED_TO_REVIEWERS))
    if is_donor(user):
        return queryset.filter(own | Q(disclosure="donors"))
    return queryset.filter(own)


def get_indicator_for(user, pk, action=Action.VIEW):
    """An indicator for an action: 404 if it is not disclosed to the person, 403 if they see
    it but may not change it."""
    queryset = Indicator.objects.select_related("administration")
    indicator = visible_indicators(user, queryset).filter(pk=pk).first()
    if indicator is None:
        raise Http404("No such indicator.")
    if action != Action.VIEW and not may_edit_monitoring(user, indicator.administration):
        raise PermissionDenied("You may not change this indicator.")
    return indicator


def can_review(user, action, review):
    """May this person do `action` on this monitoring review? Same rules as an assessment."""
    return can(user, action, review)


def visible_reviews(user, queryset):
    if not user.is_authenticated:
        return queryset.none()
    if is_reviewer(user):
        return queryset
    allowed = Q(administration_id__in=administration_ids(user))
    if is_donor(user):
        allowed |= Q(shared_with_donors=True)
    return queryset.filter(allowed)


def get_review_for(user, pk, action=Action.VIEW):
    """A monitoring review: 404 if it is not visible, 403 if the action is not allowed."""
    queryset = MonitoringReview.objects.select_related(
        "administration__region", "baseline__framework", "follow_up"
    )
    review = visible_reviews(user, queryset).filter(pk=pk).first()
    if review is None:
        raise Http404("No such review.")
    if not can_review(user, action, review):
        raise PermissionDenied(f"You may not {action} this review.")
    return review


def get_monitoring_for(user, pk, edit=False):
    """An administration's monitoring: 404 unless the person may see it; 403 when they see
    it but `edit` is asked of someone outside the administration."""
    administration = Administration.objects.filter(pk=pk).first()
    if administration is None or not may_view_monitoring(user, administration):
        raise Http404("No such administration.")
    if edit and not may_edit_monitoring(user, administration):
        if not is_reviewer(user):  # donors: another administration's data stays unrevealed
            raise Http404("No such administration.")
        raise PermissionDenied("Only the administration's people change its monitoring.")
    return administration


# Donor matchmaking: offers belong to a donor organisation; needs to an administration and are
# shown to all donors, to named donors, or to nobody outside it (docs/matchmaking.md).


def visible_needs(user, queryset=None):
    """Needs this person may read: their administration's, the reviewers' all, and for a
    donor those shared with all donors or with its organisation by name."""
    from .models import Need

    queryset = Need.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_reviewer(user):
        return queryset
    allowed = Q(administration_id__in=administration_ids(user))
    donors = donor_organisation_ids(user)
    if donors:
        allowed |= Q(sharing=Need.Sharing.ALL)
        shared_by_name = Need.objects.filter(
            sharing=Need.Sharing.NAMED, named_donors__in=donors
        ).values("pk")
        allowed |= Q(pk__in=shared_by_name)
    return queryset.filter(allowed)


def get_need_for(user, pk, queryset=None):
    """A need this person may read, else 404 (an unshared need is not revealed to exist)."""
    need = visible_needs(user, queryset).filter(pk=pk).first()
    if need is None:
        raise Http404("No such need.")
    return need


def may_manage_needs(user, administration_id):
    """Coordinators decide what their administration shows donors and answer donors."""
    return has_role(user, Role.COORDINATOR, administration_id)


def may_express_interest(user, need):
    return bool(donor_organisation_ids(user)) and need.sharing != need.Sharing.PRIVATE


def visible_offers(user, queryset=None):
    """Offers opened in full: the donor's own and, for reviewers, every offer."""
    from .models import SupportOffer

    queryset = SupportOffer.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_reviewer(user):
        return queryset
    return queryset.filter(donor_id__in=donor_organisation_ids(user))


def get_offer_for(user, pk, queryset=None):
    offer = visible_offers(user, queryset).filter(pk=pk).first()
    if offer is None:
        raise Http404("No such offer.")
    return offer


def may_edit_offer(user, offer):
    return offer.donor_id in donor_organisation_ids(user)


def may_broker(user):
    """Reviewers see every shared need and open offer: they broker between both sides."""
    return is_reviewer(user)


def may_update_engagement(user, engagement, need):
    return engagement.donor_id in donor_organisation_ids(user) or may_manage_needs(
        user, need.administration_id
    )


def may_export_needs(user, administration_id=None):
    """The needs table: an administration's own people, reviewers and donors (who get only
    what is shared with them, through `visible_needs`)."""
    if administration_id is not None and administration_id in administration_ids(user):
        return True
    return is_reviewer(user) or bool(donor_organisation_ids(user))
