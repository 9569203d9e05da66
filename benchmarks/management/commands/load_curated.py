"""`manage.py load_curated`: create the shipped curated models, speed figures and scores that are missing."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmarks.curated import CURATED_DIR, CuratedDataError, load_curated


class Command(BaseCommand):
    help = "Load curated fallback data (catalog, performance, benchmark scores); never overwrites existing rows."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=CURATED_DIR,
                            help="Folder holding catalog.json, performance.json and benchmarks.json.")

    def handle(self, *args, **options):
        try:
            counts = load_curated(options["dir"])
        except CuratedDataError as error:
            raise CommandError(str(error)) from error
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count['created']} created, {count['kept']} kept")
