"""Which models take part in the editorial workflow, with the form that edits each.

A content app registers its model in its AppConfig.ready(); everything generic — workspace
pages, coverage matrix, translator queue, XLIFF/PO exchange — then works for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import translation

from apps.editorial.models import EditorialContent


@dataclass(frozen=True)
class EditorialType:
    model: type[EditorialContent]
    form: type  # a RevisionForm subclass
    #: (item, language code) → the migrant-facing URL, or "" if the item has none.
    public_url: Callable[[EditorialContent, str], str]
    #: Optional extra panel on the workspace page of an item: a template and its context.
    detail_template: str = ""
    detail_context: Callable[[EditorialContent], dict] | None = None
    #: The permission (on the region) to write and submit the city's items of this type.
    edit_permission: str = "editorial.edit"
    #: The permission (on the organisation) to write and publish an NGO's own items of this
    #: type; empty when organisations do not own items of this type.
    own_permission: str = ""
    #: The permission (on the region) to archive an organisation's item of this type.
    moderate_permission: str = "editorial.review"

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def page_by_slug(url_name: str) -> Callable[[EditorialContent, str], str]:
    """The usual ``public_url``: the migrant page ``url_name`` of the item's slug."""

    def public_url(item: EditorialContent, code: str) -> str:
        with translation.override(code):
            return reverse(url_name, kwargs={"slug": item.slug})

    return public_url


_TYPES: dict[str, EditorialType] = {}


def register(
    model: type[EditorialContent],
    *,
    form: type,
    public_url: Callable,
    detail_template: str = "",
    detail_context: Callable | None = None,
    edit_permission: str = "editorial.edit",
    own_permission: str = "",
    moderate_permission: str = "editorial.review",
) -> None:
    entry = EditorialType(
        model=model,
        form=form,
        public_url=public_url,
        detail_template=detail_template,
        detail_context=detail_context,
        edit_permission=edit_permission,
        own_permission=own_permission,
        moderate_permission=moderate_permission,
    )
    _TYPES[entry.key] = entry


def editorial_types() -> list[EditorialType]:
    return list(_TYPES.values())


def editorial_models() -> list[type[EditorialContent]]:
    return [entry.model for entry in _TYPES.values()]


def type_for_key(key: str) -> EditorialType:
    try:
        return _TYPES[key]
    except KeyError:
        raise Http404(f"No editorial content type {key!r}.") from None


def type_for_model(model: type[EditorialContent]) -> EditorialType:
    return _TYPES[model._meta.label_lower]
