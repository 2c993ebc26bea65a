"""The questionnaire: start, overview, sections with autosave, questions, evidence, history."""

from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import editions, permissions, selectors, services
from ..answer_forms import SUPPORT_CHOICES, AnswerForm
from ..forms import EvidenceForm, ReviewForm, StartAssessmentForm
from ..models import (
    Administration,
    Answer,
    AnswerChange,
    Evidence,
    Question,
    ReviewNote,
)
from ..permissions import Action

# After a server error or a lost connection, the section page retries a save by itself after
# this many seconds (doubling up to a minute).
AUTOSAVE_RETRY_SECONDS = 5
HISTORY_PAGE_SIZE = 50


@login_required
def assessment_start(request, administration_id):
    administration = get_object_or_404(Administration, pk=administration_id)
    if not permissions.may_start_assessment(request.user, administration):
        raise Http404("No such administration.")
    form = StartAssessmentForm(request.POST or None, administration=administration)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessment = services.start_assessment(
            request.user,
            administration,
            data["phase_obj"],
            data["title"],
            data["period_start"],
            data["period_end"],
            previous=data["previous"],
        )
        if data["previous"] is not None:
            messages.success(
                request,
                _(
                    "Assessment started from “%(title)s”: %(n)s answer(s) carried over. "
                    "Confirm or change each of them."
                )
                % {
                    "title": data["previous"].title,
                    "n": selectors.carried_over_unconfirmed(assessment),
                },
            )
        else:
            messages.success(request, _("Assessment started."))
        return redirect("assessment_detail", assessment.pk)
    return render(
        request,
        "assessments/assessment_start.html",
        {"form": form, "administration": administration},
    )


@login_required
def assessment_detail(request, pk):
    """The overview: sections with progress, status, last edits and allowed actions."""
    assessment = permissions.get_assessment_for(request.user, pk)
    sections = selectors.completion_by_focus_area(assessment)
    context = {
        "assessment": assessment,
        "sections": sections,
        "completion": selectors.overall_completion(sections),
        "na_reasons_missing": selectors.na_reasons_missing(assessment),
        "carried_over": selectors.carried_over_unconfirmed(assessment),
        "new_questions": editions.new_since_previous(assessment),
        "noted_questions": selectors.questions_with_notes(assessment),
        "recent_changes": AnswerChange.objects.filter(assessment=assessment).select_related(
            "question", "changed_by"
        )[:5],
        "events": assessment.events.select_related("actor")[:10],
        "may": {
            action.value: permissions.can(request.user, action, assessment) for action in Action
        },
        "review_form": ReviewForm(),
    }
    return render(request, "assessments/assessment_detail.html", context)


def _section_objects(request, pk, code, action):
    assessment = permissions.get_assessment_for(request.user, pk, action)
    # The framework's focus areas, once for the page (tabs, previous and next section).
    prefetch_related_objects([assessment.framework], "focus_areas")
    focus_area = next(
        (fa for fa in assessment.framework.focus_areas.all() if fa.code == code), None
    )
    if focus_area is None:
        raise Http404("No such section.")
    questions = selectors.section_questions(assessment, focus_area)
    return assessment, focus_area, questions, selectors.section_answers(assessment, questions)


def _notes_by_question(assessment, questions):
    """Reviewer notes of these questions, {question id: [note]}, in one query."""
    notes = {}
    for note in ReviewNote.objects.filter(
        assessment=assessment, question__in=questions
    ).select_related("author"):
        notes.setdefault(note.question_id, []).append(note)
    return notes


class ReadOnlyAnswer(NamedTuple):
    """A question and its answer for whoever reads without editing: no form to build (the
    section page of a submitted assessment shows ~40 of them)."""

    question: Question
    answer: Answer | None


def _section_context(request, assessment, focus_area, forms, conflicts=None, editable=None):
    focus_areas = list(assessment.framework.focus_areas.all())
    if editable is None:
        editable = permissions.can(request.user, Action.EDIT, assessment)
    index = [fa.pk for fa in focus_areas].index(focus_area.pk)
    return {
        "assessment": assessment,
        "focus_area": focus_area,
        "focus_areas": focus_areas,
        "previous_section": focus_areas[index - 1] if index > 0 else None,
        "next_section": focus_areas[index + 1] if index + 1 < len(focus_areas) else None,
        "forms": forms,
        "carried_over": sum(1 for f in forms if f.answer and f.answer.carried_over_from_id),
        "notes": _notes_by_question(assessment, [f.question for f in forms]),
        "progress": selectors.answered_by_focus_area(assessment),
        "may_note": permissions.can(request.user, Action.NOTE, assessment),
        "conflicts": conflicts or {},
        # Reading is not editing: whoever may not edit reads the answers as text.
        "editable": editable,
        "retry_seconds": AUTOSAVE_RETRY_SECONDS,
        # Translated once for the page, not once per question.
        "support_choices": [(v, str(label)) for v, label in SUPPORT_CHOICES],
        "support_labels": {v: str(label) for v, label in SUPPORT_CHOICES},
    }


@login_required
def section(request, pk, code):
    """A focus area's questions; POST saves the whole section at once ("Save draft")."""
    action = Action.EDIT if request.method == "POST" else Action.READ_ANSWERS
    assessment, focus_area, questions, answers = _section_objects(request, pk, code, action)
    if request.method != "POST":
        editable = permissions.can(request.user, Action.EDIT, assessment)
        kind = AnswerForm if editable else ReadOnlyAnswer
        forms = [kind(question=q, answer=answers.get(q.pk)) for q in questions]
        context = _section_context(request, assessment, focus_area, forms, editable=editable)
        return render(request, "assessments/section.html", context)
    forms = [AnswerForm(request.POST, question=q, answer=answers.get(q.pk)) for q in questions]
    if not all(form.is_valid() for form in forms):
        messages.error(request, _("Some answers need attention; nothing was saved. See below."))
        context = _section_context(request, assessment, focus_area, forms)
        return render(request, "assessments/section.html", context, status=400)
    changes = {form.question: (form.answer_values(), form.loaded_version()) for form in forms}
    changes = services.resolve(changes, _resolutions(request.POST, questions))
    try:
        result = services.save_answers(request.user, assessment, changes)
    except services.ConflictError as error:
        return _conflict_screen(request, assessment, focus_area, questions, answers, error)
    _report_saved(request, result, forms)
    target = request.POST.get("go")
    if target in {fa.code for fa in assessment.framework.focus_areas.all()}:
        return redirect("section", assessment.pk, target)
    return redirect("section", assessment.pk, focus_area.code)


def _resolutions(data, questions):
    """The conflict screen's choices: per question, or one button for all of them (only the
    questions the screen showed a choice for)."""
    for_all = data.get("resolve_all")
    choices = {}
    for question in questions:
        shown = data.get(f"resolve-{question.pk}")
        choice = for_all or shown
        if shown and choice in (services.MINE, services.THEIRS):
            choices[question.pk] = choice
    return choices


def _conflict_screen(request, assessment, focus_area, questions, answers, error):
    """Everything the person typed, with one choice per conflicting answer.

    The versions on the page move on to the ones just read, so the next save (whatever is
    chosen) goes through in one step unless someone changes the same answer yet again.
    """
    data = request.POST.copy()
    for conflict in error.conflicts:
        data[f"q{conflict.question.pk}-version"] = conflict.their_version
    forms = [AnswerForm(data, question=q, answer=answers.get(q.pk)) for q in questions]
    for form in forms:
        form.is_valid()
    conflicts = {c.question.pk: c for c in error.conflicts}
    messages.error(
        request,
        _(
            "Nothing was saved yet: someone else changed %(n)s answer(s) since you opened the "
            "page. Choose below which answer to keep, then save once."
        )
        % {"n": len(conflicts)},
    )
    context = _section_context(request, assessment, focus_area, forms, conflicts)
    return render(request, "assessments/section.html", context, status=409)


def _report_saved(request, result, forms):
    if result.saved:
        messages.success(request, _("Saved %(n)s answer(s).") % {"n": len(result.saved)})
    else:
        messages.success(request, _("Your answers are saved; nothing new since the last save."))
    drafts = sum(form.na_reason_missing() for form in forms)
    if drafts:
        messages.warning(
            request,
            _(
                "%(n)s answer(s) marked N/A still need a reason: they count as not "
                "answered until you say why."
            )
            % {"n": drafts},
        )


@login_required
@require_POST
def confirm_section(request, pk, code):
    """Confirm the section's carried-over answers as they stand (one question, or all)."""
    assessment, focus_area, questions, _answers = _section_objects(request, pk, code, Action.EDIT)
    only = request.POST.get("question")
    if only:
        questions = [q for q in questions if str(q.pk) == only]
    n = services.confirm_carried_over(request.user, assessment, questions)
    if request.htmx:
        return render(request, "assessments/_confirmed.html", {"question_id": only, "n": n})
    messages.success(request, _("%(n)s carried-over answer(s) confirmed.") % {"n": n})
    url = reverse("section", args=[assessment.pk, focus_area.code])
    return redirect(f"{url}#q-{only}" if only and n else url)


@login_required
@require_POST
def add_note(request, pk, question_id):
    """A reviewer attaches a note to one question of the assessment under review."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.NOTE)
    question = get_object_or_404(selectors.questions_of(assessment), pk=question_id)
    try:
        services.add_review_note(request.user, assessment, question, request.POST.get("text"))
    except ValidationError:
        messages.error(request, _("The note is empty: nothing was added."))
    else:
        messages.success(request, _("Note added to %(code)s.") % {"code": question.code})
    url = reverse("section", args=[assessment.pk, question.focus_area.code])
    return redirect(f"{url}#q-{question.pk}")


@login_required
@require_POST
def autosave(request, pk, question_id):
    """Save one answer from the section page (htmx); answers with a small status fragment."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.EDIT)
    question = get_object_or_404(selectors.questions_of(assessment), pk=question_id)
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    form = AnswerForm(request.POST, question=question, answer=answer)
    context = {"assessment": assessment, "question": question, "form": form}
    if not form.is_valid():
        return render(request, "assessments/_save_status.html", context, status=400)
    force = request.POST.get("force") == str(question.pk)
    changes = {question: (form.answer_values(), None if force else form.loaded_version())}
    try:
        result = services.save_answers(request.user, assessment, changes)
    except services.ConflictError as error:
        context["conflict"] = error.conflicts[0]
        return render(request, "assessments/_save_status.html", context, status=409)
    saved = result.saved[0] if result.saved else answer
    context |= {"saved": saved, "version": saved.version if saved else 0}
    return render(request, "assessments/_save_status.html", context)


@login_required
def resume(request, pk):
    """Back to the question the person last changed, else the first section."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.READ_ANSWERS)
    last = (
        AnswerChange.objects.filter(assessment=assessment, changed_by=request.user)
        .select_related("question__focus_area")
        .first()
    )
    if last is not None:
        url = reverse("section", args=[assessment.pk, last.question.focus_area.code])
        return redirect(f"{url}#q-{last.question_id}")
    first = assessment.framework.focus_areas.first()
    if first is None:
        raise Http404("This framework has no sections.")
    return redirect("section", assessment.pk, first.code)


@login_required
def question_detail(request, pk, question_id):
    """One question: its evidence (add files and links here) and its history."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.READ_ANSWERS)
    question = get_object_or_404(
        selectors.questions_of(assessment).prefetch_related("standards"), pk=question_id
    )
    answer = Answer.objects.filter(assessment=assessment, question=question).first()
    form = EvidenceForm()
    if request.method == "POST":
        if not permissions.can(request.user, Action.EDIT, assessment):
            raise PermissionDenied(_("This assessment cannot be changed now."))
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            services.add_evidence(
                request.user,
                assessment,
                question,
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
                title=form.cleaned_data["title"],
                shared_with_donors=form.cleaned_data["shared_with_donors"],
            )
            messages.success(request, _("Evidence added."))
            return redirect("question_detail", assessment.pk, question.pk)
    context = {
        "assessment": assessment,
        "question": question,
        "answer": answer,
        "evidence": answer.evidence.all() if answer else [],
        "history": AnswerChange.objects.filter(
            assessment=assessment, question=question
        ).select_related("changed_by"),
        "form": form,
        "editable": permissions.can(request.user, Action.EDIT, assessment),
    }
    return render(
        request, "assessments/question_detail.html", context, status=400 if form.errors else 200
    )


@login_required
def evidence_download(request, pk, evidence_id):
    """Evidence files are never public: served here after the permission check."""
    assessment = permissions.get_assessment_for(request.user, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_id, answer__assessment=assessment)
    if not permissions.may_download_evidence(request.user, assessment, evidence):
        raise PermissionDenied(_("This document is not shared with donors."))
    if not evidence.file:
        raise Http404("This evidence is a link.")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def history(request, pk):
    """Every change, newest first, 50 a page; filtered by section, question or person."""
    assessment = permissions.get_assessment_for(request.user, pk, Action.HISTORY)
    filters = {
        "section": request.GET.get("section", ""),
        "question": request.GET.get("question", "").strip(),
        "person": request.GET.get("person", ""),
    }
    changes = selectors.history_of(assessment, **filters)
    page = Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/history.html",
        {
            "assessment": assessment,
            "page": page,
            "changes": page.object_list,
            "filters": filters,
            "query": query.urlencode(),
            "focus_areas": assessment.framework.focus_areas.all(),
            "people": selectors.people_who_changed(assessment),
            "events": assessment.events.select_related("actor"),
            "notes": ReviewNote.objects.filter(assessment=assessment).select_related(
                "question__focus_area", "author"
            ),
        },
    )
