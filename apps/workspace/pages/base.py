"""The base of every workspace page: access by the route's permission on the policy's scope,
the navigation, and URLs within the frontend that mounted the page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from apps.workspace.policy import Policy


class WorkspacePage(PermissionRequiredMixin):
    """Signed-in users holding the route's permission on the workspace's scope get in.

    Anonymous visitors are sent to sign in; signed-in people without the permission get 403.
    """

    policy: Policy | None = None  # given by the route
    permission_required: str | tuple[str, ...] | None = None  # given by the route

    @cached_property
    def scope(self):
        return self.policy.scope(self.request, self.kwargs)

    def get_scope(self):
        return self.scope

    def get_permission_object(self):
        return self.scope

    @property
    def url_namespace(self) -> str:
        return self.policy.namespace

    def nav_url_kwargs(self) -> dict:
        return self.policy.url_kwargs(self.scope)

    def url(self, name: str, **kwargs) -> str:
        """A URL of this workspace (the frontend that mounted the page)."""
        return reverse(
            f"{self.policy.namespace}:{name}", kwargs={**self.nav_url_kwargs(), **kwargs}
        )

    def managed_organisations(self):
        return self.policy.managed_organisations(self.request, self.scope)

    def publishing_organisation(self):
        return self.policy.publishing_organisation(self.request, self.scope)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        match = self.request.resolver_match
        current = match.url_name if match else ""
        context["workspace_nav"] = [
            {
                "label": item.label,
                "url": self.url(item.url_name, **item.url_kwargs),
                "current": current == item.url_name
                and all(match.kwargs.get(key) == value for key, value in item.url_kwargs.items()),
            }
            for item in self.policy.nav
            if self.request.user.has_perm(item.permission, self.scope)
        ]
        context["scope"] = self.scope
        context["ns"] = self.policy.namespace
        return context
