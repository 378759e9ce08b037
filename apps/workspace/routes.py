"""Routes that carry their permission as data, declared where the route is declared.

``route()`` hands the permission to the page (``permission_required``) and records it, with the
POST actions the page takes, on the view function, so tests can walk the URL resolver and check
every route for every role (``tests/test_permission_matrix.py``). Every route is also behind the
two-step sign-in gate (:func:`apps.workspace.pages.two_factor.workspace_gate`).
"""

from __future__ import annotations

from django.urls import URLPattern, path

from apps.workspace.pages.two_factor import workspace_gate
from apps.workspace.policy import Policy

#: A page whose permission is the edit permission the registry gives the URL's content type.
TYPE_EDIT = "editorial.edit_type"
#: A page for whoever may write some kind of content (editors, statistics managers...).
ANY_EDIT = "editorial.edit_any"
#: A page for anybody signed in (it finds out itself what they may see).
SIGNED_IN = "signed_in"


def route(
    pattern: str,
    page: type,
    name: str,
    *,
    permission: str,
    policy: Policy | None = None,
    actions: tuple[str, ...] = (),
    **initkwargs,
) -> URLPattern:
    """A URL for ``page`` that only holders of ``permission`` (on the page's scope) may use.

    ``actions`` names the values of the ``action`` field the page accepts by POST."""
    if not permission:
        raise ValueError(f"The route {name!r} needs a permission.")
    if permission != SIGNED_IN:
        initkwargs["permission_required"] = permission
    if policy is not None:
        initkwargs["policy"] = policy
    view = workspace_gate(page.as_view(**initkwargs))
    view.route_permission = permission
    view.route_actions = actions
    return path(pattern, view, name=name)


def routes_for(policy: Policy):
    """``route`` with ``policy`` given, for a frontend's own pages:
    ``page("region/", RegionSettings, "region", "authority.change_region", ("save",))``."""

    def page(pattern: str, view: type, name: str, permission: str, actions=()) -> URLPattern:
        return route(pattern, view, name, permission=permission, policy=policy, actions=actions)

    return page
