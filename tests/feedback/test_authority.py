"""The authority sees what readers answered, the least helpful pages first, and triages the
comments; who marked one as done is kept."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from apps.feedback import services
from apps.feedback.models import PageComment


def _answer(article, code, helpful, times, comment=""):
    item = (ContentType.objects.get_for_model(article).pk, article.pk)
    for _ in range(times):
        services.record(article.region, code, item, helpful=helpful, comment=comment)


def test_the_least_helpful_pages_come_first(client, people, tenancy, publish_article, committed):
    with committed():
        other = publish_article(title="Kita-Platz finden", summary="Wie", body="So")
    _answer(tenancy, "ar", True, 8)
    _answer(tenancy, "ar", False, 2)
    _answer(other, "de", False, 4)
    _answer(other, "de", True, 1, comment="Wo ist das Formular?")
    _answer(other, "en", False, 1)  # one answer says little: listed last
    client.force_login(people["reviewer"])
    page = client.get("/en/authority/page-feedback/")
    rows = page.context["pages"]
    assert [(row.item.title, row.language.code) for row in rows] == [
        ("Kita-Platz finden", "de"),
        ("فهم عقد الإيجار", "ar"),
        ("Kita-Platz finden", "en"),
    ]
    assert (rows[0].helpful, rows[0].not_helpful, rows[0].helpful_percent) == (1, 4, 20)
    assert rows[0].open_comments == 1
    html = page.content.decode()
    assert "Wo ist das Formular?" in html
    assert 'lang="ar" dir="rtl"' in html  # the Arabic title is marked as such
    assert "Mark as done" not in html  # a reviewer reads, an editor triages
    only_arabic = client.get("/en/authority/page-feedback/", {"language": "ar"}).context["pages"]
    assert [row.language.code for row in only_arabic] == ["ar"]


def test_an_editor_marks_a_comment_done_and_opens_it_again(client, people, tenancy):
    _answer(tenancy, "ar", False, 1, comment="لا أفهم الكفالة")
    comment = PageComment.objects.get()
    client.force_login(people["editor"])
    assert "Mark as done" in client.get("/en/authority/page-feedback/").content.decode()
    url = f"/en/authority/page-feedback/comments/{comment.pk}/"
    done = client.post(url, {"action": "done", "language": "ar"})
    assert done.status_code == 302 and done["Location"].endswith("?language=ar#comments")
    comment.refresh_from_db()
    assert comment.done_at is not None and comment.done_by == people["editor"]
    page = client.get("/en/authority/page-feedback/")
    assert page.context["comments"] == [] and page.context["pages"][0].open_comments == 0
    shown = client.get("/en/authority/page-feedback/", {"show": "done"}).content.decode()
    assert "لا أفهم الكفالة" in shown and "Marked as done on" in shown
    client.post(url, {"action": "reopen"})
    comment.refresh_from_db()
    assert comment.done_at is None


def test_comments_of_another_region_cannot_be_touched(client, people, tenancy, other_region):
    _answer(tenancy, "ar", False, 1, comment="x")
    comment = PageComment.objects.get()
    PageComment.objects.filter(pk=comment.pk).update(region=other_region)
    client.force_login(people["editor"])
    url = f"/en/authority/page-feedback/comments/{comment.pk}/"
    assert client.post(url, {"action": "done"}).status_code == 404
    assert client.post(url, {"action": "delete"}).status_code == 404
    comment.refresh_from_db()
    assert comment.done_at is None


def test_the_search_gaps_page_leads_to_the_page_feedback(client, people, region):
    client.force_login(people["editor"])
    html = client.get("/en/authority/search-gaps/").content.decode()
    assert 'href="/en/authority/page-feedback/"' in html
