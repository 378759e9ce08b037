"""The authority workspace pages of the workflow, as editors, reviewers and translators use them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.articles.models import Article
from apps.editorial import services
from apps.editorial.models import ItemStatus
from apps.translation import exchange
from apps.translation import services as translation_services
from apps.translation.models import CoverageState
from tests.browser_forms import submitted
from tests.conftest import article_data
from tests.translation.test_exchange import ARABIC, fill_xliff

TYPE = "articles.article"


def url(name, **kwargs):
    return reverse(f"authority:{name}", kwargs=kwargs)


def form_post(**overrides) -> dict:
    return {
        "title": "Müll trennen",
        "summary": "Welche Tonne wofür.",
        "body": "## Gelbe Tonne\nVerpackungen.",
        "kind": "guidance",
        **overrides,
    }


def test_editor_writes_and_submits_reviewer_publishes(client, people, region):
    client.force_login(people["editor"])
    response = client.post(url("content_create", type=TYPE), {**form_post(), "submit": "1"})
    article = Article.objects.get()
    assert response["Location"] == url("content_detail", type=TYPE, pk=article.pk)
    detail = client.get(response["Location"]).content.decode()
    assert "In review" in detail
    assert "<ins>Müll trennen</ins>" in detail  # the reviewer sees what is new

    # The author cannot publish; the button is not even there for an editor.
    response = client.post(url("content_action", type=TYPE, pk=article.pk), {"action": "publish"})
    assert response.status_code == 403

    client.force_login(people["reviewer"])
    response = client.post(
        url("content_action", type=TYPE, pk=article.pk), {"action": "publish"}, follow=True
    )
    assert "Published. Migrants now read this version." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ItemStatus.PUBLISHED


def test_reviewer_sends_back_with_a_comment_the_author_sees(client, people, publish_article):
    article = publish_article()
    services.save_draft(
        article, data=article_data(title="Neu"), author=people["editor"], base_number=1
    )
    services.submit_for_review(article, user=people["editor"])
    client.force_login(people["reviewer"])

    client.post(
        url("content_action", type=TYPE, pk=article.pk),
        {"action": "send_back", "comment": "Bitte kürzer."},
    )

    client.force_login(people["editor"])
    html = client.get(url("content_detail", type=TYPE, pk=article.pk)).content.decode()
    assert "Bitte kürzer." in html
    assert "Sent back" in html


def test_second_editor_sees_the_first_editors_change_and_keeps_their_own(
    client, people, publish_article
):
    article = publish_article()
    edit_url = url("content_edit", type=TYPE, pk=article.pk)
    client.force_login(people["editor"])
    page = client.get(edit_url)
    form = page.context["form"]
    assert form["base_revision"].value() == 1
    assert 'Edit “<span lang="de">Wohnung anmelden</span>”' in page.content.decode()
    services.save_draft(
        article,
        data=article_data(title="Titel von Aylin", summary="Aylins Zusammenfassung."),
        author=people["region_admin"],
        base_number=1,
    )

    mine = submitted(page.content.decode())
    response = client.post(edit_url, {**mine, "title": "Mein Titel"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "was saved while you were editing" in html
    assert "<del>Wohnung anmelden</del><ins>Titel von Aylin</ins>" in html  # their change
    assert 'name="merge__title" value="theirs"' in html
    assert services.latest_revision(article).data["title"] == "Titel von Aylin"
    # The form now holds my title and Aylin's summary (only she changed it)...
    again = submitted(html)
    assert again["title"] == ["Mein Titel"] and again["summary"] == ["Aylins Zusammenfassung."]
    assert again["base_revision"] == ["1"] and again["seen_revision"] == ["2"]

    # ...and a plain second save still overwrites nothing: I must choose for the title.
    response = client.post(edit_url, again)
    assert "Choose one of the two for each of these fields" in response.content.decode()
    assert services.latest_revision(article).number == 2

    response = client.post(edit_url, {**again, "merge__title": "mine"})
    assert response.status_code == 302
    saved = services.latest_revision(article).data
    assert (saved["title"], saved["summary"]) == ("Mein Titel", "Aylins Zusammenfassung.")


def test_edits_of_different_fields_merge_without_asking(client, people, publish_article):
    article = publish_article()
    edit_url = url("content_edit", type=TYPE, pk=article.pk)
    client.force_login(people["editor"])
    mine = submitted(client.get(edit_url).content.decode())
    services.save_draft(
        article, data=article_data(title="Titel von Aylin"), author=people["region_admin"],
        base_number=1,
    )  # fmt: skip

    response = client.post(edit_url, {**mine, "body": "Mein neuer Text."}, follow=True)

    assert "their changes were kept too" in response.content.decode()
    saved = services.latest_revision(article).data
    assert (saved["title"], saved["body"]) == ("Titel von Aylin", "Mein neuer Text.")


def test_saving_an_unchanged_form_makes_no_revision(client, people, publish_article):
    article = publish_article(body="## Termin\nOnline buchen.\n\nDann hingehen.")
    edit_url = url("content_edit", type=TYPE, pk=article.pk)
    client.force_login(people["editor"])

    response = client.post(edit_url, submitted(client.get(edit_url).content.decode()), follow=True)

    assert "Nothing was changed, so no new revision was saved." in response.content.decode()
    assert article.revisions.count() == 1


def test_compare_any_two_revisions_and_restore(client, people, publish_article):
    article = publish_article(title="Eins")
    services.save_draft(
        article, data=article_data(title="Zwei"), author=people["editor"], base_number=1
    )
    client.force_login(people["editor"])

    html = client.get(
        url("content_compare", type=TYPE, pk=article.pk), {"a": 1, "b": 2}
    ).content.decode()
    assert "<del>Eins</del><ins>Zwei</ins>" in html

    client.post(url("content_action", type=TYPE, pk=article.pk), {"action": "restore", "number": 1})
    assert services.latest_revision(article).data["title"] == "Eins"


def test_markdown_preview_is_sanitised(client, people):
    client.force_login(people["editor"])

    response = client.post(
        url("markdown_preview"),
        {"text": "**fett** <script>alert(1)</script><img src=x onerror=alert(1)>"},
    )

    assert response.content.decode() == "<p><strong>fett</strong> </p>"


def test_translator_translates_side_by_side_in_their_languages_only(
    client, people, publish_article
):
    article = publish_article()
    client.force_login(people["translator"])
    page = client.get(url("translation_edit", type=TYPE, pk=article.pk, language="ar"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'lang="de"' in html and "Wohnung anmelden" in html  # the original beside
    assert 'lang="ar" dir="rtl"' in html  # the input for Arabic

    response = client.post(
        url("translation_edit", type=TYPE, pk=article.pk, language="ar"),
        {**ARABIC, "base_version": "", "action": "done"},
    )
    assert response.status_code == 302
    assert translation_services.translation_of(article, "ar").status == "translated"

    forbidden = client.post(
        url("translation_edit", type=TYPE, pk=article.pk, language="ru"),
        {"title": "Регистрация", "base_version": "", "action": "save"},
    )
    assert forbidden.status_code == 403
    assert translation_services.translation_of(article, "ru") is None


def test_reviewer_publishes_a_language_version(client, people, publish_article):
    article = publish_article()
    translation_services.save_translation(
        article,
        language="ar",
        texts=ARABIC,
        user=people["translator"],
        base_version=None,
        done=True,
    )
    client.force_login(people["reviewer"])

    client.post(
        url("translation_edit", type=TYPE, pk=article.pk, language="ar"), {"action": "publish"}
    )

    article.refresh_from_db()
    assert article.title_ar == "تسجيل السكن"


@pytest.mark.parametrize("role", ["ngo_admin", "ngo_member", "foreign_region_admin"])
def test_ngos_and_other_regions_cannot_touch_authority_content(
    client, people, publish_article, role
):
    article = publish_article()
    client.force_login(people[role])

    for page in (
        url("content_detail", type=TYPE, pk=article.pk),
        url("content_edit", type=TYPE, pk=article.pk),
        url("translation_edit", type=TYPE, pk=article.pk, language="ar"),
    ):
        assert client.get(page).status_code == 403
    assert (
        client.post(
            url("content_action", type=TYPE, pk=article.pk), {"action": "archive"}
        ).status_code
        == 403
    )


def test_coverage_matrix_shows_states_and_filters(
    client, people, publish_article, translate, revise
):
    fresh, stale = publish_article(title="Frisch"), publish_article(title="Alt")
    translate(fresh, "ar")
    translate(stale, "ar")
    revise(stale, title="Alt, geändert")
    client.force_login(people["translator"])

    html = client.get(
        url("coverage"), {"language": "ar", "state": CoverageState.OUTDATED}
    ).content.decode()

    assert "Alt, geändert" in html
    assert "Frisch" not in html
    assert "state--outdated" in html


def test_coverage_page_query_count_does_not_depend_on_the_number_of_items(
    client, people, publish_article
):
    client.force_login(people["translator"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("coverage")).status_code == 200
        return len(queries)

    publish_article(title="Eins")
    few = count()
    for index in range(12):
        publish_article(title=f"Artikel {index}")
    assert count() == few


def test_export_and_import_through_the_workspace(client, people, publish_article):
    article = publish_article()
    client.force_login(people["region_admin"])

    download = client.post(
        url("translation_exchange"),
        {"language": "ar", "file_format": "xliff", "include": ["missing"]},
    )
    assert download["Content-Disposition"].startswith(
        'attachment; filename="waypoint-testville-ar-'
    )
    translated = fill_xliff(download.content, ARABIC)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url("translation_import"), {"file": SimpleUploadedFile("ar.xlf", translated)}
    )
    assert response.status_code == 302
    assert translation_services.translation_of(article, "ar").status == "translated"


def test_a_broken_import_lists_problems_by_line_and_changes_nothing(
    client, people, publish_article
):
    article = publish_article()
    client.force_login(people["region_admin"])
    data = exchange.export_xliff([article], language="ar", region=article.region).replace(
        b"<target", b"<targt", 1
    )

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url("translation_import"), {"file": SimpleUploadedFile("ar.xlf", data)})

    html = response.content.decode()
    assert "Nothing was imported" in html
    assert re.search(r"Line \d+: The file is not valid XML", html)
    assert translation_services.translation_of(article, "ar") is None


def test_the_overview_lists_items_in_review_at_a_fixed_query_cost(client, people, region):
    def submit(title: str) -> None:
        item = services.create_item(
            Article, region=region, organisation=people["editor"].memberships.get().organisation,
            data=article_data(title=title), author=people["editor"],
        )  # fmt: skip
        services.submit_for_review(item, user=people["editor"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url("dashboard"))
        assert page.status_code == 200
        return len(captured)

    client.force_login(people["reviewer"])
    submit("Erster Text")
    client.get(url("dashboard"))  # warm the per-process caches (content types)
    one = queries()
    for n in range(4):
        submit(f"Text {n}")

    assert queries() == one
    assert "Text 3" in client.get(url("dashboard")).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("editor", 200), ("statistics_manager", 200), ("translator", 403), ("ngo_admin", 403)],
)
def test_whoever_writes_content_may_preview_markdown(client, people, role, status):
    client.force_login(people[role])

    response = client.post(url("markdown_preview"), {"text": "**fett**"})

    assert response.status_code == status


def test_a_content_type_that_does_not_exist_is_not_found(client, people):
    client.force_login(people["editor"])

    assert client.get(url("content_list", type="nothing.here")).status_code == 404
    assert client.get(url("content_create", type="nothing.here")).status_code == 404
    assert client.get(url("coverage"), {"type": "nothing.here"}).status_code == 404
    response = client.get("/api/v1/editorial/items/nothing.here/1/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No editorial content type 'nothing.here'."}


@pytest.mark.parametrize(
    "query",
    [
        {"a": "99999999999999999999", "b": "1"},
        {"a": "1", "b": "-1"},
        {"a": "eins", "b": "1"},
        {"b": "1"},
    ],
)
def test_comparing_with_numbers_that_are_no_revisions_is_explained(
    client, people, publish_article, query
):
    article = publish_article()
    client.force_login(people["editor"])

    response = client.get("/de" + url("content_compare", type=TYPE, pk=article.pk)[3:], query)

    assert response.status_code == 400
    assert "muss eine ganze Zahl von 1 bis" in response.content.decode()
