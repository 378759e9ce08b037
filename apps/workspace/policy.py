"""How a frontend mounts the workspace kit: a policy says what scopes its pages and whose data
they manage. The kit's pages read only the policy, never a frontend's module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    """One link of a workspace's navigation, shown to those holding ``permission``."""

    url_name: str  # within the frontend's namespace
    label: str
    permission: str
    url_kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    namespace: str  # the frontend's URL namespace ("authority", "ngo")
    nav: tuple[NavItem, ...]
    #: The object every permission of this workspace is checked on (a region, an organisation),
    #: from the request and the URL's keyword arguments.
    scope: Callable[[HttpRequest, dict], Any]
    #: The URL keyword arguments every page of the workspace needs (e.g. the NGO's slug).
    url_kwargs: Callable[[Any], dict]
    #: The organisations whose events and registrations the workspace manages...
    managed_organisations: Callable[[HttpRequest, Any], QuerySet]
    #: ... and those whose people and roles it manages.
    people_organisations: Callable[[HttpRequest, Any], QuerySet]
    #: The organisation a new event or place of this workspace belongs to (None: none may).
    publishing_organisation: Callable[[HttpRequest, Any], Any]
    #: Managing events and their registrations; managing people and roles.
    events_permission: str
    people_permission: str
