"""Loads the demo municipality from apps/demo/data/, one domain after another.

Idempotent: running it twice changes nothing. The loaders are in :mod:`apps.demo.loaders`.
"""

from __future__ import annotations

from django.db import transaction

from apps.core.models import Region
from apps.demo.loaders.articles import load_articles
from apps.demo.loaders.data import read_data
from apps.demo.loaders.events import load_events, load_registrations
from apps.demo.loaders.feedback import load_page_feedback
from apps.demo.loaders.glossary import load_glossary
from apps.demo.loaders.migrant_accounts import load_migrant_accounts
from apps.demo.loaders.places import link_organisation_places, load_places
from apps.demo.loaders.procedures import load_documents, load_procedures, load_tips
from apps.demo.loaders.region import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DemoAccount,
    load_people,
    load_region,
)
from apps.demo.loaders.search import load_search_gaps, load_vectors
from apps.demo.loaders.statistics import load_statistics
from apps.search.services import embeddings_postponed
from apps.speech.receivers import paused as read_aloud_paused

__all__ = ["DEMO_PASSWORD", "DEMO_TOTP_SECRET", "DemoAccount", "demo_code", "load_demo"]


def demo_code(at: float | None = None) -> str:
    """The code an authenticator app with the demo secret shows now (or at Unix time ``at``)."""
    import base64

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from apps.accounts.two_factor import code_for

    device = TOTPDevice(key=base64.b32decode(DEMO_TOTP_SECRET).hex())
    return code_for(device, at=at)


#: The demo's content, in the order it is loaded, and what each part needs loaded before it.
PARTS = {
    "articles": set(),
    "glossary": set(),
    "documents": set(),
    "places": set(),
    "procedures": {"documents", "places"},
    "tips": {"procedures"},
    "statistics": set(),
    "events": {"places"},
    "search_gaps": {"articles", "procedures", "glossary", "documents"},
    "page_feedback": {"articles", "procedures", "glossary", "documents", "places", "events"},
    "migrant_accounts": {"procedures", "events"},
}


def with_needs(parts) -> set[str]:
    """``parts`` and everything they need."""
    wanted, waiting = set(), list(parts)
    while waiting:
        part = waiting.pop()
        if part not in wanted:
            wanted.add(part)
            waiting += PARTS[part]
    return wanted


def load_demo(
    filename: str = "musterstadt.json", *, parts=None
) -> tuple[Region, list[DemoAccount]]:
    """The region, its people, then its content in dependency order: procedures' steps need
    the documents and places, tips need the steps, organisations are linked to their places,
    events take place at places and registrations need the events. Returns the region and
    the accounts to sign in with. ``parts`` (of PARTS; default all) loads only some content,
    with what it needs: a test of the demo's figures needs no procedures.

    Nothing is read aloud or embedded for the assistant while loading, nor when the load
    commits (each publication would queue its recording): ``manage.py generate_speech`` and
    ``manage.py rebuild_search_index`` do the whole region at once (``make run`` starts both)."""
    wanted = with_needs(PARTS if parts is None else parts)
    with read_aloud_paused(), embeddings_postponed():
        return _load(filename, wanted)


@transaction.atomic
def _load(filename: str, parts: set[str]) -> tuple[Region, list[DemoAccount]]:
    data = read_data(filename)
    region = load_region(data)
    accounts = load_people(region, data)
    loaders = {
        "articles": load_articles,
        "glossary": load_glossary,
        "documents": load_documents,
        "places": load_places,
        "procedures": load_procedures,
        "tips": load_tips,
        "statistics": load_statistics,
    }
    for part, loader in loaders.items():
        if part in parts:
            loader(region)
    if "places" in parts:
        link_organisation_places(region, data["organisations"])
    if "events" in parts:
        load_events(region)
        load_registrations(region)
    for part, loader in {
        "search_gaps": load_search_gaps,
        "page_feedback": load_page_feedback,
        "migrant_accounts": load_migrant_accounts,
    }.items():
        if part in parts:
            loader(region)
    if parts == set(PARTS):
        load_vectors()
    return region, accounts
