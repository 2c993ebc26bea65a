"""`manage.py content_report`: what a content maintainer checks before publishing."""

import pytest
from django.core.management import CommandError, call_command

from assessments import content_report, editions
from assessments.content import load_content, read_content
from assessments.models import Framework
from tests.conftest import DATA, ROOT

SAFE_2025 = ROOT / "fixtures" / "safe-2025.yaml"


@pytest.mark.parametrize("edition", ["safe-2021", "safe-2025"])
def test_the_published_editions_have_no_gap_the_report_calls_an_error(edition):
    report = content_report.build(read_content(ROOT / "fixtures" / f"{edition}.yaml"))
    assert report.errors == []
    assert report.thin == [] and report.missing_french == []


def test_the_2025_edition_marks_what_is_not_verified():
    report = content_report.build(read_content(SAFE_2025))
    places = [place for place, _note in report.unverified]
    assert "framework" in places  # the four key areas, only two of them verified
    assert "NA-AEI-05" in places  # lead times


def test_the_report_lists_thin_standards_and_fails_the_command(capsys):
    with pytest.raises(CommandError, match="P1-04: 1 scored question"):
        call_command("content_report", str(DATA / "tiny.yaml"))
    out = capsys.readouterr().out
    assert "P1-04 Risk-management systems: T-AEI-02 (maturity)" in out
    assert "Standards below 2 scored questions: 2\n  P1-04: 1\n  AEO-G: 1" in out


def test_both_editions_and_their_mapping_load_side_by_side(safe):
    newer = load_content(SAFE_2025).framework
    mapping, changed = editions.load_mapping(ROOT / "fixtures" / "safe-2021-to-2025.yaml")
    assert changed and Framework.newest() == newer
    changes = editions.changes_between(safe, newer)
    assert sorted(q.code for q in changes.new) == ["NA-AEO-35", "NA-RM-25"]
    assert changes.retired == [] and changes.unchanged == safe.questions.count()
