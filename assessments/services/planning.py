"""The implementation plan (Columbus Phase 2): propose it from a validated Phase 1 assessment,
shape its actions (accept, merge, split, drop, add, edit), follow progress, adopt versions.

Every change to a plan goes through here. Changing what a version records (see
`Action.VERSIONED_FIELDS`) on an adopted plan marks it "revision in progress" until the
coordinator adopts the next version; status, milestones and notes never need a new version.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import planning, scoring, selectors
from ..models import (
    Action,
    Assessment,
    Milestone,
    Phase,
    Plan,
    PlanVersion,
    ProgressNote,
    ProjectProposal,
    Question,
    Standard,
)
from ..selectors.planning import plan_snapshot

Status = Action.Status


def propose_plan(user, assessment):
    """A draft plan whose actions close the gaps of a validated Phase 1 assessment.

    One proposed action per standard (see `planning.propose`), each linked to its gaps'
    questions and standards; titles and descriptions are a starting point people rewrite.
    """
    if assessment.status != Assessment.Status.VALIDATED:
        raise ValidationError(_("Only a validated assessment can seed a plan."), "not_validated")
    if assessment.phase.number != Phase.NEEDS_ASSESSMENT:
        raise ValidationError(_("A plan starts from a Phase 1 needs assessment."), "not_phase1")
    if Plan.objects.filter(administration_id=assessment.administration_id).exists():
        raise ValidationError(_("This administration already has a plan."), "plan_exists")
    questions, by_id = selectors.scoring_questions(assessment)
    answers = selectors.scoring_answers([assessment.pk])[assessment.pk]
    results = scoring.score_assessment(questions, answers)
    proposals = planning.propose(results.gaps)
    standards = {s.code: s for s in Standard.objects.filter(framework_id=assessment.framework_id)}
    focus_areas = {q.focus_area.code: q.focus_area for q in by_id.values()}
    with transaction.atomic():
        plan = Plan.objects.create(
            administration_id=assessment.administration_id,
            framework_id=assessment.framework_id,
            baseline=assessment,
            title=_("SAFE implementation plan"),
            created_by=user,
        )
        actions = [
            Action(
                plan=plan,
                number=n,
                order=n,
                focus_area=focus_areas.get(p.focus_area),
                title=_proposed_title(standards.get(p.standard)),
                description=_proposed_description(p, by_id),
                priority=p.priority,
                support_class=p.support_class,
                origin=Action.Origin.GAP,
                currency=plan.currency,
            )
            for n, p in enumerate(proposals, start=1)
        ]
        Action.objects.bulk_create(actions)
        _link(actions, proposals, standards)
    return plan


def _proposed_title(standard):
    if standard is None:
        return _("Close the remaining gaps")
    return _("Meet standard %(code)s: %(title)s") % {
        "code": standard.code,
        "title": standard.tr("title"),
    }


def _proposed_description(proposal, by_id):
    codes = ", ".join(by_id[i].code for i in proposal.question_ids)
    return _("Gaps to close: %(codes)s.") % {"codes": codes}


def _link(actions, proposals, standards):
    """Bulk-write the action↔question and action↔standard links."""
    question_links, standard_links = [], []
    for action, proposal in zip(actions, proposals, strict=True):
        question_links += [
            Action.questions.through(action_id=action.pk, question_id=q)
            for q in proposal.question_ids
        ]
        standard_links += [
            Action.standards.through(action_id=action.pk, standard_id=standards[code].pk)
            for code in proposal.standards
            if code in standards
        ]
    Action.questions.through.objects.bulk_create(question_links)
    Action.standards.through.objects.bulk_create(standard_links)


def accept_actions(user, actions):
    """The administration keeps these proposed actions."""
    ids = [a.pk for a in actions]
    Action.objects.filter(pk__in=ids).update(accepted=True, updated_at=timezone.now())


def add_action(user, plan, title, focus_area=None, questions=(), **fields):
    """An action the administration adds itself (accepted from the start)."""
    if not title.strip():
        raise ValidationError(_("Give the action a title."), "title_required")
    with transaction.atomic():
        action = Action(
            plan=plan,
            number=_next_number(plan),
            title=title.strip(),
            focus_area=focus_area,
            origin=fields.pop("origin", Action.Origin.ADDED),
            accepted=True,
            currency=fields.pop("currency", plan.currency),
            **fields,
        )
        action.order = action.number
        _check(action)
        action.save()
        if questions:
            _attach(action, questions)
        _mark_revised(plan)
    return action


def _next_number(plan):
    return (Action.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1


def _attach(action, questions):
    """Link questions and every standard they serve."""
    questions = list(questions)
    action.questions.add(*questions)
    action.standards.add(*Standard.objects.filter(questions__in=questions).distinct())


def merge_actions(user, target, others, reason=""):
    """Fold `others` into `target`: it takes their gaps and standards; they are dropped."""
    others = [a for a in others if a.pk != target.pk]
    if not others:
        raise ValidationError(_("Choose at least two actions to merge."), "nothing_to_merge")
    if any(a.plan_id != target.plan_id for a in others):
        raise ValidationError(_("Actions of another plan cannot be merged."), "other_plan")
    with transaction.atomic():
        target.questions.add(*Question.objects.filter(plan_actions__in=others))
        target.standards.add(*Standard.objects.filter(plan_actions__in=others))
        target.priority = max([target.priority] + [a.priority for a in others])
        target.support_class = planning.strictest_class(
            [target.support_class] + [a.support_class for a in others]
        )
        target.accepted = True
        target.save()
        note = reason or _("Merged into %(ref)s.") % {"ref": target.reference}
        Action.objects.filter(pk__in=[a.pk for a in others]).update(
            status=Status.DROPPED, status_reason=note, merged_into=target
        )
        _mark_revised(target.plan)
    return target


def split_action(user, action, question_ids, title):
    """Move some of the action's gaps to a new action with its own title."""
    moving = list(action.questions.filter(pk__in=question_ids))
    if not moving:
        raise ValidationError(_("Choose the gaps the new action takes."), "nothing_to_split")
    if len(moving) == action.questions.count():
        raise ValidationError(_("Leave at least one gap with the action."), "split_all")
    with transaction.atomic():
        new = add_action(
            user,
            action.plan,
            title,
            focus_area=action.focus_area,
            questions=moving,
            origin=Action.Origin.SPLIT,
            priority=action.priority,
            support_class=action.support_class,
        )
        action.questions.remove(*moving)
        kept = Standard.objects.filter(questions__plan_actions=action).distinct()
        action.standards.set(kept)
    return new


def drop_action(user, action, reason):
    """Drop an action; the reason stays with it and in later versions' comparison."""
    update_action(user, action, {"status": Status.DROPPED, "status_reason": reason})


def update_action(user, action, values):
    """Change an action's fields; refuses what would make it inconsistent, changes nothing then.

    A status change writes a progress note so the history of the action reads as a log.
    """
    before_status = action.status
    versioned_before = {name: getattr(action, name) for name in Action.VERSIONED_FIELDS}
    for name, value in values.items():
        setattr(action, name, value)
    _check(action)
    with transaction.atomic():
        if action.status not in Action.REASON_REQUIRED:
            action.status_reason = ""
        action.accepted = True
        action.save()
        if action.status != before_status:
            ProgressNote.objects.create(
                action=action,
                author=user,
                status=action.status,
                text=action.status_reason
                or _("Status changed to %(status)s.") % {"status": action.get_status_display()},
            )
        if versioned_before != {name: getattr(action, name) for name in Action.VERSIONED_FIELDS}:
            _mark_revised(action.plan)
    return action


def _check(action):
    """Stable-coded refusals for an inconsistent action."""
    if not (action.title or "").strip():
        raise ValidationError(_("Give the action a title."), "title_required")
    if action.start_date and action.due_date and action.due_date < action.start_date:
        raise ValidationError(_("The due date is before the start date."), "due_before_start")
    if action.status in Action.REASON_REQUIRED and not (action.status_reason or "").strip():
        raise ValidationError(_("Say why the action is blocked or dropped."), "reason_required")
    if action.estimated_cost is not None:
        try:
            cost = Decimal(action.estimated_cost)
        except (InvalidOperation, TypeError) as error:
            raise ValidationError(_("The cost is not a number."), "bad_cost") from error
        if cost < 0:
            raise ValidationError(_("A cost cannot be negative."), "negative_cost")
    if action.currency and (len(action.currency) != 3 or not action.currency.isalpha()):
        raise ValidationError(_("Use a three-letter currency code (USD, EUR, XOF)."), "currency")
    action.currency = (action.currency or "").upper()


def _mark_revised(plan):
    if plan.status == Plan.Status.ADOPTED:
        plan.status = Plan.Status.REVISING
        plan.save(update_fields=["status", "updated_at"])


def add_milestone(user, action, name, due_date):
    if not name.strip():
        raise ValidationError(_("Name the milestone."), "name_required")
    if due_date is None:
        raise ValidationError(_("Give the milestone a date."), "date_required")
    return Milestone.objects.create(action=action, name=name.strip(), due_date=due_date)


def set_milestone_done(user, milestone, done, on=None):
    milestone.done = done
    milestone.done_on = (on or timezone.localdate()) if done else None
    milestone.save(update_fields=["done", "done_on"])
    return milestone


def add_progress_note(
    user, action, text, kind=ProgressNote.Kind.PROGRESS, written_on=None, status=""
):
    """A dated note; with `status`, the action moves to that status at the same time."""
    if not text.strip():
        raise ValidationError(_("Write the note first."), "text_required")
    with transaction.atomic():
        if status and status != action.status:
            if status in Action.REASON_REQUIRED:
                action.status_reason = text.strip()
            action.status = status
            _check(action)
            action.save(update_fields=["status", "status_reason", "updated_at"])
        return ProgressNote.objects.create(
            action=action,
            kind=kind,
            text=text.strip(),
            author=user,
            status=status or "",
            written_on=written_on or timezone.localdate(),
        )


def adopt_plan(user, plan, note=""):
    """Freeze the plan as its next version; refused while proposals wait for a decision."""
    waiting = plan.actions.filter(accepted=False).exclude(status=Status.DROPPED)
    if waiting.exists():
        raise ValidationError(
            _("Accept or drop every proposed action before adopting the plan."),
            "unreviewed_proposals",
        )
    if plan.status == Plan.Status.ADOPTED:
        raise ValidationError(_("Nothing changed since the last version."), "unchanged")
    with transaction.atomic():
        number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = PlanVersion.objects.create(
            plan=plan, number=number, adopted_by=user, note=note, snapshot=plan_snapshot(plan)
        )
        plan.status = Plan.Status.ADOPTED
        plan.save(update_fields=["status", "updated_at"])
    return version


def create_proposal(user, plan, title, actions, objective="", expected_results="", indicators=""):
    """A project proposal for a group of the plan's actions (the document a donor reads)."""
    actions = list(actions)
    if not title.strip():
        raise ValidationError(_("Give the proposal a title."), "title_required")
    if not actions:
        raise ValidationError(_("Choose the actions the proposal covers."), "no_actions")
    if any(a.plan_id != plan.pk for a in actions):
        raise ValidationError(_("Actions of another plan cannot be included."), "other_plan")
    with transaction.atomic():
        proposal = ProjectProposal.objects.create(
            plan=plan,
            title=title.strip(),
            objective=objective,
            expected_results=expected_results,
            indicators=indicators,
            created_by=user,
        )
        proposal.actions.set(actions)
    return proposal
