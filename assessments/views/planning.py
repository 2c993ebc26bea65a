"""The implementation plan: propose it, shape its actions, follow progress, adopt versions.

Views parse the request, ask `permissions`, call `services.planning` and render; a refusal
from a service comes back as a message (or form error) and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, plan_forms, planning, services
from ..models import Assessment, Milestone
from ..permissions import PlanAction
from ..reports import plan_charts
from ..selectors import plan_page as page_selectors
from ..selectors import planning as plan_selectors


def _ids(values):
    """The whole numbers among posted ids; anything else is ignored, never a 500."""
    return [int(v) for v in values if str(v).isdigit()]


def _refusal(request, error):
    messages.error(request, " ".join(error.messages))


@login_required
@require_POST
def propose(request, administration_id):
    """Start the plan from the administration's validated Phase 1 assessment."""
    administration = permissions.get_programme_administration_for(request.user, administration_id)
    if administration.pk not in permissions.administration_ids(request.user):
        raise Http404("No such administration.")
    chosen = _ids([request.POST.get("assessment", "")])
    assessment = get_object_or_404(
        Assessment, pk=chosen[0] if chosen else 0, administration=administration
    )
    try:
        plan = services.propose_plan(request.user, assessment)
    except ValidationError as error:
        _refusal(request, error)
        return redirect("programme", administration.pk)
    messages.success(
        request,
        _("Plan proposed: %(n)s actions from the gaps. Accept, merge, split or drop them.")
        % {"n": plan.actions.count()},
    )
    return redirect("plan", plan.pk)


@login_required
def plan_page(request, pk):
    """The plan by focus area and priority, late and at-risk first to the eye, traceability."""
    plan = permissions.get_plan_for(request.user, pk)
    view = page_selectors.plan_page(plan, request.user)
    context = {
        "plan": plan,
        "view": view,
        "timeline_svg": plan_charts.timeline_svg(view),
        "may_edit": permissions.can_on_plan(request.user, PlanAction.EDIT, plan),
        "may_adopt": permissions.can_on_plan(request.user, PlanAction.ADOPT, plan),
        "full_view": permissions.can_on_plan(request.user, PlanAction.VIEW, plan),
        "proposals": plan.proposals.order_by("-created_at"),
    }
    return render(request, "planning/plan.html", context)


@login_required
@require_POST
def bulk(request, pk):
    """Accept, merge or drop the ticked actions of the plan page."""
    plan = permissions.get_plan_for(request.user, pk, PlanAction.EDIT)
    chosen = list(
        plan.actions.filter(pk__in=_ids(request.POST.getlist("action"))).order_by("number")
    )
    operation = request.POST.get("operation")
    if not chosen:
        messages.error(request, _("Tick the actions first."))
        return redirect("plan", plan.pk)
    try:
        if operation == "accept":
            services.accept_actions(request.user, chosen)
            messages.success(request, _("%(n)s action(s) accepted.") % {"n": len(chosen)})
        elif operation == "merge":
            target = services.merge_actions(request.user, chosen[0], chosen[1:])
            messages.success(request, _("Merged into %(ref)s.") % {"ref": target.reference})
        elif operation == "drop":
            reason = request.POST.get("reason", "").strip()
            for action in chosen:
                services.drop_action(request.user, action, reason)
            messages.success(request, _("%(n)s action(s) dropped.") % {"n": len(chosen)})
        else:
            messages.error(request, _("Unknown operation."))
    except ValidationError as error:
        _refusal(request, error)
    return redirect("plan", plan.pk)


@login_required
@require_POST
def action_add(request, pk):
    plan = permissions.get_plan_for(request.user, pk, PlanAction.EDIT)
    form = plan_forms.NewActionForm(request.POST)
    if form.is_valid():
        action = services.add_action(request.user, plan, form.cleaned_data["title"])
        messages.success(request, _("Action %(ref)s added.") % {"ref": action.reference})
        return redirect("action_edit", action.pk)
    messages.error(request, _("Give the action a title."))
    return redirect("plan", plan.pk)


@login_required
def action_edit(request, pk):
    """One action: its fields, gaps and standards, milestones, notes and a split."""
    action = permissions.get_plan_action_for(request.user, pk)
    plan = action.plan
    may_edit = permissions.can_on_plan(request.user, PlanAction.EDIT, plan)
    form = plan_forms.ActionForm(instance=action, framework=plan.framework)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("You may not edit this action.")
        form = plan_forms.ActionForm(request.POST, instance=action, framework=plan.framework)
        if form.is_valid():
            try:
                services.update_action(request.user, action, form.changes())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Action %(ref)s saved.") % {"ref": action.reference})
                return redirect("action_edit", action.pk)
    return _render_action(request, action, form, may_edit)


def _render_action(request, action, form, may_edit, status=200, **forms):
    action = plan_selectors.action_detail(action.pk)
    reviewer = not may_edit and permissions.can_on_plan(
        request.user, PlanAction.COMMENT, action.plan
    )
    context = {
        "action": action,
        "plan": action.plan,
        "form": form,
        "may_edit": may_edit,
        "may_comment": may_edit or reviewer,
        "milestone_form": forms.get("milestone_form") or plan_forms.MilestoneForm(),
        "note_form": forms.get("note_form") or plan_forms.NoteForm(reviewer=not may_edit),
        "split_form": forms.get("split_form") or plan_forms.SplitForm(action=action),
    }
    return render(request, "planning/action_edit.html", context, status=status)


@login_required
@require_POST
def action_split(request, pk):
    action = permissions.get_plan_action_for(request.user, pk, PlanAction.EDIT)
    form = plan_forms.SplitForm(request.POST, action=action)
    if form.is_valid():
        try:
            new = services.split_action(
                request.user, action, form.cleaned_data["questions"], form.cleaned_data["title"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Split: %(ref)s created.") % {"ref": new.reference})
            return redirect("action_edit", new.pk)
    blank = plan_forms.ActionForm(instance=action, framework=action.plan.framework)
    return _render_action(request, action, blank, True, status=400, split_form=form)


@login_required
@require_POST
def milestone_add(request, pk):
    action = permissions.get_plan_action_for(request.user, pk, PlanAction.EDIT)
    form = plan_forms.MilestoneForm(request.POST)
    if form.is_valid():
        services.add_milestone(request.user, action, **form.cleaned_data)
        messages.success(request, _("Milestone added."))
        return redirect("action_edit", action.pk)
    blank = plan_forms.ActionForm(instance=action, framework=action.plan.framework)
    return _render_action(request, action, blank, True, status=400, milestone_form=form)


@login_required
@require_POST
def milestone_done(request, milestone_id):
    milestone = get_object_or_404(Milestone.objects.select_related("action"), pk=milestone_id)
    action = permissions.get_plan_action_for(request.user, milestone.action_id, PlanAction.EDIT)
    services.set_milestone_done(request.user, milestone, request.POST.get("done") == "1")
    messages.success(request, _("Milestone updated."))
    return redirect("action_edit", action.pk)


@login_required
@require_POST
def action_note(request, pk):
    """A progress note from the administration, or a comment from a reviewer."""
    action = permissions.get_plan_action_for(request.user, pk, PlanAction.COMMENT)
    may_edit = permissions.can_on_plan(request.user, PlanAction.EDIT, action.plan)
    form = plan_forms.NoteForm(request.POST, reviewer=not may_edit)
    if form.is_valid():
        try:
            services.add_progress_note(
                request.user,
                action,
                form.cleaned_data["text"],
                kind=form.kind,
                written_on=form.cleaned_data["written_on"],
                status=form.cleaned_data.get("status", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Note added."))
            return redirect("action_edit", action.pk)
    blank = plan_forms.ActionForm(instance=action, framework=action.plan.framework)
    return _render_action(request, action, blank, may_edit, status=400, note_form=form)


@login_required
def adopt(request, pk):
    """The coordinator adopts the plan as its next version (what changes is shown first)."""
    plan = permissions.get_plan_for(request.user, pk, PlanAction.ADOPT)
    form = plan_forms.AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.adopt_plan(request.user, plan, form.cleaned_data["note"])
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Version %(n)s adopted.") % {"n": version.number})
            return redirect("plan", plan.pk)
    latest = plan.versions.order_by("-number").first()
    context = {
        "plan": plan,
        "form": form,
        "latest": latest,
        "comparison": plan_selectors.comparison_against_current(plan, latest) if latest else None,
        "waiting": plan.actions.filter(accepted=False).exclude(status="dropped").count(),
    }
    return render(request, "planning/adopt.html", context)


@login_required
def compare(request, pk):
    """What changed between two adopted versions: added, dropped, re-dated, re-costed."""
    plan = permissions.get_plan_for(request.user, pk)
    if not permissions.can_on_plan(request.user, PlanAction.VIEW, plan):
        raise Http404("No such plan.")
    versions = list(plan.versions.order_by("-number"))
    numbers = [v.number for v in versions]
    try:
        new = int(request.GET.get("new", numbers[0] if numbers else 0))
        old = int(request.GET.get("old", numbers[1] if len(numbers) > 1 else new))
    except ValueError:
        new = old = 0
    old_version, new_version = plan_selectors.versions_pair(plan, old, new)
    comparison = None
    if old_version and new_version:
        comparison = planning.compare(old_version.snapshot, new_version.snapshot)
    context = {
        "plan": plan,
        "versions": versions,
        "old": old_version,
        "new": new_version,
        "comparison": comparison,
    }
    return render(request, "planning/compare.html", context)
