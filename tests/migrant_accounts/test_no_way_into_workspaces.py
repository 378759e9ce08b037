"""The permission matrix, for a migrant's account: every workspace route and every staff API
route, walked from the URL resolver, answers 403 to a signed-in migrant, and writes nothing."""

from __future__ import annotations

from django.urls import reverse

from tests.migrant_accounts.conftest import sign_in
from tests.test_route_matrix import (
    STAFF_API_ROUTES,
    WORKSPACE_ROUTES,
    database_state,
    url_kwargs,
    world,
)

__all__ = ["world"]  # the fixture, shared with the route matrix


def test_a_migrant_gets_403_on_every_workspace_and_staff_route(client, region, world):
    sign_in(client)
    before = database_state()
    refused = []
    for name, pattern in [*WORKSPACE_ROUTES, *STAFF_API_ROUTES]:
        url = reverse(name, kwargs=url_kwargs(name, pattern, world))
        view = getattr(pattern.callback, "view_class", None)
        methods = getattr(view, "http_method_names", ["get", "post"])
        if "get" in methods:
            refused.append((f"GET {url}", client.get(url).status_code))
        for action in getattr(pattern.callback, "route_actions", ()) or ("",):
            if "post" in methods:
                response = client.post(url, {"action": action} if action else {})
                refused.append((f"POST {action} {url}", response.status_code))
    assert [what for what, status in refused if status != 403] == []
    assert len(refused) > 60
    assert database_state() == before
