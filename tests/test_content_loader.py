"""The content loader: good files load, bad files are refused with file, place and reason."""

import json
import textwrap

import pytest
from django.core.management import CommandError, call_command

from assessments.content import ContentError, export_content, load_content, read_content
from assessments.models import Answer, Framework, Question, Standard
from tests.conftest import DATA

pytestmark = pytest.mark.django_db


def write(tmp_path, text, name="content.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def tiny_with(tmp_path, old, new):
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    assert old in text, old
    return write(tmp_path, text.replace(old, new, 1))


def test_good_file_loads_every_kind_of_content(tiny):
    assert tiny.phases.count() == 3
    assert list(tiny.focus_areas.values_list("code", flat=True)) == ["AEI", "AEO"]
    assert tiny.standards.filter(kind=Standard.Kind.AEO_CRITERION).count() == 1
    question = tiny.questions.get(code="T-AEI-01")
    assert question.levels[4] == "All modes, enforced."
    assert question.target == 4
    assert sorted(question.standards.values_list("code", flat=True)) == ["P1-06"]
    assert question.tr("text", "fr") == "Existe-t-il une base juridique ?"
    assert question.tr("guidance", "fr") == "Look at the customs code."  # falls back to English
    number = tiny.questions.get(code="T-ME-01")
    assert (number.unit, number.target, number.better) == ("%", 90, "higher")


def test_reloading_the_same_file_changes_nothing(tiny):
    result = load_content(DATA / "tiny.yaml")
    assert result.changed is False
    assert Framework.objects.count() == 1
    assert Question.objects.count() == 7


def test_changed_file_updates_texts_and_keeps_answers(tmp_path, tiny, assessment, editor):
    question = tiny.questions.get(code="T-AEI-01")
    Answer.objects.create(assessment=assessment, question=question, maturity=2)
    path = tiny_with(
        tmp_path, "Look at the customs code.", "Look at the customs code and its decrees."
    )
    result = load_content(path)
    assert result.changed and result.questions_updated == 7 and result.questions_added == 0
    question.refresh_from_db()
    assert question.guidance == "Look at the customs code and its decrees."
    assert Answer.objects.get(question=question).maturity == 2


def test_question_removed_from_file_is_retired_not_deleted(tmp_path, tiny):
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    text = text[: text.index("  - code: T-PI-01")]
    result = load_content(write(tmp_path, text))
    assert result.questions_retired == 1
    assert Question.objects.get(code="T-PI-01").retired is True


def test_new_edition_is_added_beside_the_old_one(tmp_path, tiny):
    load_content(tiny_with(tmp_path, "code: tiny-2021", "code: tiny-2025"))
    assert set(Framework.objects.values_list("code", flat=True)) == {"tiny-2021", "tiny-2025"}
    assert Question.objects.filter(code="T-AEI-01").count() == 2


@pytest.mark.parametrize(
    ("old", "new", "code", "place"),
    [
        ("standards: [P1-06, P1-04]", "standards: [P1-06, P9-99]", "unknown_standard", "T-AEI-02"),
        ("weight: 3", "weight: 0", "bad_weight", "T-AEI-01"),
        ("weight: 3", "weight: heavy", "bad_weight", "T-AEI-01"),
        ("      - All modes, enforced.\n", "", "levels", "T-AEI-01"),
        ("code: T-AEO-02", "code: T-AEO-01", "duplicate_code", "T-AEO-01"),
        (
            "focus_area: AEO\n    standards: [P2-03, AEO-G]",
            "focus_area: XX\n    standards: [P2-03, AEO-G]",
            "unknown_focus_area",
            "T-AEO-01",
        ),  # noqa: E501
        ("phase: 3", "phase: 7", "unknown_phase", "T-ME-01"),
        (
            "answer_type: yes_no\n    weight: 1",
            "answer_type: slider\n    weight: 1",
            "unknown_answer_type",
            "T-AEO-02",
        ),  # noqa: E501
        ("    target: 90\n", "", "bad_target", "T-ME-01"),
        (
            "text: Is advance data checked automatically?",
            "text: {fr: Seulement en français}",
            "missing_english",
            "T-AEI-02",
        ),  # noqa: E501
    ],
)
def test_bad_file_is_refused_with_place_and_reason(tmp_path, old, new, code, place):
    path = tiny_with(tmp_path, old, new)
    with pytest.raises(ContentError) as error:
        read_content(path)
    assert code in error.value.codes
    message = str(error.value)
    assert str(path) in message
    assert place in message
    assert "line " in message


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "framework:\n  code: x\n  title: [unclosed\n")
    with pytest.raises(ContentError) as error:
        read_content(path)
    assert error.value.codes == {"yaml"}
    assert error.value.problems[0].line is not None


def test_refused_file_leaves_the_database_unchanged(tmp_path, tiny):
    before = list(Question.objects.order_by("pk").values_list("code", "text", "weight"))
    path = tiny_with(tmp_path, "weight: 3", "weight: -1")
    path.write_text(path.read_text().replace("Is there a legal basis", "CHANGED"))
    with pytest.raises(ContentError):
        load_content(path)
    assert list(Question.objects.order_by("pk").values_list("code", "text", "weight")) == before


def test_command_exits_with_error_naming_file_place_and_reason(tmp_path, db):
    path = tiny_with(tmp_path, "standards: [P1-06, P1-04]", "standards: [P1-06, P9-99]")
    with pytest.raises(CommandError) as error:
        call_command("load_framework", str(path))
    assert "unknown standard 'P9-99'" in str(error.value)
    assert "T-AEI-02" in str(error.value)
    assert Framework.objects.count() == 0


def test_command_exit_status_is_1_for_a_bad_file(tmp_path, db):
    from django.core.management import execute_from_command_line

    path = tiny_with(tmp_path, "weight: 3", "weight: 0")
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "load_framework", str(path)])
    assert exit_.value.code == 1


def test_export_then_load_gives_the_same_content(tmp_path, tiny, capsys):
    call_command("export_framework", "tiny-2021")
    exported = json.loads(capsys.readouterr().out)
    assert {q["code"] for q in exported["questions"]} >= {"T-AEI-01", "T-ME-01"}
    first = next(q for q in exported["questions"] if q["code"] == "T-AEI-02")
    assert first["standards"] == ["P1-06", "P1-04"]
    assert first["phase"] == 1 and first["focus_area"] == "AEI" and first["weight"] == 1
    # Load the export under another code and export that: the content is the same.
    exported["framework"]["code"] = "tiny-copy"
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    copy = load_content(path).framework
    again = export_content(copy)
    again["framework"]["code"] = "tiny-2021"
    exported["framework"]["code"] = "tiny-2021"
    assert again == exported


# Translation files ---------------------------------------------------------------------------

FRENCH = """\
language: fr
questions:
  T-AEI-02:
    text: Les données préalables sont-elles contrôlées automatiquement ?
    levels: [Aucun contrôle., Contrôle manuel., Quelques contrôles., Surtout automatique.,
             Tout automatique.]
  T-ME-01:
    unit: "% des manifestes"
"""


def tiny_with_french(tmp_path, french=FRENCH):
    main = tmp_path / "tiny.yaml"
    main.write_text((DATA / "tiny.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "tiny.fr.yaml").write_text(textwrap.dedent(french), encoding="utf-8")
    return main


def test_translation_file_beside_the_content_is_loaded(tmp_path, db):
    framework = load_content(tiny_with_french(tmp_path)).framework
    question = framework.questions.get(code="T-AEI-02")
    assert question.tr("text", "fr").startswith("Les données préalables")
    assert question.tr("levels", "fr")[4] == "Tout automatique."
    assert question.tr("levels", "en")[4] == "Fully automatic and measured."
    assert framework.questions.get(code="T-ME-01").tr("unit", "fr") == "% des manifestes"


def test_changed_translation_is_reloaded(tmp_path, db):
    main = tiny_with_french(tmp_path)
    load_content(main)
    (tmp_path / "tiny.fr.yaml").write_text(FRENCH.replace("Tout automatique.", "Entièrement."))
    assert load_content(main).changed is True
    question = Question.objects.get(code="T-AEI-02")
    assert question.tr("levels", "fr")[4] == "Entièrement."


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("T-ME-01:", "T-XX-99:", "unknown_question"),
        ("Tout automatique.]", "]", "levels"),
        ("language: fr", "language: de", "language"),
        ("    unit:", "    weight:", "unknown_key"),
    ],
)
def test_bad_translation_is_refused_with_file_and_reason(tmp_path, db, old, new, code):
    main = tiny_with_french(tmp_path, FRENCH.replace(old, new))
    with pytest.raises(ContentError) as error:
        load_content(main)
    assert code in error.value.codes
    assert "tiny.fr.yaml" in str(error.value)
    assert Framework.objects.count() == 0


# Not applicable, number kinds, standards assessed ---------------------------------------------


def test_not_applicable_is_refused_unless_the_content_allows_it(tiny):
    allowed = tiny.questions.get(code="T-AEI-02")
    assert allowed.na_allowed is True
    assert allowed.na_reasons == ["No land border"]
    assert allowed.tr("na_reasons", "fr") == ["Pas de frontière terrestre"]
    assert tiny.questions.get(code="T-AEI-01").na_allowed is False


def test_number_kind_is_guessed_from_the_unit_or_read_from_the_file(tmp_path, tiny):
    assert tiny.questions.get(code="T-ME-01").number_kind == "percentage"
    framework = load_content(tiny_with(tmp_path, "better: higher", "number_kind: amount")).framework
    assert framework.questions.get(code="T-ME-01").number_kind == "amount"


def test_phase_2_and_3_questions_only_trace_to_their_standards_by_default(tiny):
    assessed = dict(tiny.questions.values_list("code", "assesses_standards"))
    assert assessed["T-AEI-01"] is True
    assert assessed["T-ME-01"] is False and assessed["T-PI-01"] is False


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("    better: higher\n", "    number_kind: litres\n", "unknown_number_kind"),
        ("    target: 90\n", "    target: 120\n", "bad_target"),
        ("    target: 4\n", "    target: 4\n    na_reasons: [No sea]\n", "na_reasons_without_na"),
        ("    target: 4\n", "    target: 4\n    na_allowed: maybe\n", "wrong_type"),
    ],
)
def test_bad_not_applicable_or_number_kind_is_refused(tmp_path, old, new, code):
    with pytest.raises(ContentError) as error:
        read_content(tiny_with(tmp_path, old, new))
    assert code in error.value.codes


def test_the_safe_content_allows_not_applicable_only_where_a_mode_can_be_absent(db):
    from tests.conftest import ROOT

    content = read_content(ROOT / "fixtures" / "safe-2021.yaml")
    allowed = {q["code"] for q in content["questions"] if q["na_allowed"]}
    assert allowed == {
        "NA-AEI-06", "NA-AEI-07", "NA-AEI-08", "NA-AEI-09", "NA-AEO-26", "ME-AEI-02",
    }  # fmt: skip
    kinds = {q["code"]: q["number_kind"] for q in content["questions"] if q["number_kind"]}
    assert kinds["ME-AEO-01"] == "count" and kinds["ME-RM-02"] == "hours"
    assert set(kinds.values()) == {"count", "percentage", "hours"}
