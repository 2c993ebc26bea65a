"""The plan page's long tables, one row per action or gap, written here rather than in the
template: a plan of 200 actions rendered through the template language cost several times
the login page on its own, and these rows are the same few cells over and over.

The markup is exactly what planning/plan.html wrote before (tests/test_planning_views.py reads
it). Values are escaped as the template escaped them, with the function Django's `escape`
uses (html.escape, quotes included); numbers and long texts go through the template filters
themselves (`floatformat`, `truncatechars`), so they read the same in every language. Rows
come from `selectors.plan_page` (plain values): no query here.
"""

import unicodedata
from functools import lru_cache
from html import escape as esc

from django import template
from django.template.defaultfilters import floatformat, truncatechars
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

DASH = "–"


def _url_maker(name):
    """pk -> the URL of `name` for that pk, reversing once (URLs differ only by the pk)."""
    marker = "2147483647"
    head, tail = str(reverse(name, args=[marker])).split(marker)
    head, tail = esc(head), esc(tail)
    return lambda pk: f"{head}{pk}{tail}"


def _memo(function):
    """`function(value, arg)` remembered for one table: the language does not change within
    it, and scores, targets and costs repeat."""
    seen = {}

    def remembered(value, arg):
        key = (value, arg)
        if key not in seen:
            seen[key] = function(value, arg)
        return seen[key]

    return remembered


def _health_markup():
    """health -> the late / at-risk badge and the reasons, as the plan page always showed them
    (translated once per table, not once per row)."""
    # Translated outside the f-strings: makemessages does not find a call written inside one.
    late, at_risk = esc(_("Late")), esc(_("At risk"))
    badges = {
        "late": f'<span class="badge text-bg-danger health-late">{late}</span>',
        "at_risk": f'<span class="badge text-bg-warning health-at-risk">{at_risk}</span>',
    }
    reasons = {
        "due_passed": _("due date passed"),
        "milestone_missed": _("milestone missed"),
        "blocked": _("blocked"),
    }
    otherwise = _("due soon, not started")

    def markup(health):
        labels = "".join(
            f' <span class="small text-body-secondary">{reasons.get(reason, otherwise)}</span>'
            for reason in health.reasons
        )
        return badges.get(health.state, "") + labels

    return markup


@register.simple_tag
def action_rows(rows, may_edit):
    """The <tr> of each action of a focus area (selectors.plan_page.Row)."""
    url, health = _url_maker("action_edit"), _health_markup()
    proposed = esc(_("Proposed"))
    proposed = f' <span class="badge text-bg-info">{proposed}</span>'
    select, cost_of = _("Select %(ref)s"), _memo(floatformat)
    parts = []
    for a in rows:
        state = a.health.state
        css = "table-danger" if state == "late" else "table-warning" if state == "at_risk" else ""
        pick = ""
        if may_edit:
            label = select % {"ref": esc(a.reference)}
            pick = (
                f'<td><input class="form-check-input" type="checkbox" name="action" '
                f'value="{a.pk}" id="pick-{a.pk}" aria-label="{label}"></td>'
            )
        gaps = ", ".join(f'<a href="#gap-{pk}">{esc(code)}</a>' for pk, code in a.questions)
        standards = ", ".join(esc(code) for code in a.standards)
        cost = DASH
        if a.estimated_cost is not None:
            cost = f"{cost_of(a.estimated_cost, '0g')} {esc(a.currency)}"
        parts.append(
            f'\n    <tr id="action-{a.pk}" class="{css}">\n'
            f"      {pick}\n"
            f"      <td>{esc(a.reference)}</td>\n"
            f'      <td><a href="{url(a.pk)}">{esc(a.title)}</a>'
            f"{'' if a.accepted else proposed}</td>\n"
            f'      <td class="small">{gaps or DASH}</td>\n'
            f'      <td class="small">{standards or DASH}</td>\n'
            f'      <td class="small">{esc(a.responsible_unit or DASH)}</td>\n'
            f'      <td class="small">{a.due_date.isoformat() if a.due_date else DASH}</td>\n'
            f'      <td class="text-end small">{cost}</td>\n'
            f"      <td>{esc(a.support_class)}</td>\n"
            f"      <td>{esc(a.status_label)} {health(a.health)}\n</td>\n"
            f"    </tr>\n    "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@lru_cache(maxsize=4096)
def _truncated(text, length, language):
    """`truncatechars` of a question's text, remembered: the texts are the framework's few
    hundred, and the ellipsis the filter adds depends only on the language."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= length else truncatechars(text, length)


@register.simple_tag
def gap_rows(gaps):
    """The <tr> of each baseline gap, with links to the actions that close it (GapTrace)."""
    url, number, language = _url_maker("action_edit"), _memo(floatformat), get_language()
    none = esc(_("No action"))
    none = f'<span class="text-danger">{none}</span>'
    parts = []
    for g in gaps:
        question, gap = g.question, g.gap
        text = _truncated(question.tr("text", language), 120, language)
        actions = ", ".join(f'<a href="{url(a.pk)}">{esc(a.reference)}</a>' for a in g.actions)
        parts.append(
            f'\n    <tr id="gap-{question.pk}">\n'
            f'      <th scope="row" class="fw-normal"><strong>{esc(question.code)}</strong> '
            f"{esc(text)}</th>\n"
            f'      <td class="small">{", ".join(esc(s) for s in gap.question.standards)}</td>\n'
            f'      <td class="text-end">{number(gap.current, 0)} → {number(gap.target, 0)}</td>\n'
            f'      <td class="text-end">{number(gap.priority, 2)}</td>\n'
            f"      <td>{actions or none}</td>\n"
            f"    </tr>\n    "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
