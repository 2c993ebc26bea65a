"""Restore an assessment exported by `export_assessment` (or the JSON download)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from assessments.models import Administration
from assessments.services.transfer import import_assessment


class Command(BaseCommand):
    help = "Import an assessment JSON document; nothing is written unless all of it is valid."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--administration",
            help="ISO country code of the administration (default: the one in the document).",
        )

    def handle(self, path, administration=None, **options):
        target = None
        if administration:
            target = Administration.objects.filter(country=administration.upper()).first()
            if target is None:
                raise CommandError(f"No administration with country code {administration}.")
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            assessment = import_assessment(None, data, target)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"{path}: {error}") from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported assessment {assessment.pk}: {assessment}"))
