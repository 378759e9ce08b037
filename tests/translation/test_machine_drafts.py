"""Machine drafts in the workflow: glossary words in drafts, failures shown on the item's page
with a way to try again, and the coverage page's bulk request with its progress page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.translation import services
from apps.translation.machine import MachineTranslationError, OfflineBackend
from apps.translation.models import MachineDraft, MachineDraftState, TranslationStatus


class Failing(OfflineBackend):
    def __init__(self, error):
        self.error = error

    def translate(self, texts, *, source, target):
        raise self.error


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return run


def item_page(article) -> str:
    return reverse(
        "authority:content_detail", kwargs={"type": "articles.article", "pk": article.pk}
    )


def test_a_draft_uses_the_glossarys_approved_translation_with_the_original_beside(
    publish_article, publish_term, people, run_tasks
):
    publish_term("Meldebescheinigung", ar=("شهادة التسجيل", "وثيقة من البلدية.", ""))
    publish_term("Bürgeramt", show_original=False, ar=("مكتب المواطنين", "مكتب في البلدية.", ""))
    publish_term("Kita")  # no Arabic version: left to the machine
    article = publish_article(
        body="Die Meldebescheinigung gibt es im Bürgeramt, nicht in der Kita."
    )

    run_tasks(
        lambda: services.request_machine_translation(
            article, languages=["ar"], user=people["editor"]
        )
    )

    draft = services.translation_of(article, "ar").draft["body"]
    assert draft == (
        "[ar] Die شهادة التسجيل (Meldebescheinigung) gibt es im مكتب المواطنين, nicht in der Kita."
    )


def test_a_failed_draft_is_shown_on_the_items_page_and_can_be_tried_again(
    publish_article, people, client, run_tasks, monkeypatch
):
    from apps.translation import tasks

    article = publish_article()
    monkeypatch.setattr(
        tasks,
        "get_backend",
        lambda: Failing(MachineTranslationError("unavailable", "HTTP 503", transient=True)),
    )
    run_tasks(
        lambda: services.request_machine_translation(
            article, languages=["ur"], user=people["editor"]
        )
    )

    request = MachineDraft.objects.get(object_id=article.pk, language="ur")
    assert request.state == MachineDraftState.FAILED  # tasks run in-process: no later try
    assert services.translation_of(article, "ur") is None
    client.force_login(people["editor"])
    page = client.get(item_page(article)).content.decode()
    assert "Machine draft failed for اردو: the translation service is unavailable" in page
    assert "Try again" in page

    monkeypatch.setattr(tasks, "get_backend", OfflineBackend)
    response = run_tasks(
        lambda: client.post(
            reverse(
                "authority:content_action", kwargs={"type": "articles.article", "pk": article.pk}
            ),
            {"action": "machine_translate", "languages": ["ur"]},
            follow=True,
        )
    )

    assert response.status_code == 200
    assert services.translation_of(article, "ur").status == TranslationStatus.MACHINE
    request.refresh_from_db()
    assert request.state == MachineDraftState.DONE
    assert "Machine draft failed" not in response.content.decode()


def test_a_language_the_service_lacks_fails_at_once_and_says_why(
    publish_article, people, client, run_tasks, monkeypatch
):
    from apps.translation import tasks

    article = publish_article()
    monkeypatch.setattr(
        tasks, "get_backend", lambda: Failing(MachineTranslationError("language", "ur"))
    )
    run_tasks(
        lambda: services.request_machine_translation(
            article, languages=["ur"], user=people["editor"]
        )
    )

    client.force_login(people["editor"])
    page = client.get(item_page(article)).content.decode()
    assert "the translation service does not offer this language" in page


def test_drafts_made_offline_say_they_are_not_translations(
    publish_article, people, client, run_tasks
):
    article = publish_article()
    run_tasks(
        lambda: services.request_machine_translation(
            article, languages=["uk"], user=people["editor"]
        )
    )

    client.force_login(people["editor"])
    page = client.get(item_page(article)).content.decode()
    assert "offline test backend: it marks the text and does not translate it" in page


def test_bulk_drafts_cover_every_missing_language_and_show_their_progress(
    publish_article, translate, people, client, region, run_tasks
):
    region.enabled_languages = ["de", "ar", "uk", "en"]
    region.save()
    first = publish_article(title="Wohnung anmelden")
    second = publish_article(title="Konto eröffnen")
    translate(first, "uk", title="Реєстрація житла")  # a person's work: left alone
    client.force_login(people["editor"])

    response = run_tasks(
        lambda: client.post(
            reverse("authority:machine_drafts"),
            {
                "action": "machine_translate",
                "type": "articles.article",
                "item": [str(first.pk), str(second.pk)],
            },
        )
    )

    assert response.status_code == 302
    progress = client.get(response["Location"]).content.decode()
    assert "5 of 5 language versions finished" in progress
    assert "all done" in progress
    assert services.translation_of(first, "uk").draft["title"] == "Реєстрація житла"
    for article, language in [(first, "ar"), (first, "en"), (second, "ar"), (second, "uk")]:
        assert services.translation_of(article, language).status == TranslationStatus.MACHINE


def test_bulk_drafts_report_failures_by_item(
    publish_article, people, client, region, run_tasks, monkeypatch
):
    from apps.translation import tasks

    region.enabled_languages = ["de", "ar"]
    region.save()
    article = publish_article(title="Wohnung anmelden")
    monkeypatch.setattr(tasks, "get_backend", lambda: Failing(MachineTranslationError("busy")))
    client.force_login(people["editor"])

    response = run_tasks(
        lambda: client.post(
            reverse("authority:machine_drafts"),
            {"action": "machine_translate", "type": "articles.article", "item": str(article.pk)},
            follow=True,
        )
    )

    page = response.content.decode()
    assert "1 of 1 language versions finished" in page
    assert "Wohnung anmelden" in page
    assert "the translation service is busy" in page


def test_bulk_drafts_with_nothing_missing_say_so(publish_article, people, client, region):
    region.enabled_languages = ["de"]
    region.save()
    article = publish_article()
    client.force_login(people["editor"])

    response = client.post(
        reverse("authority:machine_drafts"),
        {"action": "machine_translate", "type": "articles.article", "item": str(article.pk)},
        follow=True,
    )

    assert "Nothing to request" in response.content.decode()
    assert not MachineDraft.objects.exists()


@pytest.mark.parametrize("role", ["translator", "ngo_admin", "foreign_region_admin"])
def test_only_editors_of_the_region_request_bulk_drafts(
    publish_article, people, client, role, run_tasks
):
    article = publish_article()
    client.force_login(people[role])

    run_tasks(
        lambda: client.post(
            reverse("authority:machine_drafts"),
            {"action": "machine_translate", "type": "articles.article", "item": str(article.pk)},
        )
    )

    assert not MachineDraft.objects.exists()


def test_a_broker_outage_in_bulk_tells_the_editor_at_once(
    publish_article, people, client, monkeypatch
):
    from kombu.exceptions import OperationalError

    from apps.translation import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(tasks.machine_translate, "delay", broker_down)
    article = publish_article()
    client.force_login(people["editor"])

    response = client.post(
        reverse("authority:machine_drafts"),
        {"action": "machine_translate", "type": "articles.article", "item": str(article.pk)},
        follow=True,
    )

    assert "Machine translation is not available right now" in response.content.decode()
    assert MachineDraft.objects.get().reason == "queue"


def test_a_batch_of_another_region_is_not_shown(people, client, other_region):
    from apps.translation.models import MachineDraftBatch

    batch = MachineDraftBatch.objects.create(region=other_region)
    client.force_login(people["editor"])

    response = client.get(reverse("authority:machine_draft_progress", kwargs={"batch": batch.pk}))

    assert response.status_code == 404


def test_the_coverage_page_offers_the_bulk_request_to_editors_only(publish_article, people, client):
    article = publish_article()
    url = reverse("authority:coverage") + "?type=articles.article"

    client.force_login(people["editor"])
    page = client.get(url).content.decode()
    assert f'name="item" value="{article.pk}"' in page
    assert "Machine drafts for the missing languages of the chosen items" in page

    client.force_login(people["translator"])
    page = client.get(url).content.decode()
    assert 'name="item"' not in page
