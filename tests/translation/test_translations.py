"""Per-language state: missing, in progress, machine draft, translated, published, outdated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.articles.models import Article
from apps.translation import services
from apps.translation.models import CoverageState, TranslationStatus
from apps.translation.queries import coverage_rows, coverage_summary, translator_queue


def states(article, *codes):
    return dict(coverage_rows(Article.objects.filter(pk=article.pk), list(codes))[0].states)


def test_states_follow_the_work(publish_article, people):
    article = publish_article()
    assert states(article, "ar") == {"ar": CoverageState.MISSING}

    services.save_translation(
        article,
        language="ar",
        texts={"title": "تسجيل"},
        user=people["translator"],
        base_version=None,
        done=False,
    )
    assert states(article, "ar") == {"ar": CoverageState.IN_PROGRESS}

    services.save_translation(
        article, language="ar", texts={"title": "تسجيل السكن", "summary": "ملخص", "body": "نص"},
        user=people["translator"], base_version=1, done=True,
    )  # fmt: skip
    assert states(article, "ar") == {"ar": CoverageState.TRANSLATED}

    services.publish_translation(article, language="ar", user=people["reviewer"])
    assert states(article, "ar") == {"ar": CoverageState.PUBLISHED}


def test_a_source_change_makes_translations_outdated_by_fingerprint(
    publish_article, translate, people, revise
):
    article = publish_article()
    translate(article, "ar")
    translate(article, "uk")

    revise(article, body="## Termin\nBuchen Sie online einen Termin.")

    assert states(article, "ar", "uk") == {
        "ar": CoverageState.OUTDATED,
        "uk": CoverageState.OUTDATED,
    }


def test_spacing_changes_do_not_outdate_translations(publish_article, translate, people, revise):
    article = publish_article()
    translate(article, "ar")

    revise(article, body="## Termin  \r\nBuchen  Sie einen Termin. ")

    assert states(article, "ar") == {"ar": CoverageState.PUBLISHED}


def test_republishing_an_updated_translation_makes_it_current_again(
    publish_article, translate, people, revise
):
    article = publish_article()
    translate(article, "ar")
    revise(article, title="Neuer Titel")

    translate(article, "ar", title="عنوان جديد")

    assert states(article, "ar") == {"ar": CoverageState.PUBLISHED}


def test_translators_cannot_publish_their_own_work_under_four_eyes(publish_article, people):
    article = publish_article()
    services.save_translation(
        article, language="ar", texts={"title": "t", "summary": "s", "body": "b"},
        user=people["region_admin"], base_version=None, done=True,
    )  # fmt: skip

    with pytest.raises(services.WorkflowError, match="four eyes"):
        services.publish_translation(article, language="ar", user=people["region_admin"])


def test_marking_done_needs_every_required_field(publish_article, people):
    article = publish_article()

    with pytest.raises(services.WorkflowError):
        services.save_translation(
            article,
            language="ar",
            texts={"title": "t"},
            user=people["translator"],
            base_version=None,
            done=True,
        )


def test_the_source_language_is_not_translated(publish_article, people):
    article = publish_article()

    with pytest.raises(services.WorkflowError):
        services.save_translation(
            article,
            language="de",
            texts={"title": "x"},
            user=people["translator"],
            base_version=None,
            done=False,
        )


def test_concurrent_translation_saves_are_detected(publish_article, people):
    article = publish_article()
    services.save_translation(
        article,
        language="ar",
        texts={"title": "أ"},
        user=people["translator"],
        base_version=None,
        done=False,
    )

    services.save_translation(
        article,
        language="ar",
        texts={"title": "ب"},
        user=people["region_admin"],
        base_version=1,
        done=False,
    )
    with pytest.raises(services.TranslationConflict) as conflict:
        services.save_translation(
            article,
            language="ar",
            texts={"title": "ج"},
            user=people["translator"],
            base_version=1,
            done=False,
        )

    assert conflict.value.current.draft["title"] == "ب"


def test_machine_drafts_are_made_by_a_task_and_never_replace_human_work(
    publish_article, translate, people, django_capture_on_commit_callbacks
):
    article = publish_article(title="Wohnung anmelden")
    translate(article, "uk", title="Реєстрація житла")

    with django_capture_on_commit_callbacks(execute=True):
        services.request_machine_translation(article, languages=["ar", "uk"], user=people["editor"])

    machine = services.translation_of(article, "ar")
    assert machine.status == TranslationStatus.MACHINE
    assert machine.draft["title"] == "[ar] Wohnung anmelden"  # the offline test backend
    assert services.translation_of(article, "uk").draft["title"] == "Реєстрація житла"


def test_machine_drafts_are_not_shown_unless_the_region_publishes_them(
    publish_article, people, region, client, django_capture_on_commit_callbacks
):
    article = publish_article()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_machine_translation(article, languages=["ar"], user=people["editor"])
    assert "[ar]" not in client.get(f"/ar/information/{article.slug}/").content.decode()

    region.publish_machine_translations = True
    region.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_machine_translation(article, languages=["ar"], user=people["editor"])

    html = client.get(f"/ar/information/{article.slug}/").content.decode()
    assert "[ar] Wohnung anmelden" in html
    assert "language-notice--machine" in html


def test_coverage_matrix_costs_the_same_queries_for_3_or_30_items(
    publish_article, translate, people, region
):
    def count(codes):
        with CaptureQueriesContext(connection) as queries:
            rows = coverage_rows(Article.objects.filter(region=region), codes)
            coverage_summary(Article.objects.filter(region=region), codes)
        assert rows
        return len(queries)

    codes = ["ar", "uk", "zh-hans", "fa-af", "ur"]
    for index in range(3):
        translate(publish_article(title=f"Artikel {index}"), "ar")
    few = count(codes)
    for index in range(27):
        publish_article(title=f"Mehr {index}")
    assert count(codes) == few == 4


def test_translator_queue_lists_their_languages_outdated_first(
    publish_article, translate, people, region, revise
):
    current = publish_article(title="Aktuell")
    translate(current, "ar")
    changed = publish_article(title="Geändert")
    translate(changed, "ar")
    revise(changed, title="Geändert!")

    queue = translator_queue(region, ["ar", "uk"])

    assert (queue[0].item, queue[0].language, queue[0].state) == (
        changed,
        "ar",
        CoverageState.OUTDATED,
    )
    assert {(entry.item, entry.language) for entry in queue} == {
        (changed, "ar"),
        (changed, "uk"),
        (current, "uk"),
    }


def test_a_broker_outage_is_reported_and_changes_nothing(publish_article, people, monkeypatch):
    from kombu.exceptions import OperationalError

    from apps.translation import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.machine_translate, "delay", broker_down)
    article = publish_article()

    with pytest.raises(services.WorkflowError, match="not available right now"):
        services.request_machine_translation(article, languages=["ar"], user=people["editor"])

    assert services.translation_of(article, "ar") is None
