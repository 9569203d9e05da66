"""Server-rendered pages and the health check. Pages read the latest stored snapshot only."""
from django.conf import settings
from django.db import connection
from django.http import JsonResponse


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
