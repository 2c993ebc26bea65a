"""E-mail coordinators before their administration's re-assessment is due and when it is
overdue. Run daily by a scheduler (docs/monitoring.md); running it again the same day, or
after a failure, never repeats a reminder."""

import os
from datetime import date

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone

from assessments import monitoring, selectors, services
from assessments.models import Administration


class Command(BaseCommand):
    help = "Send re-assessment reminders that are due today (idempotent; run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (tests, catch-up)")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be sent.")
        parser.add_argument(
            "--base-url",
            default=os.environ.get("SITE_URL", ""),
            help="Start of the links in the e-mails, e.g. https://safe.example.org",
        )

    def handle(self, *args, today=None, dry_run=False, base_url="", **options):
        today = today or timezone.localdate()
        sent = 0
        for administration in Administration.objects.order_by("name"):
            cycle = selectors.cycle_of(administration, today)
            kind = monitoring.reminder_due(today, cycle.due, cycle.reminder_days)
            if kind is None:
                continue
            if dry_run:
                self.stdout.write(f"would send {kind} ({cycle.due}): {administration.name}")
                continue
            link = base_url.rstrip("/") + reverse("monitoring", args=[administration.pk])
            written = services.send_reminder(administration, cycle.due, kind, cycle.months, link)
            if written is not None:
                sent += 1
                self.stdout.write(
                    f"sent {kind} ({cycle.due}) to {written} coordinator(s): {administration.name}"
                )
        self.stdout.write(f"reminders_sent={sent}")
