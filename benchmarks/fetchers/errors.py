"""What can go wrong when fetching a source, as exceptions the refresh turns into a status.

Messages are written for the admin reading the source page: they name the file and the reason,
and never carry an API key (see `redact`).
"""
from django.conf import settings

SECRET_SETTINGS = ("OPENROUTER_API_KEY", "ARTIFICIAL_ANALYSIS_API_KEY", "HF_TOKEN")


def redact(text: str) -> str:
    """Return `text` with every configured API key replaced by "[redacted]"."""
    for name in SECRET_SETTINGS:
        secret = getattr(settings, name, "")
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    return text


class SourceError(Exception):
    """Base of every fetch problem. `str(error)` is readable and free of secrets."""

    status = "failed"

    def __init__(self, message: str):
        super().__init__(redact(message))


class FetchError(SourceError):
    """The network or upstream HTTP failed, after retries (timeout, refused, 4xx, 5xx)."""


class PayloadRejected(SourceError):
    """Upstream answered, but with something we will not publish: empty, truncated, wrong shape."""

    status = "rejected"


class NotConfigured(SourceError):
    """The source needs a setting (usually an API key) that is not set."""

    status = "not_configured"
