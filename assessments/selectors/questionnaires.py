"""The questionnaire as scoring reads it: records for the pure scoring module, and the
questions themselves for pages and reports that print them."""

import hashlib
from pathlib import Path

from django.core.cache import cache
from django.db.models import Q

from .. import scoring
from ..models import Assessment, FocusArea, Question

CACHE_SECONDS = 7 * 24 * 3600


def _code_version():
    """A digest of this module and of the content models: new code never reads an old entry."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((Path(__file__).parents[1] / "models" / "content.py").read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()


def scoring_questions(assessment):
    """The questionnaire as scoring records, plus {id: Question} (three queries, or none).

    Building the Question instances was a quarter of a results page's first visit after an
    answer changed, although a questionnaire only changes when content is loaded: they are
    kept in the cache by edition, phase and the content's checksum and load time. An
    assessment read without its framework is served as before, never with an extra query."""
    if not Assessment.framework.is_cached(assessment):
        return _scoring_questions(assessment)
    framework = assessment.framework
    key = (
        f"questionnaire:{CODE_VERSION}:{framework.pk}:{assessment.phase_id}:"
        f"{framework.checksum}:{framework.loaded_at and framework.loaded_at.isoformat()}"
    )
    found = cache.get(key)
    if found is None:
        found = _scoring_questions(assessment)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _scoring_questions(assessment):
    """The questionnaire as scoring records, plus {id: Question} (three queries).

    Each Question comes with its focus area and `standard_codes`, its standards' codes in
    order (what reports print); its `standards` are not prefetched, and `na_reasons` is
    deferred: building a Standard and a Pillar instance per link, and a focus area per
    question, cost most of the results page."""
    questions = list(
        Question.objects.filter(
            framework_id=assessment.framework_id, phase_id=assessment.phase_id, retired=False
        )
        .order_by("focus_area__order", "order")
        .defer("na_reasons")
    )
    focus_areas = {
        fa.pk: fa for fa in FocusArea.objects.filter(framework_id=assessment.framework_id)
    }
    links = _standard_links([q.pk for q in questions])
    records, by_id = [], {}
    for q in questions:
        q.focus_area = focus_areas[q.focus_area_id]  # one instance per area, not per question
        pairs = links.get(q.pk, ())
        q.standard_codes = tuple(code for code, _pillar in pairs)
        records.append(
            scoring.QuestionData(
                id=q.pk,
                code=q.code,
                focus_area=q.focus_area.code,
                standards=q.standard_codes,
                pillars=tuple(dict.fromkeys(pillar for _code, pillar in pairs)),
                **{name: getattr(q, name) for name in SCORING_FIELDS},
            )
        )
        by_id[q.pk] = q
    return records, by_id


def _standard_links(question_ids):
    """{question id: [(standard code, pillar code)]}, standards in order (one query)."""
    links = (
        Question.standards.through.objects.filter(question_id__in=question_ids)
        .order_by("standard__framework", "standard__order", "standard__code")
        .values_list("question_id", "standard__code", "standard__pillar__code")
    )
    standards = {}
    for question_id, code, pillar in links:
        standards.setdefault(question_id, []).append((code, pillar))
    return standards


SCORING_FIELDS = (
    "answer_type", "weight", "target", "better", "mandatory", "na_allowed", "assesses_standards"
)  # fmt: skip


def scoring_records(assessment):
    """The questionnaire as scoring records only (two queries, no model instances).

    The same records as `scoring_questions` for pages that score but show no question: building
    Question and Standard instances costs most of a scoring, and a page scoring two or three
    assessments (the programme page) paid it for each questionnaire."""
    pair = (assessment.framework_id, assessment.phase_id)
    return questionnaire_records({pair}).get(pair, [])


def questionnaire_records(pairs):
    """{(framework id, phase id): [QuestionData]} for several questionnaires, in questionnaire
    order (two queries whatever their number; none without pairs)."""
    if not pairs:
        return {}
    condition = Q()
    for framework_id, phase_id in pairs:
        condition |= Q(framework_id=framework_id, phase_id=phase_id)
    rows = list(
        Question.objects.filter(condition, retired=False)
        .order_by("focus_area__order", "order")
        .values("id", "code", "framework_id", "phase_id", "focus_area__code", *SCORING_FIELDS)
    )
    standards = _standard_links([r["id"] for r in rows])
    records = {pair: [] for pair in pairs}
    for r in rows:
        pairs_of = standards.get(r["id"], ())
        records[(r["framework_id"], r["phase_id"])].append(
            scoring.QuestionData(
                id=r["id"],
                code=r["code"],
                focus_area=r["focus_area__code"],
                standards=tuple(code for code, _pillar in pairs_of),
                pillars=tuple(dict.fromkeys(pillar for _code, pillar in pairs_of)),
                **{name: r[name] for name in SCORING_FIELDS},
            )
        )
    return records
