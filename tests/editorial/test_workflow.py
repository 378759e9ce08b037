"""Revisions, review and publication of the original text."""

import pytest
from django.utils import translation

from apps.articles.models import Article
from apps.editorial import services
from apps.editorial.models import ItemStatus, RevisionState
from apps.editorial.queries import audit_trail
from tests.conftest import article_data


def test_a_new_article_is_a_draft_until_reviewed_and_published(people, authority, region, client):
    article = services.create_item(
        Article, region=region, organisation=authority, data=article_data(), author=people["editor"]
    )
    assert article.status == ItemStatus.DRAFT
    assert client.get(f"/de/information/{article.slug}/").status_code == 404

    services.submit_for_review(article, user=people["editor"])
    with pytest.raises(services.NotAllowed):
        services.publish(article, user=people["editor"])  # editors do not publish

    services.publish(article, user=people["reviewer"])

    article.refresh_from_db()
    assert article.status == ItemStatus.PUBLISHED
    assert article.title_de == "Wohnung anmelden"
    assert client.get(f"/de/information/{article.slug}/").status_code == 200


def test_under_four_eyes_an_author_who_reviews_may_not_publish_their_own_text(
    people, authority, region
):
    article = services.create_item(
        Article,
        region=region,
        organisation=authority,
        data=article_data(),
        author=people["region_admin"],
    )
    services.submit_for_review(article, user=people["region_admin"])

    with translation.override("en"), pytest.raises(services.WorkflowError, match="four eyes"):
        services.publish(article, user=people["region_admin"])


def test_under_four_eyes_a_draft_must_be_reviewed_first(people, authority, region):
    article = services.create_item(
        Article, region=region, organisation=authority, data=article_data(), author=people["editor"]
    )

    with pytest.raises(services.WorkflowError, match="review first"):
        services.publish(article, user=people["reviewer"])


def test_without_four_eyes_an_author_may_publish_their_own_draft(people, authority, region):
    region.four_eyes = False
    region.save()
    article = services.create_item(
        Article,
        region=region,
        organisation=authority,
        data=article_data(),
        author=people["region_admin"],
    )

    services.publish(article, user=people["region_admin"])

    article.refresh_from_db()
    assert article.status == ItemStatus.PUBLISHED


def test_editing_a_published_article_keeps_the_published_text_live(publish_article, people, client):
    article = publish_article()
    latest = services.latest_revision(article)

    services.save_draft(
        article,
        data=article_data(title="Neu: Wohnung anmelden"),
        author=people["editor"],
        base_number=latest.number,
    )

    article.refresh_from_db()
    assert article.title_de == "Wohnung anmelden"
    assert "Neu:" not in client.get(f"/de/information/{article.slug}/").content.decode()
    assert services.pending_revision(article).data["title"] == "Neu: Wohnung anmelden"


def test_sending_back_needs_a_comment_and_keeps_it(publish_article, people):
    article = publish_article()
    services.save_draft(
        article, data=article_data(body="Kurz."), author=people["editor"], base_number=1
    )
    services.submit_for_review(article, user=people["editor"])

    with pytest.raises(services.WorkflowError):
        services.send_back(article, user=people["reviewer"], comment="  ")
    revision = services.send_back(
        article, user=people["reviewer"], comment="Bitte Öffnungszeiten ergänzen."
    )

    assert revision.state == RevisionState.SENT_BACK
    assert revision.review_comment == "Bitte Öffnungszeiten ergänzen."


def test_concurrent_edits_are_detected(publish_article, people):
    article = publish_article()
    services.save_draft(
        article, data=article_data(title="Erste Änderung"), author=people["editor"], base_number=1
    )

    with pytest.raises(services.EditConflict) as conflict:
        services.save_draft(
            article,
            data=article_data(title="Zweite Änderung"),
            author=people["region_admin"],
            base_number=1,
        )

    assert conflict.value.latest.data["title"] == "Erste Änderung"
    assert services.latest_revision(article).data["title"] == "Erste Änderung"


def test_every_revision_is_kept_and_can_be_restored(publish_article, people):
    article = publish_article(title="Version eins")
    services.save_draft(
        article, data=article_data(title="Version zwei"), author=people["editor"], base_number=1
    )

    restored = services.restore(article, number=1, user=people["editor"], base_number=2)

    assert restored.number == 3
    assert restored.data["title"] == "Version eins"
    assert restored.restored_from == 1
    assert list(article.revisions.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_archived_articles_leave_the_portal(publish_article, people, client):
    article = publish_article()

    services.archive(article, user=people["reviewer"])

    assert client.get(f"/de/information/{article.slug}/").status_code == 404
    assert article.title_de not in client.get("/de/information/").content.decode()


def test_metadata_changes_go_through_review_too(publish_article, people, taxonomy):
    article = publish_article()
    services.save_draft(
        article,
        data=article_data(topics=[taxonomy["housing"]], valid_until="2030-01-01"),
        author=people["editor"],
        base_number=1,
    )
    assert not article.topics.exists()

    services.submit_for_review(article, user=people["editor"])
    services.publish(article, user=people["reviewer"])

    article.refresh_from_db()
    assert list(article.topics.all()) == [taxonomy["housing"]]
    assert str(article.valid_until) == "2030-01-01"


def test_every_step_is_audited(publish_article, people):
    article = publish_article()

    trail = [
        (event.action, event.actor.email)
        for event in audit_trail(article, viewer=people["reviewer"])
    ]
    assert trail == [
        ("published", "reviewer@example.org"),
        ("submitted", "editor@example.org"),
        ("created", "editor@example.org"),
    ]
