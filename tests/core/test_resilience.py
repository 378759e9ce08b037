"""Redis stopped or hung: pages stay up, Redis is asked once and then left alone for a while,
machine drafts say "try again later", registrations stand, sign-in throttling still counts.

A dead Redis is a closed port on loopback; a hung one is a server started here that accepts
connections and never answers. Nothing is timed: the tests check that the circuit breaker
opened after the first failure and that Redis was tried a bounded number of times.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from types import SimpleNamespace

import pytest
from django.urls import reverse

from apps.core import breaker
from portal.settings import redis_cache
from tests.conftest import PASSWORD


class HungRedis:
    """Accepts connections on 127.0.0.1 and never answers."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        self.server.close()
        for connection in self.accepted:
            connection.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["dead", "hung"])
def redis(request):
    """The port of a Redis that is down, one way or the other."""
    if request.param == "dead":
        yield closed_port()
        return
    hung = HungRedis()
    yield hung.port
    hung.close()


@pytest.fixture
def attempts(monkeypatch, redis) -> Counter:
    """How often anything in this process tried to connect to that Redis."""
    counted: Counter = Counter()
    connect = socket.socket.connect

    def counting_connect(sock, address):
        if isinstance(address, tuple) and address[1] == redis:
            counted["connections"] += 1
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", counting_connect)
    return counted


@pytest.fixture
def take_cache_down(settings, redis):
    """Call it to point the cache at that Redis (content made before used a working cache)."""

    def down() -> None:
        settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{redis}/0")}

    return down


@pytest.fixture
def cache_down(take_cache_down):
    take_cache_down()


@pytest.fixture
def broker_down(redis):
    """Celery publishes to that Redis (instead of running tasks in-process)."""
    from portal.celery import app

    def forget_connections():
        # Celery keeps a connection pool per app; a new broker URL needs new connections.
        app._pool = None
        app.amqp._producer_pool = None

    original = app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{redis}/0"
    forget_connections()
    yield
    app.conf.broker_url = original
    forget_connections()


def test_pages_stay_up_and_redis_is_tried_once(
    client, take_cache_down, attempts, publish_article, publish_term, people, authority, region
):
    from apps.procedures.models import Procedure
    from tests.conftest import publish_new
    from tests.procedures.conftest import procedure_data

    publish_term("Termin", "Eine feste Uhrzeit.")
    article = publish_article(body="Buchen Sie einen Termin.")
    procedure = publish_new(Procedure, procedure_data(), people, authority, region)
    take_cache_down()
    assert not breaker.cache.is_open and attempts["connections"] == 0

    assert client.get(f"/de/step-by-step/{procedure.slug}/").status_code == 200
    assert breaker.cache.is_open  # the first failure opened the breaker...
    assert attempts["connections"] == 1
    for url in (
        f"/de/information/{article.slug}/",
        "/de/events/",
        "/de/",
    ):
        assert client.get(url).status_code == 200, url

    assert attempts["connections"] == 1  # ...and later calls skipped Redis altogether
    assert breaker.cache.failures == 1
    assert breaker.cache.skipped > 5
    assert 'class="term"' in client.get(f"/de/information/{article.slug}/").content.decode()


def test_requesting_machine_drafts_says_try_again_later(
    client, broker_down, attempts, publish_article, people
):
    article = publish_article()
    client.force_login(people["editor"])
    url = reverse("authority:content_action", kwargs={"type": "articles.article", "pk": article.pk})

    first = client.post(url, {"action": "machine_translate", "languages": ["ar"]}, follow=True)
    second = client.post(url, {"action": "machine_translate", "languages": ["uk"]}, follow=True)

    for response in (first, second):
        assert response.status_code == 200
        assert "Please try again later." in response.content.decode()
    assert breaker.broker.is_open
    assert breaker.broker.failures == 1 and breaker.broker.skipped == 1
    assert 1 <= attempts["connections"] <= 2  # two tries at most, then the breaker


def test_a_registration_stands_when_its_mail_cannot_be_queued(
    client, broker_down, attempts, people, ngo, caplog, django_capture_on_commit_callbacks
):
    from apps.editorial.services import revision_data
    from apps.events import services
    from apps.events.models import Event
    from tests.events.conftest import event_values

    event = services.save_event(
        event=None,
        organisation=ngo,
        data=revision_data(Event, event_values()),
        user=people["ngo_admin"],
        publish=True,
    )
    url = reverse("migrant:event", kwargs={"slug": event.slug})
    date = next(iter(client.get(url).context["form"].fields["date"].choices))[0]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"date": date, "name": "Amal", "email": "amal@example.org", "consent": "on"}
        )

    assert response.status_code == 302
    assert event.occurrences.get().registrations.count() == 1
    assert "could not be queued" in caplog.text


def test_sign_in_throttling_still_counts_with_the_cache_down(
    client, cache_down, attempts, people, settings
):
    settings.SIGN_IN_RATE_PER_ACCOUNT = "5/15m"
    settings.SIGN_IN_RATE_PER_ADDRESS = "50/15m"
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": "editor@example.org", "password": "guess"})

    locked = client.post(url, {"username": "editor@example.org", "password": PASSWORD})
    other = client.post(url, {"username": "reviewer@example.org", "password": PASSWORD})

    assert locked.status_code == 429
    assert other.status_code == 302  # and staff can still sign in


def glossary_queries(queries) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if '"glossary_term"' in query["sql"]]


@pytest.fixture
def glossary_page(client, take_cache_down, publish_term, people, authority, region):
    """A procedure whose summary, body and step each mention a term, shown with the cache down."""
    from apps.procedures.models import Procedure
    from tests.conftest import publish_new
    from tests.procedures.conftest import procedure_data, step

    publish_term("Termin", "Eine feste Uhrzeit.")
    data = procedure_data(
        summary="Ohne Termin geht es nicht.",
        body="Das ist **Pflicht**, mit Gebühr.",
        steps=[step("a", "Termin buchen"), step("b", "Gebühr zahlen")],
    )
    procedure = publish_new(Procedure, data, people, authority, region)
    take_cache_down()
    return f"/de/step-by-step/{procedure.slug}/"


def test_with_the_cache_down_a_page_loads_the_glossary_once_not_per_text(client, glossary_page):
    """Without the cache each text of a page used to load and compile the whole glossary again
    (procedure pages took five times as long with Redis down)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get(glossary_page).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(glossary_page)

    assert breaker.cache.is_open
    assert 1 <= len(glossary_queries(first)) <= 2  # the terms (and their translations), once
    assert glossary_queries(second) == []  # seconds later, the same process reuses them
    assert response.content.decode().count('class="term"') >= 1


def test_with_the_cache_down_glossary_changes_still_show(
    client, glossary_page, publish_term, monkeypatch
):
    """A term published in this process shows at once; one published by another process (which
    cannot tell this one without the cache) within UNCACHED_VERSION_SECONDS, not every few
    seconds at the cost of recompiling the glossary."""
    from apps.editorial.signals import live_content_changed
    from apps.glossary import matching
    from apps.glossary.models import Term

    assert "Gebühr</a>" not in client.get(glossary_page).content.decode()
    publish_term("Gebühr", "Geld für eine Leistung des Amts.")
    assert "Gebühr</a>" in client.get(glossary_page).content.decode()

    live_content_changed.disconnect(matching.glossary_changed, sender=Term)  # "another process"
    try:
        publish_term("Pflicht", "Was man tun muss.")
    finally:
        live_content_changed.connect(matching.glossary_changed, sender=Term)
    assert "Pflicht</a>" not in client.get(glossary_page).content.decode()
    from django.conf import settings

    soon = time.monotonic() + breaker.CircuitBreaker.cooldown() + 1
    monkeypatch.setattr(matching, "time", SimpleNamespace(monotonic=lambda: soon))
    assert "Pflicht</a>" not in client.get(glossary_page).content.decode()  # not recompiled yet
    later = time.monotonic() + settings.UNCACHED_VERSION_SECONDS + 1
    monkeypatch.setattr(matching, "time", SimpleNamespace(monotonic=lambda: later))
    assert "Pflicht</a>" in client.get(glossary_page).content.decode()


def test_after_the_cool_down_one_request_tries_redis_again_not_every_one(monkeypatch):
    """With Redis hung, each try waits the full timeout: if every request arriving after the
    cool-down tried at once, all of them would wait (bench/load_fault.py, "Redis hung")."""
    now = [1000.0]
    monkeypatch.setattr(breaker, "time", SimpleNamespace(monotonic=lambda: now[0]))
    cache = breaker.CircuitBreaker("The test cache")
    cooldown = cache.cooldown()

    cache.failed(TimeoutError("Timeout reading from socket"))
    assert not cache.allows()
    now[0] += cooldown
    assert cache.allows()  # the trial...
    assert not cache.allows() and not cache.allows()  # ...while the others keep skipping
    now[0] += 0.5
    cache.failed(TimeoutError("Timeout reading from socket"))
    assert not cache.allows()

    now[0] += cooldown
    assert cache.allows()
    cache.succeeded()
    assert cache.allows() and cache.allows() and not cache.is_open
    assert (cache.calls, cache.failures, cache.skipped) == (4, 2, 4)
