"""Read and validate a framework content file and its translation files: `read_content`
returns plain data or raises `ContentError` listing every problem with its line."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..instruments import INSTRUMENTS
from ..models import Question, Standard

LANGUAGES = ("en", "fr")
ANSWER_TYPES = {choice.value for choice in Question.AnswerType}
NUMBER_KINDS = {choice.value for choice in Question.NumberKind}
STANDARD_KINDS = {choice.value for choice in Standard.Kind}
LINE = "__line__"


@dataclass(frozen=True)
class Problem:
    line: int | None
    place: str
    reason: str
    code: str

    def __str__(self):
        where = f"line {self.line}" if self.line else "file"
        return f"{where} ({self.place}): {self.reason}" if self.place else f"{where}: {self.reason}"


class ContentError(Exception):
    def __init__(self, path, problems):
        self.path = str(path)
        self.problems = problems
        super().__init__(
            "\n".join(f"{self.path}: {problem}" for problem in problems)
            or f"{self.path}: invalid content"
        )

    @property
    def codes(self):
        return {problem.code for problem in self.problems}


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


class _Checker:
    """Collects problems while turning raw YAML data into normalised content."""

    def __init__(self):
        self.problems = []

    def fail(self, node, place, reason, code):
        line = node.get(LINE) if isinstance(node, dict) else None
        self.problems.append(Problem(line, place, reason, code))

    def mapping(self, node, place, key):
        value = node.get(key)
        if not isinstance(value, dict):
            self.fail(node, place, f"'{key}' must be a mapping", "wrong_type")
            return {}
        return value

    def items(self, node, place, key, required=True):
        value = node.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.fail(node, place, f"'{key}' must be a non-empty list", "wrong_type")
            return []
        good = [item for item in value if isinstance(item, dict)]
        if len(good) != len(value):
            self.fail(node, place, f"every entry of '{key}' must be a mapping", "wrong_type")
        return good

    def text(self, node, place, key, required=True):
        """A translatable text: a string (English) or {en: ..., fr: ...}."""
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.fail(node, place, f"'{key}' is required", "missing_key")
            return {"en": ""}
        if isinstance(value, str | int | float):
            return {"en": str(value).strip()}
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != LINE}
            unknown = set(value) - set(LANGUAGES)
            if unknown:
                self.fail(
                    node, place, f"'{key}' has unknown languages {sorted(unknown)}", "language"
                )
            if not isinstance(value.get("en"), str) or not value["en"].strip():
                self.fail(node, place, f"'{key}' needs English text (en)", "missing_english")
                return {"en": ""}
            return {lang: str(text).strip() for lang, text in value.items() if text}
        self.fail(node, place, f"'{key}' must be text", "wrong_type")
        return {"en": ""}

    def code(self, node, place, seen, kind):
        code = node.get("code")
        if not isinstance(code, str) or not code.strip():
            self.fail(node, place, f"{kind} without a 'code'", "missing_key")
            return None
        if code in seen:
            self.fail(node, code, f"{kind} code '{code}' is used twice", "duplicate_code")
        seen.add(code)
        return code


def _parse(path):
    """(bytes, data) of a YAML file whose top level is a mapping, or ContentError."""
    try:
        raw_bytes = path.read_bytes()
    except OSError as error:
        raise ContentError(path, [Problem(None, "", str(error), "unreadable")]) from error
    try:
        data = yaml.load(raw_bytes, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = f"not valid YAML: {getattr(error, 'problem', None) or error}"
        raise ContentError(path, [Problem(line, "", reason, "yaml")]) from error
    if not isinstance(data, dict):
        raise ContentError(path, [Problem(None, "", "the file must be a mapping", "wrong_type")])
    return raw_bytes, data


def translation_files(path):
    """Translation files kept beside a content file: safe-2021.fr.yaml for safe-2021.yaml."""
    path = Path(path)
    found = (path.with_name(f"{path.stem}.{lang}{path.suffix}") for lang in LANGUAGES[1:])
    return [p for p in found if p.exists()]


def read_content(path, translations=None):
    """Parse and validate a content file and its translation files; return normalised
    content or raise ContentError. Translations default to the files found beside it."""
    path = Path(path)
    raw_bytes, data = _parse(path)
    checker = _Checker()
    content = _normalise(checker, data)
    if checker.problems:
        raise ContentError(path, checker.problems)
    digest = hashlib.sha256(raw_bytes)
    for translation in translation_files(path) if translations is None else translations:
        translation = Path(translation)
        raw, overlay = _parse(translation)
        problems = _apply_translation(content, overlay)
        if problems:
            raise ContentError(translation, problems)
        digest.update(raw)
    content["checksum"] = digest.hexdigest()
    return content


TRANSLATED_FIELDS = {"text", "guidance", "evidence", "unit", "levels", "na_reasons"}
LIST_FIELDS = {"levels", "na_reasons"}  # translated item by item


def _apply_translation(content, overlay):
    """Add one language's question texts to normalised content; return problems found."""
    check = _Checker()
    language = overlay.get("language")
    if language not in LANGUAGES[1:]:
        check.fail(overlay, "language", f"'language' must be one of {LANGUAGES[1:]}", "language")
        return check.problems
    questions = {q["code"]: q for q in content["questions"]}
    entries = check.mapping(overlay, "questions", "questions")
    for code, fields in entries.items():
        if code == LINE:
            continue
        question = questions.get(code)
        if question is None:
            check.fail(overlay, code, f"unknown question '{code}'", "unknown_question")
            continue
        if not isinstance(fields, dict):
            check.fail(overlay, code, "a question's translation must be a mapping", "wrong_type")
            continue
        _translate_question(check, question, code, fields, language)
    return check.problems


def _translate_question(check, question, code, fields, language):
    for name, value in fields.items():
        if name == LINE:
            continue
        if name not in TRANSLATED_FIELDS:
            check.fail(fields, code, f"'{name}' cannot be translated", "unknown_key")
        elif name in LIST_FIELDS:
            if (
                not isinstance(value, list)
                or len(value) != len(question[name])
                or not all(isinstance(item, str) and item.strip() for item in value)
            ):
                what = "level" if name == "levels" else "reason"
                check.fail(fields, code, f"{name} must list one text per {what}", name)
                continue
            for item, text in zip(question[name], value, strict=True):
                item[language] = text.strip()
        elif not isinstance(value, str) or not value.strip():
            check.fail(fields, code, f"'{name}' must be text", "wrong_type")
        else:
            question[name][language] = value.strip()


def _normalise(check, data):
    fw = check.mapping(data, "framework", "framework")
    framework = {
        "code": fw.get("code"),
        "title": check.text(fw, "framework", "title"),
        "description": check.text(fw, "framework", "description", required=False),
        "edition": fw.get("edition"),
        "unverified": _note(check, fw, "framework"),
    }
    if not isinstance(framework["code"], str) or not framework["code"]:
        check.fail(fw, "framework", "'code' is required", "missing_key")
    if not isinstance(framework["edition"], int):
        check.fail(fw, "framework", "'edition' must be a year", "wrong_type")

    phases, numbers = [], set()
    for node in check.items(data, "phases", "phases"):
        number = node.get("number")
        if not isinstance(number, int) or number < 1:
            check.fail(
                node, "phases", "phase 'number' must be a positive whole number", "wrong_type"
            )
            continue
        if number in numbers:
            check.fail(node, f"phase {number}", "phase number is used twice", "duplicate_code")
        numbers.add(number)
        phases.append(
            {
                "number": number,
                "title": check.text(node, f"phase {number}", "title"),
                "description": check.text(node, f"phase {number}", "description", required=False),
            }
        )

    focus_areas, fa_codes = [], set()
    for node in check.items(data, "focus_areas", "focus_areas"):
        code = check.code(node, "focus_areas", fa_codes, "focus area")
        focus_areas.append(
            {
                "code": code,
                "title": check.text(node, code, "title"),
                "description": check.text(node, code, "description", required=False),
            }
        )

    pillars, pillar_codes, standard_codes = [], set(), set()
    for node in check.items(data, "pillars", "pillars"):
        code = check.code(node, "pillars", pillar_codes, "pillar")
        standards = []
        for snode in check.items(node, code, "standards"):
            scode = check.code(snode, code, standard_codes, "standard")
            kind = snode.get("kind", "standard")
            if kind not in STANDARD_KINDS:
                check.fail(snode, scode, f"unknown kind '{kind}'", "unknown_kind")
            standards.append(
                {
                    "code": scode,
                    "kind": kind,
                    "title": check.text(snode, scode, "title"),
                    "summary": check.text(snode, scode, "summary", required=False),
                    "unverified": _note(check, snode, scode),
                    "references": _references(check, snode, scode),
                }
            )
        pillars.append(
            {"code": code, "title": check.text(node, code, "title"), "standards": standards}
        )

    questions, question_codes = [], set()
    for node in check.items(data, "questions", "questions"):
        code = check.code(node, "questions", question_codes, "question")
        if code is not None:
            questions.append(_question(check, node, code, numbers, fa_codes, standard_codes))
    return {
        "framework": framework,
        "phases": phases,
        "focus_areas": focus_areas,
        "pillars": pillars,
        "questions": questions,
    }


def _references(check, node, code):
    """The instruments a standard's recommendations name: known keys only."""
    references = node.get("references", [])
    if not isinstance(references, list):
        check.fail(node, code, "'references' must be a list", "wrong_type")
        return []
    for key in references:
        if key not in INSTRUMENTS:
            check.fail(node, code, f"unknown instrument '{key}'", "unknown_instrument")
    return [key for key in references if key in INSTRUMENTS]


def _question(check, node, code, phases, focus_areas, standards):
    answer_type = node.get("answer_type")
    if answer_type not in ANSWER_TYPES:
        check.fail(node, code, f"unknown answer_type '{answer_type}'", "unknown_answer_type")
    if node.get("phase") not in phases:
        check.fail(node, code, f"unknown phase '{node.get('phase')}'", "unknown_phase")
    if node.get("focus_area") not in focus_areas:
        check.fail(
            node, code, f"unknown focus area '{node.get('focus_area')}'", "unknown_focus_area"
        )
    refs = node.get("standards")
    if not isinstance(refs, list) or not refs:
        check.fail(node, code, "'standards' must list at least one standard", "missing_standard")
        refs = []
    for ref in refs:
        if ref not in standards:
            check.fail(node, code, f"unknown standard '{ref}'", "unknown_standard")
    weight = node.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        check.fail(node, code, f"weight must be a number above zero, not '{weight}'", "bad_weight")
    mandatory = node.get("mandatory", True)
    if not isinstance(mandatory, bool):
        check.fail(node, code, "'mandatory' must be true or false", "wrong_type")
    na_allowed, na_reasons = _not_applicable(check, node, code)
    assesses = node.get("assesses_standards", node.get("phase") == 1)
    if not isinstance(assesses, bool):
        check.fail(node, code, "'assesses_standards' must be true or false", "wrong_type")

    levels, target, unit = [], node.get("target"), {"en": ""}
    better, number_kind = node.get("better", "higher"), ""
    if answer_type == "maturity":
        raw_levels = node.get("levels")
        if not isinstance(raw_levels, list) or len(raw_levels) != 5:
            check.fail(
                node, code, "a maturity question needs exactly 5 level descriptors", "levels"
            )
        else:
            levels = [
                check.text({"level": level, LINE: node[LINE]}, code, "level")
                for level in raw_levels
            ]
        target = 3 if target is None else target
        if not isinstance(target, int) or not 0 <= target <= 4:
            check.fail(node, code, "a maturity target must be a level from 0 to 4", "bad_target")
    elif answer_type == "number":
        unit = check.text(node, code, "unit")
        if isinstance(target, bool) or not isinstance(target, int | float):
            check.fail(node, code, "a number question needs a numeric 'target'", "bad_target")
        if better not in ("higher", "lower"):
            check.fail(node, code, "'better' must be 'higher' or 'lower'", "wrong_type")
        number_kind = _number_kind(check, node, code, unit["en"], target)
    else:
        target = None
    return {
        "code": code,
        "phase": node.get("phase"),
        "focus_area": node.get("focus_area"),
        "standards": list(refs),
        "text": check.text(node, code, "text"),
        "guidance": check.text(node, code, "guidance", required=False),
        "evidence": check.text(node, code, "evidence", required=False),
        "answer_type": answer_type,
        "levels": levels,
        "weight": weight,
        "mandatory": mandatory,
        "target": target,
        "unit": unit,
        "better": better if answer_type == "number" else "higher",
        "number_kind": number_kind,
        "na_allowed": na_allowed,
        "na_reasons": na_reasons,
        "assesses_standards": assesses,
        "unverified": _note(check, node, code),
    }


def _not_applicable(check, node, code):
    """(na_allowed, reasons): N/A is refused unless the content allows it for the question."""
    allowed = node.get("na_allowed", False)
    if not isinstance(allowed, bool):
        check.fail(node, code, "'na_allowed' must be true or false", "wrong_type")
        allowed = False
    raw = node.get("na_reasons")
    if raw is None:
        return allowed, []
    if not allowed:
        check.fail(node, code, "'na_reasons' needs 'na_allowed: true'", "na_reasons_without_na")
        return allowed, []
    if not isinstance(raw, list) or not raw:
        check.fail(node, code, "'na_reasons' must be a non-empty list", "wrong_type")
        return allowed, []
    return allowed, [check.text({"reason": r, LINE: node[LINE]}, code, "reason") for r in raw]


def _number_kind(check, node, code, unit, target):
    """count | percentage | hours | amount; without `number_kind`, guessed from the unit."""
    default = {"%": "percentage", "hours": "hours", "h": "hours"}.get(unit.strip(), "amount")
    kind = node.get("number_kind", default)
    if kind not in NUMBER_KINDS:
        check.fail(node, code, f"unknown number_kind '{kind}'", "unknown_number_kind")
        return default
    if isinstance(target, int | float) and not isinstance(target, bool):
        if kind == "percentage" and not 0 <= target <= 100:
            check.fail(node, code, "a percentage target must be from 0 to 100", "bad_target")
        if kind == "count" and target != int(target):
            check.fail(node, code, "a count target must be a whole number", "bad_target")
    return kind


def _note(check, node, place):
    """`unverified`: a plain note (English) of what a WCO reviewer should confirm."""
    value = node.get("unverified", "")
    if not isinstance(value, str):
        check.fail(node, place, "'unverified' must be a text", "wrong_type")
        return ""
    return " ".join(value.split())
