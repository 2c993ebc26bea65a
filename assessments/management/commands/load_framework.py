from django.core.management.base import BaseCommand, CommandError

from assessments.content import ContentError, load_content


class Command(BaseCommand):
    help = "Validate a SAFE framework content file (YAML) and load it in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. fixtures/safe-2021.yaml")

    def handle(self, path, **options):
        try:
            result = load_content(path)
        except ContentError as error:
            raise CommandError(f"Refused; nothing was written.\n{error}") from error
        framework = result.framework
        if not result.changed:
            self.stdout.write(f"{framework.code}: unchanged, nothing to do.")
            return
        verb = "loaded" if result.created else "updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{framework.code} {verb}: {result.questions_added} questions added, "
                f"{result.questions_updated} updated, {result.questions_retired} retired."
            )
        )
