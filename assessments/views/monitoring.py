"""Monitoring (Columbus Phase 3): indicators and measurements, the re-assessment rhythm,
monitoring reviews and the progress report. Every view asks `permissions` first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import exports, permissions, selectors, services
from ..models import Indicator, Membership
from ..monitoring_forms import (
    ConclusionsForm,
    EvaluationForm,
    IndicatorForm,
    MeasurementForm,
    ReviewStartForm,
    RhythmForm,
)
from ..permissions import Action
from ..reports import monitoring_charts
from ..reports.progress_data import build_progress_data, plan_rows
from ..reports.progress_docx import render_progress_docx
from ..reports.progress_pdf import plan_sentence, progress_filename, render_progress_pdf
from .workflow import decide

# Messages for the stable codes of services.record_measurement, in the person's language.
MEASUREMENT_ERRORS = {
    "negative": lambda: _("A measurement cannot be negative."),
    "count_not_whole": lambda: _("A count is a whole number."),
    "percentage_over_100": lambda: _("A percentage is between 0 and 100."),
    "future_date": lambda: _("A measurement cannot be in the future."),
}
REVIEW_ERRORS = {
    "baseline_not_validated": lambda: _("The baseline is a validated Phase 1 assessment."),
    "follow_up_mismatch": lambda: _(
        "The follow-up is a later Phase 1 assessment of the same framework edition."
    ),
    "edition_mismatch": lambda: _(
        "The follow-up uses another edition of the framework than the baseline: a monitoring "
        "review compares two assessments of the same framework edition. The results page of the "
        "follow-up compares them on the questions both editions share."
    ),
}


@login_required
def overview(request, administration_id):
    """The administration's monitoring: cycle, indicators with their charts, reviews."""
    administration = permissions.get_monitoring_for(request.user, administration_id)
    user = request.user
    rows = selectors.indicators_for(user, administration)
    cycle = selectors.cycle_of(administration, timezone.localdate())
    may_edit = permissions.may_edit_monitoring(user, administration)
    coordinator = permissions.has_role(user, Membership.Role.COORDINATOR, administration.pk)
    context = {
        "administration": administration,
        "indicators": [(row, monitoring_charts.indicator_svg(row)) for row in rows],
        "cycle": cycle,
        "reviews": selectors.reviews_for(user, administration),
        "may_edit": may_edit,
        "rhythm_form": RhythmForm(
            initial={
                "reassessment_months": cycle.months,
                "reminder_days": cycle.reminder_days,
            }
        )
        if coordinator
        else None,
    }
    return render(request, "monitoring/overview.html", context)


@login_required
@require_POST
def propose(request, administration_id):
    """Create indicators from the content's Phase 3 number questions."""
    administration = permissions.get_monitoring_for(request.user, administration_id, True)
    framework = selectors.default_framework()
    created = services.propose_indicators(request.user, administration, framework)
    if created:
        text = _("%(n)d indicators proposed. Set their baselines and targets.")
        messages.success(request, text % {"n": len(created)})
    else:
        messages.info(request, _("Every indicator of the framework is already tracked."))
    return redirect("monitoring", administration.pk)


@login_required
def indicator_new(request, administration_id):
    administration = permissions.get_monitoring_for(request.user, administration_id, True)
    return _indicator_form(request, Indicator(administration=administration))


@login_required
def indicator_edit(request, pk):
    indicator = permissions.get_indicator_for(request.user, pk, Action.EDIT)
    return _indicator_form(request, indicator)


def _indicator_form(request, indicator):
    framework = indicator.question.framework if indicator.question_id else None
    framework = framework or selectors.default_framework()
    form = IndicatorForm(request.POST or None, instance=indicator, framework=framework)
    if request.method == "POST" and form.is_valid():
        saved = services.save_indicator(
            request.user,
            form.save(commit=False),
            form.cleaned_data["standards"],
            form.cleaned_data["actions"],
        )
        messages.success(request, _("Indicator saved."))
        return redirect("indicator_detail", saved.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "monitoring/indicator_form.html",
        {"form": form, "indicator": indicator, "administration": indicator.administration},
        status=status,
    )


@login_required
def indicator_detail(request, pk):
    """One indicator: its chart, its measurements, and (for its administration) a form to
    record a new one."""
    indicator = permissions.get_indicator_for(request.user, pk)
    may_edit = permissions.may_edit_monitoring(request.user, indicator.administration)
    form = MeasurementForm(request.POST or None) if may_edit else None
    status = 200
    if request.method == "POST":
        if not may_edit:
            permissions.get_indicator_for(request.user, pk, Action.EDIT)  # raises 403
        if form.is_valid():
            try:
                _measurement, created = services.record_measurement(
                    request.user, indicator, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error("value" if error.code != "future_date" else "measured_on",
                               MEASUREMENT_ERRORS[error.code]())  # fmt: skip
            else:
                day = form.cleaned_data["measured_on"]
                messages.success(
                    request,
                    (_("Measurement of %(day)s recorded.") if created
                     else _("Measurement of %(day)s replaced.")) % {"day": day.isoformat()},
                )  # fmt: skip
                return redirect("indicator_detail", indicator.pk)
        status = 400
    row = selectors.indicator_series(indicator)
    context = {
        "indicator": indicator,
        "row": row,
        "figure": monitoring_charts.indicator_chart(row),
        "form": form,
        "administration": indicator.administration,
        "show_actions": may_edit or permissions.is_reviewer(request.user),
    }
    return render(request, "monitoring/indicator_detail.html", context, status=status)


@login_required
def export_csv(request, administration_id):
    """The indicators and measurements this person may see, for spreadsheets."""
    administration = permissions.get_monitoring_for(request.user, administration_id)
    filename = (
        f"SAFE-indicators-{administration.country_alpha3}-{timezone.localdate():%Y-%m-%d}.csv"
    )
    return exports.csv_download(
        selectors.indicator_export_rows(request.user, administration), filename
    )


@login_required
@require_POST
def rhythm(request, administration_id):
    """The coordinator sets how often the administration re-assesses itself."""
    administration = permissions.get_monitoring_for(request.user, administration_id, True)
    if not permissions.may_manage_people(request.user, administration):
        return HttpResponse(_("Only a coordinator sets the rhythm."), status=403)
    form = RhythmForm(request.POST)
    if form.is_valid():
        services.set_rhythm(request.user, administration, **form.cleaned_data)
        messages.success(request, _("Re-assessment rhythm saved."))
    else:
        messages.error(request, _("Choose a rhythm between 1 and 120 months."))
    return redirect("monitoring", administration.pk)


@login_required
def review_start(request, administration_id):
    administration = permissions.get_monitoring_for(request.user, administration_id, True)
    baselines = selectors.baseline_choices(administration)
    form = ReviewStartForm(
        request.POST or None,
        baselines=baselines,
        follow_ups=selectors.follow_up_choices(administration),
        initial={"review_date": timezone.localdate(), "title": _("Monitoring review")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.start_review(request.user, administration, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(
                "follow_up", REVIEW_ERRORS.get(error.code, REVIEW_ERRORS["follow_up_mismatch"])()
            )
        else:
            messages.success(request, _("Review started. Write the evaluation, then submit it."))
            return redirect("review_detail", review.pk)
    return render(
        request,
        "monitoring/review_start.html",
        {"form": form, "administration": administration, "has_baseline": baselines.exists()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def review_detail(request, pk):
    """Everything the review gathers; the administration writes its evaluation here."""
    review = permissions.get_review_for(request.user, pk)
    user = request.user
    may = {a: permissions.can_review(user, a, review) for a in Action}
    form = None
    if may[Action.EDIT]:
        form = EvaluationForm(
            request.POST or None,
            initial={"evaluation": review.evaluation, "next_steps": review.next_steps},
        )
        if request.method == "POST" and form.is_valid():
            services.save_evaluation(user, review, **form.cleaned_data)
            messages.success(request, _("Evaluation saved."))
            return redirect("review_detail", review.pk)
    elif request.method == "POST":
        permissions.get_review_for(user, pk, Action.EDIT)  # raises 403
    data = build_progress_data(review, user)
    context = {
        "review": review,
        "data": data,
        "may": {a.value: allowed for a, allowed in may.items()},
        "form": form,
        "conclusions_form": ConclusionsForm() if may[Action.VALIDATE] else None,
        "plan_rows": plan_rows(data.plan) if data.plan else [],
        "plan_sentence": plan_sentence(data.plan) if data.plan else "",
        "pillar_figures": [
            (
                p,
                monitoring_charts.comparison_figure(
                    [s.change for s in p.children], {s.code: s.title for s in p.children}, p.title
                ),
            )
            for p in data.pillars
        ],
        "area_figure": monitoring_charts.comparison_figure(
            [a.change for a in data.focus_areas],
            {a.code: a.title for a in data.focus_areas},
            _("By focus area"),
        ),
    }
    return render(request, "monitoring/review_detail.html", context)


@login_required
@require_POST
def review_submit(request, pk):
    review = permissions.get_review_for(request.user, pk, Action.SUBMIT)
    try:
        services.submit_review(request.user, review)
    except ValidationError:
        messages.error(request, _("Write and save the evaluation before submitting."))
    else:
        messages.success(request, _("Review submitted to the WCO reviewer."))
    return redirect("review_detail", review.pk)


@login_required
@require_POST
def review_decide(request, pk):
    """A reviewer validates the review with conclusions, or returns it."""
    review = permissions.get_review_for(request.user, pk, Action.VALIDATE)
    form = ConclusionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The conclusions are too long."))
        return redirect("review_detail", review.pk)
    conclusions = form.cleaned_data["conclusions"]
    return decide(
        request,
        validate=lambda: services.validate_review(request.user, review, conclusions),
        send_back=lambda: services.return_review(request.user, review, conclusions),
        validated=_("Review validated."),
        then=("review_detail", review.pk),
    )


@login_required
@require_POST
def review_share(request, pk):
    review = permissions.get_review_for(request.user, pk, Action.SHARE)
    shared = request.POST.get("shared") == "1"
    services.share_review(request.user, review, shared)
    messages.success(
        request,
        _("Shared with donors (only indicators shared with donors appear).")
        if shared
        else _("No longer shared with donors."),
    )
    return redirect("review_detail", review.pk)


@login_required
def progress_pdf(request, pk):
    review = permissions.get_review_for(request.user, pk, Action.DOWNLOAD)
    data = build_progress_data(review, request.user)
    response = HttpResponse(render_progress_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, progress_filename(review, "pdf")
    )
    return response


@login_required
def progress_docx(request, pk):
    review = permissions.get_review_for(request.user, pk, Action.DOWNLOAD)
    data = build_progress_data(review, request.user)
    response = HttpResponse(
        render_progress_docx(data),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(
        True, progress_filename(review, "docx")
    )
    return response
