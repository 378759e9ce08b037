"""Recordings follow publication: made after each change, once per distinct text, never served
outdated, forgotten with their item; a region can switch them off per language; without
espeak-ng nothing breaks and readers are told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from apps.editorial import services as workflow
from apps.speech import services
from apps.speech.engine import EspeakEngine
from apps.speech.models import Recording, Speed
from apps.speech.scripts import script_for, spoken
from apps.translation.reader import language_version
from tests.authority.test_region_and_people import region_form_data
from tests.speech.conftest import audio_path, recording_of


@pytest.fixture
def synthesised(monkeypatch):
    """Counts how often the engine really synthesises."""
    calls = []
    render = EspeakEngine.render

    def counting(self, sections, *, rate):
        calls.append(rate)
        return render(self, sections, rate=rate)

    monkeypatch.setattr(EspeakEngine, "render", counting)
    return calls


def test_publishing_records_each_language_and_speed_once_per_text(
    speech, publish_article, translate, django_capture_on_commit_callbacks, synthesised, region
):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish_article(
            title="Abfall trennen", summary="Gelb, blau, braun.", body="Jede Farbe hat ihre Tonne."
        )

    # Every language is read aloud; all but German show the German original, so they share
    # its three files (one a speed): three syntheses in all.
    assert len(synthesised) == 3
    rows = Recording.objects.filter(object_id=article.pk)
    assert rows.count() == len(region.enabled_languages) * 3
    assert {row.key for row in rows.filter(speed=Speed.NORMAL)} == {recording_of(article, "de").key}
    german = recording_of(article, "de")

    with django_capture_on_commit_callbacks(execute=True):
        translate(
            article, "ar", title="فرز النفايات", summary="أصفر، أزرق، بني.", body="لكل لون حاويته."
        )

    # Only the Arabic text is new: three more syntheses; the German recordings are untouched.
    assert len(synthesised) == 6
    assert recording_of(article, "ar").voice == "ar"
    assert recording_of(article, "de").created_at == german.created_at
    assert recording_of(article, "uk").key == german.key


def test_an_outdated_recording_is_never_offered(client, publish_article, revise, record, media):
    article = publish_article(title="Abfall trennen", summary="Gelb und blau.", body="")
    record(article)
    old = recording_of(article, "de")
    assert old.key in client.get("/de/information/abfall-trennen/").content.decode()

    revise(
        article, title="Abfall trennen", summary="Gelb, blau und braun.", body=""
    )  # not recorded yet

    page = client.get("/de/information/abfall-trennen/").content.decode()
    assert old.key not in page
    assert "<audio" not in page
    assert "Die gesprochene Fassung dieser Seite wird vorbereitet." in page
    record(article)
    assert (
        recording_of(article, "de").key
        in client.get("/de/information/abfall-trennen/").content.decode()
    )


def test_archived_items_are_forgotten_and_their_files_removed(
    publish_article, people, record, media, django_capture_on_commit_callbacks
):
    article = publish_article(title="Alt", summary="Bald weg.", body="")
    record(article)
    path = audio_path(recording_of(article, "de"), media)
    keep = publish_article(title="Bleibt", summary="Noch lange da.", body="")
    record(keep)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.archive(article, user=people["reviewer"])

    assert not Recording.objects.filter(object_id=article.pk).exists()
    assert path.exists()  # another process may still be sending it; the daily task removes it
    assert services.remove_orphans() == (0, 0)  # too new to be an orphan
    later = timezone.now() + services.ORPHAN_GRACE + dt.timedelta(minutes=1)
    assert services.remove_orphans(now=later) == (0, 1)
    assert not path.exists()
    assert audio_path(recording_of(keep, "de"), media).exists()


def test_a_recording_of_a_language_switched_off_is_an_orphan(publish_article, record, region):
    article = publish_article(title="Ruhe", summary="Nicht vorlesen.", body="")
    record(article, only=["de", "ur"])
    region.read_aloud_off = ["ur"]
    region.save()

    assert services.remove_orphans()[0] == 1
    assert not Recording.objects.filter(language="ur").exists()


def test_without_espeak_the_portal_works_and_says_listening_is_unavailable(
    client, settings, publish_article, django_capture_on_commit_callbacks
):
    settings.SPEECH_ESPEAK = "/nowhere/espeak-ng"
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(title="Abfall trennen", summary="Gelb und blau.", body="")

    assert not Recording.objects.exists()
    page = client.get("/ar/information/abfall-trennen/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<audio" not in html and "data-read-aloud-controls" not in html
    with translation.override("ar"):
        message = translation.gettext(
            "Listening is not available at the moment. Everything on this page can still be read."
        )
    assert message in html and message.isascii() is False
    with pytest.raises(CommandError, match="espeak-ng"):
        call_command("generate_speech")


def test_a_region_switches_read_aloud_off_and_on_per_language(
    client, people, region, publish_article, record, django_capture_on_commit_callbacks
):
    article = publish_article(title="Abfall trennen", summary="Gelb und blau.", body="")
    record(article, only=["de", "ar", "ur"])
    client.force_login(people["region_admin"])

    response = client.post(
        reverse("authority:region"), region_form_data(region, read_aloud_off=["ur"])
    )

    assert response.status_code == 302
    region.refresh_from_db()
    assert region.read_aloud_off == ["ur"]
    assert "data-read-aloud" not in client.get("/ur/information/abfall-trennen/").content.decode()
    assert "data-read-aloud" in client.get("/ar/information/abfall-trennen/").content.decode()

    Recording.objects.filter(language="ur").delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("authority:region"), region_form_data(region, read_aloud_off=[]))

    # Switched on again: Urdu readers' recordings are made (by the worker) right away (of the
    # organisations too: tests/speech/test_organisations.py).
    urdu = Recording.objects.filter(object_id=article.pk, language="ur")
    assert urdu.filter(content_type__model="article").count() == 3


def test_generate_speech_makes_what_is_missing_and_nothing_twice(publish_article, speech):
    publish_article(title="Abfall trennen", summary="Gelb und blau.", body="")

    call_command("generate_speech", "--language", "de", stdout=(first := _Output()))
    call_command("generate_speech", "--language", "de", stdout=(second := _Output()))

    assert "3 made" in first.text
    assert "0 made, 0 shared, 3 already current" in second.text


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_german_words_in_other_languages_get_the_german_voice(
    publish_article, translate, publish_term, region
):
    publish_term("Bürgeramt", variants="Bürgeramts")
    article = publish_article(
        title="Anmelden", summary="Im Bürgeramt.", body="Bringen Sie Ihren Pass mit."
    )
    translate(
        article,
        "en",
        title="Registering",
        summary="Go to the Bürgeramt (citizens' office).",
        body="Bring your passport.",
    )
    translate(
        article,
        "ar",
        title="التسجيل",
        summary="في مكتب المواطنين (Bürgeramt Mitte).",
        body="أحضروا جواز السفر.",
    )
    article = services.items_to_record(type(article)).get(pk=article.pk)
    finder = services.glossary_finder(region)

    def runs(code):
        script = script_for(article, language_version(article, code))
        return [
            (run.text, run.language)
            for _section, section in spoken(article, script, finder=finder)
            for paragraph in section.paragraphs
            for run in paragraph
        ]

    # In English the glossary knows the word; in Arabic any Latin run is the original's.
    assert ("Bürgeramt", "de") in runs("en")
    assert ("Go to the", "en") in runs("en")
    assert ("Bürgeramt Mitte", "de") in runs("ar")
    assert all(language == "de" for _text, language in runs("de"))
