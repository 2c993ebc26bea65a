"""Scoring results of assessments, computed once per version of what they depend on.

The plan page traces the gaps of its baseline and the programme page shows two or three
overall scores; scoring an assessment reads its questionnaire and every answer (three queries
and most of those pages' time), although a baseline seldom changes. Here two aggregate queries
tell, for any number of assessments, whether anything the score depends on changed since it
was computed, as `reports.cache.report_version` does for reports: the assessment's status
(a validated answer counts as such), its answers (count, latest change, sum of their version
numbers, which every save raises), its evidence (count, newest), the content loaded
(checksum, load time) and the scoring code itself. A cache miss scores as before.
"""

import hashlib
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from .. import scoring
from ..models import Assessment, Evidence
from .assessments import scoring_answers
from .questionnaires import scoring_records

CACHE_SECONDS = 7 * 24 * 3600


def _code_version():
    """A digest of the scoring code and of the selectors feeding it: a deployment that changes
    how scores are computed never serves scores computed the old way."""
    digest = hashlib.sha256()
    for path in (Path(scoring.__file__), Path(__file__).with_name("assessments.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()


def scoring_versions(assessment_ids):
    """{assessment id: digest of everything its score depends on} (two queries)."""
    rows = (
        Assessment.objects.filter(pk__in=assessment_ids)
        .values("pk", "status", "framework_id", "phase_id")
        .annotate(
            checksum=Max("framework__checksum"),
            loaded_at=Max("framework__loaded_at"),
            n_answers=Count("answers"),
            changed=Max("answers__updated_at"),
            versions=Sum("answers__version"),
        )
        .order_by()
    )
    evidence = {
        row["answer__assessment_id"]: (row["n"], row["last"])
        for row in Evidence.objects.filter(answer__assessment_id__in=assessment_ids)
        .values("answer__assessment_id")
        .annotate(n=Count("id"), last=Max("id"))
        .order_by()
    }
    return {
        row["pk"]: hashlib.sha256(
            repr((sorted(row.items()), evidence.get(row["pk"]), CODE_VERSION)).encode()
        ).hexdigest()[:32]
        for row in rows
    }


def results_of(assessments):
    """{assessment id: scoring.Results} for a few assessments, from the cache when nothing
    they depend on changed (two queries), else scored (plus two queries per questionnaire and
    one for the answers)."""
    assessments = {a.pk: a for a in assessments if a is not None}
    if not assessments:
        return {}
    keys = {pk: f"scored:{pk}:{v}" for pk, v in scoring_versions(list(assessments)).items()}
    found = cache.get_many(list(keys.values()))
    results = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [a for pk, a in assessments.items() if pk not in results]
    if missing:
        answers = scoring_answers([a.pk for a in missing])
        questionnaires = {}
        for a in missing:
            questionnaire = (a.framework_id, a.phase_id)
            if questionnaire not in questionnaires:
                questionnaires[questionnaire] = scoring_records(a)
            results[a.pk] = scoring.score_assessment(questionnaires[questionnaire], answers[a.pk])
        cache.set_many({keys[a.pk]: results[a.pk] for a in missing if a.pk in keys}, CACHE_SECONDS)
    return results
