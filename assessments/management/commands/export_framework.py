import json

from django.core.management.base import BaseCommand, CommandError

from assessments.content import export_content
from assessments.models import Framework


class Command(BaseCommand):
    help = "Print a framework's content as JSON (the content-file format; loadable again)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="framework code, e.g. safe-2021")

    def handle(self, code, **options):
        try:
            framework = Framework.objects.get(code=code)
        except Framework.DoesNotExist as error:
            raise CommandError(f"No framework with code '{code}'.") from error
        self.stdout.write(json.dumps(export_content(framework), ensure_ascii=False, indent=2))
