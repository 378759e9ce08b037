"""Every workspace route × every role, walked from the URL resolver, by GET and by each POST
action the route declares.

A route without a declared permission fails here, so no page can be added without saying who may
use it. Who holds which permission is written out below independently of ``apps/accounts/rules``,
so a change to the rules that lets the wrong people in fails too. For a refused write, the test
also checks that nothing in the database changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from apps.accounts import two_factor
from apps.editorial import services as workflow
from apps.editorial.api import StaffAPIView
from apps.events import recurrence
from apps.events import services as event_services
from apps.events.models import Event
from apps.workspace.routes import ANY_EDIT, SIGNED_IN, TYPE_EDIT
from tests.conftest import article_data, give_app
from tests.events.conftest import event_values

AUTHORITY_STAFF = {"region_admin", "editor", "reviewer", "translator", "statistics_manager"}
NGO_STAFF = {"ngo_admin", "ngo_member"}
ROLES = sorted(
    {"anonymous", "no_role", *AUTHORITY_STAFF, *NGO_STAFF, "other_ngo_admin",
     "foreign_region_admin"}
)  # fmt: skip

#: Who holds each permission on the test region (or on the NGO "helping-hands").
HOLDERS: dict[str, set[str]] = {
    "authority.view_workspace": AUTHORITY_STAFF,
    "authority.change_region": {"region_admin"},
    "authority.manage_organisations": {"region_admin"},
    "authority.manage_members": {"region_admin"},
    "authority.manage_taxonomy": {"region_admin"},
    "accounts.reset_two_factor": {"region_admin"},
    "editorial.view": AUTHORITY_STAFF,
    "editorial.edit": {"editor", "region_admin"},
    "editorial.view_translations": AUTHORITY_STAFF,
    "events.manage": {"editor", "reviewer", "region_admin"},
    "events.moderate": {"reviewer", "region_admin"},
    "procedures.review_tips": {"editor", "reviewer", "region_admin"},
    "statistics.manage": {"statistics_manager"},
    "statistics.view_planning": {"statistics_manager", "editor", "reviewer", "region_admin"},
    # Reviewers write the city's events, so they may preview too.
    ANY_EDIT: {"editor", "reviewer", "region_admin", "statistics_manager"},
    TYPE_EDIT: {"editor", "region_admin"},  # the routes below are tried with articles
    "ngo.view_workspace": NGO_STAFF,
    "ngo.change_profile": NGO_STAFF,
    "ngo.manage_members": {"ngo_admin"},
    "ngo.suggest_tips": NGO_STAFF,
    "ngo.manage_events": NGO_STAFF,
}


def _walk(patterns, prefix: str = "", outer: tuple[str, ...] = ()):
    """(namespaced name, pattern) of every route; a pattern included under a prefix with
    parameters (the NGO's ``<slug:org>/``) learns them as ``outer_parameters``."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace, (*outer, *entry.pattern.converters))
        elif isinstance(entry, URLPattern):
            entry.outer_parameters = outer
            yield f"{prefix}{entry.name}", entry


WORKSPACE_ROUTES = sorted(
    (name, pattern)
    for name, pattern in _walk(get_resolver().url_patterns)
    if name.startswith(("authority:", "ngo:"))
)


#: The staff API: routes under /api/v1/ whose views are for staff (token or session).
STAFF_API_ROUTES = sorted(
    (name, pattern)
    for name, pattern in _walk(get_resolver().url_patterns)
    if name.startswith("api:") and issubclass(
        getattr(pattern.callback, "view_class", object), StaffAPIView
    )
)  # fmt: skip


def test_every_staff_api_route_declares_its_permission():
    assert STAFF_API_ROUTES, "the staff API routes were not found"
    undeclared = [
        name for name, pattern in STAFF_API_ROUTES
        if getattr(pattern.callback, "route_permission", "") not in HOLDERS
    ]  # fmt: skip
    assert undeclared == []


@pytest.mark.parametrize(
    ("name", "pattern"), STAFF_API_ROUTES, ids=[n for n, _ in STAFF_API_ROUTES]
)
def test_every_role_gets_what_the_staff_api_route_declares(client, people, world, name, pattern):
    permission = pattern.callback.route_permission
    url = reverse(name, kwargs=url_kwargs(name, pattern, world))
    if name.endswith("compare"):
        url += "?a=1&b=2"  # the article's two revisions
    for role in ROLES:
        headers = {}
        if people[role] is not None:
            token, _ = Token.objects.get_or_create(user=people[role])
            headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
        response = client.get(url, **headers)
        what = f"GET {url} as {role}"
        if role == "anonymous":
            assert response.status_code == 401, what
        elif role in HOLDERS[permission]:
            assert response.status_code == 200, what
        else:
            assert response.status_code == 403, what


def test_every_workspace_route_declares_its_permission():
    undeclared = [
        name for name, pattern in WORKSPACE_ROUTES
        if getattr(pattern.callback, "route_permission", "") not in (*HOLDERS, SIGNED_IN)
    ]  # fmt: skip
    assert undeclared == [], "declare these routes with apps.workspace.routes.route()"
    assert len(WORKSPACE_ROUTES) > 50


@pytest.fixture
def world(people, region, authority, ngo, taxonomy):
    """One object of every kind a workspace URL names, in the region and the NGO; everybody
    whose role requires two-step sign-in has their authenticator app."""
    for person in people.values():
        if person is not None and two_factor.required_for(person):
            give_app(person)
    article = workflow.create_item(
        apps.get_model("articles", "Article"), region=region, organisation=authority,
        data=article_data(), author=people["editor"],
    )  # fmt: skip
    workflow.save_draft(
        article, data=article_data(title="Zweite Fassung"), author=people["editor"], base_number=1
    )
    ngo_event = event_services.save_event(
        event=None, organisation=ngo, data=workflow.revision_data(Event, event_values()),
        user=people["ngo_admin"], publish=True,
    )  # fmt: skip
    city_event = workflow.create_item(
        Event, region=region, organisation=authority,
        data=workflow.revision_data(Event, event_values(title="Stadtfest")),
        author=people["editor"],
    )  # fmt: skip
    workflow.submit_for_review(city_event, user=people["editor"])
    workflow.publish(city_event, user=people["reviewer"])
    dataset = workflow.create_item(
        apps.get_model("statistics", "Dataset"), region=region, organisation=authority,
        data={"title": "Einwohner", "description": "", "source": "", "licence": "cc-by-4.0"},
        author=people["statistics_manager"],
    )  # fmt: skip

    def first_date(event):
        event.refresh_from_db()
        return int(recurrence.dates_between(
            event, event.starts_at - dt.timedelta(minutes=1), event.starts_at + dt.timedelta(days=1)
        )[0].starts_at.timestamp())  # fmt: skip

    return {
        "article": article.pk,
        "ngo_event": ngo_event.pk,
        "city_event": city_event.pk,
        "ngo_event_date": first_date(ngo_event),
        "city_event_date": first_date(city_event),
        "dataset": dataset.pk,
        "ngo": ngo.pk,
        "topic": taxonomy["housing"].pk,
        "user_type": taxonomy["refugee"].pk,
        "city_membership": people["editor"].memberships.get().pk,
        "reviewer": people["reviewer"].pk,
        "ngo_membership": people["ngo_member"].memberships.get().pk,
    }


def url_kwargs(name: str, pattern: URLPattern, world: dict) -> dict:
    """Values for the URL's parameters: the objects of the scope the route works on."""
    in_ngo = name.startswith("ngo:")
    event = "ngo_event" if in_ngo else "city_event"
    values = {
        "org": "helping-hands",
        "type": "articles.article",
        "language": "ar",
        "timestamp": world[f"{event}_date"],
        "membership": world["ngo_membership" if in_ngo else "city_membership"],
        "number": 1,  # no upload is waiting: allowed people get 404, refused ones 403
        "person": world["reviewer"],  # who has two-step sign-in on
        "batch": 999_999,  # machine-draft batches have their own tests
    }
    by_route = {
        "organisation_edit": world["ngo"],
        "topic_edit": world["topic"],
        "user_type_edit": world["user_type"],
        "dataset_data": world["dataset"],
        "dataset_confirm": world["dataset"],
        "tip_review": 999_999,  # tips have their own tests; refusal comes before the lookup
        "tip_edit": 999_999,
        "tip_withdraw": 999_999,
        "place_edit": 999_999,
        "page_comment": 999_999,  # page comments have their own tests
    }
    short = name.split(":")[1]
    kwargs = {}
    for key in (*pattern.outer_parameters, *pattern.pattern.converters):
        if key == "pk":
            kwargs[key] = (
                by_route.get(short)
                # A route with a content type names an item of it (an article); others an event.
                or world["article" if "type" in pattern.pattern.converters else event]
            )
        else:
            kwargs[key] = values[key]
    return kwargs


def database_state() -> str:
    """A fingerprint of every row the workspaces can write."""
    digest = hashlib.sha256()
    for label in ("accounts", "core", "editorial", "translation", "articles", "events", "places",
                  "procedures", "statistics", "search", "feedback", "migrant_accounts", "otp_totp", "otp_static"):  # fmt: skip
        for model in apps.get_app_config(label).get_models():
            # Signing in (force_login) stamps last_login; that is not the page writing.
            fields = [f.attname for f in model._meta.concrete_fields if f.name != "last_login"]
            rows = model.objects.order_by("pk").values_list(*fields)
            digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("name", "pattern"), WORKSPACE_ROUTES, ids=[n for n, _ in WORKSPACE_ROUTES]
)
def test_every_role_gets_what_the_route_declares(client, people, world, name, pattern):
    permission = pattern.callback.route_permission
    url = reverse(name, kwargs=url_kwargs(name, pattern, world))
    takes_get = "get" in pattern.callback.view_class.http_method_names
    actions = pattern.callback.route_actions or ("",)
    before = database_state()

    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        allowed = permission == SIGNED_IN or role in HOLDERS[permission]
        if takes_get:
            response = client.get(url)
            _check(response, role, allowed, f"GET {url} as {role}", permission)
        for action in actions:
            if allowed and role != "anonymous":
                continue  # what a permitted write does is the feature tests' to say
            response = client.post(url, {"action": action} if action else {})
            _check(response, role, allowed, f"POST {action} {url} as {role}", permission)
            assert database_state() == before, f"a refused POST {action} {url} as {role} wrote"


def _check(response, role: str, allowed: bool, what: str, permission: str) -> None:
    if role == "anonymous":
        assert response.status_code == 302, what
        assert response["Location"].startswith(reverse("accounts:login")), what
    elif allowed:
        assert response.status_code < 500, what
        # A SIGNED_IN page decides itself (the NGO index refuses people without an NGO).
        assert response.status_code != 403 or permission == SIGNED_IN, what
    else:
        assert response.status_code == 403, what
