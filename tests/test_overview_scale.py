"""The full-scale demo world: the WCO Members fixture and `seed_demo --scale full`."""

import io

import pycountry
import pytest

from assessments.management.scale import members, seed_full
from assessments.models import (
    Administration,
    Answer,
    Assessment,
    Indicator,
    Measurement,
    Plan,
    Region,
)
from assessments.selectors import overview

pytestmark = pytest.mark.django_db


def test_the_members_fixture_lists_186_members_in_the_six_regions(regions):
    rows = members()
    assert len(rows) == 186
    assert len({r["iso"] for r in rows}) == 186
    assert {r["region"] for r in rows} == set(regions)
    assert {r["certain"] for r in rows} == {"yes", "no"}
    unknown = [r["iso"] for r in rows if pycountry.countries.get(alpha_2=r["iso"]) is None]
    assert unknown == ["XK", "EU"]  # user-assigned codes, said so in the file


def test_full_scale_gives_every_member_three_complete_cycles(tiny, regions, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(
        "# test\niso,name,region,certain\nKE,Kenya,ESA,yes\nSN,Senegal,WCA,yes\n"
        "FR,France,EUR,yes\n", encoding="utf-8"
    )  # fmt: skip
    out = io.StringIO()
    counts = seed_full(tiny, out, members_path=path)
    assert counts["administrations"] == 3
    assert Assessment.objects.count() == 3 * 3 * 3  # members x cycles x phases
    per_assessment = {1: 5, 2: 1, 3: 1}  # tiny.yaml questions per phase
    assert Answer.objects.count() == 3 * 3 * sum(per_assessment.values())
    assert Plan.objects.count() == 3
    # tiny.yaml has one Phase 3 number question (T-ME-01, %, target 90): one indicator each,
    # with two years of quarterly measurements, every value a percentage
    assert counts["indicators"] == 3
    values = list(Measurement.objects.values_list("value", flat=True))
    assert len(values) == 3 * 8 and all(0 <= v <= 100 for v in values)
    assert "100% (3/3)" in out.getvalue()
    rows = overview.overview()
    assert all(r.index is not None and r.change is not None for r in rows)
    assert all(r.actions_total for r in rows)

    seed_full(tiny, io.StringIO(), members_path=path)  # twice: nothing more
    assert Assessment.objects.count() == 27 and Administration.objects.count() == 3
    assert Indicator.objects.count() == 3


def test_existing_administrations_keep_their_data(tiny, regions, administration, tmp_path):
    from tests.conftest import start

    start(None, administration, tiny)
    path = tmp_path / "members.csv"
    path.write_text("iso,name,region,certain\nCI,Côte d'Ivoire,WCA,yes\n", encoding="utf-8")
    seed_full(tiny, io.StringIO(), members_path=path)
    assert Assessment.objects.count() == 1
    assert Region.objects.get(code="WCA").administrations.count() == 1
