"""Easy German for readers: its own address and menu entry, German to browsers and language
tools, and the standard German text with a notice where no easy version exists yet."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from apps.core.models import Region
from apps.speech.engine import EspeakEngine

EASY = {
    "title": "Wohnung anmelden",
    "summary": "Sie wohnen neu hier. Dann melden Sie Ihre Wohnung an.",
    "body": "## Termin\nSie brauchen einen Termin. Danach bekommen Sie die Meldebescheinigung.",
}


def test_easy_german_has_its_own_address_but_is_german_to_the_browser(client, region):
    html = client.get("/de-easy/").content.decode()

    assert '<html lang="de" dir="ltr">' in html
    assert 'class="easy-language-marker"' in html
    assert "Deutsch – einfach" in html
    # The way back to the standard version of the same page.
    assert 'href="/i18n/switch/?lang=de&amp;next=/de-easy/"' in html


def test_the_menu_offers_it_under_the_regions_name_for_it(client, region):
    region.easy_language_label = "Einfache Sprache"
    region.save()

    html = client.get("/en/").content.decode()

    assert 'hreflang="de"' in html
    assert ">Einfache Sprache</a>" in html
    assert "Deutsch – einfach" not in html


def test_regions_without_it_do_not_offer_it(client, region):
    region.enabled_languages = [code for code in region.enabled_languages if code != "de-easy"]
    region.save()

    assert "Deutsch – einfach" not in client.get("/en/").content.decode()


def test_no_easy_version_offers_standard_german_with_a_notice(client, publish_article):
    article = publish_article()

    html = client.get(f"/de-easy/information/{article.slug}/").content.decode()

    assert '<article lang="de" dir="ltr">' in html
    assert "Wohnung anmelden" in html
    with translation.override("de-easy"):
        notice = gettext(
            "There is no easy-language version of this text yet. Here it is in standard "
            "language (%(shown)s)."
        ) % {"shown": "Deutsch"}
    assert notice in html
    assert "Diesen Text gibt es noch nicht in einfacher Sprache" in notice  # German UI strings


def test_the_easy_version_is_shown_without_notice_and_marks_german_glossary_terms(
    client, publish_article, translate_item, publish_term
):
    publish_term("Meldebescheinigung", "Ein Papier vom Bürgeramt.")
    article = publish_article()
    translate_item(article, "de-easy", EASY)

    html = client.get(f"/de-easy/information/{article.slug}/").content.decode()

    assert "Sie brauchen einen Termin." in html
    assert "language-notice" not in html
    assert '<article lang="de" dir="ltr">' in html
    assert 'class="term"' in html and "Ein Papier vom Bürgeramt." in html
    # Standard German readers still get the original.
    assert (
        "Buchen Sie einen Termin."
        in client.get(f"/de/information/{article.slug}/").content.decode()
    )


def test_a_variant_is_offered_only_of_the_source_language(region):
    region.source_language = "en"
    region.enabled_languages = ["en", "de", "de-easy"]

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert "easy-language version" in str(error.value)


def test_the_source_language_cannot_be_a_variant():
    field = Region._meta.get_field("source_language")
    assert "de-easy" not in dict(field.choices)


def test_read_aloud_uses_the_german_voice():
    assert EspeakEngine().voice("de-easy") == "de"
