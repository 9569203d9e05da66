"""Load /healthz and the rankings API side by side under gunicorn; print requests/s, p50/p99 and the ratio.

    .venv/bin/python bench/api.py [--requests 800] [--rounds 5] [--threads 8] [--workers 2] [--synthetic N] [--no-gzip]

Data: the real upstream snapshots (via bench/build.py's 127.0.0.1 mirror) or the curated data, built
with rankings.build.build_rankings; with --synthetic N (or if the build fails) a synthetic snapshot of
N models (default 400). A throwaway SQLite file (or DATABASE_URL if set); gunicorn on a free 127.0.0.1
port; never the network. The URLs are loaded in turn, --rounds times; req/s is the median round and
each ratio the median of per-round ratios to /healthz, so a busy machine disturbs every URL alike.
Target: the full rankings list at >= 50% of /healthz throughput.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import httpx

# Throttling stays on, as deployed, at a rate the load never reaches. Per second, not per minute: DRF
# keeps one timestamp per request in the window, and a minute of load would make that list huge.
os.environ["API_ANON_THROTTLE"] = "1000000/second"

from environment import ROOT  # noqa: E402  (first: sets up Django on a throwaway database)

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.models import CatalogModel  # noqa: E402
from rankings.models import Ranking, RankingEntry  # noqa: E402

URLS = ["/healthz", "/api/rankings/", "/api/rankings/?limit=500",
        "/api/rankings/?w_coding=1&w_performance=1&w_value=0&ordering=-ttft_median&limit=500"]


def load_data(synthetic: int) -> str:
    """A published snapshot: built from real (or curated) data when possible, else synthetic."""
    call_command("migrate", verbosity=0)
    if synthetic:
        return make_synthetic(synthetic)
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        from build import load_base  # the same data bench/build.py uses

        from rankings.build import build_rankings

        origin = load_base()
        ranking = build_rankings()
        if ranking.entries.exists():
            return f"{origin}: {ranking.entries.count()} rows"
    except Exception as error:  # any failure of the real path falls back to synthetic data
        print(f"real data unavailable ({error.__class__.__name__}: {error}); using synthetic data")
    return make_synthetic(400)


def make_synthetic(size: int) -> str:
    models = CatalogModel.objects.bulk_create(
        CatalogModel(canonical_id=f"bench{i % 20}/model-{i}", name=f"Model {i}", provider=f"bench{i % 20}")
        for i in range(size))
    ranking = Ranking.objects.create(computed_at=timezone.now(), status=Ranking.Status.PUBLISHED,
                                     methodology_version="bench",
                                     weights={"coding": .5, "performance": .3, "value": .2})
    now = timezone.now()
    parts = {"benchmarks": {"swebench-verified": {"score": 60.0, "stderr": 2.0}}, "performance": 50.0,
             "blended_price": 2.0}
    RankingEntry.objects.bulk_create(
        RankingEntry(ranking=ranking, model=m, model_name=m.name, provider=m.provider, rank=i + 1, tie_group=i // 5 + 1,
                     composite_score=90 - i * 80 / size, performance_score=(i * 37) % 100, value_score=(i * 53) % 100,
                     overall_score=80 - i * 70 / size, ttft_median=0.2 + (i % 50) / 10, throughput_median=20 + i % 300,
                     blended_price=Decimal(i % 40) / 4, coverage=0.5, parts=parts, sources=["swebench", "openrouter"],
                     benchmark_data_updated_at=now, performance_data_updated_at=now, pricing_data_updated_at=now)
        for i, m in enumerate(models))
    return f"synthetic: {size} rows"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"], cwd=ROOT, env=os.environ.copy())
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


HEADERS: dict[str, str] = {}  # --no-gzip sets Accept-Encoding: identity


def load(base: str, url: str, requests: int, threads: int) -> dict:
    """`requests` GETs of `url` from `threads` threads (one client each): req/s, latencies (s), body size."""
    latencies: list[float] = []
    lock = threading.Lock()
    per_thread = requests // threads

    def worker():
        mine = []
        with httpx.Client(base_url=base, timeout=30, headers=HEADERS) as client:
            for _ in range(per_thread):
                started = time.perf_counter()
                response = client.get(url)
                mine.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code, response.text[:200])
        with lock:
            latencies.extend(mine)

    with httpx.Client(base_url=base, timeout=30, headers=HEADERS) as client:  # warm every worker's cache
        started = time.perf_counter()
        warm = [client.get(url)]
        cold = time.perf_counter() - started  # a cache miss when this URL is new to that worker
        warm += [client.get(url) for _ in range(20)]
        size = (len(warm[-1].content), warm[-1].num_bytes_downloaded)
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {"rps": len(latencies) / wall, "latencies": latencies, "bytes": size, "cold": cold}


def summarise(rounds: list[dict], health: list[dict]) -> dict:
    latencies = sorted(t for r in rounds for t in r["latencies"])
    return {"rps": statistics.median(r["rps"] for r in rounds), "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000, "bytes": rounds[0]["bytes"],
            "cold": rounds[0]["cold"] * 1000,
            "ratio": statistics.median(r["rps"] / h["rps"] for r, h in zip(rounds, health))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=800, help="per URL and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--synthetic", type=int, default=0, help="use a synthetic snapshot of N models")
    parser.add_argument("--no-gzip", action="store_true", help="a client that does not accept gzip")
    args = parser.parse_args()
    if args.no_gzip:
        HEADERS["Accept-Encoding"] = "identity"
    print(f"data: {load_data(args.synthetic)}")
    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        rounds = {url: [] for url in URLS}
        for _ in range(args.rounds):
            for url in URLS:
                rounds[url].append(load(f"http://127.0.0.1:{port}", url, args.requests, args.threads))
        results = {url: summarise(measured, rounds["/healthz"]) for url, measured in rounds.items()}
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"gunicorn workers={args.workers}, client threads={args.threads}, {args.rounds} rounds of "
          f"{args.requests} requests per URL, {os.cpu_count()} CPUs shared by client and server")
    for url, r in results.items():
        print(f"{url:<88} {r['rps']:6.0f} req/s  p50={r['p50']:6.1f} ms  p99={r['p99']:6.1f} ms  "
              f"first={r['cold']:6.1f} ms  body={r['bytes'][0] / 1024:6.1f} KiB "
              f"({r['bytes'][1] / 1024:5.1f} sent)  ratio={r['ratio']:5.0%}")
    full = results["/api/rankings/?limit=500"]["ratio"]
    verdict = "met" if full >= .5 else "NOT met"
    print(f"full rankings list at {full:.0%} of /healthz throughput (target >= 50%): {verdict}")


if __name__ == "__main__":
    main()
