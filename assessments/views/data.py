"""Data in and out of an assessment: spreadsheet and JSON exports, the JSON import, and the
offline workbook (download, fill without a connection, upload back)."""

import json
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import exports, permissions, selectors, services, workbook
from ..models import Administration, Answer
from ..permissions import Action
from ..selectors import data as data_selectors
from ..services import transfer

PENDING_KEY = "workbook-pending-%s"
MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a 150-question assessment with its history is ~200 KB


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))


def filename(assessment, kind, extension):
    return (
        f"SAFE-{kind}-{assessment.administration.country_alpha3}-{assessment.pk}-"
        f"{timezone.localdate():%Y-%m-%d}.{extension}"
    )


@login_required
def data_page(request, pk):
    """Every way out (and back in) for one assessment, on one page."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EXPORT)
    return render(request, "data/assessment_data.html", _page_context(request, assessment))


def _page_context(request, assessment, **extra):
    return {
        "assessment": assessment,
        "may_upload": permissions.can(request.user, Action.EDIT, assessment),
        "may_import": permissions.may_import_into(request.user, assessment.administration),
        "form": UploadForm(),
        **extra,
    }


@login_required
def export_xlsx(request, pk):
    """Answers and scores as two sheets of one workbook."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EXPORT)
    sheets = [
        (_("Answers"), selectors.answer_rows(assessment)),
        (_("Scores"), data_selectors.score_rows(assessment)),
    ]
    return exports.xlsx_download(sheets, filename(assessment, "assessment", "xlsx"))


@login_required
def scores_csv(request, pk):
    assessment = permissions.get_assessment_for(request.user, pk, Action.EXPORT)
    return exports.csv_download(
        data_selectors.score_rows(assessment), filename(assessment, "scores", "csv")
    )


@login_required
def export_json(request, pk):
    """The complete assessment, for another installation of the toolkit."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EXPORT)
    content = json.dumps(transfer.export_assessment(assessment), ensure_ascii=False, indent=1)
    return exports.download(
        content.encode("utf-8"),
        filename(assessment, "assessment", "json"),
        "application/json; charset=utf-8",
    )


@login_required
def import_json(request, administration_id):
    """Restore an exported assessment into this administration (coordinators, reviewers)."""
    administration = get_object_or_404(Administration, pk=administration_id)
    if not permissions.may_import_into(request.user, administration):
        if administration.pk in permissions.administration_ids(request.user):
            raise PermissionDenied("Only coordinators and reviewers import assessments.")
        raise Http404("No such administration.")
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_IMPORT_BYTES:
                raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
            document = json.load(upload)
            assessment = transfer.import_assessment(request.user, document, administration)
        except (json.JSONDecodeError, UnicodeDecodeError):
            errors = [_("This file is not a JSON document.")]
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Assessment imported."))
            return redirect("assessment_detail", assessment.pk)
    status = 400 if errors else 200
    context = {"administration": administration, "form": form, "errors": errors}
    return render(request, "data/import.html", context, status=status)


@login_required
def workbook_download(request, pk):
    assessment = permissions.get_assessment_for(request.user, pk, Action.EXPORT)
    questions, answers = data_selectors.workbook_inputs(assessment)
    content = workbook.build_workbook(assessment, questions, answers)
    return exports.download(content, filename(assessment, "workbook", "xlsx"), exports.XLSX_TYPE)


@login_required
@require_POST
def workbook_upload(request, pk):
    """Check the whole file; save it only if every cell is valid and nothing clashes."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EDIT)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_result(request, assessment, errors=[], form=form, status=400)
    questions = {q.code: q for q in selectors.questions_of(assessment)}
    reading = workbook.read_workbook(form.cleaned_data["file"], assessment, questions)
    if reading.errors:
        return _upload_result(request, assessment, errors=reading.errors, status=400)
    changes = {questions[code]: change for code, change in reading.changes.items()}
    return _save(request, assessment, changes)


def _save(request, assessment, changes):
    try:
        result = services.save_answers(request.user, assessment, changes)
    except services.ConflictError as error:
        request.session[PENDING_KEY % assessment.pk] = {
            q.code: [_stored(values), version] for q, (values, version) in changes.items()
        }
        conflicts = [_conflict_row(c) for c in error.conflicts]
        return _upload_result(request, assessment, conflicts=conflicts, status=409)
    request.session.pop(PENDING_KEY % assessment.pk, None)
    return _upload_result(request, assessment, saved=len(result.saved))


@login_required
@require_POST
def workbook_resolve(request, pk):
    """The person chose, for each conflict, the application's answer or the workbook's."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EDIT)
    pending = request.session.get(PENDING_KEY % assessment.pk)
    if not pending:
        messages.info(request, _("Nothing is waiting: upload the workbook again."))
        return redirect("assessment_data", assessment.pk)
    questions = {q.code: q for q in selectors.questions_of(assessment)}
    current = dict(
        Answer.objects.filter(assessment=assessment).values_list("question_id", "version")
    )
    changes = {}
    for code, (values, version) in pending.items():
        question = questions.get(code)
        if question is None:
            continue
        choice = request.POST.get(f"choice-{code}")
        if choice == "theirs":
            continue
        if choice == "mine":
            version = current.get(question.pk, 0)
        changes[question] = (_loaded(values), version)
    return _save(request, assessment, changes)


def _stored(values):
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}


def _loaded(values):
    return {k: (Decimal(v) if k == "number" and v is not None else v) for k, v in values.items()}


def _conflict_row(conflict):
    """Both sides of a clash, as snapshots the template reads with `answer_summary`."""
    return {
        "question": conflict.question,
        "yours": conflict.yours,
        "theirs": conflict.theirs,
        "by": conflict.changed_by,
    }


def _upload_result(request, assessment, status=200, form=None, **result):
    """The outcome of an upload: a fragment for htmx (the page keeps its progress bar),
    the whole data page otherwise."""
    context = _page_context(request, assessment, result=result)
    if form is not None:
        context["form"] = form
    if request.htmx:
        # htmx swaps only 2xx answers; the fragment carries the refusal itself.
        return render(request, "data/_upload_result.html", context)
    return render(request, "data/assessment_data.html", context, status=status)
