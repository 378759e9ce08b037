"""An NGO keeps its own places: it publishes them itself; no other NGO can touch them."""

from __future__ import annotations

from django.urls import reverse

from apps.editorial import services
from apps.places.models import Place
from tests.browser_forms import submitted


def place_post(**overrides) -> dict:
    return {
        "name": "Beratungsstelle Nord",
        "directions": "Bus 12 bis Marktplatz.",
        "street": "Marktplatz 3",
        "postcode": "12345",
        "city": "Teststadt",
        "hours_1": "10:00–16:00",
        **overrides,
    }


def test_an_ngo_publishes_a_place_that_shows_on_its_profile(client, people, ngo, region):
    client.force_login(people["ngo_member"])

    response = client.post(
        reverse("ngo:place_create", kwargs={"org": ngo.slug}), {**place_post(), "publish": "1"}
    )

    assert response.status_code == 302
    place = Place.objects.get()
    assert place.organisation == ngo and place.status == "published"
    assert list(ngo.places.all()) == [place]
    page = client.get(f"/de/places/{place.slug}/").content.decode()
    assert "Beratungsstelle Nord" in page and "10:00–16:00" in page


def test_a_draft_is_not_shown_and_mistakes_are_explained(client, people, ngo):
    client.force_login(people["ngo_admin"])
    url = reverse("ngo:place_create", kwargs={"org": ngo.slug})

    wrong = client.post(url, place_post(hours_1="10-16", postcode=""))
    client.post(url, place_post())

    assert "is not a time range" in wrong.content.decode()
    place = Place.objects.get()
    assert place.status == "draft"
    assert client.get(f"/en/places/{place.slug}/").status_code == 404


def test_two_people_editing_the_same_place_do_not_overwrite_each_other(client, people, ngo):
    client.force_login(people["ngo_admin"])
    client.post(
        reverse("ngo:place_create", kwargs={"org": ngo.slug}), {**place_post(), "publish": "1"}
    )
    place = Place.objects.get()
    edit = reverse("ngo:place_edit", kwargs={"org": ngo.slug, "pk": place.pk})
    opened = submitted(client.get(edit).content.decode())
    client.post(edit, {**opened, "street": "Neue Straße 1", "hours_2": "09:00–12:00"})

    stale = client.post(edit, {**opened, "street": "Alte Straße 9"})

    html = stale.content.decode()
    assert "was saved while you were editing" in html
    assert services.latest_revision(place).data["street"] == "Neue Straße 1"
    # The other person's opening hours are in the form now; the street is mine until I choose.
    again = submitted(html)
    assert again["hours_2"] == ["09:00–12:00"] and again["street"] == ["Alte Straße 9"]
    client.post(edit, {**again, "merge__street": "theirs"})
    saved = services.latest_revision(place).data
    assert saved["street"] == "Neue Straße 1"
    assert {"day": 2, "opens": "09:00", "closes": "12:00"} in saved["opening_hours"]


def test_saving_an_unchanged_place_makes_no_revision(client, people, ngo):
    client.force_login(people["ngo_admin"])
    client.post(
        reverse("ngo:place_create", kwargs={"org": ngo.slug}), {**place_post(), "publish": "1"}
    )
    place = Place.objects.get()
    edit = reverse("ngo:place_edit", kwargs={"org": ngo.slug, "pk": place.pk})

    response = client.post(edit, submitted(client.get(edit).content.decode(), button="publish"))

    assert response.status_code == 302
    assert place.revisions.count() == 1


def test_another_ngo_cannot_see_or_change_the_place(client, people, ngo, other_ngo):
    client.force_login(people["ngo_admin"])
    client.post(
        reverse("ngo:place_create", kwargs={"org": ngo.slug}), {**place_post(), "publish": "1"}
    )
    place = Place.objects.get()

    client.force_login(people["other_ngo_admin"])
    listing = client.get(reverse("ngo:places", kwargs={"org": other_ngo.slug})).content.decode()
    through_own = client.get(
        reverse("ngo:place_edit", kwargs={"org": other_ngo.slug, "pk": place.pk})
    )
    through_theirs = client.get(reverse("ngo:place_edit", kwargs={"org": ngo.slug, "pk": place.pk}))

    assert "Beratungsstelle Nord" not in listing
    assert through_own.status_code == 404 and through_theirs.status_code == 403
