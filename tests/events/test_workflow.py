"""City events follow the same workflow as articles (four eyes where the region asks); an NGO's
events are its own to write and publish, and the city may only archive them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.editorial import services
from apps.editorial.models import ItemStatus
from apps.events.models import Event

from .conftest import event_values
from .test_workspace import form_data


def test_a_city_editor_submits_an_event_and_a_reviewer_publishes_it(client, people, authority):
    client.force_login(people["editor"])
    form = client.get(reverse("authority:event_create"))
    assert form.context["save_actions"] == {"submit"}  # four eyes: no "Save and publish"

    refused = client.post(reverse("authority:event_create"), {**form_data(), "publish": "1"})
    assert refused.status_code == 403
    assert not Event.objects.exists()

    client.post(reverse("authority:event_create"), {**form_data(), "submit": "1"})
    event = Event.objects.get()
    assert event.organisation == authority
    assert event.status == ItemStatus.DRAFT
    action = reverse("authority:event_action", kwargs={"pk": event.pk})
    assert client.post(action, {"action": "publish"}).status_code == 403

    client.force_login(people["reviewer"])
    client.post(action, {"action": "publish"})

    event.refresh_from_db()
    assert event.status == ItemStatus.PUBLISHED


def test_a_reviewer_may_not_publish_a_city_event_they_wrote(people, authority, region):
    event = services.create_item(
        Event, region=region, organisation=authority,
        data=services.revision_data(Event, event_values()), author=people["region_admin"],
    )  # fmt: skip
    services.submit_for_review(event, user=people["region_admin"])

    with pytest.raises(services.WorkflowError, match="four eyes"):
        services.publish(event, user=people["region_admin"])


def test_the_city_may_archive_an_ngo_event_but_never_rewrite_it(client, people, make_event):
    event = make_event(title="Nähcafé der NGO")
    edit = reverse("authority:content_edit", kwargs={"type": "events.event", "pk": event.pk})

    for role in ("editor", "reviewer", "region_admin"):
        client.force_login(people[role])
        assert client.get(edit).status_code == 403
        assert client.post(edit, {**form_data(title="Übernommen")}).status_code == 403
        with pytest.raises(services.NotAllowed):
            services.save_draft(
                event, data=services.revision_data(Event, event_values(title="Übernommen")),
                author=people[role], base_number=services.latest_revision(event).number,
            )  # fmt: skip
    event.refresh_from_db()
    assert event.title == "Nähcafé der NGO"
    assert event.revisions.count() == 1

    services.archive(event, user=people["reviewer"])
    event.refresh_from_db()
    assert event.status == ItemStatus.ARCHIVED
    with pytest.raises(services.NotAllowed):
        services.unarchive(event, user=people["reviewer"])  # bringing it back is the NGO's
    services.unarchive(event, user=people["ngo_admin"])
