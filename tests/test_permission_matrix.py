"""Every workspace page × every role → the status a person with that role gets.

Declared as data so that a new page cannot be added without saying who may see it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

AUTHORITY_STAFF = {"region_admin", "editor", "reviewer", "translator", "statistics_manager"}
EVERYONE = {
    "anonymous",
    "no_role",
    *AUTHORITY_STAFF,
    "ngo_admin",
    "ngo_member",
    "other_ngo_admin",
    "foreign_region_admin",
}

# (url name, kwargs, roles that get 200). Everybody else: anonymous → sign-in, others → 403.
PAGES = [
    ("authority:dashboard", {}, AUTHORITY_STAFF),
    ("authority:region", {}, {"region_admin"}),
    ("authority:organisations", {}, {"region_admin"}),
    ("authority:organisation_create", {}, {"region_admin"}),
    ("authority:organisation_edit", {"pk": "ngo"}, {"region_admin"}),
    ("authority:members", {}, {"region_admin"}),
    ("authority:grant_role", {}, {"region_admin"}),
    ("authority:taxonomy", {}, {"region_admin"}),
    ("authority:topic_create", {}, {"region_admin"}),
    ("authority:user_type_create", {}, {"region_admin"}),
    ("authority:content_list", {"type": "articles.article"}, AUTHORITY_STAFF),
    ("authority:content_create", {"type": "articles.article"}, {"editor", "region_admin"}),
    ("authority:content_list", {"type": "procedures.procedure"}, AUTHORITY_STAFF),
    ("authority:content_create", {"type": "procedures.procedure"}, {"editor", "region_admin"}),
    ("authority:content_list", {"type": "places.place"}, AUTHORITY_STAFF),
    ("authority:content_create", {"type": "places.place"}, {"editor", "region_admin"}),
    ("authority:tips", {}, {"editor", "reviewer", "region_admin"}),
    ("authority:planning", {}, {"statistics_manager", "editor", "reviewer", "region_admin"}),
    ("authority:coverage", {}, AUTHORITY_STAFF),
    ("authority:translation_queue", {}, AUTHORITY_STAFF),
    ("authority:translation_exchange", {}, AUTHORITY_STAFF),
    ("authority:machine_draft_progress", {"batch": "batch"}, AUTHORITY_STAFF),
    ("authority:statistics", {}, {"statistics_manager"}),
    ("authority:dataset_data", {"pk": "dataset"}, {"statistics_manager"}),
    ("authority:content_list", {"type": "statistics.chart"}, AUTHORITY_STAFF),
    ("authority:content_create", {"type": "statistics.chart"}, {"statistics_manager"}),
    ("authority:content_create", {"type": "statistics.dataset"}, {"statistics_manager"}),
    ("authority:content_create", {"type": "statistics.dashboard"}, {"statistics_manager"}),
    ("ngo:dashboard", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:profile", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:places", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:place_create", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:tips", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:tip_create", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:members", {"org": "helping-hands"}, {"ngo_admin"}),
    ("ngo:grant_role", {"org": "helping-hands"}, {"ngo_admin"}),
    ("ngo:events", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:event_create", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("ngo:shared_routes", {"org": "helping-hands"}, {"ngo_admin", "ngo_member"}),
    ("authority:shared_routes", {}, AUTHORITY_STAFF),
    ("authority:events", {}, {"editor", "reviewer", "region_admin"}),
    ("authority:event_create", {}, {"editor", "reviewer", "region_admin"}),
]

MATRIX = [
    pytest.param(
        name,
        kwargs,
        role,
        role in allowed,
        id=f"{name}-{'-'.join(map(str, kwargs.values()))}-{role}",
    )
    for name, kwargs, allowed in PAGES
    for role in sorted(EVERYONE)
]


@pytest.mark.parametrize(("url_name", "kwargs", "role", "allowed"), MATRIX)
def test_workspace_access(client, people, ngo, url_name, kwargs, role, allowed):
    objects = {
        "ngo": lambda: ngo.pk,
        "dataset": lambda: _dataset(people, ngo.region).pk,
        "batch": lambda: _batch(ngo.region).pk,
    }
    kwargs = {key: objects[value]() if value in objects else value for key, value in kwargs.items()}
    url = reverse(url_name, kwargs=kwargs)
    if people[role] is not None:
        client.force_login(people[role])

    response = client.get(url)

    if allowed:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403


def _batch(region):
    from apps.translation.models import MachineDraftBatch

    return MachineDraftBatch.objects.create(region=region)


def _dataset(people, region):
    from apps.accounts.models import Organisation
    from apps.editorial.services import create_item
    from apps.statistics.models import Dataset

    return create_item(
        Dataset,
        region=region,
        organisation=Organisation.objects.get(slug="city-office"),
        data={"title": "Einwohner", "description": "", "source": "", "licence": "cc-by-4.0"},
        author=people["statistics_manager"],
    )


@pytest.mark.parametrize("role", sorted(EVERYONE - {"statistics_manager"}))
def test_only_statistics_managers_upload_data(client, people, ngo, role):
    import io

    dataset = _dataset(people, ngo.region)
    upload = io.BytesIO(b"year,residents\n2024,10\n")
    upload.name = "r.csv"
    if people[role] is not None:
        client.force_login(people[role])

    client.post(reverse("authority:dataset_data", kwargs={"pk": dataset.pk}), {"file": upload})

    assert not dataset.versions.exists()


@pytest.mark.parametrize("role", sorted(EVERYONE - {"region_admin"}))
def test_only_region_admins_withdraw_roles(client, people, role):
    membership = people["editor"].memberships.get()
    if people[role] is not None:
        client.force_login(people[role])

    client.post(reverse("authority:withdraw_role", kwargs={"membership": membership.pk}))

    assert people["editor"].memberships.exists()


@pytest.mark.parametrize("role", sorted(EVERYONE - {"region_admin"}))
def test_only_region_admins_reset_two_step_sign_in(client, people, role):
    from apps.accounts import two_factor
    from tests.conftest import give_app

    give_app(people["editor"])
    if people[role] is not None:
        client.force_login(people[role])

    client.post(
        reverse("authority:reset_two_factor", kwargs={"person": people["editor"].pk}),
        {"action": "reset"},
    )

    assert two_factor.is_enabled(people["editor"])


def test_ngo_admin_cannot_withdraw_roles_in_another_ngo(client, people):
    victim = people["other_ngo_admin"].memberships.get()
    client.force_login(people["ngo_admin"])

    response = client.post(
        reverse("ngo:withdraw_role", kwargs={"org": "helping-hands", "membership": victim.pk})
    )

    assert response.status_code == 404
    assert people["other_ngo_admin"].memberships.exists()


def test_anonymous_visitors_see_the_migrant_portal(client, region):
    for url_name in ("migrant:home", "migrant:organisations", "migrant:privacy"):
        assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("role", sorted(EVERYONE - {"ngo_admin", "ngo_member"}))
def test_only_the_ngos_own_people_see_its_event_registrations(client, people, ngo, role):
    """Event and registration pages of an NGO: its own people only (matrix over one event)."""
    import datetime as dt

    from apps.events import services
    from apps.events.models import Event
    from tests.events.conftest import event_values

    event = services.save_event(
        event=None,
        organisation=ngo,
        data=services.workflow.revision_data(Event, event_values()),
        user=people["ngo_admin"],
        publish=True,
    )
    event.refresh_from_db()
    timestamp = int(event.starts_at.astimezone(dt.UTC).timestamp())
    kwargs = {"org": ngo.slug, "pk": event.pk}
    if people[role] is not None:
        client.force_login(people[role])

    for url in (
        reverse("ngo:event_detail", kwargs=kwargs),
        reverse("ngo:event_edit", kwargs=kwargs),
        reverse("ngo:event_date", kwargs={**kwargs, "timestamp": timestamp}) + "?format=csv",
    ):
        response = client.get(url)
        assert response.status_code == (302 if role == "anonymous" else 403), url
