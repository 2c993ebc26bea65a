"""The demo shows monitoring to a newcomer: Côte d'Ivoire's indicators with two years of
measurements and one validated monitoring review against its baseline."""

import pytest
from django.core.management import call_command

from assessments.models import Indicator, Measurement, MonitoringReview

pytestmark = pytest.mark.django_db


def test_the_demo_has_indicators_measurements_and_a_validated_review(regions, safe, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    indicators = Indicator.objects.filter(administration__country="CI")
    assert indicators.count() == 10
    assert set(indicators.values_list("disclosure", flat=True)) == {
        "administration", "reviewers", "donors",
    }  # fmt: skip
    days = Measurement.objects.filter(indicator__in=indicators).dates("measured_on", "day")
    assert (days.last() - days.first()).days >= 700  # two years
    assert indicators.filter(actions__isnull=False).exists()  # linked to the plan's actions
    review = MonitoringReview.objects.get()
    assert (review.status, review.baseline.status) == ("validated", "validated")
    assert review.follow_up is not None and review.shared_with_donors
    call_command("seed_demo")
    assert Measurement.objects.count() == 10 * 9
    assert MonitoringReview.objects.count() == 1
