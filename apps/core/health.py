"""Checks of the services Waypoint depends on, for /healthz and for operators."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means down; report which
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any failure means down; report which
        return {"ok": False, "error": error.__class__.__name__}
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {"ok": ok, "backend": backend}


def check_broker() -> dict:
    """Can tasks be queued? With no broker configured, tasks run eagerly in-process."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            # One retry, at once: a health check must answer quickly even when Redis hangs.
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as error:  # noqa: BLE001 - any failure means down; report which
        return {"ok": False, "mode": "broker", "error": error.__class__.__name__}
    return {"ok": True, "mode": "broker"}


def run_checks() -> dict:
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
