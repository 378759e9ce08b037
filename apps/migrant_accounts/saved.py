"""Pages saved for offline reading, kept with the account: saving on one device saves on every
device the person signs in on (``static/js/offline.js`` fetches the copies there). Only the
public pages that offer "Save for offline" can be kept: procedures, articles, documents, glossary
terms and the glossary."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext

from apps.core import links
from apps.migrant_accounts.models import MigrantAccount, SavedPage

MAX_SAVED = 300


def _savable_models() -> dict[type, str]:
    """The item kinds whose pages can be saved, and the field that is their title."""
    from apps.articles.models import Article
    from apps.glossary.models import Term
    from apps.procedures.models import Document, Procedure

    return {Procedure: "title", Article: "title", Document: "name", Term: "term"}


def page_details(region, path: str) -> dict | None:
    """What is kept of the page at ``path``: its title (in the language of the path, or the
    original's when there is no version in it yet), that title's language, and the item; None
    if the page cannot be saved (not such a page, not published, not of the region)."""
    from apps.editorial.models import ItemStatus
    from apps.translation.reader import language_version

    page = links.page_at(path)
    if page is None or page.language not in region.enabled_languages:
        return None
    if page.name == "glossary":
        with translation.override(page.language):
            title = gettext("Glossary")
        return {"title": title, "title_language": page.language, "item": None}
    field = _savable_models().get(page.model)
    if field is None:
        return None
    item = page.model.objects.filter(
        region=region, slug=page.slug, status=ItemStatus.PUBLISHED
    ).first()
    if item is None:
        return None
    version = language_version(item, page.language)
    return {"title": version.texts[field], "title_language": version.language.code, "item": item}


class TooManySaved(Exception):
    """The account keeps MAX_SAVED pages already."""


def save(account: MigrantAccount, path: str) -> SavedPage | None:
    """Keep ``path`` with the account (again: the title is refreshed); None if it cannot be
    saved. Raises :class:`TooManySaved` past the limit."""
    details = page_details(account.region, path)
    if details is None:
        return None
    existing = account.saved.filter(path=path).first()
    if existing is None and account.saved.count() >= MAX_SAVED:
        raise TooManySaved
    item = details["item"]
    saved, _created = SavedPage.objects.update_or_create(
        account=account,
        path=path,
        defaults={
            "title": details["title"][:300],
            "title_language": details["title_language"],
            "content_type": ContentType.objects.get_for_model(item) if item else None,
            "object_id": item.pk if item else None,
        },
    )
    return saved


def forget(account: MigrantAccount, path: str) -> None:
    account.saved.filter(path=path).delete()


def saved_pages(account: MigrantAccount, language: str | None = None):
    """The account's saved pages, newest first (only those in ``language``, if given)."""
    pages = account.saved.order_by("-saved_at", "-pk")
    return pages.filter(path__startswith=f"/{language}/") if language else pages
