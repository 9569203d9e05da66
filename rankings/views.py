"""Server-rendered pages and the health check. Pages read the latest stored snapshot only."""
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from benchmarks.models import CatalogModel, Source
from rankings import charts, columns, detail, pages, row_markup
from rankings.filters import ORDERING_FIELDS
from rankings.models import RankingEntry


def healthz(request):
    """Database (and Redis when configured) status as JSON: 200 when all are up, 503 otherwise."""
    checks = {"database": _check_database()}
    if settings.REDIS_URL:
        checks["redis"] = _check_redis()
    healthy = all(check == "ok" for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", "checks": checks},
                        status=200 if healthy else 503)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # any driver error means the database is not usable
        return f"error: {exc.__class__.__name__}"


def _check_redis() -> str:
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
        return "ok"
    except redis.RedisError as exc:
        return f"error: {exc.__class__.__name__}"


# --- Pages: each reads the latest published snapshot and renders one template. ---------------------

def _base_context(ranking) -> dict:
    return {"snapshot": ranking}


def rankings_page(request):
    """The ranking table, filtered, ordered and weighted as the query string says."""
    ranking = pages.latest_snapshot()
    if ranking is None:
        return render(request, "rankings/index.html", _base_context(None))
    view = pages.parse_view(request.GET, ranking.weights or {})
    rows = pages.table_rows(ranking, view)
    context = _base_context(ranking) | {
        "view": view, "rows": rows, "rows_html": row_markup.render_rows(rows, timezone.now()),
        "columns": columns.COLUMNS, "providers": pages.providers(rows),
        "shown_count": sum(1 for row in rows if row.shown),
        "weights_percent": {key: round(weight * 100) for key, weight in view.weights.items()},
        "stored_weights": pages.normalised_weights(ranking.weights or {}),
        "csv_query": urlencode(view.query_items(for_api=True)), "api_orderings": " ".join(ORDERING_FIELDS)}
    return render(request, "rankings/index.html", context)


def model_page(request, model_id: str):
    """Everything behind one model's scores; 404 page for an id not in the catalog."""
    ranking = pages.latest_snapshot()
    model = CatalogModel.objects.filter(canonical_id=model_id).first()
    if model is None:
        return render(request, "rankings/not_found.html", _base_context(ranking) | {"model_id": model_id},
                      status=404)
    entry = None
    if ranking is not None:
        entry = RankingEntry.objects.filter(ranking=ranking, model=model).first()
    coding, other = detail.figures(entry) if entry else ([], [])
    past = detail.history(model)
    chart = charts.rank_history([(f"{when:%Y-%m-%d %H:%M}", rank) for when, rank in past])
    context = _base_context(ranking) | {"model": model, "entry": entry, "coding_figures": coding,
                                        "other_figures": other, "history": chart}
    return render(request, "rankings/model.html", context)


def compare_page(request):
    """Two to four models side by side; a wrong count or unknown ids get a message, not an error."""
    ranking = pages.latest_snapshot()
    ids = detail.parse_compare_ids(request.GET.getlist("models"))
    context = _base_context(ranking) | {"ids": ids, "entries": [], "unknown": [], "problem": "",
                                        "slots": (ids + [""] * 4)[:4]}
    if ranking is None:
        return render(request, "rankings/compare.html", context)
    context["choices"] = (RankingEntry.objects.filter(ranking=ranking)
                          .order_by("model_name").values_list("model__canonical_id", "model_name"))
    if not ids:
        context["problem"] = "Choose two to four models to compare."
    elif len(ids) > 4:
        context["problem"] = f"You asked for {len(ids)} models; compare two to four at a time."
    else:
        entries, unknown = detail.compare(ranking, ids)
        context |= {"entries": entries, "unknown": unknown, "table": detail.compare_table(entries)}
        if len(entries) < 2:
            context["problem"] = "Compare needs at least two models that are in the latest ranking."
    return render(request, "rankings/compare.html", context)


def charts_page(request):
    """Coding score against price (log scale, Pareto frontier) and against output speed."""
    ranking = pages.latest_snapshot()
    context = _base_context(ranking)
    if ranking is not None:
        entries = list(RankingEntry.objects.filter(ranking=ranking, composite_score__isnull=False)
                       .select_related("model"))
        price = [charts.Point(float(e.blended_price) if e.blended_price is not None else None,
                              e.composite_score, e.model_name, e.model.get_absolute_url()) for e in entries]
        speed = [charts.Point(e.throughput_median, e.composite_score, e.model_name, e.model.get_absolute_url())
                 for e in entries]
        context |= {"price_chart": charts.scatter(price, log_x=True, frontier=True),
                    "speed_chart": charts.scatter(speed, log_x=True)}
    return render(request, "rankings/charts.html", context)


def methodology_page(request):
    """The methodology stored with the latest snapshot, so the page can never disagree with the build."""
    ranking = pages.latest_snapshot()
    methodology = ranking.methodology if ranking and isinstance(ranking.methodology, dict) else {}
    shown = {"version", "coding_benchmarks", "feeds", "standard_harnesses", "performance_metrics", "p95_share",
             "value", "rules", "default_weights"}
    extra = {key: value for key, value in methodology.items()
             if key not in shown and key not in ("min_coverage", "full_coverage")}
    return render(request, "rankings/methodology.html", _base_context(ranking) | {
        "m": methodology, "extra": extra, "min_coverage": methodology.get("min_coverage"),
        "full_coverage": methodology.get("full_coverage"),
        "benchmarks": _weighted_rows(methodology.get("coding_benchmarks")),
        "metrics": _weighted_rows(methodology.get("performance_metrics"))})


def _weighted_rows(items) -> list[dict]:
    """[{key, percent, **anchor}]: weights as "7.5%" (widthratio would round them to whole percents)."""
    rows = []
    for key, anchor in (items.items() if isinstance(items, dict) else []):
        anchor = anchor if isinstance(anchor, dict) else {}
        weight = anchor.get("weight")
        rows.append({**anchor, "key": key,
                     "percent": f"{weight * 100:g}%" if isinstance(weight, (int, float)) else "—"})
    return rows


def sources_page(request):
    """Each source's health and the attribution it asks for."""
    context = _base_context(pages.latest_snapshot()) | {"sources": Source.objects.order_by("name")}
    return render(request, "rankings/sources.html", context)
