"""Which models take part in the editorial workflow, with the form that edits each.

A content app registers its model in its AppConfig.ready(); everything generic — workspace
pages, coverage matrix, translator queue, XLIFF/PO exchange — then works for it. Where an item
is shown to the public is not said here: the frontend that shows it registers its page with
:mod:`apps.core.links`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from apps.core import links
from apps.editorial.models import EditorialContent


class UnknownContentType(LookupError):
    """No content type is registered under this key (a view answers 404)."""


@dataclass(frozen=True)
class EditorialType:
    model: type[EditorialContent]
    form: type  # a RevisionForm subclass
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
    #: False for items edited elsewhere that only go through translation here (NGO tips, which
    #: the NGO writes on its tips page and the city approves): no workspace pages of their own
    #: but the translation pages, and their translation is the city's work like any other's.
    workspace_pages: bool = True

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def singular_label(self) -> str:
        return str(self.model._meta.verbose_name)

    def public_url(self, item: EditorialContent, code: str) -> str:
        """The item's public page in language ``code``, or "" if no frontend shows it."""
        return links.public_url(item, code)


_TYPES: dict[str, EditorialType] = {}


def register(
    model: type[EditorialContent],
    *,
    form: type,
    detail_template: str = "",
    detail_context: Callable | None = None,
    edit_permission: str = "editorial.edit",
    own_permission: str = "",
    moderate_permission: str = "editorial.review",
    workspace_pages: bool = True,
) -> None:
    entry = EditorialType(
        model=model,
        form=form,
        detail_template=detail_template,
        detail_context=detail_context,
        edit_permission=edit_permission,
        own_permission=own_permission,
        moderate_permission=moderate_permission,
        workspace_pages=workspace_pages,
    )
    _TYPES[entry.key] = entry


def editorial_types() -> list[EditorialType]:
    return list(_TYPES.values())


def editorial_models() -> list[type[EditorialContent]]:
    return [entry.model for entry in _TYPES.values()]


def type_for_key(key: str) -> EditorialType:
    """The registered type ``key`` ("articles.article"); :class:`UnknownContentType` if none."""
    try:
        return _TYPES[key]
    except KeyError:
        raise UnknownContentType(f"No editorial content type {key!r}.") from None


def type_for_model(model: type[EditorialContent]) -> EditorialType:
    return _TYPES[model._meta.label_lower]
