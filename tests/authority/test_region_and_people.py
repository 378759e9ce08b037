import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import Membership, Organisation
from apps.core.forms import RegionSettingsForm
from apps.core.models import Region, Topic


def region_form_data(region: Region, **changes) -> dict:
    form = RegionSettingsForm(instance=region, region=region)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    data["logo"] = ""
    data.update(changes)
    return data


def test_region_admin_changes_branding_and_languages(client, people, region):
    client.force_login(people["region_admin"])
    url = reverse("authority:region")

    response = client.post(
        url,
        region_form_data(region, primary_colour="#6a1b9a", enabled_languages=["de", "en", "ar"]),
    )

    assert response.status_code == 302, response.context["form"].errors
    region.refresh_from_db()
    assert region.primary_colour == "#6a1b9a"
    assert region.enabled_languages == ["ar", "en", "de"]  # canonical order
    assert "region.css?v=6a1b9a" in client.get("/en/").content.decode()
    assert client.get("/region.css").content.decode() == ":root { --brand: #6a1b9a; }\n"


def test_region_admin_enables_and_names_easy_german(client, people, region):
    client.force_login(people["region_admin"])
    url = reverse("authority:region")
    assert "Deutsch – einfach" in client.get(url).content.decode()

    response = client.post(
        url,
        region_form_data(
            region,
            enabled_languages=["de", "de-easy", "ar"],
            easy_language_label="Einfache Sprache",
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    region.refresh_from_db()
    assert region.enabled_languages == ["ar", "de", "de-easy"]
    assert ">Einfache Sprache</a>" in client.get("/ar/").content.decode()


def test_easy_german_needs_german_as_the_source_language(client, people, region):
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:region"),
        region_form_data(region, source_language="en", enabled_languages=["en", "de-easy"]),
    )

    assert response.status_code == 200
    assert "can only be offered of the source language" in response.content.decode()
    region.refresh_from_db()
    assert region.source_language == "de"


def test_districts_are_written_one_per_line(client, people, region):
    client.force_login(people["region_admin"])
    data = region_form_data(region, districts=" Altstadt \n\nNordstadt\r\n")
    assert client.post("/en/authority/region/", data).status_code == 302
    region.refresh_from_db()
    assert region.districts == ["Altstadt", "Nordstadt"]
    assert "Altstadt\nNordstadt" in client.get("/en/authority/region/").content.decode()

    data = region_form_data(region, districts="Altstadt\naltstadt")
    answer = client.post("/en/authority/region/", data)
    assert answer.status_code == 200 and "Each district once" in answer.content.decode()
    region.refresh_from_db()
    assert region.districts == ["Altstadt", "Nordstadt"]


def test_too_light_brand_colour_is_refused_with_a_reason(client, people, region):
    client.force_login(people["region_admin"])

    response = client.post(
        "/de/authority/region/", region_form_data(region, primary_colour="#ffff00")
    )

    assert response.status_code == 200
    assert "zu hell" in response.content.decode()
    region.refresh_from_db()
    assert region.primary_colour == "#0b5394"


def test_second_editor_is_told_about_the_first_editors_change(client, people, region):
    client.force_login(people["region_admin"])
    stale = region_form_data(region, contact_email="mine@testville.example")
    Region.objects.filter(pk=region.pk).update(contact_email="theirs@testville.example")

    response = client.post(reverse("authority:region"), stale)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this" in html
    assert "theirs@testville.example" in html  # their change is shown
    assert 'value="mine@testville.example"' in html  # ours is kept in the form
    region.refresh_from_db()
    assert region.contact_email == "theirs@testville.example"

    # Having seen it, saving again deliberately keeps ours.
    fingerprint = response.context["form"].data["edit_fingerprint"]
    response = client.post(reverse("authority:region"), {**stale, "edit_fingerprint": fingerprint})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.contact_email == "mine@testville.example"


def test_region_admin_creates_an_ngo_and_invites_its_admin(
    client, people, region, django_capture_on_commit_callbacks
):
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:organisation_create"),
        {
            "name_de": "Neue Hilfe",
            "name_en": "New Help",
            "kind": "ngo",
            "slug": "new-help",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="new-help")
    assert organisation.region == region

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("authority:grant_role"),
            {"email": "boss@newhelp.example", "organisation": organisation.pk, "role": "ngo_admin"},
        )
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=organisation, role="ngo_admin").exists()
    assert mail.outbox[0].to == ["boss@newhelp.example"]


def test_duplicate_organisation_short_name_is_an_error_not_a_crash(client, people, ngo):
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:organisation_create"),
        {"name_de": "X", "kind": "ngo", "slug": ngo.slug},
    )

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


def test_region_admin_cannot_touch_another_regions_organisations(client, people, other_region):
    foreign = Organisation.objects.get(slug="foreign-office")
    client.force_login(people["region_admin"])

    assert (
        client.get(reverse("authority:organisation_edit", kwargs={"pk": foreign.pk})).status_code
        == 404
    )


def test_withdrawing_a_role(client, people):
    client.force_login(people["region_admin"])
    membership = people["editor"].memberships.get()

    response = client.post(reverse("authority:withdraw_role", kwargs={"membership": membership.pk}))

    assert response.status_code == 302
    assert not people["editor"].memberships.exists()


def test_nobody_withdraws_their_own_role(client, people):
    client.force_login(people["region_admin"])
    own = people["region_admin"].memberships.get()

    response = client.post(reverse("authority:withdraw_role", kwargs={"membership": own.pk}))

    assert response.status_code == 403
    assert people["region_admin"].memberships.exists()


def test_topics_are_created_with_translations(client, people, region, taxonomy):
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:topic_create"),
        {
            "name_de": "Gesundheit",
            "name_ar": "الصحة",
            "slug": "health",
            "icon": "health",
            "position": 2,
        },
    )

    assert response.status_code == 302
    topic = Topic.objects.get(slug="health")
    assert (topic.name_de, topic.name_ar, topic.region) == ("Gesundheit", "الصحة", region)


def test_topic_form_requires_the_source_language_and_marks_inputs(client, people, region):
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:topic_create"),
        {"name_en": "Health", "slug": "health", "icon": "health", "position": 0},
    )

    assert response.status_code == 200
    assert "name_de" in response.context["form"].errors
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_a_translators_languages_change_without_withdrawing_the_role(client, people):
    client.force_login(people["region_admin"])
    membership = people["translator"].memberships.get()
    members = client.get(reverse("authority:members")).content.decode()
    change = reverse("authority:translator_languages", kwargs={"membership": membership.pk})
    assert change in members

    page = client.get(change)
    offered = [code for code, _label in page.context["form"].fields["languages"].choices]
    assert "de" not in offered  # the region's source language is written, not translated
    response = client.post(change, {"languages": ["ar", "fa-af"]})

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.languages == ["ar", "fa-af"]
    assert people["translator"].memberships.count() == 1


def test_the_source_language_is_refused_as_a_translation_language(client, people):
    client.force_login(people["region_admin"])
    membership = people["translator"].memberships.get()
    before = list(membership.languages)

    response = client.post(
        reverse("authority:translator_languages", kwargs={"membership": membership.pk}),
        {"languages": ["de", "ar"]},
    )

    assert response.status_code == 200
    assert "languages" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.languages == before
    with pytest.raises(ValidationError, match="source language"):
        services.change_languages(membership=membership, languages=["de"])


def test_granting_the_translator_role_again_changes_the_languages(client, people):
    client.force_login(people["region_admin"])
    grant = reverse("authority:grant_role")
    page = client.get(grant)
    assert "de" not in [code for code, _ in page.context["form"].fields["languages"].choices]

    response = client.post(
        grant,
        {"email": people["translator"].email, "organisation": people["translator"]
         .memberships.get().organisation_id, "role": "translator", "languages": ["uk"]},
    )  # fmt: skip

    assert response.status_code == 302
    assert people["translator"].memberships.get().languages == ["uk"]


def test_only_translators_have_languages_to_change(client, people):
    client.force_login(people["region_admin"])
    editor = people["editor"].memberships.get()

    url = reverse("authority:translator_languages", kwargs={"membership": editor.pk})

    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError):
        services.change_languages(membership=editor, languages=["ar"])
