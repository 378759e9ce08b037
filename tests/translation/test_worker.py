"""Machine drafts through the real broker and a real Celery worker (CI runs this on Redis)."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from apps.translation import services
from apps.translation.models import TranslationStatus
from portal.celery import app
from tests.services import require


@pytest.fixture
def real_worker(transactional_db):
    require(bool(os.environ.get("REDIS_URL")), "Redis (REDIS_URL) as the Celery broker")
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def test_machine_draft_is_made_by_a_worker_through_the_broker(real_worker, publish_article, people):
    article = publish_article(title="Wohnung anmelden")

    services.request_machine_translation(article, languages=["ar"], user=people["editor"])

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        translation = services.translation_of(article, "ar")
        if translation is not None:
            break
        time.sleep(0.2)
    assert translation is not None, "the worker did not deliver the machine draft"
    assert translation.status == TranslationStatus.MACHINE
    assert translation.draft["title"] == "[ar] Wohnung anmelden"
