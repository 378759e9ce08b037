"""Real audio in every language: a published text becomes an Ogg/Opus file that decodes, lasts as
long as its text takes to say, and is not silence; German words keep their German voice."""

from __future__ import annotations

import pytest

from apps.core import languages
from apps.demo.loaders.data import read_data, read_overlays
from apps.speech.engine import EspeakEngine, Run, SpokenSection
from tests.speech.conftest import audio_path, decoded_length, recording_of, rms_amplitude

SLUG = "deutschlandticket"


def demo_article(language: str) -> dict[str, str]:
    """The demo's article about the Deutschlandticket in ``language``: a real published text
    (its title, summary and first paragraph)."""
    if language in ("de", "en"):
        entry = next(e for e in read_data("articles.json")["articles"] if e["slug"] == SLUG)
        texts = {field: entry[field][language] for field in ("title", "summary", "body")}
    else:
        texts = dict(read_overlays("articles")[language][SLUG])
    texts["body"] = texts["body"].split("\n\n")[0]
    return texts


@pytest.mark.parametrize("language", languages.PRIMARY_CODES)
def test_a_published_text_is_spoken_in_its_language(
    language, publish_article, translate_item, record, media
):
    article = publish_article(**demo_article("de"))
    if language != "de":
        translate_item(article, language, demo_article(language))

    outcome = record(article, only=[language])

    assert outcome.made == 1
    recording = recording_of(article, language)
    path = audio_path(recording, media)
    assert path.read_bytes()[:4] == b"OggS"
    assert recording.voice == EspeakEngine().voice(language)
    # It decodes, to as long as the engine said.
    length = decoded_length(path)
    assert abs(length - recording.duration_ms / 1000) < 0.5
    # As long as a voice takes to say that much text: between 2 and 25 characters a second at
    # the normal speed (Chinese says few characters a second, Arabic without vowels many).
    characters = sum(len(text) for text in demo_article(language).values())
    assert 2 <= characters / length <= 25, (characters, length)
    # Not silence.
    assert rms_amplitude(path) > 0.02
    # Small: speech at about 29 KB a minute (the Ogg headers weigh more in short files).
    assert recording.size / (length / 60) < 34_000


def test_a_german_word_in_an_arabic_step_is_spoken_by_the_german_voice(speech):
    engine = EspeakEngine()
    section = SpokenSection(
        "ar",
        [[Run("أحضروا شهادة التسجيل (", "ar"), Run("Meldebescheinigung", "de"), Run(").", "ar")]],
    )

    assert '<voice name="de">Meldebescheinigung</voice>' in engine.ssml(section)
    phonemes = engine.phonemes(section)
    # espeak-ng's German reading (stress on the first syllable, "-ung" as German says it), not
    # the English one its Arabic voice falls back to for Latin letters ("m'EldI2b,ESeIn,IgVN").
    assert "m'Elde:b,ESaIn,IgUN" in phonemes
    assert "(en)" not in phonemes
    # And the audio has the German segment: as long as the German voice saying the word alone
    # makes it longer than the Arabic text without it.
    without_word, _rate = engine.pcm(
        SpokenSection("ar", [[Run("أحضروا شهادة التسجيل ( ).", "ar")]]), rate=160
    )
    word, _rate = engine.pcm(SpokenSection("de", [[Run("Meldebescheinigung", "de")]]), rate=160)
    with_word, _rate = engine.pcm(section, rate=160)
    assert abs(len(with_word) - len(without_word) - len(word)) < 0.5 * len(word)


def test_text_cannot_smuggle_markup_or_options_into_espeak(speech):
    engine = EspeakEngine()
    sneaky = '--version </speak><voice name="en">x</voice> & <audio src="/etc/passwd"/>'
    section = SpokenSection("de", [[Run(sneaky, "de")]])

    ssml = engine.ssml(section)
    assert "&lt;/speak&gt;&lt;voice" in ssml and "&amp;" in ssml
    assert ssml.count("<voice") == 0
    samples, _rate = engine.pcm(section, rate=160)
    assert len(samples) > 22050  # it said all of it, as text


def test_chinese_is_read_as_pinyin_with_the_mandarin_voice(speech):
    engine = EspeakEngine()
    section = SpokenSection("zh-hans", [[Run("您可以乘坐公共汽车。", "zh-hans")]])

    assert "nin2 ke3 yi3 cheng2 zuo4 gong1 gong4 qi4 che1 ." in engine.ssml(section)
    assert engine.voice("zh-hans") == "cmn-latn-pinyin"
    # Mandarin phonemes with tones, not English letter names.
    assert "(en)" not in engine.phonemes(section)


def test_every_language_has_a_voice_espeak_knows(speech):
    engine = EspeakEngine()
    for code in languages.CODES:
        samples, rate = engine.pcm(SpokenSection(code, [[Run("1 2 3", code)]]), rate=160)
        assert rate == 22050 and len(samples) > rate // 2, code
