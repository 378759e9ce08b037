"""The workflow table is the one place transitions are decided: the services enforce it, and the
workspace pages and the staff API offer exactly what it allows."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from apps.articles.models import Article
from apps.editorial import services, workflow
from apps.editorial.models import ItemStatus, RevisionState
from tests.conftest import article_data

STAFF = ("editor", "reviewer", "region_admin", "translator", "statistics_manager")
HIDDEN_ACTION = re.compile(r'name="action" value="([a-z_]+)"')


def offered_on_page(client, user, item) -> set[str]:
    client.force_login(user)
    page = client.get(
        reverse("authority:content_detail", kwargs={"type": "articles.article", "pk": item.pk})
    )
    assert page.status_code == 200
    return set(HIDDEN_ACTION.findall(page.content.decode()))


@pytest.fixture
def article_in(people, authority, region, publish_article):
    """An article in each state the table distinguishes."""

    def make(stage: str) -> Article:
        if stage == "draft":
            return services.create_item(
                Article, region=region, organisation=authority, data=article_data(),
                author=people["editor"],
            )  # fmt: skip
        if stage == "in_review":
            article = make("draft")
            services.submit_for_review(article, user=people["editor"])
            return article
        if stage == "sent_back":
            article = make("in_review")
            services.send_back(article, user=people["reviewer"], comment="Kürzer, bitte.")
            return article
        article = publish_article()
        if stage == "archived":
            services.archive(article, user=people["reviewer"])
        article.refresh_from_db()
        return article

    return make


@pytest.mark.parametrize("stage", ["draft", "in_review", "sent_back", "published", "archived"])
@pytest.mark.parametrize("role", STAFF)
def test_the_item_page_offers_exactly_what_the_table_allows(
    client, people, article_in, stage, role
):
    article = article_in(stage)
    user = people[role]

    allowed = workflow.offered_names(workflow.state_of(article), user)

    buttons = offered_on_page(client, user, article)
    # The page's buttons are the table's transitions, minus "save" (a link to the edit page).
    assert buttons == allowed - {"save"}


def test_the_table_gives_each_role_its_steps_under_four_eyes(people, article_in):
    draft, review, live = article_in("draft"), article_in("in_review"), article_in("published")

    def names(item, role):
        return workflow.offered_names(workflow.state_of(item), people[role])

    assert names(draft, "editor") == {"save", "submit"}
    assert names(draft, "reviewer") == set()  # four eyes: a draft is submitted first
    assert names(review, "reviewer") == {"publish", "send_back"}
    assert names(review, "editor") == {"save"}
    assert names(live, "reviewer") == {"archive"}
    assert names(live, "editor") == {"save", "machine_translate"}
    assert names(live, "translator") == set()


def test_a_refused_step_changes_nothing(client, people, article_in):
    article = article_in("in_review")
    client.force_login(people["editor"])

    response = client.post(
        reverse("authority:content_action", kwargs={"type": "articles.article", "pk": article.pk}),
        {"action": "publish"},
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == ItemStatus.DRAFT
    assert services.pending_revision(article).state == RevisionState.IN_REVIEW


@pytest.mark.parametrize("number", ["abc", "", "99999999999999999999", "-1", "7"])
def test_restoring_a_bad_revision_number_explains_and_changes_nothing(
    client, people, article_in, number
):
    article = article_in("draft")
    client.force_login(people["editor"])

    response = client.post(
        reverse("authority:content_action", kwargs={"type": "articles.article", "pk": article.pk}),
        {"action": "restore", "number": number},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]]
    assert article.revisions.count() == 1


def test_the_staff_api_lists_the_steps_the_caller_may_take(client, people, article_in):
    article = article_in("in_review")
    client.force_login(people["reviewer"])

    data = client.get(f"/api/v1/editorial/items/articles.article/{article.pk}/").json()

    assert sorted(data["actions"]) == ["publish", "send_back"]
