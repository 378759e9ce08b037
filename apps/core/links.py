"""Links to the frontends' pages, for code that must not know which frontend shows them.

Domain apps sometimes have to point at a page: the workspace's "view as migrants see it", a
glossary note's link to its term, the cancel link in a registration e-mail sent by a Celery
task, the download link in the open-data API. They do not know the frontends (STYLE.md:
"Domain apps do not know frontends"), so the frontend that serves those pages registers them
here in its ``AppConfig.ready()``, and domain code asks without knowing who answers:

- :func:`public_url` — the public page of an item (``register_public_page``);
- :func:`link` — a named page, e.g. ``link("event_registration", "ar", token=...)``
  (``register_link``);
- :func:`start_page` — where a signed-in person's roles take them (``register_start_page``);
- :func:`page_at` — the other way round: which item or named page a public path shows.

Paths are returned (``/ar/events/...``); a caller that needs an absolute URL (an e-mail) puts
its base URL in front.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import Resolver404, resolve, reverse
from django.utils import translation


class UnknownLink(LookupError):
    """No frontend registered a page under this name."""


@dataclass(frozen=True)
class _PublicPage:
    url_name: str
    by_slug: bool


@dataclass(frozen=True)
class PageAt:
    """What a public path shows: an item's page (``model`` and ``slug``) or a page registered
    by ``name``, in ``language``."""

    language: str
    model: type | None = None
    slug: str = ""
    name: str = ""


@dataclass(frozen=True)
class _StartPage:
    url_name: str
    applies: Callable[..., bool]
    order: int


_PUBLIC_PAGES: dict[type, _PublicPage] = {}
_LINKS: dict[str, str] = {}
_START_PAGES: list[_StartPage] = []


def register_public_page(model: type, url_name: str, *, by_slug: bool = True) -> None:
    """Items of ``model`` are shown to the public at ``url_name`` with the item's slug — or,
    with ``by_slug=False``, on the one page ``url_name`` that lists them all."""
    _PUBLIC_PAGES[model] = _PublicPage(url_name, by_slug)


def register_link(name: str, url_name: str) -> None:
    """Domain code refers to the page ``url_name`` as ``name`` (e.g. "event_registration")."""
    _LINKS[name] = url_name


def register_start_page(url_name: str, *, applies: Callable[..., bool], order: int) -> None:
    """After sign-in, ``url_name`` is the place for people for whom ``applies(user, region)``;
    the lowest ``order`` that applies wins."""
    _START_PAGES.append(_StartPage(url_name, applies, order))
    _START_PAGES.sort(key=lambda page: page.order)


def public_url(item, language: str | None = None) -> str:
    """The path of ``item``'s public page in ``language`` (default: the active language), or ""
    if no frontend shows items of its kind."""
    page = next(
        (_PUBLIC_PAGES[model] for model in type(item).__mro__ if model in _PUBLIC_PAGES), None
    )
    if page is None:
        return ""
    return _reverse(page.url_name, language, {"slug": item.slug} if page.by_slug else {})


def link(name: str, language: str | None = None, **kwargs) -> str:
    """The path of the page registered as ``name``, in ``language`` (default: the active one).

    Raises :class:`UnknownLink` if no frontend registered it."""
    try:
        url_name = _LINKS[name]
    except KeyError:
        raise UnknownLink(name) from None
    return _reverse(url_name, language, kwargs)


def page_at(path: str) -> PageAt | None:
    """The item page or named page (without arguments) at ``path``, if ``path`` is exactly the
    path :func:`public_url` or :func:`link` gives for it; else None."""
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 500:
        return None
    language = translation.get_language_from_path(path)
    if language is None:
        return None
    try:
        with translation.override(language):  # the language prefix matches the active language
            match = resolve(path)
    except Resolver404:
        return None
    found = None
    for model, page in _PUBLIC_PAGES.items():
        if page.url_name == match.view_name and page.by_slug and "slug" in match.kwargs:
            found = PageAt(language, model=model, slug=match.kwargs["slug"])
            break
    else:
        for name, url_name in _LINKS.items():
            if url_name == match.view_name and not match.kwargs:
                found = PageAt(language, name=name)
                break
    if found is None or _reverse(match.view_name, language, match.kwargs) != path:
        return None
    return found


def start_page(user, region) -> str:
    """The path of the first start page that applies to ``user`` in ``region``, or ""."""
    for page in _START_PAGES:
        if page.applies(user, region):
            return reverse(page.url_name)
    return ""


def _reverse(url_name: str, language: str | None, kwargs: dict) -> str:
    if language is None:
        return reverse(url_name, kwargs=kwargs)
    with translation.override(language):
        return reverse(url_name, kwargs=kwargs)
