import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    if settings.REDIS_URL:  # CI's PostgreSQL/Redis pass checks the real Redis too
        assert response.json()["checks"]["redis"] == "ok"
