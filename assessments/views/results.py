"""Results and what leaves the application: the results page, the CSV export, the PDF report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import exports, permissions, selectors, services
from ..permissions import Action
from ..reports import figures
from ..reports.cache import cached_page, cached_report
from ..reports.data import build_report_data
from ..reports.pdf import render_report, report_filename
from ..reports.word import DOCX_TYPE, render_word


@login_required
def results(request, pk):
    """Scores, charts, gaps and strengths: the same data and charts as the PDF report."""
    assessment = permissions.get_assessment_for(request.user, pk)
    page = cached_page(assessment, request.user, lambda: _results_page(assessment, request.user))
    context = {
        "assessment": assessment,
        **page,
        "may_download": permissions.can(request.user, Action.DOWNLOAD, assessment),
        "may_review": permissions.can(request.user, Action.VALIDATE, assessment),
    }
    return render(request, "assessments/results.html", context)


def _results_page(assessment, viewer):
    """The page's data and charts, kept by `cached_page` until what they show changes."""
    data = build_report_data(assessment, viewer=viewer, document=False)
    return {"data": data, **figures.page_figures(data)}


@login_required
def export_csv(request, pk):
    """Every question with its answer, for spreadsheets (the administration and reviewers)."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EXPORT)
    filename = (
        f"SAFE-assessment-{assessment.administration.country_alpha3}-{assessment.pk}-"
        f"{timezone.localdate():%Y-%m-%d}.csv"
    )
    return exports.csv_download(selectors.answer_rows(assessment), filename)


@login_required
def report_pdf(request, pk):
    """The assessment report as a PDF download, scored like the pages."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.DOWNLOAD)
    response = HttpResponse(
        cached_report(assessment, render_report, viewer=request.user),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = content_disposition_header(True, report_filename(assessment))
    return response


@login_required
@require_POST
def reject_not_applicable(request, pk, question_id):
    """A reviewer does not accept an N/A: the question goes back to be answered."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.VALIDATE)
    question = get_object_or_404(selectors.questions_of(assessment), pk=question_id)
    try:
        services.reject_not_applicable(
            request.user, assessment, question, request.POST.get("reason", "")[:2000]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("N/A rejected for %(code)s: return the assessment so that it can be answered.")
            % {"code": question.code},
        )
    return redirect(reverse("results", args=[assessment.pk]) + "#not-applicable")


@login_required
def report_docx(request, pk):
    """The same report as an editable Word document; the same people may download it."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.DOWNLOAD)
    response = HttpResponse(render_word(assessment, request.user), content_type=DOCX_TYPE)
    name = report_filename(assessment, extension="docx")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
