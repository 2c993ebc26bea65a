from django.core.management.base import BaseCommand, CommandError

from assessments.content import ContentError
from assessments.editions import load_mapping


class Command(BaseCommand):
    help = "Validate a mapping file between two loaded editions and load it in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", help="e.g. fixtures/safe-2021-to-2025.yaml")

    def handle(self, path, **options):
        try:
            mapping, changed = load_mapping(path)
        except ContentError as error:
            raise CommandError(f"Refused; nothing was written.\n{error}") from error
        if not changed:
            self.stdout.write(f"{mapping}: unchanged, nothing to do.")
            return
        counts = {}
        for line in mapping.lines.all():
            counts[line.change] = counts.get(line.change, 0) + 1
        self.stdout.write(
            self.style.SUCCESS(
                f"{mapping} loaded: {counts.get('mapped', 0)} carried over, "
                f"{counts.get('new', 0)} new, {counts.get('retired', 0)} retired."
            )
        )
