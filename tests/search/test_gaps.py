"""Content gaps: searches that found nothing or little, counted anonymously for the authority."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.search import services
from apps.search.models import Gap, HandledGap


def test_searches_that_find_nothing_are_counted_without_anybody_s_identity(client, registration):
    for _ in range(2):
        response = client.get("/en/search/", {"q": "How do I get a driving licence 4711?"})
    assert not response.cookies  # no cookie is set to count anything
    gap = Gap.objects.get()
    assert (gap.language, gap.query, gap.count, gap.outcome) == (
        "en", "driving licence", 2, "nothing",
    )  # fmt: skip
    assert gap.day == timezone.localdate()
    fields = {field.name for field in Gap._meta.get_fields()}
    assert fields == {"id", "region", "language", "query", "day", "outcome", "count"}


def test_searches_that_find_something_are_not_counted(client, registration):
    client.get("/en/search/", {"q": "certificate"})
    client.get("/en/search/", {"q": "nothing here", "kind": "term"})  # filtered: not counted
    client.get("/api/v1/search/", {"q": "volcano", "lang": "de"})
    assert list(Gap.objects.values_list("language", "query")) == [("de", "volcano")]


def test_counts_are_deleted_after_the_retention_period(region, settings):
    settings.SEARCH_GAP_RETENTION_DAYS = 30
    today = dt.date(2026, 6, 1)
    for age in (0, 30, 31):
        Gap.objects.create(region=region, language="en", query=f"q{age}", outcome="nothing",
                           day=today - dt.timedelta(days=age), count=1)  # fmt: skip
    assert services.forget_old_gaps(today=today) == 1
    assert sorted(Gap.objects.values_list("query", flat=True)) == ["q0", "q30"]


def test_the_authority_sees_them_per_language(client, people, registration, settings):
    settings.SEARCH_GAP_EXPORT_THRESHOLD = 3
    Gap.objects.create(region=registration.region, language="ar", query="رخصه قياده",
                       outcome="nothing", day=timezone.localdate(), count=7)  # fmt: skip
    Gap.objects.create(region=registration.region, language="en", query="my neighbour anna",
                       outcome="nothing", day=timezone.localdate(), count=1)  # fmt: skip
    client.force_login(people["translator"])
    page = client.get("/en/authority/search-gaps/").content.decode()
    assert "What people look for and do not find" in page
    assert 'lang="ar" dir="rtl">رخصه قياده' in page and "my neighbour anna" in page
    arabic = client.get("/en/authority/search-gaps/", {"language": "ar"}).content.decode()
    assert "my neighbour anna" not in arabic
    export = client.get("/en/authority/search-gaps/", {"format": "csv"}).content.decode()
    assert "رخصه قياده" in export and "anna" not in export  # seen once: never exported


def test_an_editor_answers_a_gap_with_content(client, people, registration, region):
    client.get("/en/search/", {"q": "driving licence"})
    client.force_login(people["editor"])
    form = client.get("/en/authority/search-gaps/answer/",
                      {"language": "en", "query": "driving licence"})  # fmt: skip
    procedure_type = ContentType.objects.get_for_model(registration).pk
    assert f'value="{procedure_type}:{registration.pk}"' in form.content.decode()
    response = client.post("/en/authority/search-gaps/answer/", {
        "action": "handle", "language": "en", "query": "driving licence",
        "item": f"{procedure_type}:{registration.pk}",
    })  # fmt: skip
    assert response.status_code == 302
    assert HandledGap.objects.get().object_id == registration.pk
    found = client.get("/en/search/", {"q": "Driving licence?"}).content.decode()
    assert "1 result for" in found and "Register your address" in found
    page = client.get("/en/authority/search-gaps/").content.decode()
    assert "Answered" in page and "Wohnsitz anmelden" in page  # as the workspace names it


def test_an_answer_must_be_content_of_the_region(client, people, registration):
    client.force_login(people["editor"])
    response = client.post("/en/authority/search-gaps/answer/", {
        "action": "handle", "language": "en", "query": "x", "item": "1:999999",
    })  # fmt: skip
    assert response.status_code == 200 and not HandledGap.objects.exists()
