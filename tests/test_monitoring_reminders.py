"""Re-assessment reminders: the daily `send_reminders` command e-mails coordinators before
the due date and when it is overdue, in English and French, never twice."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from assessments import services
from assessments.models import Assessment, ReminderSent
from assessments.monitoring import add_months
from tests.conftest import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def validated_on(coordinator, reviewer, administration, tiny):
    """A validated Phase 1 assessment; returns the day it was validated."""
    a = start(coordinator, administration, tiny)
    Assessment.objects.filter(pk=a.pk).update(status="submitted")
    a.refresh_from_db()
    services.validate(reviewer, a, "ok")
    return a.validated_at.date()


def run(day):
    out = StringIO()
    call_command("send_reminders", today=day, stdout=out)
    return out.getvalue()


def test_no_reminder_long_before_the_due_date(validated_on, coordinator):
    assert "reminders_sent=0" in run(validated_on + timedelta(days=300))
    assert mail.outbox == []


def test_coordinators_are_reminded_before_the_due_date_once(
    validated_on, coordinator, editor, administration
):
    services.set_rhythm(coordinator, administration, 12, 30)
    due = add_months(validated_on, 12)
    output = run(due - timedelta(days=10))
    assert "reminders_sent=1" in output
    (message,) = mail.outbox
    assert message.to == [coordinator.email]  # coordinators only, not editors
    assert f"is due on {due:%Y-%m-%d}" in message.body
    assert f"doit être faite le {due:%Y-%m-%d}" in message.body  # and in French
    assert "/monitoring/" in message.body
    run(due - timedelta(days=10))
    run(due - timedelta(days=9))
    assert len(mail.outbox) == 1  # idempotent: the same reminder is never sent twice


def test_an_overdue_reminder_follows_the_due_soon_one(validated_on, coordinator, administration):
    services.set_rhythm(coordinator, administration, 12, 30)
    due = add_months(validated_on, 12)
    run(due - timedelta(days=5))
    run(due + timedelta(days=1))
    run(due + timedelta(days=2))
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "SAFE self-assessment due soon / Auto-évaluation SAFE bientôt due",
        "SAFE self-assessment overdue / Auto-évaluation SAFE en retard",
    ]
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"before", "overdue"}


def test_dry_run_sends_nothing(validated_on, coordinator, administration):
    services.set_rhythm(coordinator, administration, 12, 30)
    due = add_months(validated_on, 12)
    out = StringIO()
    call_command("send_reminders", today=due + timedelta(days=3), dry_run=True, stdout=out)
    assert "would send overdue" in out.getvalue()
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_no_validated_assessment_no_reminder(coordinator, administration):
    assert "reminders_sent=0" in run(date(2030, 1, 1))
