"""Template tags of the workspace pages, which show revisions and translation states alike."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.editorial.models import RevisionState
from apps.translation.models import CoverageState

register = template.Library()

AUDIT_ACTIONS = {
    "created": _("created"),
    "saved": _("saved a revision"),
    "submitted": _("submitted for review"),
    "published": _("published"),
    "sent_back": _("sent back"),
    "archived": _("archived"),
    "unarchived": _("published again"),
    "restored": _("restored an older revision"),
    "translation_saved": _("saved a translation"),
    "translation_done": _("finished a translation"),
    "translation_imported": _("imported a translation"),
    "translation_published": _("published a translation"),
    "machine_requested": _("requested a machine draft"),
    "machine_draft": _("received a machine draft"),
    # Events: access to registrants' personal data is recorded too.
    "registrations_viewed": _("looked at the registrations"),
    "registrations_exported": _("downloaded the registrations"),
    "registrants_messaged": _("wrote to the registrants"),
    "date_cancelled": _("cancelled a date"),
}


@register.simple_tag
def source_title(item) -> str:
    """The item's title in the source language: the live one, else the newest draft's."""
    title = item.source_name() or getattr(item, "latest_title", "")
    if not title:
        newest = item.revisions.order_by("-number").first()
        title = newest.data.get(item.name_field(), "") if newest else ""
    return title or str(_("(untitled)"))


@register.simple_tag
def source_title_in_its_language(item) -> str:
    """The source title wrapped in an element that says its language, for use inside a sentence
    in another language."""
    return format_html('<span lang="{}">{}</span>', item.source_language, source_title(item))


@register.simple_tag(takes_context=True)
def has_region_perm(context, permission: str) -> bool:
    return context["request"].user.has_perm(permission, context.get("scope"))


@register.simple_tag
def revision_state_label(state: str) -> str:
    return RevisionState(state).label if state in RevisionState.values else ""


@register.simple_tag
def coverage_state_label(state: str) -> str:
    return CoverageState(state).label if state in CoverageState.values else state


@register.simple_tag
def audit_action_label(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action)


@register.filter
def language_name_local(code: str) -> str:
    return languages.get(code).name_local if languages.is_supported(code) else code


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def type_key(item) -> str:
    return item._meta.label_lower
