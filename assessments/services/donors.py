"""Writes for donor matchmaking: offers, needs, interest and its answer, engagements.

People wait on each other here (a donor on the coordinator's answer, the coordinator on a
donor's message), so every step that hands over sends an e-mail, written in English and French
because donors and administrations rarely share a first language.
"""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ..models import Action, Interest, Membership, Need, SupportEngagement

Funding = Action.Funding


def save_offer(actor, form, donor=None):
    """Create or update a donor's offer from a valid form."""
    offer = form.save(commit=False)
    if donor is not None:
        offer.donor = donor
    offer.updated_by = actor
    offer.save()
    form.save_m2m()
    return offer


def save_need(actor, form, administration=None):
    """Create or update a need (and its sharing) from a valid form."""
    need = form.save(commit=False)
    if administration is not None:
        need.administration = administration
    if need.pk is None:
        need.created_by = actor
    need.save()
    form.save_m2m()
    if need.sharing != Need.Sharing.NAMED:
        need.named_donors.clear()
    sync_funding(need)
    return need


def need_from_action(actor, action):
    """A private need written from a plan action: its gaps, standards, cost, dates and class.

    The coordinator then reviews the text and chooses whom to share it with; the need keeps
    its own copy so what donors read is what the administration chose to show.
    """
    need = Need.objects.create(
        administration=action.plan.administration,
        title=action.title,
        description=action.description,
        expected_result=action.expected_result,
        assessment=action.plan.baseline,
        support_class=action.support_class,
        support_kinds=["technical"] if action.support_class == "C" else [],
        estimated_cost=action.estimated_cost,
        currency=action.currency,
        start=action.start_date,
        end=action.due_date,
        created_by=actor,
    )
    need.actions.set([action])
    need.gaps.set(action.questions.all())
    need.standards.set(action.standards.all())
    if action.focus_area_id:
        need.focus_areas.set([action.focus_area_id])
    return need


def sync_funding(need):
    """The funding source of the need's plan actions follows its engagements: secured once a
    donor agreed, requested while the need is shared or a donor is only proposed. An action
    on the administration's own budget stays so until a donor secures it."""
    statuses = set(need.engagements.values_list("status", flat=True))
    if statuses & set(SupportEngagement.SECURED):
        source = Funding.DONOR_SECURED
    elif SupportEngagement.Status.PROPOSED in statuses or need.sharing != Need.Sharing.PRIVATE:
        source = Funding.DONOR_REQUESTED
    else:
        return
    actions = need.actions.exclude(funding_source=source)
    if source == Funding.DONOR_REQUESTED:
        actions = actions.exclude(funding_source__in=[Funding.OWN_BUDGET, Funding.DONOR_SECURED])
    actions.update(funding_source=source, updated_at=timezone.now())


def _bilingual(template, context):
    """The message in English, then in French, from one template."""
    parts = []
    for language in ("en", "fr"):
        with translation.override(language):
            parts.append(render_to_string(template, context).strip())
    return "\n\n— — —\n\n".join(parts)


def _subject(template, context):
    parts = []
    for language in ("en", "fr"):
        with translation.override(language):
            parts.append(render_to_string(template, context).strip())
    return " / ".join(parts)


def _notify(emails, name, context):
    emails = sorted({e for e in emails if e})
    if not emails:
        return
    send_mail(
        _subject(f"donors/email/{name}_subject.txt", context),
        _bilingual(f"donors/email/{name}.txt", context),
        None,
        emails,
    )


def _coordinator_emails(administration_id):
    return Membership.objects.filter(
        administration_id=administration_id, role=Membership.Role.COORDINATOR
    ).values_list("user__email", flat=True)


def _donor_emails(donor_id):
    return Membership.objects.filter(
        donor_organisation_id=donor_id, role=Membership.Role.DONOR
    ).values_list("user__email", flat=True)


def _link(request, name, *args):
    path = reverse(name, args=args)
    return request.build_absolute_uri(path) if request else path


def express_interest(actor, need, donor, message, offer=None, request=None):
    """A donor tells the administration it may support the need; its coordinators hear of it.

    One pending interest per donor and need: a second message while the first waits is refused.
    """
    if need.sharing == Need.Sharing.PRIVATE:
        raise ValidationError("This need is not shared with donors.", code="not_shared")
    if need.interests.filter(donor=donor, status=Interest.Status.PENDING).exists():
        raise ValidationError(
            "Your organisation already expressed interest; wait for the answer.",
            code="interest_pending",
        )
    interest = Interest.objects.create(
        need=need, donor=donor, offer=offer, message=message, created_by=actor
    )
    context = {"need": need, "donor": donor, "interest": interest}
    context["link"] = _link(request, "need_detail", need.pk)
    _notify(_coordinator_emails(need.administration_id), "interest_new", context)
    return interest


@transaction.atomic
def decide_interest(actor, interest, accept, reply="", request=None):
    """The coordinator accepts (a proposed engagement follows) or declines; the donor hears."""
    if interest.status != Interest.Status.PENDING:
        raise ValidationError("This interest was already answered.", code="already_decided")
    interest.status = Interest.Status.ACCEPTED if accept else Interest.Status.DECLINED
    interest.reply = reply
    interest.decided_by = actor
    interest.decided_at = timezone.now()
    interest.save()
    engagement = None
    need = interest.need
    if accept:
        engagement = SupportEngagement.objects.create(
            need=need,
            donor=interest.donor,
            interest=interest,
            currency=need.currency,
            amount=need.estimated_cost,
            period_start=need.start,
            period_end=need.end,
            updated_by=actor,
        )
        sync_funding(need)
    context = {"need": need, "donor": interest.donor, "interest": interest}
    context["link"] = _link(request, "need_detail", need.pk)
    name = "interest_accepted" if accept else "interest_declined"
    _notify(_donor_emails(interest.donor_id), name, context)
    return engagement


def update_engagement(actor, form):
    """Amount, period and status of an engagement, as the donor or coordinator records them."""
    engagement = form.save(commit=False)
    engagement.updated_by = actor
    engagement.save()
    sync_funding(engagement.need)
    return engagement
