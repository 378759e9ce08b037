"""Links to the frontends' pages, asked by domain code that does not know the frontends."""

import pytest
from django.urls import reverse

from apps.core import links
from apps.statistics.models import Dataset


def test_an_item_links_to_its_public_page_in_the_language_asked(publish_article):
    article = publish_article()

    assert links.public_url(article, "ar") == f"/ar/information/{article.slug}/"
    assert links.public_url(article) == reverse("migrant:article", kwargs={"slug": article.slug})


def test_a_kind_without_pages_of_its_own_links_to_the_page_that_lists_it():
    assert links.public_url(Dataset(slug="residents"), "de") == "/de/figures/open-data/"


def test_an_item_no_frontend_shows_has_no_public_url(region):
    assert links.public_url(region, "de") == ""


def test_named_links_and_a_name_nobody_registered():
    assert links.link("event_calendar", "uk", slug="kurs") == "/uk/events/kurs.ics"
    with pytest.raises(links.UnknownLink):
        links.link("no_such_page")


def test_start_pages_follow_the_roles(people, region):
    assert links.start_page(people["editor"], region) == reverse("authority:dashboard")
    assert links.start_page(people["ngo_member"], region) == reverse("ngo:index")
    assert links.start_page(people["no_role"], region) == ""
