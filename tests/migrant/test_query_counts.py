"""Every migrant page costs a small, fixed number of queries (issue 18: at most 10), and the same
number when there is more content of every kind."""

from __future__ import annotations

import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.articles.models import Article
from apps.core import page_cache, read_models
from apps.demo.services import load_demo
from apps.events.models import Event
from apps.glossary.models import Term
from apps.procedures.models import Document, Procedure

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

    return [
        f"/{code}/",
        f"/{code}/step-by-step/",
        f"/{code}/step-by-step/{first(Procedure)}/",
        f"/{code}/step-by-step/{first(Procedure)}/checklist/",
        f"/{code}/information/",
        f"/{code}/information/{first(Article)}/",
        f"/{code}/glossary/",
        f"/{code}/glossary/{first(Term)}/",
        f"/{code}/documents/",
        f"/{code}/events/",
        f"/{code}/events/{first(Event)}/",
        f"/{code}/organisations/",
        f"/{code}/figures/",
    ]


def queries(client, address: str) -> int:
    assert client.get(address).status_code == 200, address  # warms caches and read models
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
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
def test_every_migrant_page_costs_few_queries_whatever_the_content(client, demo, code):
    before = {address: queries(client, address) for address in addresses(code)}
    assert {address: count for address, count in before.items() if count > 10} == {}

    copy_everything(times=3)

    after = {address: queries(client, address) for address in addresses(code)}
    assert after == before
