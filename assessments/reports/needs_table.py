"""The needs table in the shape of a WTO TFA notification of assistance needs: one row per
need with the measure (SAFE standards), class A/B/C, assistance required, estimated cost and
timeline. One list of rows feeds the XLSX and the PDF, so both always say the same."""

from django.utils.translation import gettext as _

from ..selectors import donors as matchmaking


def header():
    return [
        _("No."),
        _("Administration"),
        _("Measure (SAFE standards)"),
        _("Need"),
        _("Class"),
        _("Assistance required"),
        _("Estimated cost"),
        _("Currency"),
        _("Start"),
        _("End"),
        _("Support secured from"),
    ]


def row(number, need, donors):
    """One need as the table shows it; only what a shared need shows (no answers, comments
    or evidence)."""
    assistance = "; ".join(str(k) for k in need.get_support_kinds_display())
    if need.description:
        assistance = f"{assistance}: {need.description}" if assistance else need.description
    return [
        number,
        need.administration.name,
        ", ".join(s.code for s in need.standard_list),
        need.title,
        need.support_class,
        assistance,
        need.estimated_cost,
        need.currency,
        need.start,
        need.end,
        ", ".join(donors),
    ]


def table_rows(needs):
    """Header then one row per need (needs prefetched by `selectors.donors.needs_queryset`)."""
    donors = matchmaking.donors_by_need(needs)
    rows = [row(number, need, donors[need.pk]) for number, need in enumerate(needs, start=1)]
    return [header(), *rows]
