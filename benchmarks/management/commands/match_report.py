"""`manage.py match_report [--json]`: how many stored rows each source matched, and which sources cover each model."""
import json

from django.core.management.base import BaseCommand

from benchmarks.matching import match_report


class Command(BaseCommand):
    help = "Per source: rows matched and unmatched, share matched, distinct unmatched names; per model: its sources."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="The whole report as one JSON object.")

    def handle(self, *args, **options):
        report = match_report()
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(f"{'source':<20} {'rows':>7} {'matched':>8} {'unmatched':>10} {'share':>7} "
                          f"{'unmatched names':>16}")
        for row in report["sources"]:
            self.stdout.write(f"{row['source']:<20} {row['rows']:>7} {row['matched_rows']:>8} "
                              f"{row['unmatched_rows']:>10} {row['share_matched']:>7.1%} {row['unmatched_names']:>16}")
        self.stdout.write("")
        self.stdout.write(f"{len(report['models'])} models have rows from at least one source; "
                          f"{report['models_without_sources']} of {report['catalog_models']} active catalog models "
                          f"have none.")
        for row in report["models"]:
            self.stdout.write(f"  {row['model']:<50} {', '.join(row['sources'])}")
