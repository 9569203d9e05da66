"""Whole API responses cached per snapshot, with ETag and Last-Modified.

A snapshot never changes once published, so a response is a function of the snapshot and the
request's query: the cache key holds both, and a new snapshot simply stops hitting old keys (they
expire after RANKINGS_CACHE_HOURS). The Django cache is Redis when REDIS_URL is set, local memory
otherwise. Large bodies are stored gzipped too. Conditional GETs (If-None-Match, If-Modified-Since)
are answered by the views' ConditionalGetMiddleware decorator from the headers set here.
"""
import gzip
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, quote_etag

from rankings.models import Ranking

GZIP_MIN_BYTES = 1024  # below this, gzip's header costs more than it saves
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass
class StoredResponse:
    """A built response, with its gzipped form and ETags computed once, when built, not on every hit."""

    body: bytes
    content_type: str
    headers: dict = field(default_factory=dict)
    gzipped: bytes = b""
    etag: str = ""

    def __post_init__(self):
        digest = hashlib.sha256(self.body).hexdigest()[:32]
        self.etag = self.etag or quote_etag(digest)
        if not self.gzipped and len(self.body) >= GZIP_MIN_BYTES:
            self.gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)


def cache_key(scope: str, snapshot: Ranking | None, request: HttpRequest, media_format: str) -> str:
    """Key from the snapshot (id and build time), the host (links are absolute), format and sorted query."""
    query = "&".join(f"{k}={v}" for k in sorted(request.GET) for v in request.GET.getlist(k))
    version = f"{snapshot.pk}.{snapshot.computed_at.timestamp():.6f}" if snapshot else "none"
    digest = hashlib.sha256(f"{request.scheme}://{request.get_host()}|{media_format}|{query}".encode())
    return f"coderank:api:{scope}:{version}:{digest.hexdigest()[:40]}"


def serve_cached(request: HttpRequest, key: str, snapshot: Ranking | None,
                 build: Callable[[], StoredResponse]) -> HttpResponse:
    """The stored response for `key`, building and storing it on a miss; errors raised by `build` are not cached.

    Gzipped when the client accepts it: compressed once when built, so a hit costs no compression.
    """
    stored = cache.get(key)
    if stored is None:
        stored = build()
        cache.set(key, stored, timeout=settings.RANKINGS_CACHE_HOURS * 3600)
    compressed = bool(stored.gzipped) and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(stored.gzipped if compressed else stored.body, content_type=stored.content_type)
    for name, value in stored.headers.items():
        response[name] = value
    response["ETag"] = stored.etag
    if compressed:
        response["Content-Encoding"] = "gzip"
        response["ETag"] = stored.etag[:-1] + '-gzip"'  # another representation, so another tag
    if snapshot is not None:
        response["Last-Modified"] = http_date(snapshot.computed_at.timestamp())
    response["Cache-Control"] = "public, max-age=60"
    response["Vary"] = "Accept, Accept-Encoding"
    return response
