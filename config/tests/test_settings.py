"""Settings come from the environment; production refuses to start without a secret."""
import os
import subprocess
import sys

import pytest
from django.conf import settings

PROJECT = settings.BASE_DIR


def run_django(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_without_secret_key_refuses_to_start():
    result = run_django({"DEBUG": "false"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_starts_without_secret_key():
    result = run_django({"DEBUG": "true"}, "check")
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = run_django({"DEBUG": "false", "SECRET_KEY": "x" * 64 + "-production-like-secret-for-the-check",
                         "ALLOWED_HOSTS": "coderank.example.org",
                         "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
                        "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_healthz_reports_database_failure(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database is gone")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("error")


@pytest.mark.django_db
def test_healthz_reports_unreachable_redis(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")
