"""Every migrant page is answered from what was kept for its content version: no query for any
reader after the first; the first reader after a change pays at most ten; the same with the
demo content and with a hundred times as much (issue 18)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.articles.models import Article
from apps.core import page_cache
from apps.core.models import Region, Topic
from apps.demo.services import load_demo
from apps.events.models import Event
from apps.glossary import matching as glossary_matching
from apps.glossary.models import Term
from apps.migrant.kept import KeptContentMixin
from apps.places.models import Place
from apps.procedures.models import Document, Procedure
from apps.statistics.models import Dashboard
from apps.translation.models import Translation

COPIED = (Article, Term, Event, Procedure, Document)


@pytest.fixture
def demo(db, monkeypatch, request):
    load_demo()
    # As in a request, where no transaction is open: pages keep what they render.
    request.getfixturevalue("outside_transactions")
    # No page is made again because a new minute (events, topics) or day began while the test
    # read it: with a hundred times the content a page takes seconds to render.
    monkeypatch.setattr(KeptContentMixin, "moment", lambda self: "now")


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


#: A large town's content: the demo's 10 procedures, 40 terms and 20 events a hundred times over.
TIMES_THE_DEMO = 100


def copied(original, **changes):
    """A new row with ``original``'s values (its id left to the database) and ``changes``."""
    model = type(original)
    values = {f.attname: getattr(original, f.attname) for f in model._meta.concrete_fields}
    del values[model._meta.pk.attname]
    return model(**{**values, **changes})


def copy_rows(rows, field: str, copies: dict[int, list[int]]) -> None:
    """Each of ``rows`` once for every copy of the item its ``field`` points to, pointing to
    the copy instead."""
    rows = list(rows)
    if rows:
        attname = type(rows[0])._meta.get_field(field).attname
        type(rows[0]).objects.bulk_create(
            copied(row, **{attname: copy}) for row in rows for copy in copies[getattr(row, attname)]
        )


def multiply_content(times: int) -> None:
    """``times`` as many of every published article, term, event, procedure and document, each
    copy with its own slug (and its own words, for terms), its topics and other tags, its parts
    (a procedure's steps) and its translations; written in bulk, so that a hundred times the
    demo takes seconds."""
    for model in COPIED:
        originals = list(model.objects.filter(status="published"))
        made = model.objects.bulk_create(
            copied(
                original,
                slug=f"{original.slug}-{number}",
                **({"term_de": f"{original.term_de}{number}x"} if model is Term else {}),
            )
            for number in range(times - 1)
            for original in originals
        )
        copies: dict[int, list[int]] = {original.pk: [] for original in originals}
        for position, copy in enumerate(made):
            copies[originals[position % len(originals)].pk].append(copy.pk)
        for field in model._meta.many_to_many:  # topics, situations, …
            source = field.m2m_field_name()
            through = field.remote_field.through.objects
            copy_rows(through.filter(**{f"{source}__in": originals}), source, copies)
        for part in model.parts:
            rows = part.model_class.objects.filter(**{f"{part.parent_field}__in": originals})
            copy_rows(rows, part.parent_field, copies)
        content_type = ContentType.objects.get_for_model(model)
        translations = Translation.objects.filter(
            content_type=content_type, object_id__in=list(copies)
        )
        copy_rows(translations, "object_id", copies)
    # As the commit would: the glossary knows the new terms, and nothing kept is served.
    for region in Region.objects.all():
        glossary_matching.forget(region)
    page_cache.CONTENT.renew()
    with connection.cursor() as cursor:
        # As the database does after a large load: PostgreSQL without statistics plans as if
        # for a few rows, and a topic page's query then takes minutes.
        cursor.execute("ANALYZE")


def first_render(client, address: str) -> int:
    """The queries of the first reader after a change (committed: a new content version)."""
    page_cache.CONTENT.renew()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200, address
    return len(captured)


def queries_per_page(client, code: str) -> tuple[dict[str, int], dict[str, int]]:
    """Address → the queries of a reader once the page is kept, and of the first reader after
    a change (warmed first with what a process keeps for its life: content types, the
    glossary)."""
    kept = {address: warm(client, address) for address in addresses(code)}
    return kept, {address: first_render(client, address) for address in addresses(code)}


@pytest.mark.parametrize("code", ["ar", "de"])
def test_no_query_once_kept_and_at_most_ten_after_a_change_with_a_hundred_times_the_content(
    client, demo, code
):
    kept, first = queries_per_page(client, code)
    assert kept == dict.fromkeys(addresses(code), 0)
    assert {address: count for address, count in first.items() if count > 10} == {}

    demo_size = {model: model.objects.count() for model in COPIED}
    multiply_content(TIMES_THE_DEMO)
    assert {model: model.objects.count() for model in COPIED} == {
        model: count * TIMES_THE_DEMO for model, count in demo_size.items()
    }

    assert queries_per_page(client, code) == (kept, first)
