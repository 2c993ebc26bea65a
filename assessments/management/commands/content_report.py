from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments import content_report
from assessments.content import ContentError, read_content


class Command(BaseCommand):
    help = (
        "Print, for an edition's content file, each standard's questions, standards below two "
        "scored questions, unverified markers and missing French texts. Exits 1 on errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="an edition code (safe-2025) or a content file path")

    def handle(self, edition, **options):
        path = Path(edition)
        if not path.suffix:
            path = Path(settings.BASE_DIR) / "fixtures" / f"{edition}.yaml"
        try:
            report = content_report.build(read_content(path))
        except ContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(content_report.as_text(report))
        if report.errors:
            raise CommandError(f"{len(report.errors)} error(s): " + "; ".join(report.errors))
