"""Machine drafts through the real broker and a real Celery worker (CI runs this on Redis)."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from apps.translation import services
from apps.translation.models import MachineDraft, MachineDraftState, TranslationStatus
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


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def libretranslate(fake, settings):
    """The worker's machine translation is the LibreTranslate stand-in."""
    settings.MACHINE_TRANSLATION_BACKEND = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = fake.url
    settings.MACHINE_TRANSLATION_API_KEY = fake.api_key
    settings.MACHINE_TRANSLATION_PAUSE = 0.01
    return fake


def test_a_worker_gets_a_draft_from_libretranslate_after_the_service_recovers(
    real_worker, libretranslate, publish_article, people, monkeypatch
):
    from apps.translation import tasks

    monkeypatch.setattr(tasks, "TASK_BACKOFF_SECONDS", 0)
    # Down for longer than the client's own three tries: the task tries again later.
    libretranslate.failures = [(503, {})] * 4
    article = publish_article(title="Wohnung anmelden")

    services.request_machine_translation(article, languages=["uk"], user=people["editor"])

    assert wait_for(lambda: services.translation_of(article, "uk") is not None)
    assert services.translation_of(article, "uk").draft["title"] == "<uk>WOHNUNG ANMELDEN"
    request = MachineDraft.objects.get(object_id=article.pk, language="uk")
    assert request.state == MachineDraftState.DONE
    assert request.attempts == 2


def test_a_worker_reports_a_service_that_stays_down(
    real_worker, libretranslate, publish_article, people, monkeypatch
):
    from apps.translation import tasks

    monkeypatch.setattr(tasks, "TASK_BACKOFF_SECONDS", 0)
    libretranslate.failures = [(503, {})] * 100
    article = publish_article(title="Wohnung anmelden")

    services.request_machine_translation(article, languages=["uk"], user=people["editor"])

    def failed():
        return MachineDraft.objects.filter(
            object_id=article.pk, language="uk", state=MachineDraftState.FAILED
        ).exists()

    assert wait_for(failed)
    request = MachineDraft.objects.get(object_id=article.pk, language="uk")
    assert request.reason == "unavailable"
    assert request.attempts == tasks.TASK_RETRIES + 1
    assert services.translation_of(article, "uk") is None
