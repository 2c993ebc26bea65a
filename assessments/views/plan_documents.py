"""What leaves the application about a plan: the plan report (PDF, Word), its exports (CSV,
XLSX), and project proposals for a group of actions (PDF, Word)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import exports, permissions, plan_forms, services
from ..permissions import PlanAction
from ..reports import plan_docx
from ..reports.plan_data import build_plan_report_data, build_proposal_data, proposal_queryset
from ..reports.plan_pdf import PlanReport, plan_filename
from ..reports.proposal_pdf import ProposalReport, proposal_filename


def _full_plan(request, pk):
    """The plan for documents: its people and reviewers (a donor reads shared actions on the
    plan page, and proposals shared with them through the donor features)."""
    plan = permissions.get_plan_for(request.user, pk)
    if not permissions.can_on_plan(request.user, PlanAction.VIEW, plan):
        raise Http404("No such plan.")
    return plan


@login_required
def report_pdf(request, pk):
    data = build_plan_report_data(_full_plan(request, pk), request.user)
    return exports.download(
        PlanReport(data).render(), plan_filename(data, "pdf"), "application/pdf"
    )


@login_required
def report_docx(request, pk):
    data = build_plan_report_data(_full_plan(request, pk), request.user)
    return exports.download(
        plan_docx.plan_docx(data), plan_filename(data, "docx"), plan_docx.DOCX_TYPE
    )


@login_required
def export_csv(request, pk):
    data = build_plan_report_data(_full_plan(request, pk), request.user)
    return exports.csv_download(plan_docx.export_rows(data), plan_filename(data, "csv"))


@login_required
def export_xlsx(request, pk):
    data = build_plan_report_data(_full_plan(request, pk), request.user)
    sheets = [
        ("Actions", plan_docx.export_rows(data)),
        ("Traceability", plan_docx.traceability_rows(data)),
    ]
    return exports.xlsx_download(sheets, plan_filename(data, "xlsx"))


@login_required
def proposal_new(request, pk):
    """Choose actions that need outside support and write the proposal around them."""
    plan = permissions.get_plan_for(request.user, pk, PlanAction.EDIT)
    actions = list(plan.actions.exclude(status="dropped").order_by("-priority", "number"))
    chosen = request.POST.getlist("action") if request.method == "POST" else []
    form = plan_forms.ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.create_proposal(
                request.user, plan, actions=[a for a in actions if str(a.pk) in chosen],
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _proposal_ready())
            return redirect(f"{_plan_url(plan)}#proposal-{proposal.pk}")
    context = {"plan": plan, "form": form, "actions": actions, "chosen": chosen}
    return render(
        request, "planning/proposal_new.html", context, status=400 if form.errors else 200
    )


def _proposal_ready():
    return _("Project proposal ready: download it as PDF or Word from the plan page.")


def _plan_url(plan):
    return reverse("plan", args=[plan.pk])


def _proposal(request, proposal_id):
    proposal = get_object_or_404(proposal_queryset(), pk=proposal_id)
    _full_plan(request, proposal.plan_id)
    return proposal


@login_required
def proposal_pdf(request, proposal_id):
    data = build_proposal_data(_proposal(request, proposal_id))
    return exports.download(
        ProposalReport(data).render(), proposal_filename(data, "pdf"), "application/pdf"
    )


@login_required
def proposal_docx(request, proposal_id):
    data = build_proposal_data(_proposal(request, proposal_id))
    return exports.download(
        plan_docx.proposal_docx(data), proposal_filename(data, "docx"), plan_docx.DOCX_TYPE
    )
