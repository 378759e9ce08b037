import os

from tests.services import require


def test_healthz_reports_every_service(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    report = response.json()
    assert report["ok"] is True
    assert set(report["checks"]) == {"database", "cache", "broker"}


def test_healthz_says_503_when_the_broker_is_down(client, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from portal.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original

    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_ci_runs_on_the_production_services(client, db):
    """In CI the suite must really talk to PostgreSQL and Redis, not the embedded defaults."""
    require(bool(os.environ.get("DATABASE_URL")), "PostgreSQL (DATABASE_URL)")
    require(bool(os.environ.get("REDIS_URL")), "Redis (REDIS_URL)")

    checks = client.get("/healthz").json()["checks"]

    assert checks["database"]["vendor"] == "postgresql"
    assert checks["cache"]["backend"] == "RedisCache"
    assert checks["broker"] == {"ok": True, "mode": "broker"}


def test_pages_forbid_inline_code_and_foreign_sources(client, region):
    policy = client.get("/en/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
