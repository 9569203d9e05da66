import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle


@pytest.fixture(autouse=True)
def fresh_api(monkeypatch):
    """No cached responses or throttle history from another test; a rate no test reaches."""
    cache.clear()
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute", "user": None})
