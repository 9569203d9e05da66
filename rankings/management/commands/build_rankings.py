from django.core.management.base import BaseCommand

from rankings.build import build_rankings


class Command(BaseCommand):
    help = "Build a new ranking snapshot from the stored rows and fallbacks (no network)."

    def handle(self, *args, **options):
        ranking = build_rankings()
        scored = ranking.entries.filter(composite_score__isnull=False).count()
        self.stdout.write(self.style.SUCCESS(
            f"Built snapshot {ranking.pk} at {ranking.computed_at:%Y-%m-%d %H:%M:%S} UTC: "
            f"{ranking.model_count} models, {scored} with a coding score."))
