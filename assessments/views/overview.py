"""The WCO-wide picture for reviewers (every administration, regional benchmarks) and, for an
administration, its position against its region as an anonymous aggregate."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import exports, permissions, scoring
from ..models import Administration, Assessment, Region
from ..reports import overview_charts
from ..reports.score_texts import band_name
from ..selectors import overview as selectors


class OverviewFilter(forms.Form):
    """The table's filters and sort, from the query string; anything unknown is ignored."""

    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    phase = forms.ChoiceField(
        label=gettext_lazy("Columbus phase"),
        required=False,
        choices=[("", gettext_lazy("All")), ("1", "1"), ("2", "2"), ("3", "3")],
    )
    band = forms.ChoiceField(label=gettext_lazy("Band"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All"))] + [
            (r.code, r.tr("name")) for r in Region.objects.all()
        ]
        self.fields["band"].choices = (
            [("", _("All"))]
            + [(code, band_name(code)) for _lower, code, _name in scoring.BANDS]
            + [("none", _("No validated assessment"))]
        )
        self.fields["status"].choices = (
            [("", _("All")), ("waiting", _("Waiting for review"))]
            + list(Assessment.Status.choices)
            + [("none", _("No assessment yet"))]
        )
        for name in ("region", "phase", "band", "status"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def selection(self):
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


def _require_reviewer(user):
    if not permissions.may_see_overview(user):
        raise Http404("No such page.")


@login_required
def overview(request):
    """Every administration: table first (filter, sort), then the charts."""
    _require_reviewer(request.user)
    form = OverviewFilter(request.GET or None)
    all_rows = selectors.overview()
    selection = form.selection()
    rows = selectors.filter_and_sort(all_rows, **selection)
    distribution = selectors.focus_area_distribution(rows)
    titles = selectors.focus_area_titles([code for code, _counts in distribution])
    averages = selectors.regional_averages(rows)
    context = {
        "form": form,
        "rows": rows,
        "total": len(all_rows),
        "sort": selection.get("sort", "name"),
        "columns": _sort_links(request, selection.get("sort", "name")),
        "query": request.GET.urlencode(),
        "distribution": overview_charts.distribution_chart(distribution, titles),
        "regional": overview_charts.regional_chart(averages),
        "averages": averages,
        "regions": Region.objects.all(),
    }
    return render(request, "overview/overview.html", context)


SORTABLE = [
    ("name", gettext_lazy("Administration")),
    ("region", gettext_lazy("Region")),
    ("phase", gettext_lazy("Phase")),
    ("index", gettext_lazy("Readiness index")),
    ("change", gettext_lazy("Change")),
    ("late", gettext_lazy("Plan: done / late")),
    ("waiting", gettext_lazy("Waiting for review")),
    ("due", gettext_lazy("Next re-assessment due")),
]


def _sort_links(request, current):
    """Column headers: their link sorts by them, a second click reverses; aria-sort says how."""
    links = {}
    for key, label in SORTABLE:
        query = request.GET.copy()
        descending = current == key
        query["sort"] = f"-{key}" if descending else key
        state = "ascending" if current == key else "descending" if current == f"-{key}" else None
        links[key] = {"label": label, "url": "?" + query.urlencode(), "aria": state}
    return links


OVERVIEW_HEADER = [
    "administration", "country", "region", "phase", "readiness_index", "band",
    "confidence_validated_pct", "change", "waiting_for_review", "latest_status",
    "actions_done", "actions_late", "actions_total", "next_reassessment_due",
]  # fmt: skip


def overview_table(rows):
    """The overview as rows for CSV/XLSX, numbers typed so a spreadsheet can sum them."""

    def rounded(value, digits=1):
        return None if value is None else round(value, digits)

    table = [OVERVIEW_HEADER]
    for r in rows:
        table.append(
            [
                r.administration.name, r.administration.country, r.region.code, r.phase,
                rounded(r.index), r.band or "", rounded(r.confidence[2] if r.confidence else None),
                rounded(r.change),
                r.waiting, r.status or "", r.actions_done, r.actions_late, r.actions_total,
                r.next_due,
            ]
        )  # fmt: skip
    return table


@login_required
def overview_export(request, extension):
    """The filtered, sorted table as CSV or Excel."""
    _require_reviewer(request.user)
    form = OverviewFilter(request.GET or None)
    rows = selectors.filter_and_sort(selectors.overview(), **form.selection())
    name = f"SAFE-overview-{timezone.localdate():%Y-%m-%d}.{extension}"
    if extension == "csv":
        return exports.csv_download(overview_table(rows), name)
    return exports.xlsx_download([(_("Overview"), overview_table(rows))], name)


@login_required
def region_benchmark(request, region_id):
    """A region's standards most often below target, for capacity-building planning."""
    _require_reviewer(request.user)
    region = get_object_or_404(Region, pk=region_id)
    ranked, assessed = selectors.unmet_standards(region)
    context = {"region": region, "standards": ranked, "assessed": assessed,
               "regions": Region.objects.all()}  # fmt: skip
    return render(request, "overview/region.html", context)


@login_required
def position(request, administration_id):
    """An administration's index beside its region's anonymous average (k >= 5)."""
    administration = get_object_or_404(Administration.objects.select_related("region"),
                                       pk=administration_id)  # fmt: skip
    own = administration.pk in permissions.administration_ids(request.user)
    if not (own or permissions.is_reviewer(request.user)):
        raise Http404("No such administration.")
    result = selectors.own_position(administration)
    titles = selectors.focus_area_titles([row[0] for row in result.focus_areas])
    context = {
        "administration": administration,
        "position": result,
        "k": selectors.K_ANONYMITY,
        "areas": [(titles.get(c, c), mine, avg, n) for c, mine, avg, n in result.focus_areas],
    }
    return render(request, "overview/position.html", context)
