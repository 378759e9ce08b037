"""Organisations are read aloud too: their name, description and services, in each language of
the region as the organisations page shows them (the reader's text, else the fallback's), made
when the profile is saved, played on the organisations page, and listed per language for the
people who keep the profile."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import Organisation, OrganisationKind
from apps.speech import services
from apps.speech.engine import EspeakEngine
from apps.speech.models import Recording, Speed
from tests.speech.conftest import audio_path, decoded_length, recording_of, rms_amplitude
from tests.speech.test_recording import synthesised  # noqa: F401 - a fixture

GERMAN = {
    "name_de": "Helfende Hände",
    "description_de": "Wir beraten Neuankömmlinge kostenlos zu Wohnung und Arbeit.",
    "services_de": "Beratung zur Wohnungssuche\nHilfe bei Bewerbungen",
}
ARABIC = {
    "name_ar": "أيادي المساعدة",
    "description_ar": "نقدم المشورة المجانية للقادمين الجدد حول السكن والعمل.",
    "services_ar": "المساعدة في البحث عن سكن\nالمساعدة في طلبات العمل",
}


def profile(organisation: Organisation, **texts) -> Organisation:
    """The profile as the organisation keeps it: German only, then also in Arabic."""
    for field, value in texts.items():
        setattr(organisation, field, value)
    organisation.save()
    return organisation


def card_of(html: str, slug: str) -> str:
    """An organisation's card on the organisations page."""
    start = html.index(f'<li class="card" id="{slug}">')
    end = html.find('<li class="card"', start + 1)
    return html[start : end if end > 0 else len(html)]


def test_saving_the_profile_records_it_in_arabic_and_in_the_original_for_others(
    speech,
    ngo,
    media,
    django_capture_on_commit_callbacks,
    synthesised,  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        profile(ngo, name_en="", **GERMAN, **ARABIC)

    # Arabic readers hear the Arabic texts in the Arabic voice; Ukrainian readers (no
    # Ukrainian text) the German texts in the German voice, as the page shows them.
    arabic, ukrainian = recording_of(ngo, "ar"), recording_of(ngo, "uk")
    assert arabic.voice == EspeakEngine().voice("ar")
    assert ukrainian.voice == EspeakEngine().voice("de")
    assert ukrainian.key == recording_of(ngo, "de").key
    assert [section["key"] for section in arabic.sections] == ["main", "services"]
    assert arabic.sections[0]["title"] == ARABIC["name_ar"]
    assert arabic.sections[1]["language"] == "ar"
    for recording in (arabic, ukrainian):
        path = audio_path(recording, media)
        assert path.read_bytes()[:4] == b"OggS"
        assert abs(decoded_length(path) - recording.duration_ms / 1000) < 0.5
        assert decoded_length(path) > 2
        assert rms_amplitude(path) > 0.02
    # Two texts (Arabic, German) at three speeds.
    assert len(synthesised) == 6
    made = {row.pk: row.created_at for row in Recording.objects.filter(object_id=ngo.pk)}
    assert len(made) == len(ngo.region.enabled_languages) * 3

    # Saving the profile unchanged (a new phone number is not read) makes nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        profile(ngo, phone="+49 30 1234")

    assert len(synthesised) == 6
    assert {row.pk: row.created_at for row in Recording.objects.filter(object_id=ngo.pk)} == made

    # A changed Arabic description is recorded again for Arabic readers only.
    with django_capture_on_commit_callbacks(execute=True):
        profile(ngo, description_ar="نساعد في السكن.")

    assert len(synthesised) == 9
    assert recording_of(ngo, "ar").key != arabic.key
    assert recording_of(ngo, "uk").key == ukrainian.key


def test_an_organisation_switched_off_is_no_longer_read_and_its_files_go(
    speech, ngo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        profile(ngo, **GERMAN)
    assert Recording.objects.filter(object_id=ngo.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        profile(ngo, is_active=False)

    assert not Recording.objects.filter(object_id=ngo.pk, content_type__model="organisation")


def test_generate_speech_and_the_orphan_task_include_organisations(speech, ngo):
    profile(ngo, name_en="", **GERMAN)  # no commit: nothing queued
    assert not Recording.objects.filter(content_type__model="organisation").exists()

    outcome = services.record_region(ngo.region, only=["de", "ar"])

    assert outcome.made == 3  # German, for both (no Arabic text), at three speeds
    Organisation.objects.filter(pk=ngo.pk).update(is_active=False)
    assert services.remove_orphans()[0] == 6
    assert not Recording.objects.filter(content_type__model="organisation").exists()


def test_the_organisations_page_plays_each_organisation_right_to_left(
    client, ngo, authority, record
):
    profile(ngo, **GERMAN, **ARABIC)
    record(ngo, only=["ar"])
    arabic = recording_of(ngo, "ar")

    html = client.get("/ar/organisations/").content.decode()

    card = card_of(html, "helping-hands")
    assert (
        '<section class="read-aloud no-print" lang="ar" dir="rtl" '
        'aria-labelledby="read-aloud-title-helping-hands helping-hands-name" '
        'data-read-aloud="read-aloud-data-helping-hands">'
    ) in card
    assert f'src="/media/{arabic.key}"' in card
    assert 'id="read-aloud-data-helping-hands"' in card
    assert 'name="read-aloud-speed-helping-hands"' in card
    assert 'id="helping-hands-name"' in card
    # Each section can be listened from without the script: the services are headed.
    with translation.override("ar"):
        assert f"{translation.gettext('How it helps')}: " in card
    # The authority has no recording yet: its card says so, in Arabic.
    office = card_of(html, "city-office")
    with translation.override("ar"):
        preparing = translation.gettext(
            "The spoken version of this page is being prepared. Please come back in a few minutes."
        )
    assert preparing in office


def test_without_espeak_the_organisations_page_says_listening_is_unavailable(client, ngo, settings):
    settings.SPEECH_ESPEAK = "/nonexistent/espeak-ng"

    html = client.get("/de/organisations/").content.decode()

    assert "data-read-aloud" in html
    with translation.override("de"):
        assert (
            translation.gettext(
                "Listening is not available at the moment. Everything on this page can still "
                "be read."
            )
            in html
        )


def test_the_players_add_no_query_per_organisation(client, region, ngo, record):
    record(profile(ngo, **GERMAN), only=["ar"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/ar/organisations/").status_code == 200
        return len(queries)

    before = count()
    for number in range(4):
        other = Organisation.objects.create(
            region=region,
            slug=f"ngo-{number}",
            kind=OrganisationKind.NGO,
            name_de=f"Verein {number}",
            description_de="Wir helfen.",
        )
        if number % 2:
            record(other, only=["ar"])

    assert count() == before
    assert client.get("/ar/organisations/").content.decode().count("data-read-aloud=") == 5


def test_the_profile_page_shows_per_language_whether_migrants_can_listen(
    client, people, ngo, record
):
    record(profile(ngo, **GERMAN, **ARABIC), only=["ar"], speeds=(Speed.NORMAL,))
    client.force_login(people["ngo_admin"])

    states = dict(
        client.get(reverse("ngo:profile", kwargs={"org": ngo.slug})).context["read_aloud_states"]
    )

    by_code = {language.code: state for language, state in states.items()}
    assert by_code["ar"] == "ready"
    assert by_code["uk"] == "preparing"
    html = client.get(reverse("ngo:profile", kwargs={"org": ngo.slug})).content.decode()
    assert 'aria-labelledby="read-aloud-heading"' in html
    assert "Whether readers of each language can listen to this organisation" in html

    # The authority's page of the organisation shows the same.
    client.force_login(people["region_admin"])
    page = client.get(reverse("authority:organisation_edit", kwargs={"pk": ngo.pk}))
    assert dict(page.context["read_aloud_states"]) == states
