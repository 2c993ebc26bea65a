"""What each Columbus phase's result is called: page headers, result titles, report titles and
file names take their words from here, so a Phase 2 result is never called "SAFE readiness".

Phase 1 measures readiness against the SAFE standards; Phase 2 the capacity to implement the
plan; Phase 3 the progress made (docs/scoring.md, "Each phase its own result").
"""

from django.utils.translation import gettext_lazy as _

_LABELS = {
    1: {
        "slug": "needs-assessment",
        "result": _("SAFE readiness"),
        "index": _("SAFE readiness index"),
        "title": _("SAFE needs assessment"),
    },
    2: {
        "slug": "implementation-capacity",
        "result": _("Implementation capacity"),
        "index": _("Implementation capacity index"),
        "title": _("SAFE implementation planning"),
    },
    3: {
        "slug": "implementation-progress",
        "result": _("Implementation progress"),
        "index": _("Implementation progress index"),
        "title": _("SAFE implementation monitoring"),
    },
}


def _labels(phase):
    number = getattr(phase, "number", phase)
    return _LABELS.get(number, _LABELS[1])


def phase_result_label(phase):
    """What the result measures: "SAFE readiness", "Implementation capacity", ... (a Phase or
    its number)."""
    return _labels(phase)["result"]


def phase_index_label(phase):
    """The name of the overall score: "SAFE readiness index", ..."""
    return _labels(phase)["index"]


def phase_report_title(phase):
    """Page header and report title: "SAFE needs assessment", ..."""
    return _labels(phase)["title"]


def phase_slug(phase):
    """For file names: needs-assessment, implementation-capacity, implementation-progress."""
    return _labels(phase)["slug"]
