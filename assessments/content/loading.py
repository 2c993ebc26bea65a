"""Write validated content in one transaction, and export it back to the file format."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..models import FocusArea, Framework, Phase, Pillar, Question, Standard
from .reading import LANGUAGES, LIST_FIELDS, read_content


def _split(fields):
    """{name: {lang: text}} -> (English columns, translations JSON)."""
    english, translations = {}, {}
    for name, texts in fields.items():
        if name in LIST_FIELDS:
            english[name] = [item["en"] for item in texts]
            for lang in LANGUAGES[1:]:
                if any(lang in item for item in texts):
                    translations.setdefault(lang, {})[name] = [
                        item.get(lang, item["en"]) for item in texts
                    ]
            continue
        english[name] = texts["en"]
        for lang, text in texts.items():
            if lang != "en":
                translations.setdefault(lang, {})[name] = text
    return english, translations


@dataclass
class LoadResult:
    framework: Framework
    created: bool
    changed: bool
    questions_added: int = 0
    questions_updated: int = 0
    questions_retired: int = 0


def load_content(path, translations=None):
    """Validate a content file (and its translations), then write it in one transaction.
    Idempotent: an unchanged file and unchanged translations write nothing."""
    content = read_content(path, translations)
    with transaction.atomic():
        return _write(content)


def _upsert(model, existing, key, rows, parent):
    """Create or update rows of one content model; return {key: instance}."""
    result = {}
    for row in rows:
        english, translations = _split(row.pop("texts"))
        values = {**row, **english, "translations": translations, **parent}
        obj = existing.get(values[key])
        if obj is None:
            obj = model.objects.create(**values)
        else:
            for field, value in values.items():
                setattr(obj, field, value)
            obj.save()
        result[values[key]] = obj
    return result


def _write(content):
    fw = content["framework"]
    english, translations = _split({"title": fw["title"], "description": fw["description"]})
    framework, created = Framework.objects.get_or_create(
        code=fw["code"], defaults={"edition": fw["edition"], **english}
    )
    if not created and framework.checksum == content["checksum"]:
        return LoadResult(framework, created=False, changed=False)
    framework.edition = fw["edition"]
    framework.translations = translations
    for field, value in english.items():
        setattr(framework, field, value)
    framework.unverified = fw["unverified"]
    framework.checksum = content["checksum"]
    framework.loaded_at = timezone.now()
    framework.save()
    parent = {"framework": framework}

    phases = _upsert(
        Phase,
        {p.number: p for p in framework.phases.all()},
        "number",
        [
            {"number": p["number"], "texts": {"title": p["title"], "description": p["description"]}}
            for p in content["phases"]
        ],
        parent,
    )
    focus_areas = _upsert(
        FocusArea,
        {f.code: f for f in framework.focus_areas.all()},
        "code",
        [
            {
                "code": f["code"],
                "order": i,
                "texts": {"title": f["title"], "description": f["description"]},
            }
            for i, f in enumerate(content["focus_areas"], 1)
        ],
        parent,
    )
    pillars = _upsert(
        Pillar,
        {p.code: p for p in framework.pillars.all()},
        "code",
        [
            {"code": p["code"], "order": i, "texts": {"title": p["title"]}}
            for i, p in enumerate(content["pillars"], 1)
        ],
        parent,
    )
    existing_standards = {s.code: s for s in framework.standards.all()}
    standards = {}
    order = 0
    for pillar in content["pillars"]:
        rows = []
        for s in pillar["standards"]:
            order += 1
            rows.append(
                {
                    "code": s["code"],
                    "kind": s["kind"],
                    "order": order,
                    "unverified": s["unverified"],
                    "references": s["references"],
                    "texts": {"title": s["title"], "summary": s["summary"]},
                }
            )
        standards |= _upsert(
            Standard,
            existing_standards,
            "code",
            rows,
            {**parent, "pillar": pillars[pillar["code"]]},
        )

    existing_questions = {q.code: q for q in framework.questions.all()}
    added = sum(1 for q in content["questions"] if q["code"] not in existing_questions)
    for i, q in enumerate(content["questions"], 1):
        row = {
            "code": q["code"],
            "order": i,
            "answer_type": q["answer_type"],
            "weight": float(q["weight"]),
            "mandatory": q["mandatory"],
            "target": None if q["target"] is None else float(q["target"]),
            "better": q["better"],
            "number_kind": q["number_kind"],
            "na_allowed": q["na_allowed"],
            "assesses_standards": q["assesses_standards"],
            "retired": False,
            "unverified": q["unverified"],
            "texts": {
                "text": q["text"],
                "guidance": q["guidance"],
                "evidence_examples": q["evidence"],
                "unit": q["unit"],
                "levels": q["levels"],
                "na_reasons": q["na_reasons"],
            },
        }
        question = _upsert(
            Question,
            existing_questions,
            "code",
            [row],
            {**parent, "phase": phases[q["phase"]], "focus_area": focus_areas[q["focus_area"]]},
        )[q["code"]]
        question.standards.set([standards[code] for code in q["standards"]])
    loaded = {q["code"] for q in content["questions"]}
    retired = [
        q.pk for code, q in existing_questions.items() if code not in loaded and not q.retired
    ]
    Question.objects.filter(pk__in=retired).update(retired=True)
    return LoadResult(
        framework,
        created=created,
        changed=True,
        questions_added=added,
        questions_updated=len(loaded) - added,
        questions_retired=len(retired),
    )


def _list_texts(obj, field):
    """A translated list (levels, N/A reasons) back to the file format."""
    french = obj.translations.get("fr", {}).get(field)
    english = list(getattr(obj, field))
    if not french:
        return english
    return [{"en": en, "fr": fr} for en, fr in zip(english, french, strict=True)]


def _texts(obj, field):
    """Back to the file format: a plain string, or {en:, fr:} when translated."""
    value = getattr(obj, field)
    others = {lang: t[field] for lang, t in obj.translations.items() if t.get(field)}
    return {"en": value, **others} if others else value


def export_content(framework):
    """The framework as plain data in the content-file format (loadable again)."""
    questions = (
        framework.questions.filter(retired=False)
        .select_related("phase", "focus_area")
        .prefetch_related("standards")
        .order_by("order")
    )
    standards_by_pillar = {}
    for standard in framework.standards.order_by("order"):
        standards_by_pillar.setdefault(standard.pillar_id, []).append(standard)

    def question(q):
        data = {
            "code": q.code,
            "phase": q.phase.number,
            "focus_area": q.focus_area.code,
            "standards": [s.code for s in sorted(q.standards.all(), key=lambda s: s.order)],
            "text": _texts(q, "text"),
            "guidance": _texts(q, "guidance"),
            "evidence": _texts(q, "evidence_examples"),
            "answer_type": q.answer_type,
            "weight": q.weight,
            "mandatory": q.mandatory,
            "na_allowed": q.na_allowed,
            "assesses_standards": q.assesses_standards,
        }
        if q.na_reasons:
            data["na_reasons"] = _list_texts(q, "na_reasons")
        if q.answer_type == "maturity":
            data["target"] = int(q.target)
            data["levels"] = _list_texts(q, "levels")
        elif q.answer_type == "number":
            data |= {"unit": _texts(q, "unit"), "target": q.target, "better": q.better}
            data["number_kind"] = q.number_kind
        if q.unverified:
            data["unverified"] = q.unverified
        return data

    return {
        "framework": {
            "code": framework.code,
            "title": _texts(framework, "title"),
            "edition": framework.edition,
            "description": _texts(framework, "description"),
            **({"unverified": framework.unverified} if framework.unverified else {}),
        },
        "phases": [
            {
                "number": p.number,
                "title": _texts(p, "title"),
                "description": _texts(p, "description"),
            }
            for p in framework.phases.all()
        ],
        "focus_areas": [
            {"code": f.code, "title": _texts(f, "title"), "description": _texts(f, "description")}
            for f in framework.focus_areas.all()
        ],
        "pillars": [
            {
                "code": p.code,
                "title": _texts(p, "title"),
                "standards": [
                    {
                        "code": s.code,
                        "kind": s.kind,
                        "title": _texts(s, "title"),
                        "summary": _texts(s, "summary"),
                        **({"unverified": s.unverified} if s.unverified else {}),
                        **({"references": s.references} if s.references else {}),
                    }
                    for s in standards_by_pillar.get(p.pk, [])
                ],
            }
            for p in framework.pillars.all()
        ],
        "questions": [question(q) for q in questions],
    }
