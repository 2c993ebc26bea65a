"""Donor matchmaking pages: offers (donors), needs (administrations), interest and its answer,
engagements, the reviewers' board, and the needs table (XLSX and PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from .. import exports, permissions, selectors
from ..donor_forms import DecisionForm, EngagementForm, InterestForm, NeedForm, OfferForm
from ..models import (
    Action,
    Administration,
    DonorOrganisation,
    Interest,
    Need,
    Region,
    SupportEngagement,
    SupportKind,
)
from ..reports import needs_pdf, needs_table
from ..selectors import donors as matchmaking
from ..services import donors as services

NEEDS_PER_PAGE = 50


def _donor_id(user):
    donors = permissions.donor_organisation_ids(user)
    if not donors:
        raise Http404("Not a donor.")
    return min(donors)


def _filters(request):
    return {
        "region": request.GET.get("region") or None,
        "standard": request.GET.get("standard") or None,
        "kind": request.GET.get("kind") or None,
        "status": request.GET.get("status") or None,
    }


def _filter_context(request):
    framework = selectors.default_framework()
    return {
        "filters": _filters(request),
        "regions": Region.objects.all(),
        "standards": framework.standards.order_by("order") if framework else [],
        "kinds": SupportKind.choices,
    }


@login_required
def offer_list(request):
    """A donor's offers (a reviewer sees every donor's)."""
    if not (
        permissions.donor_organisation_ids(request.user) or permissions.may_broker(request.user)
    ):
        raise Http404("No offers here.")
    offers = permissions.visible_offers(request.user, matchmaking.offers_queryset())
    engagements = matchmaking.engagements_by_donor(permissions.donor_organisation_ids(request.user))
    return render(
        request,
        "donors/offer_list.html",
        {
            "offers": offers,
            "engagements": engagements,
            "is_donor": bool(permissions.donor_organisation_ids(request.user)),
        },
    )


def _offer_form_page(request, offer=None):
    donor_id = None if offer else _donor_id(request.user)
    framework = matchmaking.framework_of(offer)
    form = OfferForm(request.POST or None, instance=offer, framework=framework)
    if request.method == "POST" and form.is_valid():
        donor = DonorOrganisation.objects.get(pk=donor_id) if donor_id else None
        offer = services.save_offer(request.user, form, donor=donor)
        messages.success(request, _("Offer saved."))
        return redirect("offer_detail", offer.pk)
    return render(
        request,
        "donors/offer_form.html",
        {"form": form, "offer": offer},
        status=400 if form.errors else 200,
    )


@login_required
def offer_create(request):
    return _offer_form_page(request)


@login_required
def offer_edit(request, pk):
    offer = permissions.get_offer_for(request.user, pk)
    if not permissions.may_edit_offer(request.user, offer):
        raise Http404("No such offer.")
    return _offer_form_page(request, offer)


@login_required
def offer_detail(request, pk):
    """An offer and the needs shared with its donor that fit it, best first, with reasons."""
    offer = permissions.get_offer_for(request.user, pk, matchmaking.offers_queryset())
    needs = matchmaking.needs_queryset().filter(pk__in=matchmaking.shared_with(offer.donor_id))
    context = {
        "offer": offer,
        "matches": matchmaking.needs_for_offer(offer, needs),
        "may_edit": permissions.may_edit_offer(request.user, offer),
    }
    return render(request, "donors/offer_detail.html", context)


@login_required
def need_list(request):
    """The needs this person may read, each with the number of open offers that fit it;
    a page at a time, so the page costs the same for 20 needs as for 500."""
    visible = permissions.visible_needs(request.user, matchmaking.needs_queryset())
    page = Paginator(visible, NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    needs = list(page.object_list)
    donors = permissions.donor_organisation_ids(request.user)
    offers = matchmaking.offers_queryset().filter(is_open=True)
    if donors and not permissions.may_broker(request.user):
        offers = offers.filter(donor_id__in=donors)
    counts = matchmaking.match_counts(needs, offers)
    administrations = [
        a
        for a in Administration.objects.filter(pk__in=permissions.administration_ids(request.user))
        if permissions.may_manage_needs(request.user, a.pk)
    ]
    donors_of = matchmaking.donors_by_need(needs)
    rows = [
        (need, counts[need.pk], matchmaking.engagement_state(donors_of[need.pk])) for need in needs
    ]
    managed = [a.pk for a in administrations]
    context = {
        "rows": rows,
        "page": page,
        "administrations": administrations,
        "is_donor": bool(donors),
        "is_broker": permissions.may_broker(request.user),
        "actions": matchmaking.actions_needing_support(managed) if managed else [],
    }
    return render(request, "donors/need_list.html", context)


@login_required
def need_from_action(request, action_id):
    """Write a plan action up as a (private) need, then let the coordinator choose whom to
    share it with."""
    action = get_object_or_404(Action.objects.select_related("plan"), pk=action_id)
    if request.method != "POST" or not permissions.may_manage_needs(
        request.user, action.plan.administration_id
    ):
        raise Http404("No such action.")
    need = services.need_from_action(request.user, action)
    messages.success(request, _("Need written from the action. Check it, then share it."))
    return redirect("need_edit", need.pk)


def _need_form_page(request, administration, need=None):
    framework = matchmaking.framework_of(need)
    form = NeedForm(request.POST or None, instance=need, framework=framework)
    if request.method == "POST" and form.is_valid():
        need = services.save_need(request.user, form, administration=administration)
        messages.success(request, _("Need saved."))
        return redirect("need_detail", need.pk)
    return render(
        request,
        "donors/need_form.html",
        {"form": form, "need": need, "administration": administration},
        status=400 if form.errors else 200,
    )


@login_required
def need_create(request, administration_id):
    administration = get_object_or_404(Administration, pk=administration_id)
    if not permissions.may_manage_needs(request.user, administration.pk):
        raise Http404("No such administration.")
    return _need_form_page(request, administration)


@login_required
def need_edit(request, pk):
    need = permissions.get_need_for(request.user, pk)
    if not permissions.may_manage_needs(request.user, need.administration_id):
        raise Http404("No such need.")
    return _need_form_page(request, need.administration, need)


@login_required
def need_detail(request, pk):
    """What a donor needs to decide: gaps and scores, the action, cost, timeline, class, region;
    the offers that fit; interest and engagements (a donor sees its own interest only)."""
    need = permissions.get_need_for(request.user, pk, matchmaking.needs_queryset())
    donors = permissions.donor_organisation_ids(request.user)
    broker = permissions.may_broker(request.user)
    manager = permissions.may_manage_needs(request.user, need.administration_id)
    offers = matchmaking.offers_queryset().filter(is_open=True)
    if donors and not (broker or manager):
        offers = offers.filter(donor_id__in=donors)
    interests = matchmaking.interests_of(need)
    if not (broker or manager):
        interests = [i for i in interests if i.donor_id in donors]
    matches = matchmaking.offers_for_need(need, offers)
    supporters = matchmaking.donors_by_need([need])[need.pk]
    context = {
        "need": need,
        "gaps": matchmaking.gap_rows(need),
        "matches": matches,
        "interests": interests,
        "engagements": [
            (e, permissions.may_update_engagement(request.user, e, need))
            for e in need.engagement_list
        ],
        "readable_offers": {o.pk for o, _m in matches if broker or o.donor_id in donors},
        "active_donors": supporters,
        "double": len(supporters) > 1,
        "may_manage": manager,
        "may_show_interest": permissions.may_express_interest(request.user, need),
        "interest_form": InterestForm(offers=offers.filter(donor_id__in=donors)),
        "decision_form": DecisionForm(),
    }
    return render(request, "donors/need_detail.html", context)


@login_required
def express_interest(request, pk):
    """A donor's message to the administration about a need shared with it."""
    need = permissions.get_need_for(request.user, pk)
    if request.method != "POST" or not permissions.may_express_interest(request.user, need):
        raise Http404("No such need.")
    donor_id = _donor_id(request.user)
    offers = permissions.visible_offers(request.user).filter(donor_id=donor_id)
    form = InterestForm(request.POST, offers=offers)
    if not form.is_valid():
        messages.error(request, _("Write a message to the administration."))
        return redirect("need_detail", need.pk)
    try:
        services.express_interest(
            request.user,
            need,
            DonorOrganisation.objects.get(pk=donor_id),
            form.cleaned_data["message"],
            offer=form.cleaned_data["offer"],
            request=request,
        )
    except ValidationError:
        messages.error(request, _("You already expressed interest; wait for the answer."))
        return redirect("need_detail", need.pk)
    messages.success(request, _("Interest sent. The administration's coordinators were told."))
    return redirect("need_detail", need.pk)


@login_required
def decide_interest(request, pk):
    """The coordinator accepts (a proposed engagement follows) or declines a donor's interest."""
    interest = get_object_or_404(Interest.objects.select_related("need", "donor"), pk=pk)
    need = permissions.get_need_for(request.user, interest.need_id)
    if request.method != "POST" or not permissions.may_manage_needs(
        request.user, need.administration_id
    ):
        raise Http404("No such interest.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline."))
        return redirect("need_detail", need.pk)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide_interest(
            request.user, interest, accept, form.cleaned_data["reply"], request=request
        )
    except ValidationError:
        messages.error(request, _("This interest was already answered."))
        return redirect("need_detail", need.pk)
    if accept:
        messages.success(request, _("Interest accepted: a proposed engagement was recorded."))
    else:
        messages.success(request, _("Interest declined. The donor was told."))
    return redirect("need_detail", need.pk)


@login_required
def engagement_edit(request, pk):
    """Amount, period and status of a support engagement (its donor or the coordinator)."""
    engagement = get_object_or_404(SupportEngagement.objects.select_related("donor"), pk=pk)
    need = permissions.get_need_for(request.user, engagement.need_id)
    if not permissions.may_update_engagement(request.user, engagement, need):
        raise Http404("No such engagement.")
    form = EngagementForm(request.POST or None, instance=engagement)
    if request.method == "POST" and form.is_valid():
        services.update_engagement(request.user, form)
        messages.success(request, _("Engagement saved."))
        return redirect("need_detail", need.pk)
    return render(
        request,
        "donors/engagement_form.html",
        {"form": form, "engagement": engagement, "need": need},
        status=400 if form.errors else 200,
    )


@login_required
def board(request):
    """Reviewers broker: every shared need with the offers that fit; unmatched needs first."""
    if not permissions.may_broker(request.user):
        raise Http404("No such page.")
    needs = matchmaking.needs_queryset().exclude(sharing=Need.Sharing.PRIVATE)
    offers = list(matchmaking.offers_queryset().filter(is_open=True))
    data = matchmaking.board(needs, offers, **_filters(request))
    return render(request, "donors/board.html", {**data, **_filter_context(request)})


def _needs_for_table(request):
    """The needs of one administration or one region, as far as this person may read them."""
    needs = permissions.visible_needs(request.user, matchmaking.needs_queryset())
    administration_id = request.GET.get("administration")
    region = request.GET.get("region")
    if administration_id and administration_id.isdigit():
        if not permissions.may_export_needs(request.user, int(administration_id)):
            raise Http404("No such administration.")
        needs = needs.filter(administration_id=int(administration_id))
        scope = get_object_or_404(Administration, pk=int(administration_id)).country_alpha3
    elif region:
        if not permissions.may_export_needs(request.user):
            raise Http404("No such region.")
        needs = needs.filter(administration__region__code=region)
        scope = get_object_or_404(Region, code=region).code.replace("/", "")
    else:
        raise Http404("Choose an administration or a region.")
    if permissions.donor_organisation_ids(request.user) and not permissions.may_broker(
        request.user
    ):
        needs = needs.exclude(sharing=Need.Sharing.PRIVATE)
    return list(needs), scope


def _table_filename(scope, extension):
    return f"SAFE-needs-{scope}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
def needs_xlsx(request):
    """The needs table shaped like a WTO TFA notification, as a spreadsheet."""
    needs, scope = _needs_for_table(request)
    return exports.xlsx_download(
        [(_("Needs"), needs_table.table_rows(needs))], _table_filename(scope, "xlsx")
    )


@login_required
def needs_pdf_download(request):
    """The same table as a PDF, to attach to a letter or a notification."""
    needs, scope = _needs_for_table(request)
    response = HttpResponse(needs_pdf.render_needs(needs, scope), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, _table_filename(scope, "pdf")
    )
    return response
