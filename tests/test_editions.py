"""Editions: a mapping file between two editions is validated whole, and answers carry over
along it (hand-made pair: tests/data/tiny.yaml -> tests/data/tiny-2025.yaml)."""

from datetime import date

import pytest
from django.urls import reverse

from assessments import editions, selectors, services
from assessments.content import ContentError, load_content
from assessments.models import EditionMapping, Question
from assessments.scoring import score_assessment
from tests.conftest import DATA

MAPPING = DATA / "tiny-2021-to-2025.yaml"


@pytest.fixture
def newer(tiny):
    return load_content(DATA / "tiny-2025.yaml").framework


def write_mapping(tmp_path, text):
    path = tmp_path / "mapping.yaml"
    path.write_text(MAPPING.read_text().replace(*text))
    return path


def test_a_mapping_sorts_questions_into_carried_over_renumbered_retired_and_new(tiny, newer):
    editions.load_mapping(MAPPING)
    changes = editions.changes_between(tiny, newer)
    assert [q.code for q in changes.new] == ["T-AEO-04"]
    assert [q.code for q in changes.retired] == ["T-AEO-02"]
    assert [(a.code, b.code) for a, b in changes.renumbered] == [("T-AEI-02", "T-AEI-02B")]
    assert changes.unchanged == 6 and changes.reworded == []


def test_loading_the_same_mapping_twice_writes_nothing_the_second_time(tiny, newer):
    assert editions.load_mapping(MAPPING)[1] is True
    assert editions.load_mapping(MAPPING)[1] is False


@pytest.mark.parametrize(
    ("replace", "code", "line"),
    [
        (
            ("{from: T-AEI-01, to: T-AEI-01}", "{from: T-AEI-09, to: T-AEI-01}"),
            "unknown_question",
            6,
        ),
        (
            ("{from: T-AEO-03, to: T-AEO-03}", "{from: T-AEI-01, to: T-AEO-03}"),
            "duplicate_mapping",
            10,
        ),
        (
            ("{from: T-AEO-03, to: T-AEO-03}", "{from: T-AEO-03, to: T-AEI-01}"),
            "duplicate_mapping",
            10,
        ),
        (("  - {to: T-AEO-04, new: true}\n", ""), "unmapped_question", None),
        (("{from: T-AEO-02, retired: true}", "{from: T-AEO-02}"), "bad_line", 9),
        (("from: tiny-2021\n", "from: tiny-1999\n"), "unknown_edition", 3),
    ],
)
def test_a_bad_mapping_is_refused_whole_with_line_and_reason(
    tmp_path, tiny, newer, replace, code, line
):
    path = write_mapping(tmp_path, replace)
    with pytest.raises(ContentError) as error:
        editions.load_mapping(path)
    assert code in error.value.codes
    problem = next(p for p in error.value.problems if p.code == code)
    assert problem.line == line
    assert str(path) in str(error.value)
    assert not EditionMapping.objects.exists()


def test_a_new_edition_assessment_carries_mapped_answers_over_and_leaves_new_questions_open(
    tiny, newer, administration, coordinator
):
    editions.load_mapping(MAPPING)
    old = start(coordinator, administration, tiny)
    by_code = {q.code: q for q in selectors.questions_of(old)}
    services.save_answers(
        coordinator,
        old,
        {
            by_code["T-AEI-01"]: ({"maturity": 2}, 0),
            by_code["T-AEI-02"]: ({"maturity": 3}, 0),
            by_code["T-AEO-01"]: ({"maturity": 1}, 0),
            by_code["T-AEO-02"]: ({"yes_no": True}, 0),
        },
    )
    new = start(coordinator, administration, newer, previous=old)

    copied = {a.question.code: a.maturity for a in new.answers.select_related("question")}
    assert copied == {"T-AEI-01": 2, "T-AEI-02B": 3, "T-AEO-01": 1}
    assert set(new.answers.values_list("carried_over_from", flat=True)) == {old.pk}  # to confirm
    assert not new.answers.filter(question__code__in=["T-AEO-02", "T-AEO-04"]).exists()
    before, after = scores(old), scores(new)
    for standard in ("P1-06", "P1-04"):  # rest only on mapped questions
        assert after.by_standard[standard].value == before.by_standard[standard].value


def test_the_framework_page_shows_what_changed_since_the_older_edition(client, tiny, newer, editor):
    editions.load_mapping(MAPPING)
    client.force_login(editor)
    page = client.get(reverse("framework_version", args=[newer.code])).content.decode()
    assert "Changes since tiny-2021" in page
    assert "T-AEO-04" in page and "T-AEO-02" in page and "T-AEI-02B" in page


def test_new_assessments_default_to_the_newest_edition(tiny, newer):
    assert selectors.default_framework() == newer
    assert Question.objects.filter(framework=tiny).exists()  # the older one stays loaded


def start(user, administration, framework, previous=None):
    return services.start_assessment(
        user,
        administration,
        framework.phases.get(number=1),
        f"Needs assessment {framework.edition}",
        date(framework.edition, 1, 1),
        date(framework.edition, 12, 31),
        previous=previous,
    )


def scores(assessment):
    records, _ = selectors.scoring_questions(assessment)
    return score_assessment(records, selectors.scoring_answers([assessment.pk])[assessment.pk])


def test_the_overview_lists_the_questions_new_in_the_edition(
    client, tiny, newer, administration, coordinator
):
    editions.load_mapping(MAPPING)
    old = start(coordinator, administration, tiny)
    new = start(coordinator, administration, newer, previous=old)
    client.force_login(coordinator)
    page = client.get(reverse("assessment_detail", args=[new.pk])).content.decode()
    assert "1 question is new in tiny-2025 and was not carried over." in page
    assert "T-AEO-04" in page
    same = start(coordinator, administration, tiny, previous=old)
    page = client.get(reverse("assessment_detail", args=[same.pk])).content.decode()
    assert 'id="new-questions"' not in page
