"""Time the rankings page and print ms per request and SQL queries at 50, 500 and 2,000 models.

    .venv/bin/python bench/pages.py [--sizes 50,500,2000] [--repeat 20]

Synthetic snapshot in a throwaway SQLite file (or DATABASE_URL if set); never the network.
Each size is measured plain and with custom weights plus a filter (the re-ranking path).
"""
import argparse
import statistics
import time
from decimal import Decimal


import environment  # noqa: E402,F401  (sets up Django on a throwaway database)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.models import CatalogModel  # noqa: E402
from rankings.models import Ranking, RankingEntry  # noqa: E402


def make_snapshot(size: int) -> None:
    Ranking.objects.all().delete()
    CatalogModel.objects.all().delete()
    models = CatalogModel.objects.bulk_create(
        CatalogModel(canonical_id=f"p{i % 20}/model-{i}", name=f"Model {i}", provider=f"p{i % 20}") for i in range(size))
    ranking = Ranking.objects.create(computed_at=timezone.now(), status=Ranking.Status.PUBLISHED,
                                     methodology_version="bench", weights={"coding": .5, "performance": .3, "value": .2})
    now = timezone.now()
    RankingEntry.objects.bulk_create(
        RankingEntry(ranking=ranking, model=m, model_name=m.name, provider=m.provider, rank=i + 1, tie_group=i // 5 + 1,
                     composite_score=90 - i * 80 / size, performance_score=(i * 37) % 100, value_score=(i * 53) % 100,
                     overall_score=80 - i * 70 / size, composite_stderr=1.5, ttft_median=0.2 + (i % 50) / 10,
                     throughput_median=20 + i % 300, blended_price=Decimal(i % 40) / 4, coverage=0.5,
                     benchmark_data_updated_at=now, performance_data_updated_at=now, pricing_data_updated_at=now)
        for i, m in enumerate(models))


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)  # warm the template cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    client = Client()
    print(f"{'models':>7} {'view':<28} {'median ms':>10} {'queries':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        make_snapshot(size)
        for label, url in (("plain", "/rankings/"),
                           ("weights+filter+ordering", "/rankings/?w_coding=1&w_performance=1&w_value=0"
                                                       "&provider=p3&ordering=-ttft_median")):
            ms, queries = measure(client, url, args.repeat)
            print(f"{size:>7} {label:<28} {ms:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
