import pytest
from django.core.exceptions import ValidationError

from apps.core.models import Region, Topic


def test_host_name_picks_its_region_and_others_get_the_default(region, other_region):
    assert Region.objects.for_host("elsewhere.example:8000") == other_region
    assert Region.objects.for_host("anything.example") == region


def test_requests_are_served_for_the_region_of_their_host(client, region, other_region, settings):
    settings.ALLOWED_HOSTS = ["elsewhere.example", "testserver"]

    html = client.get("/en/", headers={"host": "elsewhere.example"}).content.decode()

    assert "Welcome to Elsewhere" in html


def test_only_one_default_region(region):
    with pytest.raises(ValidationError):
        Region(
            slug="second", name_en="Second", is_default=True, enabled_languages=["de"]
        ).full_clean()


def test_brand_colour_must_keep_white_text_readable(region):
    region.primary_colour = "#ffdd00"

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert "primary_colour" in error.value.message_dict


def test_source_language_must_be_enabled(region):
    region.enabled_languages = ["ar", "en"]

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert "enabled_languages" in error.value.message_dict


def test_unknown_language_codes_are_rejected(region):
    region.enabled_languages = ["de", "klingon"]

    with pytest.raises(ValidationError):
        region.full_clean()


def test_unknown_time_zone_is_rejected(region):
    region.time_zone = "Europe/Atlantis"

    with pytest.raises(ValidationError):
        region.full_clean()


def test_a_topic_cannot_be_nested_in_itself(region, taxonomy):
    housing = taxonomy["housing"]
    housing.parent = housing.children.get()

    with pytest.raises(ValidationError):
        housing.full_clean()


def test_topic_names_follow_the_active_language(taxonomy):
    from django.utils import translation

    with translation.override("ar"):
        assert Topic.objects.get(slug="housing").name == "السكن"
    with translation.override("zh-hans"):
        assert Topic.objects.get(slug="housing").name == "住房"
