from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import Region, Topic


def test_home_shows_topics_and_situations_in_arabic_right_to_left(client, taxonomy):
    html = client.get("/ar/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "السكن" in html  # housing
    assert "السكن الاجتماعي" in html  # its subtopic
    assert "لاجئ" in html  # refugee


def test_home_in_chinese(client, taxonomy):
    html = client.get("/zh-hans/").content.decode()

    assert '<html lang="zh-hans" dir="ltr">' in html
    assert "住房" in html


def test_home_has_landmarks_and_a_skip_link(client, taxonomy):
    html = client.get("/en/").content.decode()

    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_home_query_count_does_not_grow_with_topics(client, region, taxonomy):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/")
        return len(queries)

    before = count()
    for index in range(5):
        parent = Topic.objects.create(region=region, slug=f"p{index}", name_en=f"P{index}")
        Topic.objects.create(region=region, slug=f"c{index}", name_en=f"C{index}", parent=parent)
    assert count() == before


def test_organisations_directory_lists_active_organisations(client, ngo, other_ngo, authority):
    other_ngo.is_active = False
    other_ngo.save()

    html = client.get("/en/organisations/").content.decode()

    assert "Helping Hands" in html
    assert "City Office" in html
    assert "Other NGO" not in html


def test_without_any_region_the_portal_says_so(client, db):
    assert not Region.objects.exists()

    response = client.get("/en/")

    assert response.status_code == 503
    assert "not set up yet" in response.content.decode()


def test_anonymous_pages_set_no_cookie(client, taxonomy):
    """No session or CSRF cookie on migrant pages: nothing to track, and the proxy may cache."""
    response = client.get("/ar/")

    assert response.cookies == {}


def test_the_privacy_page_states_how_long_registrations_are_kept(client, region, settings):
    settings.EVENT_RETENTION_DAYS = 45

    page = client.get("/en/privacy/").content.decode()

    assert "deleted 45 days after the date" in page
