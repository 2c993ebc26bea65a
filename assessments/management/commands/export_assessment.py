"""Write one assessment as a JSON document another installation can import."""

import json

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Assessment
from assessments.services.transfer import export_assessment


class Command(BaseCommand):
    help = "Export a complete assessment (answers, evidence metadata, history) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", type=int)
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, assessment_id, output=None, **options):
        assessment = Assessment.objects.filter(pk=assessment_id).first()
        if assessment is None:
            raise CommandError(f"No assessment {assessment_id}.")
        text = json.dumps(export_assessment(assessment), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text)
