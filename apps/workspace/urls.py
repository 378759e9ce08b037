"""The kit's routes, each with the permission it needs, for a frontend to mount with its policy.

A frontend includes what it offers, e.g. ``*content_routes(AUTHORITY)`` in its ``urlpatterns``;
the kit never names a frontend.
"""

from __future__ import annotations

from django.urls import URLPattern

from apps.workspace.pages import content, events, people, shared_routes, translation
from apps.workspace.policy import Policy
from apps.workspace.routes import ANY_EDIT, TYPE_EDIT, route

ITEM = "content/<str:type>/<int:pk>/"


def content_routes(policy: Policy) -> list[URLPattern]:
    """Lists, editors, review and comparison of every registered content type."""
    return [
        route("content/<str:type>/", content.ItemList, "content_list",
              permission="editorial.view", policy=policy),
        route("content/<str:type>/new/", content.ItemCreate, "content_create",
              permission=TYPE_EDIT, policy=policy, actions=("save", "submit")),
        route(ITEM, content.ItemDetail, "content_detail",
              permission="editorial.view", policy=policy),
        route(f"{ITEM}edit/", content.ItemEdit, "content_edit",
              permission=TYPE_EDIT, policy=policy, actions=("save", "submit")),
        route(f"{ITEM}action/", content.ItemAction, "content_action",
              permission="editorial.view", policy=policy, actions=content.ItemAction.ACTIONS),
        route(f"{ITEM}compare/", content.Compare, "content_compare",
              permission="editorial.view", policy=policy),
        route("preview/", content.MarkdownPreview, "markdown_preview",
              permission=ANY_EDIT, policy=policy, actions=("preview",)),
    ]  # fmt: skip


def translation_routes(policy: Policy) -> list[URLPattern]:
    """Coverage, the translator's queue, the side-by-side editor and file exchange."""
    return [
        route(f"{ITEM}translations/<str:language>/", translation.TranslationEdit,
              "translation_edit", permission="editorial.view_translations", policy=policy,
              actions=("save", "done", "publish")),
        route("translations/", translation.Coverage, "coverage",
              permission="editorial.view_translations", policy=policy),
        route("translations/machine-drafts/", translation.MachineDrafts, "machine_drafts",
              permission="editorial.view_translations", policy=policy,
              actions=("machine_translate",)),
        route("translations/machine-drafts/<int:batch>/", translation.MachineDraftProgress,
              "machine_draft_progress", permission="editorial.view_translations", policy=policy),
        route("translations/queue/", translation.Queue, "translation_queue",
              permission="editorial.view_translations", policy=policy),
        route("translations/files/", translation.Export, "translation_exchange",
              permission="editorial.view_translations", policy=policy, actions=("export",)),
        route("translations/files/import/", translation.Import, "translation_import",
              permission="editorial.view_translations", policy=policy, actions=("import",)),
    ]  # fmt: skip


def event_routes(policy: Policy, *, moderate_permission: str = "") -> list[URLPattern]:
    """An organisation's own events and their registrations; with ``moderate_permission``, also
    archiving other organisations' events."""
    manage = policy.events_permission
    date = "events/<int:pk>/dates/<int:timestamp>/"
    routes = [
        route("events/", events.EventList, "events", permission=manage, policy=policy,
              moderate_permission=moderate_permission),
        route("events/new/", events.EventCreate, "event_create", permission=manage,
              policy=policy, actions=("save", "submit", "publish")),
        route("events/<int:pk>/", events.EventDetail, "event_detail", permission=manage,
              policy=policy),
        route("events/<int:pk>/edit/", events.EventEdit, "event_edit", permission=manage,
              policy=policy, actions=("save", "submit", "publish")),
        route("events/<int:pk>/action/", events.EventAction, "event_action", permission=manage,
              policy=policy, actions=tuple(events.EventAction.SERVICES)),
        route(date, events.DateRegistrations, "event_date", permission=manage, policy=policy),
        route(f"{date}action/", events.DateAction, "event_date_action", permission=manage,
              policy=policy, actions=("message", "cancel")),
    ]  # fmt: skip
    if moderate_permission:
        routes.append(
            route("events/<int:pk>/moderate/", events.Moderate, "event_moderate",
                  permission=moderate_permission, policy=policy, actions=("archive",))
        )  # fmt: skip
    return routes


def people_routes(policy: Policy, *, reset_permission: str = "") -> list[URLPattern]:
    """The people working for the organisations the workspace manages, and their roles; with
    ``reset_permission``, also removing someone's two-step sign-in (a lost phone)."""
    manage = policy.people_permission
    routes = [
        route("people/", people.MemberList, "members", permission=manage, policy=policy,
              reset_permission=reset_permission),
        route("people/grant/", people.GrantRole, "grant_role", permission=manage,
              policy=policy, actions=("grant",)),
        route("people/<int:membership>/withdraw/", people.WithdrawRole, "withdraw_role",
              permission=manage, policy=policy, actions=("withdraw",)),
        route("people/<int:membership>/languages/", people.TranslatorLanguages,
              "translator_languages", permission=manage, policy=policy, actions=("save",)),
    ]  # fmt: skip
    if reset_permission:
        routes.append(
            route("people/<int:person>/two-step/reset/", people.ResetTwoFactor,
                  "reset_two_factor", permission=reset_permission, policy=policy,
                  actions=("reset",))
        )  # fmt: skip
    return routes


def shared_route_routes(policy: Policy, *, permission: str) -> list[URLPattern]:
    """Routes migrants shared with the workspace's organisations, by their consent."""
    return [
        route("shared-routes/", shared_routes.SharedRouteList, "shared_routes",
              permission=permission, policy=policy, actions=("open",)),
        route("shared-routes/<int:pk>/", shared_routes.SharedRouteDetail, "shared_route",
              permission=permission, policy=policy, actions=("note",)),
    ]  # fmt: skip
