"""Every migrant page is answered from what was kept for its content version: no query for any
reader after the first; the first reader after a change pays at most ten (a topic page, which
gathers four domains' lists, fourteen); the same with the demo content and with four times as
much (issue 18)."""

from __future__ import annotations

import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.articles.models import Article
from apps.core import page_cache, read_models
from apps.core.models import Topic
from apps.demo.services import load_demo
from apps.events.models import Event
from apps.glossary.models import Term
from apps.places.models import Place
from apps.procedures.models import Document, Procedure
from apps.statistics.models import Dashboard

COPIED = (Article, Term, Event, Procedure, Document)


@pytest.fixture
def demo(db, settings, monkeypatch):
    load_demo()
    # As in a request, where no transaction is open: procedure pages use their read model.
    settings.READ_MODEL_SECONDS = 60
    monkeypatch.setattr(read_models, "connection", types.SimpleNamespace(in_atomic_block=False))
    page_cache._new_version()


def addresses(code: str) -> list[str]:
    def first(model) -> str:
        return model.objects.filter(status="published").order_by("pk").first().slug

    def slug(model) -> str:
        return model.objects.order_by("pk").first().slug

    return [
        f"/{code}/",
        f"/{code}/topics/{slug(Topic)}/",
        f"/{code}/step-by-step/",
        f"/{code}/step-by-step/{first(Procedure)}/",
        f"/{code}/step-by-step/{first(Procedure)}/checklist/",
        f"/{code}/information/",
        f"/{code}/information/{first(Article)}/",
        f"/{code}/glossary/",
        f"/{code}/glossary/{first(Term)}/",
        f"/{code}/documents/",
        f"/{code}/documents/{first(Document)}/",
        f"/{code}/events/",
        f"/{code}/events/{first(Event)}/",
        f"/{code}/organisations/",
        f"/{code}/places/",
        f"/{code}/places/{slug(Place)}/",
        f"/{code}/figures/",
        f"/{code}/figures/{first(Dashboard)}/",
    ]


def warm(client, address: str) -> int:
    """The queries of a reader after the first one since the last change."""
    assert client.get(address).status_code == 200, address  # the first reader
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200, address
    return len(captured)


def copy_everything(times: int) -> None:
    """``times`` more of every published article, term, event, procedure and document, each
    with its own slug (and its own words, for terms), in the same topics."""
    for model in COPIED:
        for original in list(model.objects.filter(status="published")):
            topics = list(original.topics.all()) if hasattr(original, "topics") else []
            for number in range(times):
                copy = model.objects.get(pk=original.pk)
                copy.pk = copy.id = None
                copy.slug = f"{original.slug}-{number}"
                if model is Term:
                    copy.term_de = f"{original.term_de}{number}x"
                copy.save()
                if topics:
                    copy.topics.set(topics)
    page_cache._new_version()  # as the commit would


@pytest.mark.parametrize("code", ["ar", "de"])
def test_every_migrant_page_costs_no_query_once_kept_whatever_the_content(client, demo, code):
    assert {address: warm(client, address) for address in addresses(code)} == dict.fromkeys(
        addresses(code), 0
    )

    copy_everything(times=3)

    assert {address: warm(client, address) for address in addresses(code)} == dict.fromkeys(
        addresses(code), 0
    )


def first_render(client, address: str) -> int:
    """The queries of the first reader after a change (committed: a new content version)."""
    page_cache._new_version()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200, address
    return len(captured)


@pytest.mark.parametrize("code", ["ar", "de"])
def test_the_first_reader_after_a_change_costs_at_most_ten_queries(client, demo, code):
    for address in addresses(code):
        warm(client, address)  # what a process keeps for its life: content types, the glossary
    counts = {address: first_render(client, address) for address in addresses(code)}
    # A topic page gathers four domains' lists, each with its own translations.
    limits = {address: 14 if "/topics/" in address else 10 for address in counts}
    assert {address: count for address, count in counts.items() if count > limits[address]} == {}

    copy_everything(times=3)
    for address in addresses(code):
        warm(client, address)
    assert {address: first_render(client, address) for address in addresses(code)} == counts
